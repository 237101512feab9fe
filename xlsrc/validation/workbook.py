"""A workbook's tables as located rows, read through the one reader (:mod:`xlsrc.reading`).

The template layouts (:mod:`xlsrc.workbooks.layouts`) say which Excel Table
holds which table and which column is which (input, stated or computed).
This module turns the *stated* side - input and stated columns, and the
stated total of a list table - into :class:`~xlsrc.validation.model.Table`
objects whose cells carry ``Sheet!A1`` locations; the rules do the rest.
Computed columns are not read: xlsrc recomputes with its own core and
compares with what the user typed, not with what a formula produced.

Everything is found by role (:mod:`xlsrc.reading.locate`): tables by their
Table names, columns by their headers, stated totals by their labels, so
rows a user added, deleted or sorted never move a finding.  Number cells are
read with :func:`xlsrc.core.numbers.read_cell`, the reading every other path
uses: a number typed as text is an error here exactly as it is #N/A in the
workbook's own totals.  Problems with the workbook's shape (a missing table,
column or header; unusable rules) are findings, not crashes; a file that
cannot be read raises :class:`~xlsrc.core.errors.UnreadableWorkbook`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from xlsrc.core.a1 import cell_name, column_letter, parse_cell, sort_key
from xlsrc.core.checks import Finding
from xlsrc.core.errors import UnusableInput, XlError
from xlsrc.core.schemes import StatusScheme
from xlsrc.core.text import DEFAULT_LANGUAGE, Language, Msg, Num, renderings, text_in, translate
from xlsrc.reading.cells import read_number_cell
from xlsrc.reading.locate import (
    LocatedTable,
    RulesRead,
    TableRow,
    find_table,
    identify,
    locate,
    norm,
    read_rows,
    read_schemes,
    rows_below,
    stated_total,
)
from xlsrc.reading.settings import RuleSettings, read_rule_settings
from xlsrc.reading.source import CellValue, WorkbookSource
from xlsrc.validation.findings import CellFinding
from xlsrc.validation.model import Cell, Location, Row, Table
from xlsrc.validation.rules import validate_tables
from xlsrc.validation.rules.base import direct
from xlsrc.workbooks.layouts import (
    RULES_BLOCKS,
    RULES_SHEET,
    SETTINGS_TABLE,
    VOCABULARIES,
    WORKBOOKS,
    Column,
    TableLayout,
)

__all__ = ["CellValue", "a1_sort_key", "read_workbook", "validate_source", "validate_workbook"]


def a1_sort_key(cell: str) -> tuple[int, int]:
    """(row, column) of an A1 address, for listing findings in reading order."""
    return sort_key(cell)


def _row_key(layout: TableLayout, column: Column) -> str:
    """The seed column key, unless another column of the layout already uses it as its key."""
    others = {c.key for c in layout.columns if c is not column}
    if column.seed_key is not None and column.seed_key not in others:
        return column.seed_key
    return column.key


def _raw(value: CellValue) -> str | float | int | bool | None:
    """A cell value as the model keeps it (dates as ISO text, errors as their code)."""
    if isinstance(value, XlError):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _typed(
    source: WorkbookSource, at: Location, row: int, col: int, column: Column, raw: CellValue
) -> Cell:
    """A cell; number columns read with :func:`read_number_cell` (the one reading).

    Every input and stated cell passes here, so this is where a formula saved
    without its value is refused (:func:`_refuse_uncalculated`).
    """
    if raw is None:
        _refuse_uncalculated(source, at, row, col)
    kept = raw if isinstance(raw, str | int | float) else _raw(raw)  # the common case first
    if not column.is_numeric or isinstance(raw, XlError):
        return Cell(at, kept)
    return Cell(at, kept, read_number_cell(source, at.sheet, row, col, column, kept))


def read_table(
    source: WorkbookSource, table: LocatedTable, language: Language
) -> tuple[Table, list[CellFinding]]:
    """One located table as a model table, and the findings about its shape.

    The model table is what the rule checks read; every cell keeps its
    location so a finding points at the cell the user must fix.  The stated
    total comes from the template's summary table (v2) or the total row (v1),
    and its absence in a v2 workbook is itself a finding, since otherwise the
    total check would pass silently.
    """
    layout, sheet = table.layout, table.sheet
    findings = _shape_findings(source, table) + _below_findings(source, table)
    keys = {c.key: _row_key(layout, c) for c in layout.input_columns if c.key in table.columns}
    rows = []
    bodies = read_rows(source, table, inputs_only=True)  # computed columns: recomputed
    findings += _overwritten_findings(source, table, bodies)
    # per column, once: (key, row key, column, its index, its letters)
    placed_columns = [
        (key, row_key, table.columns[key].column, table.columns[key].index,
         column_letter(table.columns[key].index))
        for key, row_key in keys.items()
    ]  # fmt: skip
    first_letters = column_letter(table.ref.first_col)
    for body in bodies:
        cells = {}
        row_number, values = body.row, body.values
        anchor = None
        for key, row_key, column, index, letters in placed_columns:
            at = Location(sheet, f"{letters}{row_number}")
            if letters == first_letters:
                anchor = at
            cells[row_key] = _typed(source, at, row_number, index, column, values.get(key))
        if anchor is None:
            anchor = Location(sheet, f"{first_letters}{row_number}")
        rows.append(Row(anchor, MappingProxyType(cells)))
    total = stated_total(source, table)
    if total is not None:
        cells = {}
        for key, (address, value) in total.cells.items():
            column = layout.column(key)
            row_number, col_number = parse_cell(address)
            at = Location(total.sheet, address)
            cells[keys.get(key, key)] = _typed(source, at, row_number, col_number, column, value)
        label = layout.label_column
        cells[keys.get(label.key, label.key)] = Cell(  # the Finnish label the rules match,
            Location(total.sheet, f"A{total.row}"),  # whatever the language of the findings
            text_in(layout.totals.label, "fi") if layout.totals else "",
        )
        rows.append(Row(Location(total.sheet, f"A{total.row}"), MappingProxyType(cells), "total"))
    elif layout.totals is not None and table.version >= 2:
        findings.append(
            direct(
                Location(sheet, cell_name(table.ref.header_row, table.ref.first_col)),
                "missing_total",
                None,
                layout.totals.stated_label,
                Msg(
                    "Yhteenvetotaulukko {name} tai sen rivi '{stated_label}' puuttuu; "
                    "ilmoitettua summaa ei tarkistettu",
                    name=layout.totals.name,
                    stated_label=layout.totals.stated_label,
                ),
            )
        )
    placed = {c.key: table.columns[c.key] for c in layout.input_columns if c.key in table.columns}
    words_in = table.language(language)  # the formulas' words: the template's, not Kieli's
    model = Table(
        family=layout.seed_table or layout.key,
        sheet=sheet,
        rows=tuple(rows),
        columns=tuple(keys[k] for k in placed),
        unit=layout.unit,
        headers=MappingProxyType({keys[k]: c.column.header for k, c in placed.items()}),
        numeric_columns=frozenset(keys[k] for k, c in placed.items() if c.column.is_numeric),
        required_columns=frozenset(keys[k] for k, c in placed.items() if c.column.required),
        typed=True,
        vocabularies=MappingProxyType(
            {
                keys[k]: VOCABULARIES[c.column.vocabulary]
                for k, c in placed.items()
                if c.column.vocabulary in VOCABULARIES
            }
        ),
        method_columns=frozenset(keys[k] for k, c in placed.items() if c.column.is_method),
        allowed=MappingProxyType(
            {keys[k]: words for k, c in placed.items() if (words := _allowed(c.column, words_in))}
        ),
        header_cells=MappingProxyType(
            {
                keys[k]: Location(sheet, cell_name(table.ref.header_row, c.index))
                for k, c in placed.items()
            }
        ),
    )
    return model, findings


def _allowed(column: Column, language: Language) -> Mapping[str, str]:
    """The words the workbook's formulas recognise in ``column``, as :attr:`Table.allowed`
    keeps them: its choices, or its vocabulary's printed words (what the dropdown lists,
    the colours and the pivot's SUMIFS match), in the workbook's language."""
    if column.choices:
        words = [translate(choice, language) for choice in column.choices]
    elif column.vocabulary in VOCABULARIES:
        words = [s.printed_in(language) for s in VOCABULARIES[column.vocabulary].statuses]
    else:
        return {}
    return MappingProxyType({word.casefold(): word for word in words})


def _shape_findings(source: WorkbookSource, table: LocatedTable) -> list[CellFinding]:
    """Missing columns, and header cells that no longer say their column's name."""
    layout, ref = table.layout, table.ref
    title = text_in(layout.title).split(".")[0]
    findings = [
        direct(
            Location(ref.sheet, table.header_cell(column)),
            "missing_column",
            None,
            column.header,
            Msg(
                "Taulukosta {title} puuttuu sarake '{header}'; sen tarkistukset jäävät tekemättä",
                title=title,
                header=column.header,
            ),
        )
        for column in table.missing
    ]
    headers = source.values(ref.sheet, ref.header_row, ref.header_row, ref.first_col, ref.last_col)
    for offset, (name, shown) in enumerate(zip(ref.columns, headers[0], strict=False)):
        if norm(shown) != norm(name):
            at = Location(ref.sheet, cell_name(ref.header_row, ref.first_col + offset))
            findings.append(
                direct(
                    at,
                    "header_changed",
                    _raw(shown),
                    name,
                    Msg(
                        "Otsikkosolussa pitää lukea '{name}' (taulukon sarakkeen nimi), mutta "
                        "siinä on {value!r}; kirjoita otsikko takaisin",
                        name=name,
                        value=str(_raw(shown) or Msg("ei mitään")),
                    ),
                )
            )
    return findings


