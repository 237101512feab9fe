"""Find a template layout's tables in a workbook by name, and read their rows.

Everything is found by role, never by position:

* the workbook's family and template version come from its marker (the
  defined name :data:`~xlsrc.workbooks.layouts.MARKER_NAME`), else - a
  version 1 workbook - from the names of its Excel Tables;
* each data table is the Excel Table named in the layout; its rows are the
  Table's body, wherever a user moved, grew or shrank it;
* each column is the Table column whose name is the layout's header in any
  of the catalogue's languages (a Swedish workbook is read like a Finnish
  one); a column a newer template added is optional in an older workbook,
  any other missing column is reported where its header belongs;
* stated totals are the summary Table's "(ilmoitettu)" row (version 2), or
  where version 1 kept them: two rows under the table, or the pivot's last row;
* rules blocks and settings are the rules sheet's Tables, by name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from xlsrc.core.a1 import cell_name
from xlsrc.core.errors import InvalidRule, UnusableInput
from xlsrc.core.schemes import StatusScheme
from xlsrc.core.text import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    Language,
    Msg,
    Text,
    language_of,
    located,
    renderings,
    translate,
)
from xlsrc.reading.source import CellValue, TableRef, WorkbookSource
from xlsrc.workbooks.layouts import (
    LANGUAGE_SETTING,
    LAYOUTS,
    MARKER_NAME,
    RULES_BLOCKS,
    SCHEMES,
    SETTINGS_TABLE,
    WORKBOOKS,
    Column,
    TableLayout,
    WorkbookLayout,
    language_setting,
)


class NotATemplate(UnusableInput):
    """A readable workbook that is not one of the xlsrc templates (nothing to check)."""


class UnknownLanguage(UnusableInput):
    """A "Kieli" setting that names none of the languages xlsrc writes in ("suomii")."""


def norm(value: object) -> str:
    """Header comparison form: NFC, single spaces, case-folded."""
    text = unicodedata.normalize("NFC", str(value if value is not None else ""))
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Identified:
    layout: WorkbookLayout
    version: int


def identify(source: WorkbookSource) -> Identified:
    """The layout and template version of ``source``; :class:`NotATemplate` if none fits."""
    marker = source.defined_names().get(MARKER_NAME)
    if marker is not None:
        family, _, version = marker.strip().strip('"').partition(":")
        for layout in LAYOUTS:
            if layout.key == family and version.isdigit():
                return Identified(layout, int(version))
    names = {norm(n) for n in source.tables()}
    scored = [(sum(norm(t.name) in names for t in w.tables), w) for w in WORKBOOKS]
    best, layout = max(scored, key=lambda pair: pair[0])
    if best:
        return Identified(layout, 1)
    known = "; ".join(w.file_name for w in WORKBOOKS)
    raise NotATemplate(
        Msg(
            "{name}: ei ole xlsrc-mallin työkirja (ei mallin tunnistetta eikä sen taulukoita); "
            "tunnetut mallit: {known}",
            name=source.name,
            known=known,
        )
    )


def find_table(source: WorkbookSource, name: str) -> TableRef | None:
    wanted = norm(name)
    for table_name, ref in source.tables().items():
        if norm(table_name) == wanted:
            return ref
    return None


@dataclass(frozen=True)
class LocatedColumn:
    column: Column
    index: int
    """Sheet column (1-based)."""


@dataclass(frozen=True)
class LocatedTable:
    """A layout table as found in one workbook."""

    layout: TableLayout
    ref: TableRef
    version: int
    columns: Mapping[str, LocatedColumn]
    missing: tuple[Column, ...]
    """Input columns the workbook should have and lacks (optional newer ones left out)."""

    @property
    def sheet(self) -> str:
        return self.ref.sheet

    def where(self, key: str, row: int) -> str:
        return cell_name(row, self.columns[key].index)

    def language(self, preferred: Language) -> Language:
        """The language the template wrote this table in: the one whose column names its
        Excel Table has most of (``preferred`` on a tie, e.g. "TB 2023" in every language).

        Its formulas compare words in that language ("Tulot", "2. Etenee suunnitellusti")
        whatever the "Kieli" setting says now: Kieli chooses the language xlsrc writes in,
        and changing it translates no formula.
        """
        names = {norm(name) for name in self.ref.columns}

        def matches(language: Language) -> int:
            return sum(norm(translate(c.header, language)) in names for c in self.layout.columns)

        ordered = (preferred, *(other for other in LANGUAGES if other != preferred))
        return max(ordered, key=matches)

    def header_cell(self, column: Column) -> str:
        """Where ``column``'s header is, or would be (after the table's last column)."""
        if column.key in self.columns:
            return cell_name(self.ref.header_row, self.columns[column.key].index)
        order = [c.key for c in self.layout.columns]
        index = self.ref.first_col + order.index(column.key)
        return cell_name(self.ref.header_row, min(index, self.ref.last_col + 1))


def locate(source: WorkbookSource, layout: TableLayout, version: int) -> LocatedTable | None:
    """``layout``'s table in ``source`` (None when the workbook has no such Table)."""
    ref = find_table(source, layout.name)
    if ref is None:
        return None
    by_name = {norm(name): ref.first_col + i for i, name in enumerate(ref.columns)}
    found: dict[str, LocatedColumn] = {}
    missing: list[Column] = []
    for column in layout.columns:
        index = next((by_name[norm(h)] for h in column.headers if norm(h) in by_name), None)
        if index is not None:
            found[column.key] = LocatedColumn(column, index)
        elif not column.is_computed and column.since <= version:
            missing.append(column)
    return LocatedTable(layout, ref, version, found, tuple(missing))


