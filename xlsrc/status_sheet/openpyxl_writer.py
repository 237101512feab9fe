"""Render a :class:`SheetDescription` with openpyxl (headless).

The writer only translates: every value, colour and merge comes from the
description.  Charts are native Excel line charts (``openpyxl.chart``), so
Excel and LibreOffice draw them from the sheet's own cells.
"""

from __future__ import annotations

from copy import copy
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.status_sheet.description import (
    FONT_NAME,
    CellStyle,
    ChartSpec,
    SheetDescription,
    a1,
    column_letter,
)

_THIN = Side(style="thin", color="A6A6A6")
_BORDERS = {
    "none": Border(),
    "thin": Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN),
    "top": Border(top=Side(style="medium", color="404040")),
}


def write_sheet(ws: Worksheet, sheet: SheetDescription) -> None:
    """Fill ``ws`` (a fresh worksheet) from ``sheet``.

    The headless twin of :func:`xlsrc.status_sheet.xlwings_writer.write_sheet`:
    both render the same :class:`SheetDescription`, so the sheet made on a
    server and the one made in Excel cannot drift apart.  It is one pass over
    the description (cells, merges, widths, heights, print setup, charts) and
    stays one function so that pass is visibly complete.
    """
    ws.title = sheet.name
    # Styling a cell through openpyxl's descriptors hashes every style object;
    # the first cell of each CellStyle is styled that way and the others copy
    # its style indices (same result, a fraction of the time).
    styled: dict[CellStyle, object] = {}
    for spec in sheet.cells:
        cell: Any = ws.cell(row=spec.row, column=spec.column)  # its private _style is copied
        if spec.value is not None:
            cell.value = spec.value
        prototype = styled.get(spec.style)
        if prototype is not None:
            cell._style = copy(prototype)
            continue
        font, fill, alignment, border = _style(spec.style)
        cell.font = font
        if fill is not None:
            cell.fill = fill
        cell.alignment = alignment
        cell.border = border
        if spec.style.number_format != "General":
            cell.number_format = spec.style.number_format
        styled[spec.style] = cell._style
    for first_row, first_col, last_row, last_col in sheet.merges:
        # Registered directly: ws.merge_cells would restyle the borders of every
        # merged cell (slow) although the description already styled them.
        ref = f"{a1(first_row, first_col)}:{a1(last_row, last_col)}"
        ws.merged_cells.add(MergedCellRange(ws, ref))
    for column, width in sheet.column_widths.items():
        dimension = ws.column_dimensions[column_letter(column)]
        dimension.width = width
        dimension.hidden = width == 0
    for row, height in sheet.row_heights.items():
        ws.row_dimensions[row].height = height
    if sheet.freeze is not None:
        ws.freeze_panes = a1(*sheet.freeze)
    if sheet.print_title_rows is not None:
        ws.print_title_rows = f"{sheet.print_title_rows[0]}:{sheet.print_title_rows[1]}"
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    setup = ws.sheet_properties.pageSetUpPr
    if setup is None:
        setup = ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    setup.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_margins.header = ws.page_margins.footer = 0.25  # inside the margin, not over it
    ws.print_options.gridLines = False
    footer = ws.oddFooter
    assert footer is not None
    footer.center.text = sheet.footer
    for row in sheet.page_breaks:
        ws.row_breaks.append(Break(id=row))
    for chart in sheet.charts:
        ws.add_chart(_chart(ws, chart), a1(*chart.anchor))
    if sheet.protected:
        ws.protection.sheet = True
        ws.protection.formatColumns = True  # allowed: readers may widen columns
        ws.protection.formatRows = True


def standalone_workbook(sheet: SheetDescription) -> bytes:
    """A workbook holding only ``sheet``, as xlsx bytes (for transplanting and PDF)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    write_sheet(ws, sheet)
    wb.properties.creator = "xlsrc"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _style(style: CellStyle) -> tuple[Font, PatternFill | None, Alignment, Border]:
    font = Font(
        name=FONT_NAME,
        bold=style.bold,
        italic=style.italic,
        size=style.size,
        color=style.font_colour,
    )
    fill = PatternFill("solid", fgColor=style.fill, bgColor=style.fill) if style.fill else None
    alignment = Alignment(
        horizontal=style.horizontal, vertical=style.vertical, wrap_text=style.wrap
    )
    return font, fill, alignment, _BORDERS[style.border]


def _chart(ws: Worksheet, spec: ChartSpec) -> LineChart:
    chart = LineChart()
    chart.title = spec.title
    chart.style = 2
    chart.height = spec.height_cm
    chart.width = spec.width_cm  # type: ignore[assignment]  # the stub says int; cm are floats
    chart.y_axis.number_format = spec.y_number_format
    chart.y_axis.majorGridlines = chart.y_axis.majorGridlines  # keep default gridlines
    chart.y_axis.title = spec.y_title or None
    chart.display_blanks = "gap"
    # openpyxl 3.1 hides axes unless delete is set explicitly to False.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    for series in spec.series:
        values = Reference(
            ws,
            min_col=series.first_column,
            max_col=series.last_column,
            min_row=series.row,
            max_row=series.row,
        )
        chart.add_data(values, from_rows=True, titles_from_data=False)
        added = chart.series[-1]
        added.tx = SeriesLabel(strRef=_str_ref(ws.title, *series.name))
        added.marker.symbol = "circle"
        added.smooth = False
    row, first, last = spec.categories
    chart.set_categories(Reference(ws, min_col=first, max_col=last, min_row=row, max_row=row))
    if len(chart.series) > 1:  # the target: dashed, no markers
        target = chart.series[1]
        target.marker.symbol = "none"
        target.graphicalProperties.line.dashStyle = "dash"
    if chart.legend is not None:
        chart.legend.position = "b"
    return chart


def _str_ref(sheet: str, row: int, column: int) -> StrRef:
    quoted = "'" + sheet.replace("'", "''") + "'"
    return StrRef(f"{quoted}!${column_letter(column)}${row}")