class NotCalculated(UnusableInput):
    """A typed cell holds a formula with no value saved: there is nothing to check yet."""


def _refuse_uncalculated(source: WorkbookSource, at: Location, row: int, col: int) -> None:
    """Refuse a workbook whose input or stated cells are formulas saved without a value.

    A program that writes formulas without computing them (openpyxl, a script)
    leaves such cells; read as blanks they gave "puuttuu" and sums that do not
    add up, and a stated total made of one was not checked at all.
    """
    if source.has_formula(at.sheet, row, col):  # a blank, not "" (a computed empty text)
        raise NotCalculated(
            Msg(
                "{name}: {sheet}!{cell}: solussa on kaava ilman laskettua arvoa; laske "
                "työkirja ensin (xlsrc recalc, tai avaa ja tallenna se Excelissä)",
                name=source.name,
                sheet=at.sheet,
                cell=at.cell,
            )
        )


def _overwritten_findings(
    source: WorkbookSource, table: LocatedTable, bodies: list[TableRow]
) -> list[CellFinding]:
    """Computed cells whose formula was pasted over with a value: they no longer follow.

    Validation recomputes everything from the inputs, so the stated cells are
    still checked - but the workbook itself shows the pasted numbers in its
    "(laskettu)" columns and totals, and a published copy would carry them.
    One finding per column, at its first such cell.  An empty computed cell on
    a row with inputs (LibreOffice does not fill calculated columns into a row
    it inserts) is a note: the totals still count the row.  A reader that
    cannot tell formulas from values (openpyxl with cached values) finds none.
    """
    findings = []
    for key, located in table.columns.items():
        if not located.column.is_computed or located.column.formula is None:
            continue
        lost = [
            b.row for b in bodies if source.has_formula(table.sheet, b.row, located.index) is False
        ]
        if not lost:
            continue
        values = [
            _raw(source.values(table.sheet, r, r, located.index, located.index)[0][0]) for r in lost
        ]
        pasted = [r for r, v in zip(lost, values, strict=True) if v not in (None, "")]
        empty = [r for r, v in zip(lost, values, strict=True) if v in (None, "")]
        header = located.column.header
        if pasted:
            findings.append(
                direct(
                    Location(table.sheet, table.where(key, pasted[0])),
                    "formula_replaced",
                    None,
                    None,
                    Msg(
                        "Laskettu sarake '{header}': solussa on arvo kaavan sijaan{more}, joten se "
                        "ei enää seuraa syötteitä; palauta sarakkeen kaava (Excel tarjoaa "
                        "'Palauta laskettu sarakkeen kaava')",
                        header=header,
                        more=_more(pasted),
                    ),
                )
            )
        if empty:
            findings.append(
                direct(
                    Location(table.sheet, table.where(key, empty[0])),
                    "formula_missing",
                    None,
                    None,
                    Msg(
                        "Laskettu sarake '{header}' on tyhjä rivillä, jolla on syötteitä{more}: "
                        "kaava puuttuu (LibreOffice ei täytä laskettuja sarakkeita lisätylle "
                        "riville); kopioi kaava yläpuolisesta rivistä",
                        header=header,
                        more=_more(empty),
                    ),
                    "note",
                )
            )
    return findings


