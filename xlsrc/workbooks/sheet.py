"""Writing one data sheet of a template: summary blocks, the Table, checks, colours, print.

Top to bottom a sheet holds: the title, the source line, the highlight
legend; the summary Table of stated and recomputed totals (or the check rows
of a statement); then the data Table itself, whose computed columns are
calculated columns (one formula per column, structured references), so a row
typed below the table or inserted inside it is computed and counted at once.
Nothing is written below the data Table: it can grow freely.

Input columns get data validation with prompts in the workbook's language
(numbers, dropdown lists), so Excel stops most typing slips at once; every stated cell that
disagrees with its recomputation beyond the rounding tolerance is highlighted
by a conditional format, with a legend on the sheet.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.table import Table, TableColumn, TableFormula
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.core.text import N_, Msg, Text, text_in, translate
from xlsrc.workbooks import styles
from xlsrc.workbooks.formulas import render, whole_column
from xlsrc.workbooks.guards import add_highlights, add_validation, legend
from xlsrc.workbooks.layouts import Column, TableLayout, column_letter
from xlsrc.workbooks.notes import column_formula
from xlsrc.workbooks.placement import Placed, place
from xlsrc.workbooks.values import CellValue, typed

Row = Mapping[str, str | None]

INPUT_GROUP = N_("Syötetiedot")
INPUT_GROUP_STATED = N_("Syötetiedot (ilmoitetut luvut sarakkeissa 'ilmoitettu')")
COMPUTED_GROUP = N_("Laskettu (kaavat)")
TOTALS_HEADER = N_("Yhteenveto")
CHECKS_HEADER = N_("Tarkistus")


@dataclass(frozen=True)
class TableData:
    """Values of the body rows and, for tables with totals, the stated total row.

    Values are printed texts (seed data, typed by :func:`typed`) or, when a
    user's workbook is moved into a newer template, the cells as they were.
    """

    rows: Sequence[Mapping[str, object]]
    total: Mapping[str, object] = field(default_factory=dict)


def write_table_sheet(
    sheet: Worksheet, layout: TableLayout, data: TableData, tables: Mapping[str, TableLayout]
) -> Placed:
    """Write ``layout`` filled with ``data``; returns where everything went."""
    _write_titles(sheet, layout)
    placed = place(layout, len(data.rows))
    _write_group_row(sheet, layout, placed.header_row - 1)
    _write_headers(sheet, layout, placed.header_row)
    for index, values in enumerate(_padded(data.rows)):
        _write_row(sheet, placed, placed.first_row + index, values, tables)
    _add_table(sheet, placed, tables)
    if layout.totals is not None:
        _write_totals(sheet, placed, data.total, tables)
    elif layout.check_rows:
        _write_checks(sheet, placed)
    add_validation(sheet, placed)
    add_highlights(sheet, placed)
    _set_columns_and_print(sheet, placed)
    return placed


def _padded(rows: Sequence[Mapping[str, object]]) -> Sequence[Mapping[str, object]]:
    """A Table needs one body row at least: an empty table gets one empty row."""
    return rows if rows else [{}]


def source_line(layout: TableLayout) -> str:
    """The line under a table's title: its source, unit and note, in the current language."""
    unit = " · " + Msg("Yksikkö: {unit}", unit=Msg(layout.unit)).render() if layout.unit else ""
    note = f" · {text_in(layout.note)}" if layout.note else ""
    return f"{text_in(layout.source)}{unit}{note}"


def _write_titles(sheet: Worksheet, layout: TableLayout) -> None:
    sheet["A1"] = text_in(layout.title)
    sheet["A1"].font = styles.TITLE
    sheet["A2"] = source_line(layout)
    sheet["A2"].font = styles.SUBTITLE
    text = legend(layout)
    if text:
        sheet["A3"] = text
        sheet["A3"].font = styles.HIGHLIGHT_FONT
        sheet["A3"].fill = styles.FILL_HIGHLIGHT