@dataclass(frozen=True, slots=True)
class TableRow:
    """One body row: its sheet row and the raw values of the located columns."""

    row: int
    values: Mapping[str, CellValue]
    kind: str = "data"

    def is_blank(self, keys: Sequence[str]) -> bool:
        return all(_blank(self.values.get(k)) for k in keys)


def _blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_rows(
    source: WorkbookSource, table: LocatedTable, inputs_only: bool = False
) -> list[TableRow]:
    """The table's body rows that hold any input (unused rows are skipped).

    A version 1 pivot kept its stated "Kaikki yhteensä" as its last row; that
    row is the stated total (:func:`stated_total`), not a body row.  With
    ``inputs_only`` the columns right of the last input column (computed ones:
    validation recomputes, it does not read them) are left unread and absent.
    """
    ref = table.ref
    if ref.body_last < ref.body_first:
        return []
    inputs = [c.key for c in table.layout.input_columns if c.key in table.columns]
    last_col = ref.last_col
    if inputs_only and inputs:
        last_col = min(last_col, max(table.columns[key].index for key in inputs))
    block = source.values(ref.sheet, ref.body_first, ref.body_last, ref.first_col, last_col)
    width = last_col - ref.first_col + 1
    offsets = [
        (key, located.index - ref.first_col)
        for key, located in table.columns.items()
        if located.index - ref.first_col < width
    ]
    rows = []
    for offset, values in enumerate(block):
        if len(values) >= width:
            picked = {key: values[at] for key, at in offsets}
        else:  # a source that stops at its last cell
            picked = {key: values[at] for key, at in offsets if at < len(values)}
        row = TableRow(ref.body_first + offset, picked)
        if not row.is_blank(inputs) and not _is_v1_pivot_total(table, row):
            rows.append(row)
    return rows


#: how far under a Table a run of typed rows is followed (a block that long is a table)
_BELOW_LIMIT = 1000