def _more(rows: list[int]) -> Msg | str:
    """ " (ja 2 muuta riviä)" after the first row a finding names; nothing for one row."""
    if len(rows) < 2:
        return ""
    others = len(rows) - 1
    return Msg.plural(" (ja {n} muu rivi)", " (ja {n} muuta riviä)", others, n=Num(others))


def _below_findings(source: WorkbookSource, table: LocatedTable) -> list[CellFinding]:
    """Rows typed under the Table that it does not hold: they count nowhere, so an error."""
    findings = []
    for row in rows_below(source, table):
        key, value = next((k, v) for k, v in row.values.items() if v not in (None, ""))
        at = Location(table.sheet, table.where(key, row.row))
        findings.append(
            direct(
                at,
                "outside_table",
                _raw(value),
                None,
                Msg(
                    "Rivi {row} on taulukon {table} alapuolella, mutta ei kuulu taulukkoon (se "
                    "päättyy riville {last}), joten sen luvut eivät ole missään summassa; lisää "
                    "rivi taulukon sisään tai laajenna taulukko (LibreOffice ei laajenna "
                    "taulukkoa itse)",
                    row=row.row,
                    table=table.ref.name,
                    last=table.ref.last_row,
                ),
            )
        )
    return findings


# --- the whole workbook -------------------------------------------------------------


