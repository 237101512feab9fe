"""An open Excel book (xlwings) as a :class:`~xlsrc.reading.source.WorkbookSource`.

The ribbon's buttons read the open book - unsaved edits included - through
this class, so they see the tables exactly as ``xlsrc validate`` and
``xlsrc status-sheet`` see a saved file.  It uses a small part of the xlwings
API (``book.sheets``, ``book.names``, ``sheet.tables`` with ``Table.range`` (``row``, ``column``,
``last_cell``),
``Table.header_row_range`` and ``Table.show_totals``, ``sheet.range``,
``sheet.used_range``, ``Range.options``, ``Range.number_format``), so the
recording fake of the tests can stand in for Excel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.reading.source import CellValue, TableRef


class XlwingsSource:
    """An open xlwings book as a :class:`~xlsrc.reading.source.WorkbookSource`."""

    def __init__(self, book: Any) -> None:
        self.name = str(book.name)
        self._book = book

    def sheet_names(self) -> list[str]:
        return [str(sheet.name) for sheet in self._book.sheets]

    def tables(self) -> Mapping[str, TableRef]:
        found = {}
        for sheet in self._book.sheets:
            for table in sheet.tables:
                block = table.range
                last = block.last_cell
                headers = table.header_row_range.options(ndim=1).value or []
                name = str(table.name)
                found[name] = TableRef(
                    name, str(sheet.name), int(block.row), int(block.column), int(last.row),
                    int(last.column), tuple("" if h is None else str(h) for h in headers),
                    1, 1 if table.show_totals else 0,
                )  # fmt: skip
        return found

    def defined_names(self) -> Mapping[str, str]:
        names = {}
        for name in self._book.names:
            text = str(name.refers_to)
            names[str(name.name)] = text[1:] if text.startswith("=") else text
        return names

    def values(
        self, sheet: str, first_row: int, last_row: int, first_col: int, last_col: int
    ) -> list[list[CellValue]]:
        block = self._book.sheets[sheet].range((first_row, first_col), (last_row, last_col))
        values = block.options(ndim=2, err_to_str=True).value
        return [[_error_or(value) for value in row] for row in values]

    def number_format(self, sheet: str, row: int, col: int) -> str:
        found = self._book.sheets[sheet].range((row, col)).number_format
        return str(found) if found is not None else "General"

    def bounds(self, sheet: str) -> tuple[int, int]:
        used = self._book.sheets[sheet].used_range
        return int(used.last_cell.row), int(used.last_cell.column)

    def has_formula(self, sheet: str, row: int, col: int) -> bool | None:
        return None  # not asked of Excel cell by cell: one COM call per cell would be slow


def _error_or(value: Any) -> CellValue:
    """xlwings gives error cells as their text (err_to_str); they are errors, not words."""
    if isinstance(value, str):
        error = XlError.from_literal(value) if value.startswith("#") else None
        return error if error is not None else value
    if value is None or isinstance(value, int | float | dt.datetime | dt.date | dt.time):
        return value
    return str(value)
