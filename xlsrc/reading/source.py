"""What a workbook must offer to be read: the :class:`WorkbookSource` protocol."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from xlsrc.core.errors import XlError

CellValue = str | float | int | bool | dt.datetime | dt.date | dt.time | XlError | None


@dataclass(frozen=True)
class TableRef:
    """An Excel Table (ListObject) as the workbook defines it: where, and its column names."""

    name: str
    sheet: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    columns: tuple[str, ...]
    header_rows: int = 1
    totals_rows: int = 0

    @property
    def header_row(self) -> int:
        return self.first_row

    @property
    def body_first(self) -> int:
        return self.first_row + self.header_rows

    @property
    def body_last(self) -> int:
        return self.last_row - self.totals_rows


def cell_value(value: object) -> CellValue:
    """A cell's value as every source gives it.

    A saved workbook states an error value as its text ("#N/A"), so text that
    spells an error is that error, not a word; a value of any other type
    than a cell can hold is its text.
    """
    if isinstance(value, str) and value.startswith("#"):
        error = XlError.from_literal(value)
        if error is not None:
            return error
    if value is None or isinstance(
        value, str | int | float | bool | XlError | dt.datetime | dt.date | dt.time
    ):
        return value
    return str(value)


class WorkbookSource(Protocol):
    """A workbook to read: a file, an open Excel book, a recalculated package."""

    name: str
    """How messages name the workbook (its path or book name)."""

    def sheet_names(self) -> list[str]: ...

    def tables(self) -> Mapping[str, TableRef]:
        """Every Excel Table, by its name as the workbook spells it."""
        ...

    def defined_names(self) -> Mapping[str, str]:
        """Workbook-level defined names and their formula texts."""
        ...

    def values(
        self, sheet: str, first_row: int, last_row: int, first_col: int, last_col: int
    ) -> list[list[CellValue]]:
        """The values of a block of cells (1-based, inclusive), row by row."""
        ...

    def number_format(self, sheet: str, row: int, col: int) -> str:
        """The number format code of one cell ("General" when none)."""
        ...

    def bounds(self, sheet: str) -> tuple[int, int]:
        """(last row, last column) of the sheet's used area (a status sheet is read whole)."""
        ...

    def has_formula(self, sheet: str, row: int, col: int) -> bool | None:
        """Whether the cell holds a formula; None when this reader cannot tell.

        A computed column whose formulas were pasted over with values shows numbers
        that no longer follow the inputs; validation asks this to find them.
        """
        ...
