"""Writing one data sheet of a template: table, formulas, formats, validation, print setup.

The sheet is fully described by its :class:`~xlsrc.workbooks.layouts.TableLayout`
and a :class:`TableData` (printed cell texts per row; blank rows for a template).
Computed columns are written as formulas only — an array formula over the whole
output range for the range-form UDFs, a native formula per row otherwise — so
no computed number is ever pasted into a template or an example.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.workbooks import styles
from xlsrc.workbooks.formulas import Placement, render, rules_range
from xlsrc.workbooks.layouts import Column, TableLayout
from xlsrc.workbooks.rules_sheet import colour_statuses
from xlsrc.workbooks.values import CellValue, typed

Row = Mapping[str, str | None]

INPUT_GROUP = "Syötetiedot"
INPUT_GROUP_STATED = "Syötetiedot (ilmoitetut luvut sarakkeissa 'ilmoitettu')"
COMPUTED_GROUP = "Laskettu (kaavat)"


@dataclass(frozen=True)
class TableData:
    """Printed texts of the body rows and, for tables with totals, the stated total row."""

    rows: Sequence[Row]
    total: Row = field(default_factory=dict)


def write_table_sheet(
    sheet: Worksheet, placement: Placement, data: TableData, placements: Mapping[str, Placement]
) -> None:
    layout = placement.table
    _write_titles(sheet, layout)
    _write_headers(sheet, layout)
    for index, row in enumerate(data.rows):
        _write_inputs(sheet, layout, layout.first_row + index, row)
    _write_formulas(sheet, placement, placements)
    _add_table(sheet, placement)
    _write_below(sheet, placement, data.total)
    _add_validation_and_colours(sheet, placement)
    _set_columns_and_print(sheet, placement)


def _write_titles(sheet: Worksheet, layout: TableLayout) -> None:
    sheet["A1"] = layout.title
    sheet["A1"].font = styles.TITLE
    unit = f" · Yksikkö: {layout.unit}" if layout.unit else ""
    note = f" · {layout.note}" if layout.note else ""
    sheet["A2"] = f"{layout.source}{unit}{note}"
    sheet["A2"].font = styles.SUBTITLE
    stated = any(c.role == "stated" for c in layout.columns)
    group = sheet.cell(layout.group_row, 1, INPUT_GROUP_STATED if stated else INPUT_GROUP)
    group.font = styles.GROUP
    if layout.computed_columns:
        first = layout.computed_columns[0]
        cell = sheet[f"{first.letter}{layout.group_row}"]
        cell.value = COMPUTED_GROUP
        cell.font = styles.GROUP


def _write_headers(sheet: Worksheet, layout: TableLayout) -> None:
    for column in layout.columns:
        cell = sheet[f"{column.letter}{layout.header_row}"]
        cell.value = column.header
        cell.alignment = styles.HEADER_ALIGN
        if column.is_computed:
            cell.font = styles.HEADER_COMPUTED
            cell.fill = styles.FILL_HEADER_COMPUTED
        else:
            cell.font = styles.HEADER_INPUT
            cell.fill = styles.FILL_HEADER_INPUT


def _style_body(cell: Cell, column: Column, value: CellValue, bold: bool = False) -> None:
    cell.font = styles.BODY_BOLD if bold else styles.BODY
    cell.border = styles.BOX
    cell.number_format = value.number_format or column.number_format or "General"
    if value.align_right:
        cell.alignment = styles.RIGHT_TOP
    else:
        cell.alignment = styles.WRAP_TOP if column.wrap else styles.TOP
    if column.is_computed:
        cell.fill = styles.FILL_COMPUTED


def _row_is_bold(layout: TableLayout, row: int) -> bool:
    index = row - layout.first_row
    rows = layout.statement_rows
    return index < len(rows) and rows[index].kind != "data"


def _write_inputs(sheet: Worksheet, layout: TableLayout, row: int, texts: Row) -> None:
    bold = _row_is_bold(layout, row)
    for column in layout.input_columns:
        value = typed(texts.get(column.key), column.kind)
        cell = sheet[f"{column.letter}{row}"]
        cell.value = value.value
        _style_body(cell, column, value, bold)


def _write_formulas(
    sheet: Worksheet, placement: Placement, placements: Mapping[str, Placement]
) -> None:
    layout = placement.table
    for column in layout.computed_columns:
        for row in range(layout.first_row, placement.last_row + 1):
            cell = sheet[f"{column.letter}{row}"]
            _style_body(cell, column, CellValue(None), _row_is_bold(layout, row))
            if column.formula is None or (column.array and row != layout.first_row):
                continue
            text = render(column.formula, placement, row, placements)
            if column.array:
                cell.value = ArrayFormula(placement.output_range(column.key, column.span), text)
            else:
                cell.value = text


def _add_table(sheet: Worksheet, placement: Placement) -> None:
    layout = placement.table
    last = layout.input_columns[-1].letter
    table = Table(displayName=layout.name, ref=f"A{layout.header_row}:{last}{placement.last_row}")
    table.tableStyleInfo = styles.TABLE_STYLE
    sheet.add_table(table)


def _write_below(sheet: Worksheet, placement: Placement, stated_total: Row) -> None:
    """Stated total + its SUM, or a statement's recomputed subtotal rows."""
    layout = placement.table
    rows = layout.below_rows(placement.rows)
    label_letter = layout.columns[0].letter
    if layout.totals is not None:
        totals = layout.totals
        stated_row, computed_row = rows["stated_total"], rows["computed_total"]
        sheet[f"{label_letter}{stated_row}"] = f"{totals.label} (ilmoitettu)"
        sheet[f"{label_letter}{computed_row}"] = f"{totals.label} (laskettu)"
        for key in totals.columns:
            column = layout.column(key)
            stated = sheet[f"{column.letter}{stated_row}"]
            value = typed(stated_total.get(key), column.kind)
            stated.value = value.value
            _style_body(stated, column, value, bold=True)
            computed = sheet[f"{column.letter}{computed_row}"]
            computed.value = f"=SUM({placement.body(key)})"
            _style_body(computed, column, CellValue(None), bold=True)
            computed.fill = styles.FILL_COMPUTED
        for row in (stated_row, computed_row):
            sheet[f"{label_letter}{row}"].font = styles.BODY_BOLD
        return
    for check in layout.check_rows:
        row = rows[check.label]
        sheet[f"{label_letter}{row}"] = check.label
        sheet[f"{label_letter}{row}"].font = styles.BODY_BOLD
        sheet[f"{label_letter}{row}"].fill = styles.FILL_COMPUTED
        for key in check.columns:
            column = layout.column(key)
            parts = ",".join(f"{column.letter}{layout.first_row + i}" for i in check.parts)
            cell = sheet[f"{column.letter}{row}"]
            cell.value = f"=SUM({parts})"
            _style_body(cell, column, CellValue(None), bold=True)
            cell.fill = styles.FILL_COMPUTED