def read_workbook(source: WorkbookSource) -> tuple[list[Table], list[CellFinding]]:
    """Every table of the workbook's layout, and the findings about its shape.

    Unusable rules and missing tables are findings here, not errors, so the
    tables that are present are still checked and the user gets one list.
    """
    identified = identify(source)
    rules = read_schemes(source)
    findings = [
        direct(
            Location(sheet, cell),
            "invalid_rules",
            None,
            None,
            Msg(
                "Sääntötaulukkoa ei voi käyttää: {message}; tilat tarkistettu sisäänrakennetulla "
                "säännöllä",
                message=message,
            ),
        )
        for sheet, cell, message in rules.problems
    ]
    if identified.layout in WORKBOOKS:  # built with a rules sheet (the roll-up has none)
        findings += _missing_rules_sheet(source)
    settings = read_rule_settings(source, rules)
    findings += setting_findings(source, rules, settings)
    tables = []
    # A "Kieli" that names no language is an error at its cell (above); the words are
    # then checked as the Finnish they are by default.
    language = settings.language or DEFAULT_LANGUAGE
    for layout in identified.layout.tables:
        located = locate(source, layout, identified.version)
        if located is None:
            findings.append(_missing_table(source, layout, language))
            continue
        table, shape = read_table(source, located, language)
        tables.append(_with_schemes(table, rules.schemes))
        findings += shape
    return tables, findings


def _missing_rules_sheet(source: WorkbookSource) -> list[CellFinding]:
    """An error at A1 of the first sheet when the rules sheet is gone with all its Tables.

    Formulas that read its Tables (the status colours, the pivots' words) no longer
    compute, and ``xlsrc recalc`` refuses such a workbook; validation must not call it
    clean.  It goes on
    with what :func:`read_schemes` and :func:`read_rule_settings` use when the Tables are
    missing - the built-in schemes and vocabularies and the settings' defaults - and says
    so.  A renamed sheet whose Tables remain is found by the Tables and is no finding.
    """
    sheets = source.sheet_names()
    names = {sheet.casefold() for sheet in renderings(RULES_SHEET)}
    if not sheets or any(sheet.casefold() in names for sheet in sheets):
        return []
    tables = (*(block.name for block in RULES_BLOCKS), SETTINGS_TABLE)
    if any(find_table(source, name) is not None for name in tables):
        return []
    return [
        direct(
            Location(sheets[0], "A1"),
            "missing_rules",
            None,
            None,
            Msg(
                "Työkirjasta puuttuu välilehti {sheet} ja sen taulukot (tilojen säännöt ja "
                "asetukset); kaavat, jotka viittaavat niihin, eivät laske, eikä xlsrc recalc "
                "laske niitä. Palauta välilehti (esim. kopioi se tyhjästä mallista); tilat "
                "tarkistettiin sisäänrakennetuilla säännöillä ja asetusten oletusarvoilla",
                sheet=Msg(RULES_SHEET),
            ),
        )
    ]