def rows_below(source: WorkbookSource, table: LocatedTable) -> list[TableRow]:
    """Rows typed directly under a version 2 Table that are not part of it (or of any Table).

    Excel grows a Table over a row typed right below it; LibreOffice does not, and
    the row's numbers then count in no total, no pivot and no status.  Reading
    only the Table's body would leave them out without a word, so every reader
    asks for them: the run of non-blank rows (in the Table's columns) that starts
    on the row under the Table, ending at the first blank row or another Table.
    Version 1 kept its stated totals under the table, so it has no such rows.
    """
    ref = table.ref
    if table.version < 2:
        return []
    others = [t for t in source.tables().values() if t.sheet == ref.sheet and t != ref]
    last_row, _ = source.bounds(ref.sheet)
    end = min(last_row, ref.last_row + _BELOW_LIMIT)
    if end <= ref.last_row:
        return []
    block = source.values(ref.sheet, ref.last_row + 1, end, ref.first_col, ref.last_col)
    found = []
    for offset, values in enumerate(block):
        row_number = ref.last_row + 1 + offset
        inside = any(
            t.first_row <= row_number <= t.last_row
            and t.first_col <= ref.last_col
            and ref.first_col <= t.last_col
            for t in others
        )
        if inside:
            break  # another Table below: what follows is its own
        if all(_blank(v) for v in values):
            continue  # a blank row does not end it: a row typed after a gap counts nowhere too
        picked = {
            key: values[located.index - ref.first_col]
            for key, located in table.columns.items()
            if located.index - ref.first_col < len(values)
        }
        found.append(TableRow(row_number, picked, "below"))
    return found


def _is_v1_pivot_total(table: LocatedTable, row: TableRow) -> bool:
    totals = table.layout.totals
    if totals is None or table.version >= 2 or totals.v1_placement != "last_row":
        return False
    label = table.layout.label_column.key
    return norm(row.values.get(label)) in {norm(text) for text in renderings(totals.label)}


@dataclass(frozen=True)
class StatedTotal:
    """The stated total row: its sheet and row, and the cells of the totalled columns."""

    sheet: str
    row: int
    cells: Mapping[str, tuple[str, CellValue]]
    """Column key -> (A1 address, value)."""


def stated_total(source: WorkbookSource, table: LocatedTable) -> StatedTotal | None:
    """Where the table's stated total is, by version; None if the workbook has none."""
    totals = table.layout.totals
    if totals is None:
        return None
    if table.version >= 2:
        return _total_from_block(source, table)
    ref = table.ref
    if totals.v1_placement == "last_row":
        row = ref.body_last
    else:
        row = ref.last_row + 2
    values = source.values(ref.sheet, row, row, ref.first_col, ref.last_col)[0]
    cells = {
        key: (table.where(key, row), values[table.columns[key].index - ref.first_col])
        for key in totals.columns
        if key in table.columns
    }
    return StatedTotal(ref.sheet, row, cells)


def _total_from_block(source: WorkbookSource, table: LocatedTable) -> StatedTotal | None:
    totals = table.layout.totals
    assert totals is not None
    block = find_table(source, totals.name)
    if block is None:
        return None
    values = source.values(
        block.sheet, block.body_first, block.body_last, block.first_col, block.last_col
    )
    wanted = {norm(text) for text in totals.stated.renderings()}
    headers = {norm(h): i for i, h in enumerate(block.columns)}
    for offset, row_values in enumerate(values):
        if not row_values or norm(row_values[0]) not in wanted:
            continue
        row = block.body_first + offset
        cells = {}
        for key in totals.columns:
            found = [norm(h) for h in table.layout.column(key).headers if norm(h) in headers]
            index = headers[found[0]] if found else None
            if index is not None and index < len(row_values):
                cells[key] = (cell_name(row, block.first_col + index), row_values[index])
        return StatedTotal(block.sheet, row, cells)
    return None


# --- the rules sheet ------------------------------------------------------------------


