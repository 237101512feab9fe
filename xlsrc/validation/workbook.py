"""A workbook's tables as located rows, read by the layout of the templates.

The template layouts (:mod:`xlsrc.workbooks.layouts`) say which sheet holds
which table, where its headers sit, which column is which (input, stated or
computed) and which bundled seed table it mirrors.  This module reads the
*stated* side — input and stated columns, and a stated total row under a
list table — into :class:`~xlsrc.validation.model.Table` objects whose cells
carry ``Sheet!A1`` locations; the rules do the rest.  Computed columns are not
read: xlsrc recomputes with its own core and compares with what the user
typed, not with what a formula produced.

Reading goes through :class:`CellSource`, so the same code reads a file with
openpyxl (``data_only=True``: a stated cell that holds a formula counts with
its cached value) and an open book in Excel through xlwings
(:mod:`xlsrc.validation.excel`), unsaved edits included.

Robustness, because users edit templates:

* the layout is recognised by the names of its Excel Tables (ListObjects),
  else by its sheet names, so a renamed file still validates;
* a column is found by its header text in the header row, so a moved column
  is still read; a missing required column is a finding at the header cell
  where it belongs, and its checks are skipped;
* the body is the Excel Table's range where it exists, else the rows down to
  the first empty one;
* a file that cannot be read (not a workbook, corrupt, no xlsrc tables, a
  table's sheet missing) raises :class:`UnreadableWorkbook` with the file and
  the reason — never a traceback.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from openpyxl.utils.cell import (  # type: ignore[import-untyped]
    column_index_from_string,
    get_column_letter,
)

from xlsrc.core.checks import Finding
from xlsrc.core.errors import InvalidRule, UnreadableWorkbook
from xlsrc.core.numbers import Number
from xlsrc.core.schemes import StatusScheme
from xlsrc.validation.findings import CellFinding
from xlsrc.validation.model import Cell, Location, Row, Table
from xlsrc.validation.rules import validate_tables
from xlsrc.validation.rules.base import direct, normalized
from xlsrc.workbooks.layouts import (
    RULES_SHEET,
    SCHEMES,
    VOCABULARIES,
    WORKBOOKS,
    Column,
    TableLayout,
    WorkbookLayout,
    rules_block,
)

_NUMERIC_KINDS = frozenset({"amount", "percent", "number"})
CellValue = str | float | int | bool | dt.datetime | dt.date | dt.time | None


class CellSource(Protocol):
    """What the reader needs from a workbook (openpyxl file or xlwings book)."""

    name: str

    def sheet_names(self) -> list[str]: ...

    def table_refs(self) -> dict[str, tuple[str, str]]:
        """Excel Table name -> (sheet, ref such as "A4:K150")."""
        ...

    def values(
        self, sheet: str, first_row: int, last_row: int, columns: int
    ) -> list[list[CellValue]]:
        """Cell values of rows ``first_row..last_row``, columns 1..``columns``."""
        ...

    def number_format(self, sheet: str, row: int, column: int) -> str | None: ...


def _at(sheet: str, column: int, row: int) -> Location:
    return Location(sheet, f"{get_column_letter(column)}{row}")


def a1_sort_key(cell: str) -> tuple[int, int]:
    """(row, column) of an A1 address, for listing findings in reading order."""
    match = re.fullmatch(r"\$?([A-Za-z]+)\$?(\d+)", cell)
    if not match:
        return (0, 0)
    return (int(match[2]), column_index_from_string(match[1].upper()))


# --- which layout ---------------------------------------------------------------


def detect_layout(source: CellSource) -> WorkbookLayout:
    """The template layout ``source`` follows: most Excel Tables by name, else all sheets."""
    tables = source.table_refs()
    sheets = set(source.sheet_names())
    scored = [(sum(t.name in tables for t in layout.tables), layout) for layout in WORKBOOKS]
    best, layout = max(scored, key=lambda pair: pair[0])
    if best:
        return layout
    for candidate in WORKBOOKS:
        if all(t.sheet in sheets for t in candidate.tables):
            return candidate
    known = "; ".join(f"{w.file_name} ({', '.join(t.sheet for t in w.tables)})" for w in WORKBOOKS)
    raise UnreadableWorkbook(
        f"{source.name}: ei xlsrc-mallin taulukoita (välilehdet: {', '.join(sorted(sheets))}); "
        f"tunnetut mallit: {known}"
    )


# --- reading one table ------------------------------------------------------------


@dataclass(frozen=True)
class _Placed:
    column: Column
    key: str
    index: int

    @property
    def letter(self) -> str:
        return _LETTERS.get(self.index) or str(get_column_letter(self.index))


_LETTERS = {index: get_column_letter(index) for index in range(1, 100)}


def _row_key(layout: TableLayout, column: Column) -> str:
    """The seed column key, unless another column of the layout already uses it as its key."""
    others = {c.key for c in layout.columns if c is not column}
    if column.seed_key is not None and column.seed_key not in others:
        return column.seed_key
    return column.key


def read_table(source: CellSource, layout: TableLayout) -> tuple[Table, list[CellFinding]]:
    """``layout``'s table in ``source`` and the findings about its shape (missing columns)."""
    sheet = layout.sheet
    if sheet not in source.sheet_names():
        raise UnreadableWorkbook(
            f"{source.name}: välilehti '{sheet}' puuttuu (taulukko {layout.title}); "
            f"välilehdet: {', '.join(source.sheet_names())}"
        )
    wanted = layout.input_columns
    width = max(len(layout.columns), 1) + 10
    header = source.values(sheet, layout.header_row, layout.header_row, width)[0]
    placed, findings = _place_columns(layout, header, width)
    width = max((p.index for p in placed), default=1)
    last_row = _last_row(source, layout, placed)
    body = (
        source.values(sheet, layout.first_row, last_row, width)
        if last_row >= layout.first_row
        else []
    )
    rows = [
        _row(source, sheet, layout.first_row + offset, values, placed)
        for offset, values in enumerate(body)
    ]
    total = _stated_total(source, layout, len(body), placed, width)
    if total is not None:
        rows.append(total)
    found_keys = {p.column.key for p in placed}
    keys = {p.column.key: p.key for p in placed}
    table = Table(
        family=layout.seed_table or layout.key,
        sheet=sheet,
        rows=tuple(rows),
        columns=tuple(keys[c.key] for c in wanted if c.key in found_keys),
        unit=layout.unit,
        headers=MappingProxyType({p.key: p.column.header for p in placed}),
        numeric_columns=frozenset(p.key for p in placed if p.column.kind in _NUMERIC_KINDS),
        typed=True,
        vocabularies=MappingProxyType(
            {
                p.key: VOCABULARIES[p.column.vocabulary]
                for p in placed
                if p.column.vocabulary in VOCABULARIES
            }
        ),
        header_cells=MappingProxyType(
            {p.key: _at(sheet, p.index, layout.header_row) for p in placed}
        ),
    )
    return table, findings