def _write_group_row(sheet: Worksheet, layout: TableLayout, row: int) -> None:
    stated = any(c.role == "stated" for c in layout.columns)
    group = translate(INPUT_GROUP_STATED if stated else INPUT_GROUP)
    sheet.cell(row, 1, group).font = styles.GROUP
    if layout.computed_columns:
        index = layout.columns.index(layout.computed_columns[0]) + 1
        sheet.cell(row, index, translate(COMPUTED_GROUP)).font = styles.GROUP


def _write_headers(sheet: Worksheet, layout: TableLayout, row: int) -> None:
    for index, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(row, index, column.header)
        cell.alignment = styles.HEADER_ALIGN
        computed = column.is_computed
        cell.font = styles.HEADER_COMPUTED if computed else styles.HEADER_INPUT
        cell.fill = styles.FILL_HEADER_COMPUTED if computed else styles.FILL_HEADER_INPUT


def _cell(sheet: Worksheet, row: int, column: int) -> Cell:
    """A cell the writer fills (never part of a merge: data sheets have none)."""
    cell = sheet.cell(row, column)
    assert isinstance(cell, Cell), f"{sheet.title}: merged cell at {row},{column}"
    return cell


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


def _row_is_bold(layout: TableLayout, index: int) -> bool:
    rows = layout.statement_rows
    return index < len(rows) and rows[index].kind != "data"


def _write_row(
    sheet: Worksheet,
    placed: Placed,
    row: int,
    values: Mapping[str, object],
    tables: Mapping[str, TableLayout],
) -> None:
    layout = placed.layout
    bold = _row_is_bold(layout, row - placed.first_row)
    for index, column in enumerate(layout.columns, start=1):
        cell = _cell(sheet, row, index)
        if column.is_computed:
            cell.value = column_formula(column, layout, tables)
            _style_body(cell, column, CellValue(None), bold)
            continue
        value = typed(values.get(column.key), column.kind)
        cell.value = value.value
        _style_body(cell, column, value, bold)


def _add_table(sheet: Worksheet, placed: Placed, tables: Mapping[str, TableLayout]) -> None:
    layout = placed.layout
    last = column_letter(len(layout.columns))
    table = Table(displayName=layout.name, ref=f"A{placed.header_row}:{last}{placed.last_row}")
    table.tableStyleInfo = styles.TABLE_STYLE
    table.tableColumns = [
        TableColumn(
            id=index,
            name=column.header,
            calculatedColumnFormula=(
                TableFormula(attr_text=column_formula(column, layout, tables)[1:])
                if column.is_computed
                else None
            ),
        )
        for index, column in enumerate(layout.columns, start=1)
    ]
    sheet.add_table(table)


def _write_summary_table(
    sheet: Worksheet,
    placed: Placed,
    name: str,
    label_header: str,
    keys: Sequence[str],
    rows: Sequence[tuple[Text, Sequence[CellValue | str]]],
) -> None:
    """A small Table: a label column, then one column per ``keys`` (its data header)."""
    layout, top = placed.layout, placed.summary_row
    assert top is not None
    start = placed.summary_start(keys)
    headers = [translate(label_header), *(layout.column(k).header for k in keys)]
    for offset, header in enumerate(headers):
        cell = sheet.cell(top, start + offset, header)
        cell.font, cell.fill = styles.HEADER_COMPUTED, styles.FILL_HEADER_COMPUTED
        cell.alignment = styles.HEADER_ALIGN
    for row_offset, (label, values) in enumerate(rows, start=1):
        label_cell = sheet.cell(top + row_offset, start, text_in(label))
        label_cell.font, label_cell.border = styles.BODY_BOLD, styles.BOX
        for offset, (key, value) in enumerate(zip(keys, values, strict=True), start=1):
            column = layout.column(key)
            cell = _cell(sheet, top + row_offset, start + offset)
            shown = value if isinstance(value, CellValue) else CellValue(value)
            cell.value = shown.value
            _style_body(cell, column, shown, bold=True)
            if isinstance(value, str) and value.startswith("="):
                cell.fill = styles.FILL_COMPUTED
    ref = f"{column_letter(start)}{top}:{column_letter(start + len(keys))}{top + len(rows)}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = styles.RULES_TABLE_STYLE
    table.tableColumns = [
        TableColumn(id=i, name=header) for i, header in enumerate(headers, start=1)
    ]
    sheet.add_table(table)