@dataclass(frozen=True)
class RulesRead:
    """The schemes in force (the workbook's, else built in) and what could not be used."""

    schemes: Mapping[str, StatusScheme]
    problems: tuple[tuple[str, str, str], ...] = ()
    """(sheet, cell, message) of each rules block that cannot be used."""
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Scheme key -> the names it goes by (title, Table name), for settings that name one."""


def block_rows(source: WorkbookSource, ref: TableRef) -> list[list[CellValue]]:
    if ref.body_last < ref.body_first:
        return []
    return source.values(ref.sheet, ref.body_first, ref.body_last, ref.first_col, ref.last_col)


def read_schemes(source: WorkbookSource) -> RulesRead:
    """Every scheme block of the rules sheet, found by its Table name."""
    schemes: dict[str, StatusScheme] = dict(SCHEMES)
    problems: list[tuple[str, str, str]] = []
    names: dict[str, tuple[str, ...]] = {}
    for block in RULES_BLOCKS:
        if block.key not in SCHEMES:
            continue
        names[block.key] = (
            *renderings(SCHEMES[block.key].name),
            block.name,
            *renderings(block.title),
        )
        ref = find_table(source, block.name)
        if ref is None:
            continue
        try:
            schemes[block.key] = StatusScheme.from_rows(
                block_rows(source, ref), block.key, SCHEMES[block.key].name
            )
        except InvalidRule as error:
            cell = cell_name(ref.header_row, ref.first_col)
            problems.append((ref.sheet, cell, str(error)))
    return RulesRead(schemes, tuple(problems), names)


def read_settings(source: WorkbookSource) -> dict[str, tuple[CellValue, str]]:
    """The settings Table: setting name (normalised) -> (value, "Sheet!A1" of the value).

    A setting named in another language of the catalogue ("Språk", "Organisation")
    is also found under its Finnish name, which is what readers ask for.
    """
    ref = find_table(source, SETTINGS_TABLE)
    if ref is None:
        return {}
    found: dict[str, tuple[CellValue, str]] = {}
    for offset, row in enumerate(block_rows(source, ref)):
        if len(row) < 2 or _blank(row[0]):
            continue
        where = f"{ref.sheet}!{cell_name(ref.body_first + offset, ref.first_col + 1)}"
        name = norm(row[0]).rstrip(":")
        found.setdefault(name, (row[1], where))
        finnish = _FINNISH_SETTING_NAMES.get(name)
        if finnish is not None:
            found.setdefault(finnish, (row[1], where))
    return found


def _setting_names() -> dict[str, str]:
    """Every language's name of every setting the templates write -> its Finnish name."""
    names: dict[str, str] = {}
    settings = [s for layout in WORKBOOKS for s in layout.settings]
    for setting in (*settings, language_setting()):
        finnish = norm(translate(setting.name, "fi"))
        for text in setting.names:
            names.setdefault(norm(text), finnish)
    return names


def setting_language(value: CellValue, where: Text = "") -> Language | None:
    """The language a "Kieli" value names ("svenska", "sv", "Suomi"); None when blank.

    The one reading of the setting: :func:`workbook_language` and the settings
    validation (:func:`xlsrc.reading.settings.read_rule_settings`) both parse it
    here.  A value that names no language ("suomii") is :class:`UnknownLanguage`,
    never Finnish by default: the status sheet would be written in a language the
    user did not ask for.
    """
    if _blank(value):
        return None
    language = language_of(value)
    if language is None:
        message = Msg(
            "{setting} {value!r} ei ole tuettu kieli; sallitut: {allowed}",
            setting=Msg(LANGUAGE_SETTING),
            value=value,
            allowed=", ".join(LANGUAGE_NAMES.values()),
        )
        raise UnknownLanguage(located(where, message))
    return language


def workbook_language(source: WorkbookSource) -> Language:
    """The language a workbook is written in: its "Kieli" setting (Finnish when blank or
    absent); :class:`UnknownLanguage`, naming the file and the cell, when it names none."""
    value, where = read_settings(source).get(norm(translate(LANGUAGE_SETTING, "fi")), (None, ""))
    return setting_language(value, f"{source.name}: {where}") or DEFAULT_LANGUAGE


_FINNISH_SETTING_NAMES: dict[str, str] = _setting_names()