def _place_columns(
    layout: TableLayout, header: Sequence[CellValue], width: int
) -> tuple[list[_Placed], list[CellFinding]]:
    by_text: dict[str, int] = {}
    for index, value in enumerate(header, start=1):
        if value is not None and str(value).strip():
            by_text.setdefault(normalized(str(value)), index)
    placed: list[_Placed] = []
    findings: list[CellFinding] = []
    for column in layout.input_columns:
        found = by_text.get(normalized(column.header))
        if found is None:
            at = Location(layout.sheet, f"{column.letter}{layout.header_row}")
            findings.append(
                direct(
                    at,
                    "missing_column",
                    None,
                    column.header,
                    f"Taulukosta {layout.title.split('.')[0]} puuttuu sarake '{column.header}' "
                    f"(odotettiin solussa {at.cell}); sen tarkistukset jäävät tekemättä",
                )
            )
            continue
        placed.append(_Placed(column, _row_key(layout, column), found))
    return placed, findings


def _last_row(source: CellSource, layout: TableLayout, placed: list[_Placed]) -> int:
    ref = source.table_refs().get(layout.name)
    if ref is not None and ref[0] == layout.sheet:
        match = re.fullmatch(r"\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?(\d+)", ref[1].upper())
        if match:
            return int(match[1])
    if layout.statement_rows:
        return layout.last_row(len(layout.statement_rows))
    last = layout.header_row
    limit = layout.header_row + max(layout.capacity, 1) * 4
    columns = max((p.index for p in placed), default=1)
    values = source.values(layout.sheet, layout.first_row, limit, columns)
    for offset, row in enumerate(values):
        if all(v is None or str(v).strip() == "" for v in row):
            break
        last = layout.first_row + offset
    return last


def _row(
    source: CellSource, sheet: str, row: int, values: Sequence[CellValue], placed: list[_Placed]
) -> Row:
    cells = {}
    for p in placed:
        raw = values[p.index - 1] if p.index - 1 < len(values) else None
        cells[p.key] = _cell(source, Location(sheet, f"{p.letter}{row}"), row, p, raw)
    return Row(Location(sheet, f"A{row}"), MappingProxyType(cells))