def _write_totals(
    sheet: Worksheet,
    placed: Placed,
    stated: Mapping[str, object],
    tables: Mapping[str, TableLayout],
) -> None:
    layout = placed.layout
    totals = layout.totals
    assert totals is not None
    stated_values = [typed(stated.get(k), layout.column(k).kind) for k in totals.columns]
    computed = [render(totals.formula(k), layout, tables) for k in totals.columns]
    _write_summary_table(
        sheet,
        placed,
        totals.name,
        TOTALS_HEADER,
        totals.columns,
        [(totals.stated_label, stated_values), (totals.computed_label, computed)],
    )


def check_formula(layout: TableLayout, labels: Sequence[str], key: str) -> str:
    """A statement's subtotal: the rows labelled ``labels`` summed in column ``key``,
    found by label (so the statement may be sorted), #N/A while one of them is text."""
    column = whole_column(layout.name, layout.column(key).header)
    label = whole_column(layout.name, layout.label_column.header)
    quoted = ['"' + text.replace('"', '""') + '"' for text in labels]
    rows = "+".join(f"({label}={q})" for q in quoted)
    text = f'SUMPRODUCT(({rows})*ISTEXT({column})*({column}<>"-"))'
    return f"=IF({text}>0,NA(),SUMPRODUCT({rows},{column}))"


def _write_checks(sheet: Worksheet, placed: Placed) -> None:
    layout = placed.layout
    assert layout.check_name is not None
    keys = layout.check_rows[0].columns
    rows = []
    for check in layout.check_rows:
        labels = [layout.statement_rows[i].text for i in check.parts]
        rows.append((check.label, [check_formula(layout, labels, k) for k in keys]))
    _write_summary_table(sheet, placed, layout.check_name, CHECKS_HEADER, keys, rows)


def _set_columns_and_print(sheet: Worksheet, placed: Placed) -> None:
    layout = placed.layout
    for index, column in enumerate(layout.columns, start=1):
        sheet.column_dimensions[column_letter(index)].width = column.width
    _fit_row_heights(sheet, placed)
    sheet.freeze_panes = f"A{placed.first_row}"
    styles.print_a4_landscape(sheet, placed.header_row)


def _lines(text: object, width: float, chars_per_width: float) -> int:
    """Lines a wrapped text needs in a column of ``width`` (an estimate, never below 1)."""
    per_line = max(1, int(width * chars_per_width) - 3)  # -3: word-wrap waste per line
    paragraphs = str(text).split("\n") if text not in (None, "") else [""]
    return sum(max(1, math.ceil(len(p) / per_line)) for p in paragraphs)


def _fit_row_heights(sheet: Worksheet, placed: Placed) -> None:
    """Explicit heights for the header and every body row holding wrapped text."""
    layout = placed.layout
    header_lines = max(
        _lines(c.header, c.width, styles.CHARS_PER_WIDTH * 0.85) for c in layout.columns
    )
    height = max(2, header_lines) * styles.LINE_HEIGHT + 6
    sheet.row_dimensions[placed.header_row].height = height
    if placed.summary_row is not None:
        sheet.row_dimensions[placed.summary_row].height = height
    wrapped = [(column_letter(i), c) for i, c in enumerate(layout.columns, start=1) if c.wrap]
    for row in range(placed.first_row, placed.last_row + 1):
        values = [(sheet[f"{letter}{row}"].value, c.width) for letter, c in wrapped]
        lines = max(
            (
                _lines(v, w, styles.CHARS_PER_WIDTH)
                for v, w in values
                if v and not str(v).startswith("=")
            ),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[row].height = lines * styles.LINE_HEIGHT + 3
