"""Every template, read with openpyxl: sheets, headers, formulas, colours, validation, print.

Parametrised over the layouts and over both builds (the empty template and the
filled example), because an example must be exactly its template with rows.
"""

from __future__ import annotations

import re

import pytest
from openpyxl.worksheet.formula import ArrayFormula

from tests.templates_support import body_rows, evaluate_udf, formula_text, load
from xlsrc.core.schemes import COLOUR_HEX, TRAFFIC_LIGHT_80_90
from xlsrc.core.targets import NOT_ASSESSABLE_LABEL, PENDING_LABEL
from xlsrc.registry import Registry
from xlsrc.workbooks.formulas import Placement, rules_range
from xlsrc.workbooks.layouts import (
    RULES_BLOCKS,
    RULES_HEADERS,
    RULES_SHEET,
    SCHEMES,
    SETTINGS_TABLE,
    WORKBOOKS,
    TableLayout,
    WorkbookLayout,
    rules_block,
)

BUILDS = [(layout, example) for layout in WORKBOOKS for example in (False, True)]
IDS = [f"{layout.key}-{'example' if example else 'template'}" for layout, example in BUILDS]
TABLES = [(layout, table) for layout in WORKBOOKS for table in layout.tables]
TABLE_IDS = [table.key for _, table in TABLES]
UDF_NAMES = set(Registry.default().names)


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_sheets_are_the_layout_sheets_with_the_rules_sheet_last(
    layout: WorkbookLayout, example: bool
) -> None:
    workbook = load(layout, example)
    assert workbook.sheetnames == list(layout.sheets)
    assert workbook.sheetnames[-1] == RULES_SHEET


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_headers_and_excel_tables(layout: WorkbookLayout, example: bool) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet]
        headers = [sheet[f"{c.letter}{table.header_row}"].value for c in table.columns]
        assert headers == [c.header for c in table.columns]
        excel_table = sheet.tables[table.name]
        last_input = table.input_columns[-1].letter
        assert re.fullmatch(rf"A{table.header_row}:{last_input}\d+", excel_table.ref)
        assert sheet.freeze_panes == f"A{table.first_row}"


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_every_computed_cell_is_a_formula_never_a_number(
    layout: WorkbookLayout, example: bool
) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet]
        rows = body_rows(sheet, table)
        placement = Placement(table, len(rows))
        for column in table.computed_columns:
            for row in rows:
                value = sheet[f"{column.letter}{row}"].value
                if column.part_of is not None or (column.array and row != rows[0]):
                    assert value is None, f"{table.sheet}!{column.letter}{row} inside an array"
                    continue
                text = formula_text(value)
                assert text is not None, f"{table.sheet}!{column.letter}{row}: {value!r}"
                if column.array:
                    assert isinstance(value, ArrayFormula)
                    assert value.ref == placement.output_range(column.key, column.span)
                    name = re.match(r"=(XS_[A-Z_]+)\(", text)
                    assert name and name.group(1) in UDF_NAMES
                else:
                    assert "XS_" not in text, "native formulas only outside array columns"


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_rows_below_tables_recompute_with_sum(layout: WorkbookLayout, example: bool) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet]
        rows = body_rows(sheet, table)
        below = table.below_rows(len(rows))
        if table.totals is not None:
            for key in table.totals.columns:
                letter = table.column(key).letter
                cell = sheet[f"{letter}{below['computed_total']}"].value
                assert cell == f"=SUM(${letter}${rows[0]}:${letter}${rows[-1]})"
        for check in table.check_rows:
            for key in check.columns:
                letter = table.column(key).letter
                parts = ",".join(f"{letter}{rows[0] + i}" for i in check.parts)
                assert sheet[f"{letter}{below[check.label]}"].value == f"=SUM({parts})"


def _fill_colours(rules: list) -> dict[str, str]:  # type: ignore[type-arg]
    found = {}
    for rule in rules:
        colour = rule.dxf.fill.bgColor.rgb if rule.dxf and rule.dxf.fill else None
        found[rule.formula[0]] = str(colour)[-6:]
    return found


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_status_cells_are_coloured_from_the_rules_sheet(
    layout: WorkbookLayout, example: bool
) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet]
        rows = body_rows(sheet, table)
        formats = {str(cf.sqref): cf.rules for cf in sheet.conditional_formatting}
        for column in table.columns:
            block = column.rules or column.vocabulary
            if block is None:
                continue
            cells = f"{column.letter}{rows[0]}:{column.letter}{rows[-1]}"
            assert cells in formats, f"{table.sheet}: no conditional format on {cells}"
            colours = _fill_colours(formats[cells])
            labels = rules_range(block, "Merkintä" if column.rules else "Tila")
            for key, hex_colour in COLOUR_HEX.items():
                matching = [f for f, c in colours.items() if c == hex_colour]
                assert len(matching) == 1, f"{cells}: one rule for {key}"
                assert labels in matching[0] and rules_range(block, "Väri") in matching[0]
                assert f'"{key}"' in matching[0]


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_status_inputs_and_methods_validate_against_the_rules_sheet_lists(
    layout: WorkbookLayout, example: bool
) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet]
        rows = body_rows(sheet, table)
        lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
        for column in table.columns:
            cells = f"{column.letter}{rows[0]}:{column.letter}{rows[-1]}"
            if column.vocabulary is not None:
                assert lists[cells] == rules_range(column.vocabulary, "Tila")
            if column.kind == "method":
                assert lists[cells] == rules_range("methods", "Arviointitapa")


