"""Editing template workbooks the way finance staff (and Excel) do, for the tests.

Tables are addressed by their layout and body rows by index, never by cell
address, so the tests read like the edits: "append a measure to Taulukko 3",
"type '1 234,5' in the second row's Tavoitesumma".  Where Excel does something
on its own, the editor does it too: a row typed directly below a Table grows
the Table and gets every calculated column's formula; a row inserted inside
shifts the rows below it.  openpyxl saves the result (fixtures only: it drops
cached values, which ``xlsrc recalc`` then computes).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.core.a1 import cell_name, column_letter, parse_range
from xlsrc.workbooks.layouts import SETTINGS_TABLE, TableLayout


def open_book(data: bytes | Path) -> Workbook:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    return openpyxl.load_workbook(source)


def to_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def edited(data: bytes, *edits: Callable[[Workbook], None]) -> bytes:
    book = open_book(data)
    for edit in edits:
        edit(book)
    return to_bytes(book)


class Table:
    """One data table of an open workbook, by its layout."""

    def __init__(self, book: Workbook, layout: TableLayout) -> None:
        self.book = book
        self.layout = layout
        self.sheet: Worksheet = book[layout.sheet_name]

    @property
    def _excel(self) -> Any:
        return self.sheet.tables[self.layout.name]

    @property
    def area(self) -> tuple[int, int, int, int]:
        return parse_range(self._excel.ref)

    @property
    def header_row(self) -> int:
        return self.area[0]

    @property
    def rows(self) -> range:
        """Sheet rows of the body."""
        top, _, last, _ = self.area
        return range(top + 1, last + 1)

    def letter(self, key: str) -> str:
        return column_letter(self.layout.columns.index(self.layout.column(key)) + 1)

    def cell(self, key: str, index: int) -> str:
        """A1 address of column ``key`` on body row ``index`` (0-based)."""
        return f"{self.letter(key)}{self.rows[index]}"

    def get(self, key: str, index: int) -> Any:
        return self.sheet[self.cell(key, index)].value

    def put(self, index: int, **values: Any) -> None:
        """Type ``values`` into body row ``index``; a row just below the Table grows it."""
        while index >= len(self.rows):
            self._grow()
        for key, value in values.items():
            self.sheet[self.cell(key, index)] = value

    def find(self, key: str, value: Any) -> int:
        """The index of the first body row whose ``key`` cell holds ``value``."""
        for index, row in enumerate(self.rows):
            if self.sheet[f"{self.letter(key)}{row}"].value == value:
                return index
        raise KeyError(f"{self.layout.name}: no row with {key} = {value!r}")

    def append(self, **values: Any) -> int:
        """A row typed directly below the Table (Excel grows the Table); returns its index."""
        self._grow()
        index = len(self.rows) - 1
        self.put(index, **values)
        return index

    def insert(self, index: int, **values: Any) -> None:
        """A row inserted inside the Table at ``index``: the rows below move down."""
        self._grow()
        width = len(self.layout.columns)
        rows = list(self.rows)
        for target in reversed(rows[index + 1 :]):
            for column in range(1, width + 1):
                source = self.sheet.cell(target - 1, column)
                self.sheet.cell(target, column).value = source.value
                self.sheet.cell(target, column).number_format = source.number_format
        self._clear_inputs(rows[index])
        self.put(index, **values)

    def delete(self, index: int) -> None:
        """Delete body row ``index`` (Excel's "Delete Table Rows"): the rows below move up."""
        width = len(self.layout.columns)
        rows = list(self.rows)
        for target in rows[index:-1]:
            for column in range(1, width + 1):
                below = self.sheet.cell(target + 1, column)
                self.sheet.cell(target, column).value = below.value
                self.sheet.cell(target, column).number_format = below.number_format
        for column in range(1, width + 1):
            self.sheet.cell(rows[-1], column).value = None
        top, left, last, right = self.area
        self._excel.ref = f"{cell_name(top, left)}:{cell_name(last - 1, right)}"

    def sort(self, key: str, reverse: bool = False) -> None:
        """Sort the body by column ``key`` (Excel's sort keeps each row's cells together)."""
        width = len(self.layout.columns)
        rows = list(self.rows)
        cells = [
            [(self.sheet.cell(r, c).value, self.sheet.cell(r, c).number_format)
             for c in range(1, width + 1)]
            for r in rows
        ]  # fmt: skip
        column = self.layout.columns.index(self.layout.column(key))
        cells.sort(key=lambda row: str(row[column][0] or ""), reverse=reverse)
        for row, moved in zip(rows, cells, strict=True):
            for c, (value, number_format) in enumerate(moved, start=1):
                self.sheet.cell(row, c).value = value
                self.sheet.cell(row, c).number_format = number_format

    def _grow(self) -> None:
        """One more body row, with every calculated column's formula (as Excel fills it)."""
        top, left, last, right = self.area
        self._excel.ref = f"{cell_name(top, left)}:{cell_name(last + 1, right)}"
        if self._excel.autoFilter is not None:
            self._excel.autoFilter.ref = self._excel.ref
        for offset, declared in enumerate(self._excel.tableColumns):
            cell = self.sheet.cell(last + 1, left + offset)
            formula = declared.calculatedColumnFormula
            cell.value = "=" + formula.attr_text if formula is not None else None
            cell.number_format = self.sheet.cell(last, left + offset).number_format

    def _clear_inputs(self, row: int) -> None:
        for offset, column in enumerate(self.layout.columns, start=1):
            if not column.is_computed:
                self.sheet.cell(row, offset).value = None


def summary(book: Workbook, layout: TableLayout, name: str) -> Mapping[str, dict[str, str]]:
    """A summary Table as {row label: {column header: A1 address}}."""
    sheet = book[layout.sheet_name]
    top, left, last, right = parse_range(sheet.tables[name].ref)
    headers = [sheet.cell(top, c).value for c in range(left, right + 1)]
    found = {}
    for row in range(top + 1, last + 1):
        label = str(sheet.cell(row, left).value)
        found[label] = {
            str(h): cell_name(row, left + i) for i, h in enumerate(headers[1:], start=1)
        }
    return found


def stated_total_cell(book: Workbook, layout: TableLayout, key: str) -> str:
    """Where the stated total of column ``key`` is (the summary block's first row)."""
    assert layout.totals is not None
    block = summary(book, layout, layout.totals.name)
    return block[layout.totals.stated_label][layout.column(key).header]


def setting(book: Workbook, name: str, value: Any, rename: str | None = None) -> tuple[str, str]:
    """Type ``value`` into the "Arvo" cell of the rules sheet's setting ``name`` (as the
    sheet shows it); ``rename`` also retypes the name.  Returns (sheet, A1) of the value,
    found in the edited sheet's settings Table, not by the code under test."""
    for sheet in book.worksheets:
        if SETTINGS_TABLE not in sheet.tables:
            continue
        top, left, last, _ = parse_range(sheet.tables[SETTINGS_TABLE].ref)
        for row in range(top + 1, last + 1):
            if sheet.cell(row, left).value == name:
                sheet.cell(row, left + 1).value = value
                if rename is not None:
                    sheet.cell(row, left).value = rename
                return sheet.title, cell_name(row, left + 1)
        raise KeyError(f"{SETTINGS_TABLE}: no setting {name!r}")
    raise KeyError(f"no {SETTINGS_TABLE} Table")
