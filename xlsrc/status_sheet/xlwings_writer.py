"""Render a :class:`SheetDescription` through xlwings, inside Excel.

The writer uses a small part of xlwings (checked against the xlwings 0.37
API reference; the recording fake in ``tests/fakes/xlwings_fake.py`` lists
the names): ``Range.value``, ``color`` (hex string), ``font.bold/italic/size/
color/name``, ``number_format``, ``wrap_text``, ``horizontal_alignment``/
``vertical_alignment`` (0.37.3+), ``borders`` (0.37.1+), ``merge()``,
``column_width``, ``row_height``, ``left``/``top``; ``Sheet.charts.add`` with
``Chart.set_source_data``/``chart_type``/``title``.  xlwings has no sheet
protection or page setup of its own, so those go through ``sheet.api`` — the
pywin32 Worksheet object (``Protect``, ``PageSetup``, ``HPageBreaks``), i.e.
Windows Excel.

Values are written in one block (one call into Excel instead of one per
cell); the font, size and alignment most cells share are set once for the
block, borders per run of bordered cells, and each run of adjacent cells with
one style gets only what differs.  On the 004 example that is 926 calls for
1 340 cells, against 3 395 when every run set every attribute.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import Any

from xlsrc.core.errors import EnvironmentProblem
from xlsrc.core.text import Msg
from xlsrc.status_sheet.description import (
    DEFAULT_STYLE,
    FONT_NAME,
    Cell,
    CellStyle,
    SheetDescription,
)

POINTS_PER_CM = 72 / 2.54
XL_LANDSCAPE = 2


class ProtectionFailed(EnvironmentProblem):
    """Excel refused to protect the sheet (or this platform cannot, see the message)."""


def write_sheet(sheet: Any, description: SheetDescription) -> None:
    """Fill ``sheet`` (an empty xlwings Sheet) from ``description``.

    Excel is driven over COM, where every call is a round trip: values go in
    as one block, shared formatting is set once for the whole block, and only
    runs of cells that differ get their own calls.  This keeps the ribbon
    command at seconds instead of minutes on a large programme.
    """
    rows, columns = description.max_row, description.max_column
    block: list[list[Any]] = [[None] * columns for _ in range(rows)]
    for cell in description.cells:
        block[cell.row - 1][cell.column - 1] = cell.value
    whole = sheet.range((1, 1), (rows, columns))
    whole.value = block
    # What most cells share is set once for the whole block; runs set only differences.
    whole.font.name = FONT_NAME
    whole.font.size = DEFAULT_STYLE.size
    whole.horizontal_alignment = DEFAULT_STYLE.horizontal
    whole.vertical_alignment = DEFAULT_STYLE.vertical
    whole.wrap_text = True  # most cells wrap; runs that must not are unset below
    for first, last, _ in _runs(description.cells, key=lambda c: c.style.border == "thin"):
        if first.style.border == "thin":
            _borders(sheet.range((first.row, first.column), (last.row, last.column)))
    for first, last, style in _runs(description.cells, key=lambda c: c.style):
        _style(sheet.range((first.row, first.column), (last.row, last.column)), style)
    for first_row, first_col, last_row, last_col in description.merges:
        sheet.range((first_row, first_col), (last_row, last_col)).merge()
    for column, width in description.column_widths.items():
        sheet.range((1, column)).column_width = width
    for row, height in description.row_heights.items():
        sheet.range((row, 1)).row_height = height
    for spec in description.charts:
        anchor = sheet.range(spec.anchor)
        chart = sheet.charts.add(
            left=anchor.left,
            top=anchor.top,
            width=spec.width_cm * POINTS_PER_CM,
            height=spec.height_cm * POINTS_PER_CM,
        )
        first_row, first_col, last_row, last_col = spec.source_block
        chart.set_source_data(sheet.range((first_row, first_col), (last_row, last_col)))
        chart.chart_type = "line_markers"
        chart.title = spec.title
    if sys.platform == "win32" or hasattr(sheet.api, "PageSetup"):
        _page_setup(sheet, description)
    if description.protected:
        protect(sheet)


def protect(sheet: Any) -> None:
    """Protect the sheet (no password: it guards against accidental edits).

    Readers may still widen columns and rows, as in the headless writer.
    """
    try:
        sheet.api.Protect(
            DrawingObjects=True,
            Contents=True,
            Scenarios=True,
            AllowFormattingColumns=True,
            AllowFormattingRows=True,
        )
    except Exception as error:  # COM errors have no common base class here
        raise ProtectionFailed(
            Msg(
                "välilehden {sheet!r} suojaus epäonnistui ({error}); suojaus tehdään "
                "Windowsin Excelissä (xlwings: sheet.api.Protect)",
                sheet=sheet.name,
                error=error,
            )
        ) from error


def _page_setup(sheet: Any, description: SheetDescription) -> None:
    page = sheet.api.PageSetup
    page.Orientation = XL_LANDSCAPE
    page.Zoom = False
    page.FitToPagesWide = 1
    page.FitToPagesTall = False
    if description.print_title_rows is not None:
        first, last = description.print_title_rows
        page.PrintTitleRows = f"${first}:${last}"
    for row in description.page_breaks:
        sheet.api.HPageBreaks.Add(Before=sheet.range((row + 1, 1)).api)


def _runs(
    cells: tuple[Cell, ...], key: Callable[[Cell], object]
) -> Iterator[tuple[Cell, Cell, object]]:
    """Maximal runs of horizontally adjacent cells with the same ``key`` (row-major)."""
    ordered = sorted(cells, key=lambda c: (c.row, c.column))
    start: Cell | None = None
    previous: Cell | None = None
    for cell in ordered:
        if (
            start is not None
            and previous is not None
            and cell.row == previous.row
            and cell.column == previous.column + 1
            and key(cell) == key(start)
        ):
            previous = cell
            continue
        if start is not None and previous is not None:
            yield start, previous, key(start)
        start = previous = cell
    if start is not None and previous is not None:
        yield start, previous, key(start)


def _style(target: Any, style: object) -> None:
    """Set what differs from the defaults already applied to the whole block."""
    assert isinstance(style, CellStyle)
    if style.fill:
        target.color = f"#{style.fill}"
    if style.size != DEFAULT_STYLE.size:
        target.font.size = style.size
    if style.bold:
        target.font.bold = True
    if style.italic:
        target.font.italic = True
    if style.font_colour != DEFAULT_STYLE.font_colour:
        target.font.color = f"#{style.font_colour}"
    if style.number_format != "General":
        target.number_format = style.number_format
    if not style.wrap:
        target.wrap_text = False
    if style.horizontal != DEFAULT_STYLE.horizontal:
        target.horizontal_alignment = style.horizontal
    if style.vertical != DEFAULT_STYLE.vertical:
        target.vertical_alignment = style.vertical


def _borders(target: Any) -> None:
    target.borders.line_style = "continuous"
    target.borders.weight = "thin"
    target.borders.color = "#A6A6A6"
