"""Every template, read with openpyxl: Tables with calculated columns, summary blocks,
validation lists, highlights, colours, the rules sheet and print setup.

Parametrised over the layouts and over both builds (the empty template and the
filled example), because an example must be exactly its template with rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.templates_support import (
    STRUCTURED,
    body_rows,
    computed,
    formula_text,
    header_row,
    letter,
    load,
    summary_rows,
    table_area,
)
from xlsrc.core.schemes import COLOUR_HEX
from xlsrc.core.targets import NOT_ASSESSABLE_LABEL, PENDING_LABEL
from xlsrc.workbooks.layouts import (
    MARKER_NAME,
    RULES_BLOCKS,
    RULES_SHEET,
    SCHEMES,
    SETTINGS_TABLE,
    WORKBOOKS,
    TableLayout,
    WorkbookLayout,
)
from xlsrc.workbooks.rules_sheet import block_range, header_rows

BUILDS = [(layout, example) for layout in WORKBOOKS for example in (False, True)]
IDS = [f"{layout.key}-{'example' if example else 'template'}" for layout, example in BUILDS]
A1_REFERENCE = re.compile(r"(?<![\w\[\]'.])\$?[A-Z]{1,3}\$?\d+\b(?!\()")


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_sheets_marker_and_version(layout: WorkbookLayout, example: bool) -> None:
    workbook = load(layout, example)
    assert workbook.sheetnames == [*(t.sheet_name for t in layout.tables), RULES_SHEET]
    assert workbook.defined_names[MARKER_NAME].attr_text == f'"{layout.key}:2"'


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_every_column_is_a_table_column_and_computed_ones_are_calculated(
    layout: WorkbookLayout, example: bool
) -> None:
    """Inputs, stated and computed columns all belong to the Excel Table, so a row added
    below or inside it gets every formula (Excel fills calculated columns itself)."""
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet_name]
        excel_table = sheet.tables[table.name]
        top, left, _, right = table_area(sheet, table.name)
        assert (left, right) == (1, len(table.columns))
        assert [c.name for c in excel_table.tableColumns] == [c.header for c in table.columns]
        assert [sheet.cell(top, i + 1).value for i in range(right)] == [
            c.header for c in table.columns
        ]
        assert sheet.freeze_panes == f"A{top + 1}"
        for column, declared in zip(table.columns, excel_table.tableColumns, strict=True):
            formula = declared.calculatedColumnFormula
            if not column.is_computed:
                assert formula is None
                continue
            assert formula is not None, f"{table.key}.{column.key} is not a calculated column"
            for row in body_rows(sheet, table):
                value = sheet[f"{letter(table, column.key)}{row}"].value
                assert formula_text(value) == "=" + formula.attr_text, f"{table.sheet_name}!{row}"


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_formulas_use_structured_references_only(layout: WorkbookLayout, example: bool) -> None:
    """No formula points at a fixed cell range: every reference goes through a Table."""
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet_name]
        for row in sheet.iter_rows():
            for cell in row:
                text = formula_text(cell.value)
                if text is None:
                    continue
                stripped = re.sub(r'"[^"]*"', '""', text)
                while "[" in stripped:  # column specifiers ([TB 2024]) are names, not cells
                    stripped = re.sub(r"\[[^\[\]]*\]", "", stripped)
                assert not A1_REFERENCE.search(stripped), (
                    f"{table.sheet_name}!{cell.coordinate}: {text}"
                )


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_totals_and_checks_are_in_summary_tables(layout: WorkbookLayout, example: bool) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet_name]
        top = header_row(sheet, table)
        if table.totals is not None:
            totals = table.totals
            rows = summary_rows(sheet, totals.name)
            assert list(rows) == [totals.stated_label, totals.computed_label]
            assert table_area(sheet, totals.name)[2] < top  # above the data table
            for key in totals.columns:
                formula = rows[totals.computed_label][table.column(key).header]
                assert formula_text(formula) is not None
                assert STRUCTURED.search(formula), formula  # through a Table, never a range
        if table.check_rows:
            assert table.check_name is not None
            rows = summary_rows(sheet, table.check_name)
            assert list(rows) == [c.label for c in table.check_rows]
            for check in table.check_rows:
                for key in check.columns:
                    formula = rows[check.label][table.column(key).header]
                    for part in check.parts:
                        label = table.statement_rows[part].label
                        assert f'"{label}"' in formula  # found by label, not by position


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
        sheet = workbook[table.sheet_name]
        rows = body_rows(sheet, table)
        formats = {str(cf.sqref): cf.rules for cf in sheet.conditional_formatting}
        for column in table.columns:
            block = column.rules or column.vocabulary
            if block is None:
                continue
            cells = f"{letter(table, column.key)}{rows[0]}:{letter(table, column.key)}{rows[-1]}"
            assert cells in formats, f"{table.sheet_name}: no conditional format on {cells}"
            colours = _fill_colours(formats[cells])
            labels = block_range(block, "Merkintä" if column.rules else "Tila")
            for key, hex_colour in COLOUR_HEX.items():
                matching = [f for f, c in colours.items() if c == hex_colour]
                assert len(matching) == 1, f"{cells}: one rule for {key}"
                assert labels in matching[0] and block_range(block, "Väri") in matching[0]


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_inputs_are_validated_at_typing_time(layout: WorkbookLayout, example: bool) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet_name]
        rows = body_rows(sheet, table)
        rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
        for column in table.input_columns:
            cells = f"{letter(table, column.key)}{rows[0]}:{letter(table, column.key)}{rows[-1]}"
            rule = rules.get(cells)
            if column.vocabulary is not None:
                assert rule is not None and rule.formula1 == block_range(column.vocabulary, "Tila")
            elif column.kind == "method":
                assert rule is not None and rule.formula1 == block_range("methods", "Arviointitapa")
            elif column.is_numeric and not column.words:
                assert rule is not None and rule.type == "decimal", cells
                assert rule.prompt and "luku" in rule.prompt.lower() or "prosentti" in rule.prompt


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_stated_cells_are_highlighted_when_they_disagree(
    layout: WorkbookLayout, example: bool
) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet_name]
        rows = body_rows(sheet, table)
        formats = {str(cf.sqref): cf.rules for cf in sheet.conditional_formatting}
        pairs = [c for c in table.computed_columns if c.recomputes]
        for column in pairs:
            stated = letter(table, column.recomputes or "")
            cells = f"{stated}{rows[0]}:{stated}{rows[-1]}"
            conditions = [r.formula[0] for r in formats.get(cells, [])]
            assert any(letter(table, column.key) in c for c in conditions), cells
        if pairs or table.totals or table.check_rows:
            assert "poikkeaa lasketusta" in str(sheet["A3"].value)


@pytest.mark.parametrize("layout", WORKBOOKS, ids=[w.key for w in WORKBOOKS])
def test_rules_sheet_holds_every_block_as_a_table(layout: WorkbookLayout) -> None:
    sheet = load(layout, False)[RULES_SHEET]
    for key, scheme in SCHEMES.items():
        block = next(b for b in RULES_BLOCKS if b.key == key)
        top = header_rows()[key]
        ref = sheet.tables[block.name].ref
        assert ref.startswith(f"A{top}:")
        body = [
            [sheet.cell(row, i + 1).value for i in range(len(block.headers))]
            for row in range(top + 1, top + 1 + len(scheme.bands))
        ]
        assert body == scheme.to_rows()
    # every workbook has settings: at least its language ("Kieli")
    assert set(sheet.tables) == {b.name for b in RULES_BLOCKS} | {SETTINGS_TABLE}


def test_the_rules_sheet_drives_the_computed_status(tmp_path: Path) -> None:
    """The 88,3 % share of 001 is yellow under 80/90; move the green band down to 88 %."""
    layout = WORKBOOKS[0]
    table = layout.table("targets_001")
    workbook = load(layout, True)
    sheet = workbook[table.sheet_name]
    status = letter(table, "status_calc")
    row = body_rows(sheet, table)[1]
    before = computed(workbook, tmp_path, "ennen.xlsx")
    assert before.value(table.sheet_name, f"{status}{row}") == "Lähellä tavoitetta"
    rules = workbook[RULES_SHEET]
    top = header_rows()["traffic_light"]
    green, yellow = top + 1, top + 2  # highest band first
    rules[f"B{green}"] = 0.88
    rules[f"D{yellow}"] = 0.88
    rules[f"H{green}"] = "Tavoitteessa (muutettu)"
    after = computed(workbook, tmp_path, "jalkeen.xlsx")
    assert after.value(table.sheet_name, f"{status}{row}") == "Tavoitteessa (muutettu)"


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_print_setup_a4_landscape_with_repeated_headers(
    layout: WorkbookLayout, example: bool
) -> None:
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet_name]
        top = header_row(sheet, table)
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == f"${top}:${top}"


@pytest.mark.parametrize(("layout", "example"), BUILDS, ids=IDS)
def test_number_formats_are_the_finnish_report_formats(
    layout: WorkbookLayout, example: bool
) -> None:
    """Amount and per-cent columns carry their formats (a Finnish Excel shows "1 234" and
    "4,6 %"); in an example an input cell keeps the format its seed text was printed in
    (checked in test_templates_examples), computed cells always the column's."""
    workbook = load(layout, example)
    for table in layout.tables:
        sheet = workbook[table.sheet_name]
        for column in table.columns:
            if column.number_format is None or (example and not column.is_computed):
                continue
            for row in body_rows(sheet, table):
                cell = sheet[f"{letter(table, column.key)}{row}"]
                assert cell.number_format == column.number_format


def _status_columns(layout: WorkbookLayout) -> list[tuple[TableLayout, str]]:
    return [(t, c.key) for t in layout.tables for c in t.computed_columns if c.rules]


def test_status_labels_are_text_from_the_rules_sheet(tmp_path: Path) -> None:
    """Every computed status cell of the examples, computed by the engine, is a word of
    the rules sheet (or pending / not assessable / an empty row), never a colour code."""
    for layout in WORKBOOKS:
        workbook = load(layout, True)
        values = computed(workbook, tmp_path, f"{layout.key}.xlsx")
        for table, key in _status_columns(layout):
            column = table.column(key)
            labels = {b.label("fi") for b in SCHEMES[column.rules or ""].bands}
            sheet = workbook[table.sheet_name]
            words = [
                values.value(table.sheet_name, f"{letter(table, key)}{row}")
                for row in body_rows(sheet, table)
            ]
            texts = [w for w in words if isinstance(w, str)]
            assert texts, f"{table.key}: no status words"
            assert set(texts) <= labels | {PENDING_LABEL, NOT_ASSESSABLE_LABEL, ""}