def _missing_table(source: WorkbookSource, layout: TableLayout, language: Language) -> CellFinding:
    """A layout table the workbook lacks, at A1 of its sheet if the sheet is still there.

    A sheet deleted with its Table cannot hold the finding (a report's link to it
    would lead nowhere), so the finding is at A1 of the workbook's first sheet and
    names the missing sheet.
    """
    sheets = source.sheet_names()
    wanted = {name.casefold() for name in (text_in(layout.sheet, language), layout.sheet_name)}
    sheet = next((name for name in sheets if name.casefold() in wanted), None)
    if sheet is not None or not sheets:
        return direct(
            Location(sheet or layout.sheet_name, "A1"),
            "missing_table",
            None,
            layout.name,
            Msg(
                "Työkirjasta puuttuu taulukko {name} ({title}); sen tarkistukset jäävät tekemättä",
                name=layout.name,
                title=layout.title,
            ),
        )
    return direct(
        Location(sheets[0], "A1"),
        "missing_table",
        None,
        layout.name,
        Msg(
            "Työkirjasta puuttuu välilehti {sheet} ja sen taulukko {name} ({title}); sen "
            "tarkistukset jäävät tekemättä",
            sheet=text_in(layout.sheet, language),
            name=layout.name,
            title=layout.title,
        ),
    )


def setting_findings(
    source: WorkbookSource, rules: RulesRead, settings: RuleSettings | None = None
) -> list[CellFinding]:
    """Each setting value the status sheet would refuse, as an error at the value's cell.

    The settings are parsed by :func:`read_rule_settings`, the status sheet's own
    reading, and each problem keeps the parser's message: validating clean and
    then being refused by ``xlsrc status-sheet`` over the same cell was the bug.
    A method word is ``unknown_method``, as in a table's method column.  Only the
    goal-tracking template has settings of its own; every template has "Kieli",
    which the commands writing into the workbook refuse when it names no language.
    """
    settings = read_rule_settings(source, rules) if settings is None else settings
    own = bool(identify(source).layout.settings)
    return [
        direct(
            Location(problem.sheet, problem.cell),
            "unknown_method" if problem.key == "method" else "invalid_setting",
            _raw(problem.value),
            None,
            str(problem.error),
        )
        for problem in settings.problems
        if own or problem.key == "language"
    ]


def _with_schemes(table: Table, schemes: Mapping[str, StatusScheme]) -> Table:
    return replace(table, schemes=MappingProxyType(dict(schemes)))


def validate_source(source: WorkbookSource) -> list[CellFinding]:
    """All findings of a workbook, in sheet order and then reading order, including the
    changed inputs of locked quarterly status sheets; the workbook is read once."""
    tables, findings = read_workbook(source)
    findings += validate_tables(tables)
    findings += locked_quarter_findings(source)
    order = {name: i for i, name in enumerate(source.sheet_names())}
    return sorted(findings, key=lambda f: (order.get(f.sheet, len(order)), a1_sort_key(f.cell)))


#: How :func:`validate_workbook` reads a file: "package" (the engine's exact package
#: reader, no openpyxl) or "openpyxl".  Both give the same findings (the validation tests
#: run with each); openpyxl stays for the readers that still use it (status sheets,
#: DataFrames, consolidation, upgrade) and as the second reader those tests compare with.
READER = "package"


def validate_workbook(path: str | Path) -> list[CellFinding]:
    """Findings of the workbook at ``path``; :class:`UnreadableWorkbook` if it cannot be read.

    This is what ``xlsrc validate`` calls (``xlsrc recalc`` validates the values it has
    just computed instead: :mod:`xlsrc.validation.hook`).
    """
    if READER == "openpyxl":
        from xlsrc.reading.openpyxl_source import OpenpyxlSource

        return validate_source(OpenpyxlSource.open(Path(path)))
    from xlsrc.engine.source import PackageSource

    with PackageSource.open(Path(path)) as source:
        return validate_source(source)


def locked_quarter_findings(source: WorkbookSource) -> list[CellFinding]:
    """Changed inputs of locked quarterly status sheets, as validation findings.

    Only workbooks that carry a status sheet pay for the check.
    """
    from xlsrc.status_sheet.names import status_sheets

    if not status_sheets(source):
        return []
    from xlsrc.status_sheet.locking import check_locked

    return [
        CellFinding(
            Location(found.sheet, found.cell),
            Finding(
                found.rule,
                f"{found.sheet}!{found.cell}",
                found.stated,
                found.computed,
                None,
                "error",
                found.message,
            ),
        )
        for found in check_locked(source)
    ]
