"""The 001 pivots (Taulukot 2 and 4) rebuilt from their detail tables (3 and 5)."""

from __future__ import annotations

import pytest

from tests.core.seedhelp import amount
from xlsrc.core.pivot import build_pivot, number_prefix
from xlsrc.core.vocab import PROGRAMME_STATUSES
from xlsrc.seeds import SeedRow, load_table

PAIRS = [("001-T2", "001-T3"), ("001-T4", "001-T5")]
STATUS_KEYS = ("status_1", "status_2", "status_3", "status_5")


def _label(row: SeedRow) -> str:
    """Savings measures are grouped by programme, statutory ones by division."""
    return row.cells.get("programme") or row.cells["division"]


def _detail(table_id: str) -> list[tuple[object, object, float]]:
    measures = []
    for row in load_table(table_id).rows:
        if row.kind != "data":
            continue
        value = amount(row, "target_sum")
        assert value is not None, row
        measures.append((_label(row), row.cells["status"], value))
    return measures


@pytest.mark.parametrize(("pivot_id", "detail_id"), PAIRS)
def test_pivot_reproduced_from_detail(pivot_id: str, detail_id: str) -> None:
    printed = load_table(pivot_id)
    body = [r for r in printed.rows if r.kind == "data"]
    total = next(r for r in printed.rows if r.kind == "total")
    pivot = build_pivot(_detail(detail_id), programmes=[_label(r) for r in body])

    assert len(pivot.rows) == len(body)
    for printed_row, row in zip(body, pivot.rows, strict=True):
        assert row.key == number_prefix(_label(printed_row))
        for key, computed in zip(STATUS_KEYS, row.cells, strict=True):
            # an empty printed cell must stay empty: no measures is not 0
            assert computed == amount(printed_row, key), (printed_row.line, key)
        assert row.total == amount(printed_row, "total")
    for key, computed in zip(STATUS_KEYS, pivot.column_totals, strict=True):
        assert computed == amount(total, key)
    assert pivot.grand_total == amount(total, "total")


def test_empty_is_distinct_from_zero_in_seed() -> None:
    pivot = build_pivot(_detail("001-T3"))
    haasteita = PROGRAMME_STATUSES.parse("3. Haasteita")
    etenee = PROGRAMME_STATUSES.parse("2")
    assert pivot.cell("5", haasteita) is None  # programme 5 has no "Haasteita" measures
    assert pivot.cell("4", etenee) == 0.0  # programme 4's measures sum to 0


def test_names_differ_but_numbers_match() -> None:
    pivot_names = {r.cells["programme"] for r in load_table("001-T2").rows if r.kind == "data"}
    detail_names = {p for p, _, _ in _detail("001-T3")}
    assert pivot_names != detail_names  # the seed spells programme 3 differently
    assert {number_prefix(n) for n in pivot_names} == {number_prefix(n) for n in detail_names}
