"""The filled examples carry every bundled seed row, in place, and their formulas point at it.

Counts are taken from the bundled tables directly (not through the code that
fills the workbooks): every row that is not a section heading, with a stated
grand total under the table, and one goal-card row per goal number.
"""

from __future__ import annotations

import re

import pytest

from tests.templates_support import body_rows, evaluate_udf, formula_text, load
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
    sheet = load(layout, True)[table.sheet]
    rows, totals = expected_rows(table)
    body = body_rows(sheet, table)
    assert len(body) == len(rows) > 0
    for row_number, seed_row in zip(body, rows, strict=True):
        for column in table.input_columns:
            if column.seed_key is None:
                continue
            cell = sheet[f"{column.letter}{row_number}"]
            text = seed_row.cells.get(column.seed_key)
            where = f"{table.sheet}!{cell.coordinate} (seed line {seed_row.line})"
            if column.kind in ("text", "target", "status"):
                assert cell.value == text, where
            else:
                assert_cell_holds(cell.value, cell.number_format, text, where)
    if table.totals is not None:
        assert len(totals) == 1
        stated_row = table.below_rows(len(body))["stated_total"]
        for key in table.totals.columns:
            column = table.column(key)
            cell = sheet[f"{column.letter}{stated_row}"]
            assert_cell_holds(
                cell.value,
                cell.number_format,
                totals[0].cells.get(key),
                f"{table.sheet}!{cell.coordinate}",
            )


def test_every_bundled_table_except_none_is_in_an_example() -> None:
    used = {table.seed_table for layout in WORKBOOKS for table in layout.tables}
    from xlsrc.seeds import table_ids

    assert used == set(table_ids())


@pytest.mark.parametrize("pivot_key", ["savings_pivot", "statutory_pivot"])
def test_pivot_formulas_reference_the_detail_rows(pivot_key: str) -> None:
    workbook = load(PROGRAMMES, True)
    pivot = PROGRAMMES.table(pivot_key)
    detail = PROGRAMMES.table(pivot_key.replace("pivot", "measures"))
    detail_rows = body_rows(workbook[detail.sheet], detail)
    pivot_rows = body_rows(workbook[pivot.sheet], pivot)
    column = pivot.column("status_1_calc")
    formula = formula_text(workbook[pivot.sheet][f"{column.letter}{pivot.first_row}"].value)
    assert formula is not None
    sheet = re.escape(f"'{detail.sheet}'!")
    for key in ("programme", "status", "target_sum"):
        letter = detail.column(key).letter
        expected = f"{sheet}\\${letter}\\${detail_rows[0]}:\\${letter}\\${detail_rows[-1]}"
        assert re.search(expected, formula), (key, formula)
    label = pivot.column("programme").letter
    assert formula.endswith(f",${label}${pivot_rows[0]}:${label}${pivot_rows[-2]})")


@pytest.mark.parametrize("pivot_key", ["savings_pivot", "statutory_pivot"])
def test_recomputed_pivot_equals_the_stated_pivot(pivot_key: str) -> None:
    """The seed pivots agree with their (corrected) detail tables, so the core's XS_PIVOT
    over the example's detail rows gives exactly the stated cells, empty where empty."""
    workbook = load(PROGRAMMES, True)
    pivot = PROGRAMMES.table(pivot_key)
    sheet = workbook[pivot.sheet]
    rows = body_rows(sheet, pivot)
    column = pivot.column("status_1_calc")
    formula = formula_text(sheet[f"{column.letter}{pivot.first_row}"].value)
    assert formula is not None
    computed = evaluate_udf(workbook, pivot.sheet, formula)
    stated = [
        [sheet[f"{c.letter}{r}"].value for c in pivot.columns if c.role == "stated"] for r in rows
    ]
    assert [[None if v == "" else v for v in row] for row in computed] == stated
