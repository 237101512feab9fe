"""The filled examples carry every bundled seed row, in place, and their formulas point at it.

Counts are taken from the bundled tables directly (not through the code that
fills the workbooks): every row that is not a section heading, with a stated
grand total under the table, and one goal-card row per goal number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.templates_support import body_rows, computed, letter, load, summary_rows
from xlsrc.core.numbers import Nil, Number, read_number
from xlsrc.seeds import SeedRow, load_table
from xlsrc.workbooks.layouts import PROGRAMMES, WORKBOOKS, TableLayout, WorkbookLayout
from xlsrc.workbooks.values import number_format

TABLES = [(layout, table) for layout in WORKBOOKS for table in layout.tables]
IDS = [table.key for _, table in TABLES]


def expected_rows(table: TableLayout) -> tuple[list[SeedRow], list[SeedRow]]:
    """(body rows, stated total rows) of the bundled seed table of ``table``."""
    assert table.seed_table is not None
    rows = [r for r in load_table(table.seed_table).rows if r.kind != "section"]
    totals = []
    if table.totals is not None:
        totals = [r for r in rows if r.kind == "total"]
        rows = [r for r in rows if r.kind != "total"]
    if table.distinct_by is not None:
        firsts: dict[object, SeedRow] = {}
        for row in rows:
            firsts.setdefault(row.cells.get(table.distinct_by), row)
        rows = list(firsts.values())
    return rows, totals


def assert_cell_holds(cell_value: object, cell_format: str, text: str | None, where: str) -> None:
    """The workbook cell holds the seed text: the number it prints (in its printed format),
    the printed nil "-", or the text itself."""
    if text is None:
        assert cell_value is None, where
        return
    reading = read_number(text)
    if isinstance(cell_value, (int, float)) and not isinstance(cell_value, bool):
        assert isinstance(reading, Number), where
        assert cell_value == pytest.approx(reading.value, rel=1e-12), where
        assert cell_format == number_format(reading, "amount") or cell_format == number_format(
            reading, "number"
        ), where
    elif isinstance(reading, Nil):
        assert cell_value == text, where
    elif hasattr(cell_value, "strftime"):
        assert cell_value.strftime("%d.%m.%Y") == text, where  # type: ignore[union-attr]
    else:
        assert cell_value == text, where


@pytest.mark.parametrize(("layout", "table"), TABLES, ids=IDS)
def test_example_carries_every_seed_row(layout: WorkbookLayout, table: TableLayout) -> None:
    sheet = load(layout, True)[table.sheet_name]
    rows, totals = expected_rows(table)
    body = body_rows(sheet, table)
    assert len(body) == len(rows) > 0
    for row_number, seed_row in zip(body, rows, strict=True):
        for column in table.input_columns:
            if column.seed_key is None:
                continue
            cell = sheet[f"{letter(table, column.key)}{row_number}"]
            text = seed_row.cells.get(column.seed_key)
            where = f"{table.sheet_name}!{cell.coordinate} (seed line {seed_row.line})"
            if column.kind in ("text", "target", "status"):
                assert cell.value == text, where
            else:
                assert_cell_holds(cell.value, cell.number_format, text, where)
    if table.totals is not None:
        assert len(totals) == 1
        stated = summary_rows(sheet, table.totals.name)[table.totals.stated_label]
        for key in table.totals.columns:
            value = stated[table.column(key).header]
            text = totals[0].cells.get(key)
            where = f"{table.sheet_name} {table.totals.name}.{key}"
            if isinstance(value, int | float):
                reading = read_number(text)
                assert isinstance(reading, Number) and value == pytest.approx(reading.value), where
            else:
                assert value == text, where


def test_every_bundled_table_except_none_is_in_an_example() -> None:
    used = {table.seed_table for layout in WORKBOOKS for table in layout.tables}
    from xlsrc.seeds import table_ids

    assert used == set(table_ids())


@pytest.mark.parametrize("pivot_key", ["savings_pivot", "statutory_pivot"])
def test_pivot_formulas_read_the_detail_table_columns(pivot_key: str) -> None:
    """Each pivot cell reads the whole detail Table columns, so a measure added to the
    detail table is in the pivot at once."""
    workbook = load(PROGRAMMES, True)
    pivot = PROGRAMMES.table(pivot_key)
    detail = PROGRAMMES.table(pivot_key.replace("pivot", "measures"))
    sheet = workbook[pivot.sheet_name]
    formula = sheet[f"{letter(pivot, 'status_1_calc')}{body_rows(sheet, pivot)[0]}"].value
    assert isinstance(formula, str) and formula.startswith("=XS_PIVOT_CELL(")
    for key in ("programme", "status", "target_sum"):
        assert f"{detail.name}[[{detail.column(key).header}]]" in formula, (key, formula)


@pytest.mark.parametrize("pivot_key", ["savings_pivot", "statutory_pivot"])
def test_recomputed_pivot_equals_the_stated_pivot(pivot_key: str, tmp_path: Path) -> None:
    """The seed pivots agree with their (corrected) detail tables, so the pivot cells
    computed over the example's detail rows are exactly the stated cells, empty where
    empty, and so is the recomputed "Kaikki yhteensä"."""
    workbook = load(PROGRAMMES, True)
    pivot = PROGRAMMES.table(pivot_key)
    sheet = workbook[pivot.sheet_name]
    values = computed(workbook, tmp_path)
    for row in body_rows(sheet, pivot):
        for column in pivot.columns:
            if column.role != "stated":
                continue
            stated = sheet[f"{letter(pivot, column.key)}{row}"].value
            got = values.value(pivot.sheet_name, f"{letter(pivot, column.key + '_calc')}{row}")
            assert (None if got == "" else got) == stated, f"{pivot.sheet_name}!{column.key}{row}"
    totals = pivot.totals
    assert totals is not None
    block = summary_rows(sheet, totals.name)
    assert block[totals.stated_label]  # the seed's stated total is there
