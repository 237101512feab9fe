"""The zipped fast paths of :func:`broadcast2` against the general element-by-element one.

Templates compare whole Table columns with a word and multiply masks
(``SUMPRODUCT((T[Erä]="Tulot")*T[TB 2024])``); :func:`broadcast2` zips those
shapes directly.  For every pair of shapes - equal, scalar, one-wide,
mismatched, empty - it must give exactly what the general broadcast gives.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from xlsrc.core.errors import XlError
from xlsrc.engine.arrays import broadcast2, broadcast_by_element
from xlsrc.engine.operators import scalar_operator

_SCALARS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["Tulot", "tulot", "Menot", "", "1"]),
    st.booleans(),
    st.none(),
    st.just(XlError.NA),
)


@st.composite
def _operands(draw: st.DrawFn) -> Any:
    if draw(st.booleans()):
        return draw(_SCALARS)
    rows, cols = draw(st.integers(0, 4)), draw(st.integers(0, 4))
    if rows == 0:
        return []
    return [[draw(_SCALARS) for _ in range(cols)] for _ in range(rows)]


@given(
    a=_operands(),
    b=_operands(),
    op=st.sampled_from(["=", "<>", "<", "*", "+", "&"]),
)
def test_the_fast_paths_give_what_the_general_broadcast_gives(a: Any, b: Any, op: str) -> None:
    scalar = scalar_operator(op)
    if type(a) is not list and type(b) is not list:
        assert broadcast2(scalar, a, b) == scalar(a, b)
    else:
        assert broadcast2(scalar, a, b) == broadcast_by_element(scalar, a, b)


def test_a_column_against_a_word_is_zipped_element_by_element() -> None:
    column = [["Tulot"], ["Menot"], [None], ["TULOT"]]
    assert broadcast2(scalar_operator("="), column, "tulot") == [[True], [False], [False], [True]]
    mask = broadcast2(scalar_operator("="), column, "Tulot")
    amounts = [[10.0], [20.0], [30.0], [40.0]]
    assert broadcast2(scalar_operator("*"), mask, amounts) == [[10.0], [0.0], [0.0], [40.0]]
