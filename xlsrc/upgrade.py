"""``xlsrc upgrade OLD --out NEW``: a user's rows and rules moved into the current template.

Templates change every year; a workbook filled in with an older version keeps
working (validation, recalculation and status sheets read every version), but
only the current template has the new columns, checks and highlights.  Upgrade
reads the old workbook through the one reader (:mod:`xlsrc.reading`), exactly
as validation reads it, and builds the current template with:

* every body row of every table, input and stated cells with their number
  formats (a stated per cent keeps the decimals it was printed with);
* every stated total;
* the rules sheet's schemes as the workbook states them (a committee's bands),
  and its settings;

then recalculates it.  Nothing is dropped silently: a filled cell the new
template has no place for (a column the user added to a table) refuses the
upgrade and is named, and so does a quarterly status sheet, which is a locked
record that upgrade does not rebuild.  The old file is never written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from xlsrc.core.a1 import cell_name, parse_cell
from xlsrc.core.errors import InvalidTarget, UnusableInput, XlError
from xlsrc.core.text import Joined, Msg, Num, ntr, text_in, tr, translate
from xlsrc.core.words import METHOD_WORDS, parse_method
from xlsrc.io.atomic import write_atomic
from xlsrc.reading.locate import (
    LocatedTable,
    identify,
    locate,
    norm,
    read_rows,
    read_schemes,
    read_settings,
    stated_total,
    workbook_language,
)
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.reading.source import CellValue, TableRef, WorkbookSource
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import RULES_SHEET, Setting, TableLayout, WorkbookLayout
from xlsrc.workbooks.sheet import TableData
from xlsrc.workbooks.values import CellValue as Typed


class UpgradeRefused(UnusableInput):
    """Upgrading would lose something the user typed; the message says what and where."""


@dataclass
class UpgradeReport:
    """What moved where, for the user to check."""

    source: str
    target: str
    family: str
    from_version: int
    to_version: int
    rows: dict[str, int] = field(default_factory=dict)
    totals: list[str] = field(default_factory=list)
    settings: int = 0
    rules_kept: bool = True
    recalculated: bool = False
    problems: list[str] = field(default_factory=list)
    """What the user should check, in the language of the upgrade (located where it can be)."""
    template: str = ""
    """The template's name as the user knows it ("Tavoiteohjelmat"), in that language."""

    def lines(self) -> list[str]:
        """The report as the command prints it, in the current language."""
        out = [
            tr(
                "{source} -> {target}: {template}, malliversio {old} -> {new}",
                source=self.source,
                target=self.target,
                template=self.template or self.family,
                old=self.from_version,
                new=self.to_version,
            )
        ]
        for table, count in self.rows.items():
            moved = ntr(
                "{sheet}: {n} rivi siirretty",
                "{sheet}: {n} riviä siirretty",
                count,
                sheet=table,
                n=Num(count),
            )
            out.append(f"  {moved}")
        for table in self.totals:
            out.append("  " + tr("{sheet}: ilmoitettu yhteensä-rivi siirretty", sheet=table))
        rules = ntr(
            "{rules}: tila-asteikot ja {n} asetus siirretty",
            "{rules}: tila-asteikot ja {n} asetusta siirretty",
            self.settings,
            rules=translate(RULES_SHEET),
            n=Num(self.settings),
        )
        out.append(f"  {rules}")
        out += ["  " + tr("huomio: {problem}", problem=problem) for problem in self.problems]
        return out


def upgrade(source: Path, target: Path) -> UpgradeReport:
    """Build the current template from ``source``'s data into ``target`` (atomically)."""
    source, target = Path(source), Path(target)
    if target.resolve() == source.resolve():
        raise UnusableInput(
            Msg("{path}: päivitetty työkirja ei voi korvata vanhaa; anna --out", path=str(target))
        )
    book = OpenpyxlSource.open(source)
    identified = identify(book)
    layout = identified.layout
    _refuse_status_sheets(book)
    report = UpgradeReport(str(source), str(target), layout.key, identified.version, layout.version)
    report.template = text_in(layout.title)
    data = {}
    for table in layout.tables:
        located = locate(book, table, identified.version)
        if located is None:
            report.problems.append(
                tr("taulukko {table} ({title}) puuttui vanhasta työkirjasta", table=table.name,
                   title=text_in(table.title))
            )  # fmt: skip
            continue
        _refuse_extra_columns(book, table, located.ref)
        rows = [
            {key: _moved(book, table, located, row.row, key, value)
             for key, value in row.values.items() if not table.column(key).is_computed}
            for row in read_rows(book, located)
        ]  # fmt: skip
        total = _stated_total(book, located)
        data[table.key] = TableData(rows, total)
        report.rows[table.sheet_name] = len(rows)
        if total:
            report.totals.append(table.sheet_name)
    settings = _settings(book, layout)
    report.settings = len(settings)
    rules = read_schemes(book)
    report.problems += [f"{sheet}!{cell}: {message}" for sheet, cell, message in rules.problems]
    built = build_workbook(
        layout,
        data=data,
        settings=settings,
        schemes=rules.schemes,
        language=workbook_language(book),  # a Swedish workbook stays Swedish
    )
    write_atomic(target, built)
    report.recalculated = _recalculate(target, report)
    return report