def _cell(source: CellSource, at: Location, row: int, placed: _Placed, raw: CellValue) -> Cell:
    """A typed cell; a per cent's printed decimals come from its number format.

    (Amounts are compared within a fixed tolerance, so only per cents need it.)
    """
    if isinstance(raw, dt.datetime | dt.date | dt.time):
        return Cell.of(at, raw.isoformat())
    if (
        placed.column.kind == "percent"
        and isinstance(raw, int | float)
        and not isinstance(raw, bool)
        and math.isfinite(raw)
    ):
        number_format = source.number_format(at.sheet, row, placed.index) or ""
        return Cell(
            at,
            raw,
            Number(float(raw), unit="%", decimals=format_decimals(number_format), text=str(raw)),
        )
    return Cell.of(at, raw)


def format_decimals(number_format: str) -> int:
    """Digits after the decimal point in an Excel number format ("0.0 %" -> 1)."""
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", section)
    match = re.search(r"\.([0#?]+)", section)
    return len(match[1]) if match else 0


def _stated_total(
    source: CellSource, layout: TableLayout, body_rows: int, placed: list[_Placed], width: int
) -> Row | None:
    """The "… (ilmoitettu)" total row under a list table, labelled as the source prints it."""
    if layout.totals is None:
        return None
    row = layout.below_rows(body_rows)["stated_total"]
    values = source.values(layout.sheet, row, row, width)[0]
    label = placed[0] if placed else None
    cells = {}
    for p in placed:
        if p.column.key in layout.totals.columns:
            raw = values[p.index - 1] if p.index - 1 < len(values) else None
            cells[p.key] = _cell(source, _at(layout.sheet, p.index, row), row, p, raw)
    if label is not None:
        at = _at(layout.sheet, label.index, row)
        cells[label.key] = Cell.of(at, layout.totals.label)
    return Row(Location(layout.sheet, f"A{row}"), MappingProxyType(cells), "total")


# --- the rules sheet --------------------------------------------------------------


def read_schemes(source: CellSource) -> tuple[dict[str, StatusScheme], list[CellFinding]]:
    """The status schemes as the workbook's rules sheet states them (built-ins if absent)."""
    schemes: dict[str, StatusScheme] = dict(SCHEMES)
    findings: list[CellFinding] = []
    if RULES_SHEET not in source.sheet_names():
        return schemes, findings
    for key, builtin in SCHEMES.items():
        block = rules_block(key)
        rows = source.values(RULES_SHEET, block.first_row, block.last_row, len(block.headers))
        try:
            schemes[key] = StatusScheme.from_rows(rows, key, builtin.name)
        except InvalidRule as error:
            at = Location(RULES_SHEET, f"A{block.header_row}")
            findings.append(
                direct(
                    at,
                    "invalid_rules",
                    None,
                    None,
                    f"Sääntötaulukkoa ei voi käyttää: {error}; "
                    "tilat tarkistettu sisäänrakennetulla säännöllä",
                )
            )
    return schemes, findings


# --- the whole workbook -------------------------------------------------------------


def read_workbook(source: CellSource) -> tuple[list[Table], list[CellFinding]]:
    """Every table of the workbook's layout, and the findings about its shape."""
    layout = detect_layout(source)
    schemes, findings = read_schemes(source)
    tables = []
    for table_layout in layout.tables:
        table, shape = read_table(source, table_layout)
        tables.append(_with_schemes(table, schemes))
        findings += shape
    return tables, findings


def _with_schemes(table: Table, schemes: dict[str, StatusScheme]) -> Table:
    return replace(table, schemes=MappingProxyType(schemes))


def validate_source(source: CellSource) -> list[CellFinding]:
    """All findings of a workbook, in sheet order and then reading order."""
    tables, findings = read_workbook(source)
    findings += validate_tables(tables)
    order = {name: i for i, name in enumerate(source.sheet_names())}
    return sorted(findings, key=lambda f: (order.get(f.sheet, len(order)), a1_sort_key(f.cell)))


def validate_workbook(path: str | Path) -> list[CellFinding]:
    """Findings of the workbook at ``path``; :class:`UnreadableWorkbook` if it cannot be read.

    This is what ``xlsrc validate`` and the batch recalculation call.
    """
    from xlsrc.validation.openpyxl_source import OpenpyxlSource

    source = OpenpyxlSource.open(Path(path))
    return validate_source(source) + locked_quarter_findings(Path(path), source.sheet_names())


def locked_quarter_findings(path: Path, sheet_names: list[str]) -> list[CellFinding]:
    """Changed inputs of locked quarterly status sheets, as validation findings.

    Only workbooks that carry a status sheet pay for the check.
    """
    from xlsrc.status_sheet import check_locked_quarters
    from xlsrc.status_sheet.locking import is_status_sheet

    if not any(is_status_sheet(name) for name in sheet_names):
        return []
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
        for found in check_locked_quarters(path)
    ]
