"""Where the writer puts a table on its sheet: the one place the A1 positions are decided.

Formulas never need positions (they use structured references), but Excel
allows no structured references in conditional formats and validation
lists, so those are written with the A1 ranges this module computes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xlsrc.workbooks.layouts import TableLayout, column_letter

#: First row of the summary block (after title, source line, legend and a gap).
SUMMARY_ROW = 5


@dataclass(frozen=True)
class Placed:
    """A table as written: its header row, last body row and summary block."""

    layout: TableLayout
    header_row: int
    last_row: int
    summary_row: int | None = None
    """Header row of the summary block (totals or checks), if there is one."""

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    def index(self, key: str) -> int:
        """1-based sheet column of column ``key``."""
        return self.layout.columns.index(self.layout.column(key)) + 1

    def letter(self, key: str) -> str:
        return column_letter(self.index(key))

    def body(self, key: str) -> str:
        letter = self.letter(key)
        return f"{letter}{self.first_row}:{letter}{self.last_row}"

    def summary_start(self, keys: Sequence[str]) -> int:
        """Sheet column of the summary block's label column.

        The values stand above their own data columns when those are side by
        side in the data table; otherwise the block starts at column A.
        """
        indexes = [self.index(k) for k in keys]
        side_by_side = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
        return indexes[0] - 1 if side_by_side and indexes[0] > 1 else 1

    def summary_cell(self, keys: Sequence[str], key: str, row_offset: int) -> str:
        """A1 address of ``key``'s value on the summary block's ``row_offset``-th row."""
        assert self.summary_row is not None
        column = self.summary_start(keys) + 1 + list(keys).index(key)
        return f"{column_letter(column)}{self.summary_row + row_offset}"


def absolute(cell: str) -> str:
    """ "E7" -> "$E$7"."""
    letters = cell.rstrip("0123456789")
    return f"${letters}${cell[len(letters) :]}"


def place(layout: TableLayout, body_rows: int) -> Placed:
    """The positions of ``layout`` with ``body_rows`` rows (at least one)."""
    summary_row = None
    group_row = SUMMARY_ROW
    if layout.totals is not None or layout.check_rows:
        summary_row = SUMMARY_ROW
        rows = 2 if layout.totals is not None else len(layout.check_rows)
        group_row = SUMMARY_ROW + rows + 2
    header_row = group_row + 1
    return Placed(layout, header_row, header_row + max(body_rows, 1), summary_row)