def _moved(
    source: WorkbookSource, table: TableLayout, located: LocatedTable, row: int, key: str,
    value: CellValue,
) -> Typed:  # fmt: skip
    """One cell as the new template holds it: a method code becomes its label."""
    if table.column(key).kind == "method" and isinstance(value, str) and value.strip():
        try:
            return Typed(METHOD_WORDS.label(parse_method(value)))
        except InvalidTarget:
            return Typed(value)  # an unknown word stays as typed: validation names it
    return _typed(source, located.sheet, row, located.columns[key].index, value)


def _typed(source: WorkbookSource, sheet: str, row: int, col: int, value: CellValue) -> Typed:
    """A cell's value with its number format, so it prints in the new file as it did."""
    if isinstance(value, int | float | dt.datetime | dt.date) and not isinstance(value, bool):
        return Typed(value, source.number_format(sheet, row, col))
    if isinstance(value, XlError):
        return Typed(value.value)
    if isinstance(value, dt.time):
        return Typed(value.isoformat())
    return Typed(value)


def _stated_total(source: WorkbookSource, located: LocatedTable) -> dict[str, object]:
    total = stated_total(source, located)
    if total is None:
        return {}
    found: dict[str, object] = {}
    for key, (address, value) in total.cells.items():
        if value is None:
            continue
        row, col = parse_cell(address)
        found[key] = _typed(source, total.sheet, row, col, value)
    return found


def _refuse_extra_columns(source: WorkbookSource, table: TableLayout, ref: TableRef) -> None:
    """A filled column of the old Table that the current layout does not know."""
    columns, sheet = ref.columns, ref.sheet
    known = {norm(header) for c in table.columns for header in c.headers}  # in any language
    for offset, name in enumerate(columns):
        if norm(name) in known or ref.body_last < ref.body_first:
            continue
        col = ref.first_col + offset
        values = source.values(sheet, ref.body_first, ref.body_last, col, col)
        filled = [i for i, row in enumerate(values) if row and row[0] not in (None, "")]
        if filled:
            where = cell_name(ref.body_first + filled[0], col)
            raise UpgradeRefused(
                Msg.plural(
                    "{file}: taulukon {table} sarakkeella {header!r} on tietoja ({n} solu, "
                    "{first}), mutta nykyisessä mallissa ei ole sille paikkaa; siirrä tiedot "
                    "ensin mallin sarakkeisiin tai pidä vanha työkirja",
                    "{file}: taulukon {table} sarakkeella {header!r} on tietoja ({n} solua, "
                    "ensimmäinen {first}), mutta nykyisessä mallissa ei ole sille paikkaa; siirrä "
                    "tiedot ensin mallin sarakkeisiin tai pidä vanha työkirja",
                    len(filled),
                    file=source.name,
                    table=table.name,
                    header=name,
                    n=Num(len(filled)),
                    first=f"{sheet}!{where}",
                )
            )


def _refuse_status_sheets(source: WorkbookSource) -> None:
    from xlsrc.status_sheet.names import is_status_sheet

    locked = [name for name in source.sheet_names() if is_status_sheet(name)]
    if locked:
        raise UpgradeRefused(
            Msg(
                "{file}: työkirjassa on lukittuja tilannevälilehtiä ({sheets}); niitä ei rakenneta "
                "uudelleen päivityksessä: pidä tämän vuoden raportointi vanhassa työkirjassa ja "
                "päivitä ennen seuraavan vuoden ensimmäistä tilannekatsausta",
                file=source.name,
                sheets=Joined.of(locked),
            )
        )


def _settings(source: WorkbookSource, layout: WorkbookLayout) -> tuple[Setting, ...]:
    """The template's settings with the values the old workbook gives them."""
    found: Mapping[str, tuple[CellValue, str]] = read_settings(source)
    settings = []
    for setting in layout.settings:
        value = found.get(norm(setting.name), (setting.value, ""))[0]
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            settings.append(Setting(setting.name, value, setting.note))
        else:
            settings.append(Setting(setting.name, "", setting.note))
    return tuple(settings)


def _recalculate(target: Path, report: UpgradeReport) -> bool:
    from xlsrc.engine.recalc import recalc

    result = recalc(target, in_place=True)
    if not result.ok:
        report.problems += [f"ei laskettu uudelleen: {p}" for p in result.problems[:5]]
    return result.ok