@pytest.mark.parametrize("layout", WORKBOOKS, ids=[w.key for w in WORKBOOKS])
def test_rules_sheet_holds_every_scheme_as_a_readable_table(layout: WorkbookLayout) -> None:
    sheet = load(layout, False)[RULES_SHEET]
    for key, scheme in SCHEMES.items():
        block = rules_block(key)
        header = [sheet.cell(block.header_row, i + 1).value for i in range(len(RULES_HEADERS))]
        assert header == list(RULES_HEADERS)
        body = [
            [sheet.cell(row, i + 1).value for i in range(len(RULES_HEADERS))]
            for row in range(block.first_row, block.first_row + len(scheme.bands))
        ]
        assert body == scheme.to_rows()
        assert sheet.tables[block.name].ref == (f"A{block.header_row}:K{block.last_row}")
    settings = {SETTINGS_TABLE} if layout.settings else set()
    assert {t for t in sheet.tables} == {b.name for b in RULES_BLOCKS} | settings


def _status_formulas(layout: WorkbookLayout) -> list[tuple[TableLayout, str]]:
    return [
        (table, column.key)
        for table in layout.tables
        for column in table.computed_columns
        if column.rules is not None
    ]


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_status_formulas_read_their_rules_range(layout: WorkbookLayout, example: bool) -> None:
    workbook = load(layout, example)
    for table, key in _status_formulas(layout):
        column = table.column(key)
        sheet = workbook[table.sheet]
        text = formula_text(sheet[f"{column.letter}{table.first_row}"].value)
        assert text is not None and rules_range(column.rules or "") in text


def test_changing_the_rules_sheet_changes_the_computed_status() -> None:
    """The 88,3 % share of 001 is yellow under 80/90; move the green band down to 88 %."""
    layout = WORKBOOKS[0]
    table = layout.table("targets_001")
    workbook = load(layout, True)
    sheet = workbook[table.sheet]
    column = table.column("status_calc")
    formula = formula_text(sheet[f"{column.letter}{table.first_row}"].value)
    assert formula is not None
    before = [row[0] for row in evaluate_udf(workbook, table.sheet, formula)]
    assert before[1] == "Lähellä tavoitetta"
    assert set(before) <= {b.label_fi for b in TRAFFIC_LIGHT_80_90.bands} | {PENDING_LABEL}

    block = rules_block("traffic_light")
    rules = workbook[RULES_SHEET]
    green, yellow = block.first_row, block.first_row + 1  # highest band first
    rules[f"{block.letter('Alaraja')}{green}"] = 0.88
    rules[f"{block.letter('Yläraja')}{yellow}"] = 0.88
    rules[f"{block.letter('Merkintä')}{green}"] = "Tavoitteessa (muutettu)"
    after = [row[0] for row in evaluate_udf(workbook, table.sheet, formula)]
    assert after[1] == "Tavoitteessa (muutettu)"
    assert after[3] == "Tavoitteessa (muutettu)"  # vuosikate: met is green, renamed too


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_print_setup_a4_landscape_with_repeated_headers(
    layout: WorkbookLayout, example: bool
) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet]
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == f"${table.header_row}:${table.header_row}"


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_number_formats_are_the_finnish_report_formats(
    layout: WorkbookLayout, example: bool
) -> None:
    """Amount and per-cent columns carry their formats (a Finnish Excel shows "1 234" and
    "4,6 %"); in an example an input cell keeps the format its seed text was printed in
    (checked in test_templates_examples), computed cells always the column's."""
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet]
        for column in table.columns:
            if column.number_format is None or (example and not column.is_computed):
                continue
            for row in body_rows(sheet, table):
                assert sheet[f"{column.letter}{row}"].number_format == column.number_format


def test_status_labels_are_text_from_the_rules_sheet() -> None:
    """Every computed status cell of the examples, evaluated by the core, is a word of the
    rules sheet (or pending / not assessable), never a colour code."""
    for layout in WORKBOOKS:
        workbook = load(layout, True)
        rules = workbook[RULES_SHEET]
        for table, key in _status_formulas(layout):
            column = table.column(key)
            block = rules_block(column.rules or "")
            labels = {
                rules[f"{block.letter('Merkintä')}{row}"].value
                for row in range(block.first_row, block.last_row + 1)
            } - {None}
            formula = formula_text(workbook[table.sheet][f"{column.letter}{table.first_row}"].value)
            assert formula is not None
            values = [row[0] for row in evaluate_udf(workbook, table.sheet, formula)]
            words = [v for v in values if isinstance(v, str)]
            assert words, f"{table.key}: no status words"
            assert set(words) <= labels | {PENDING_LABEL, NOT_ASSESSABLE_LABEL, ""}
