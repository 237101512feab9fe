"""A sheet described as data: cells, styles, merges, widths, charts, protection.

The status sheet is built once as a :class:`SheetDescription` and rendered by
thin writers (openpyxl headless, xlwings inside Excel).  Keeping the
description free of any spreadsheet library means the two writers cannot
disagree about content, and tests can check the layout without Excel.
Rows and columns are 1-based, as in Excel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from xlsrc.engine.refs import cell_name, col_letters

#: One font for the whole sheet.  Arial, not Calibri: LibreOffice substitutes the
#: metric-compatible Liberation Sans for it, so the headless PDF wraps lines where
#: Excel does (Calibri falls back to a wider font where it is not installed).
FONT_NAME = "Arial"

Horizontal = Literal["left", "center", "right"]
Vertical = Literal["top", "center", "bottom"]
Border = Literal["none", "thin", "top"]
Scalar = float | int | str | bool | None


@dataclass(frozen=True)
class CellStyle:
    """Everything a writer needs to format one cell; hex colours without '#'."""

    fill: str | None = None
    bold: bool = False
    italic: bool = False
    size: float = 10.0
    font_colour: str = "000000"
    number_format: str = "General"
    wrap: bool = False
    horizontal: Horizontal = "left"
    vertical: Vertical = "top"
    border: Border = "none"


DEFAULT_STYLE = CellStyle()


@dataclass(frozen=True)
class Cell:
    row: int
    column: int
    value: Scalar
    style: CellStyle = DEFAULT_STYLE


@dataclass(frozen=True)
class Series:
    """One chart series: the name cell and a row of values ``first..last`` columns."""

    name: tuple[int, int]
    row: int
    first_column: int
    last_column: int


@dataclass(frozen=True)
class ChartSpec:
    """A native line chart over cells of this sheet."""

    title: str
    categories: tuple[int, int, int]
    """(row, first column, last column) of the category labels (Q1..Q4)."""
    series: tuple[Series, ...]
    anchor: tuple[int, int]
    """Top-left cell (row, column) the chart is placed at."""
    width_cm: float = 12.0
    height_cm: float = 6.5
    y_number_format: str = "General"
    y_title: str = ""

    @property
    def source_block(self) -> tuple[int, int, int, int]:
        """(first row, first column, last row, last column) of the whole chart source.

        Category labels on top, series names on the left, empty corner: the
        shape Excel's ``SetSourceData`` reads without being told which is which.
        """
        row, first, last = self.categories
        names = {s.name[1] for s in self.series}
        rows = [s.row for s in self.series]
        contiguous = (
            len(names) == 1
            and names == {first - 1}
            and rows == list(range(row + 1, row + 1 + len(rows)))
            and all(s.first_column == first and s.last_column == last for s in self.series)
        )
        if not contiguous:
            raise ValueError(  # i18n: a programmer's assertion (a chart laid out wrongly)
                f"kaavion {self.title!r} lähde ei ole yhtenäinen alue"
            )
        return row, first - 1, rows[-1], last


@dataclass(frozen=True)
class SheetDescription:
    name: str
    cells: tuple[Cell, ...]
    merges: tuple[tuple[int, int, int, int], ...] = ()
    """(first row, first column, last row, last column) of each merged range."""
    column_widths: Mapping[int, float] = field(default_factory=lambda: MappingProxyType({}))
    """Width per column; 0 hides the column (kept for machines, not printed)."""
    row_heights: Mapping[int, float] = field(default_factory=lambda: MappingProxyType({}))
    charts: tuple[ChartSpec, ...] = ()
    protected: bool = True
    freeze: tuple[int, int] | None = None
    """Top-left unfrozen cell (row, column), like Excel's freeze panes."""
    print_title_rows: tuple[int, int] | None = None
    page_breaks: tuple[int, ...] = ()
    """Rows after which a printed page ends (charts start on a fresh page)."""
    landscape: bool = True
    checksum: str = ""
    footer: str = ""
    """The centre page footer with Excel's page fields, in the sheet's language."""

    def cell(self, row: int, column: int) -> Cell | None:
        for cell in self.cells:
            if cell.row == row and cell.column == column:
                return cell
        return None

    @property
    def max_row(self) -> int:
        return max((c.row for c in self.cells), default=0)

    @property
    def max_column(self) -> int:
        return max((c.column for c in self.cells), default=0)


def a1(row: int, column: int) -> str:
    """(3, 2) -> "B3"."""
    return cell_name(row, column)


column_letter = col_letters
