"""The sorted criteria index answers exactly what the criterion says cell by cell.

Hypothesis draws ranges of numbers (with near-equal neighbours), numeric and
other texts, logical values and blanks, and criteria of every indexed form;
the index (RangeIndex.positions / count) must equal the plain scan with
Criterion.match, which is the unindexed path of COUNTIF/SUMIF.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.helpers import calc
from xlsrc.core.errors import XlError
from xlsrc.engine.library import criteria
from xlsrc.engine.library.criteria_index import RangeIndex

_BASE = [0.0, 1.0, -1.0, 2.5, 23.0, 1e-300, 1e15, 0.1 + 0.2, 0.3]
numbers = st.one_of(
    st.sampled_from(_BASE),
    st.sampled_from(_BASE).map(lambda x: x * (1 + 2.0**-50)),  # equal within noise
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
)
cells = st.one_of(
    numbers,
    st.sampled_from(["23", "2.5", "a", "B", "b", "", "abc", "0.3", "-1"]),
    st.booleans(),
    st.none(),
)
operators = st.sampled_from(["", "=", "<>", "<", ">", "<=", ">="])
operands = st.one_of(
    numbers.map(repr), st.sampled_from(["a", "b", "B", "abc", "zz", "23", "2.5", "0.3"])
)


def _criterion_values() -> st.SearchStrategy[Any]:
    return st.one_of(numbers, st.builds(lambda op, x: op + x, operators, operands))


@settings(max_examples=400, deadline=None)
@given(st.lists(cells, max_size=40), _criterion_values())
def test_index_equals_the_cell_by_cell_scan(block: list[Any], value: Any) -> None:
    criterion = criteria.parse(value)
    expected = [p for p, v in enumerate(block) if criterion.match(v)]
    if criterion.order is None:
        return  # not an indexed form (wildcards, blanks): always scanned
    index = RangeIndex(block)
    assert sorted(index.positions(criterion)) == expected
    assert index.count(criterion) == len(expected)


def test_countif_and_sumif_down_a_column_agree_with_counting_by_hand(
    tmp_path: Path,
) -> None:
    values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, "5", None, True, 5.0]
    sheet: dict[str, Any] = {f"A{i + 1}": v for i, v in enumerate(values) if v is not None}
    for i in range(len(values)):
        sheet[f"B{i + 1}"] = f'=COUNTIF(A:A,">"&A{i + 1})'
        sheet[f"D{i + 1}"] = f'=SUMIF(A1:A12,"<="&A{i + 1})'
    book = calc(tmp_path, {"S": sheet})
    for i, v in enumerate(values):
        if type(v) is float:
            bigger = sum(1 for w in values if type(w) is float and w > v)
            assert book.value("S", f"B{i + 1}") == float(bigger)
            smaller = sum(w for w in values if type(w) is float and w <= v)
            assert book.value("S", f"D{i + 1}") == smaller


sum_cells = st.one_of(
    numbers,
    st.sampled_from([1e308, -1e308, 0.1, 1e-17]),
    st.sampled_from(["7", "x", True, None, XlError.NA, XlError.DIV0]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(cells, sum_cells), max_size=40), _criterion_values())
def test_indexed_sumif_equals_fsum_of_the_scan_or_declines(
    pairs: list[tuple[Any, Any]], value: Any
) -> None:
    """SUMIF/AVERAGEIF's running sums give exactly math.fsum of the picked numbers, and hand
    back to the scan whenever a picked value is an error or the sum leaves the float range."""
    block, values = [c for c, _ in pairs], [v for _, v in pairs]
    criterion = criteria.parse(value)
    if criterion.order is None:
        return
    picked = [values[p] for p, v in enumerate(block) if criterion.match(v)]
    answer = RangeIndex(block).ordered_total(criterion, ("S", 1, 2), values)
    if answer is None:
        ordering = not isinstance(criterion.order[1], str) and criterion.order[0] in "<>="
        if ordering and criterion.order[0] not in ("=", "<>"):
            numbers_picked = [v for v in picked if type(v) is float]
            overflow = not math.isfinite(sum(numbers_picked)) or any(
                abs(v) > 1e300
                for v in numbers_picked  # criteria_index._HUGE
            )
            assert overflow or any(type(v) is XlError for v in picked)
        return
    numbers_picked = [v for v in picked if type(v) is float]
    assert answer == (math.fsum(numbers_picked), len(numbers_picked))
    assert not any(type(v) is XlError for v in picked)


def test_sumif_and_averageif_with_a_comparison_down_a_column(tmp_path: Path) -> None:
    values: list[Any] = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, "5", None, True, 5.0]
    amounts: list[Any] = [0.1, 0.2, 0.3, "x", 1e-17, 7.0, -2.5, 1.0, 100.0, 50.0, 8.0, 0.7]
    sheet: dict[str, Any] = {f"A{i + 1}": v for i, v in enumerate(values) if v is not None}
    sheet.update({f"B{i + 1}": v for i, v in enumerate(amounts)})
    for i in range(len(values)):
        sheet[f"C{i + 1}"] = f'=SUMIF(A:A,">="&A{i + 1},B:B)'
        sheet[f"D{i + 1}"] = f'=AVERAGEIF(A:A,"<"&A{i + 1},B:B)'
    book = calc(tmp_path, {"S": sheet})
    for i, v in enumerate(values):
        if type(v) is not float:
            continue
        rows = [j for j, w in enumerate(values) if type(w) is float]
        at_least = [amounts[j] for j in rows if values[j] >= v and type(amounts[j]) is float]
        below = [amounts[j] for j in rows if values[j] < v and type(amounts[j]) is float]
        assert book.value("S", f"C{i + 1}") == math.fsum(at_least)
        expected = math.fsum(below) / len(below) if below else XlError.DIV0
        assert book.value("S", f"D{i + 1}") == expected


def test_a_sum_that_overflows_on_the_way_is_num_as_in_the_scan(tmp_path: Path) -> None:
    """1e308 + 1e308 - 1e308: the exact running sums would say 1e308, but the scan (fsum,
    as SUM) gives #NUM! for the partial sum beyond the float range; the index declines."""
    amounts = [1e308, 1e308, -1e308]
    block = [0.0, 0.0, 0.0]
    assert RangeIndex(block).ordered_total(criteria.parse("<1"), ("S", 1, 2), amounts) is None
    sheet: dict[str, Any] = {f"A{i + 1}": 0.0 for i in range(3)}
    sheet.update({f"B{i + 1}": v for i, v in enumerate(amounts)})
    sheet.update({f"C{i + 1}": '=SUMIF(A:A,"<"&1,B:B)' for i in range(3)})
    sheet["D1"] = "=SUM(B1:B3)"
    book = calc(tmp_path, {"S": sheet})
    assert book.value("S", "D1") == XlError.NUM
    assert [book.value("S", f"C{i + 1}") for i in range(3)] == [XlError.NUM] * 3


def test_a_range_too_long_for_the_overflow_bound_goes_to_the_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Below 1e300 a partial sum cannot overflow only while the range is short enough
    (criteria_index._MOST_NUMBERS); past that the index declines instead of assuming it."""
    import xlsrc.engine.library.criteria_index as index

    block, amounts = [0.0, 0.0, 0.0], [1.0, 2.0, 3.0]
    assert RangeIndex(block).ordered_total(criteria.parse("<1"), ("S", 1, 2), amounts) == (6.0, 3)
    monkeypatch.setattr(index, "_MOST_NUMBERS", 2)
    assert RangeIndex(block).ordered_total(criteria.parse("<1"), ("S", 1, 2), amounts) is None