def _add_validation_and_colours(sheet: Worksheet, placement: Placement) -> None:
    layout = placement.table
    for column in layout.columns:
        cells = f"{column.letter}{layout.first_row}:{column.letter}{placement.last_row}"
        top_left = f"{column.letter}{layout.first_row}"
        if column.kind == "method":
            _list_validation(sheet, cells, rules_range("methods", "Arviointitapa"), "Arviointitapa")
        if column.vocabulary is not None:
            _list_validation(sheet, cells, rules_range(column.vocabulary, "Tila"), column.header)
            colour_statuses(sheet, cells, top_left, column.vocabulary)
        if column.rules is not None:
            colour_statuses(sheet, cells, top_left, column.rules)


def _list_validation(sheet: Worksheet, cells: str, source: str, what: str) -> None:
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tuntematon arvo",  # Excel allows at most 32 characters here
        error=f"{what}: valitse arvo luettelosta (luettelo on Säännöt-välilehdellä).",
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def _set_columns_and_print(sheet: Worksheet, placement: Placement) -> None:
    layout = placement.table
    for column in layout.columns:
        sheet.column_dimensions[column.letter].width = column.width
    _fit_row_heights(sheet, layout, placement.last_row)
    sheet.freeze_panes = f"A{layout.first_row}"
    styles.print_a4_landscape(sheet, layout.header_row)


def _lines(text: object, width: float, chars_per_width: float) -> int:
    """Lines a wrapped text needs in a column of ``width`` (an estimate, never below 1)."""
    per_line = max(1, int(width * chars_per_width) - 3)  # -3: word-wrap waste per line
    paragraphs = str(text).split("\n") if text not in (None, "") else [""]
    return sum(max(1, math.ceil(len(p) / per_line)) for p in paragraphs)


def _fit_row_heights(sheet: Worksheet, layout: TableLayout, last_row: int) -> None:
    """Explicit heights for the header and every body row holding wrapped text."""
    header_lines = max(
        _lines(c.header, c.width, styles.CHARS_PER_WIDTH * 0.85) for c in layout.columns
    )
    sheet.row_dimensions[layout.header_row].height = max(2, header_lines) * styles.LINE_HEIGHT + 6
    wrapped = [c for c in layout.input_columns if c.wrap]
    for row in range(layout.first_row, last_row + 1):
        values = [(sheet[f"{c.letter}{row}"].value, c.width) for c in wrapped]
        lines = max((_lines(v, w, styles.CHARS_PER_WIDTH) for v, w in values if v), default=1)
        if lines > 1:
            sheet.row_dimensions[row].height = lines * styles.LINE_HEIGHT + 3
