"""The sorted criteria index answers exactly what the criterion says cell by cell.

Hypothesis draws ranges of numbers (with near-equal neighbours), numeric and
other texts, logical values and blanks, and criteria of every indexed form;
the index (RangeIndex.positions / count) must equal the plain scan with
Criterion.match, which is the unindexed path of COUNTIF/SUMIF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.helpers import calc
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
