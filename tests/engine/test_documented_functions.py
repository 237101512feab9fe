"""The remaining native functions against the examples of their pages on support.microsoft.com."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.engine.helpers import calc, one

EXAMPLES: list[tuple[str, Any]] = [
    ("=ACOS(-0.5)", 2.094395102),
    ("=ASIN(-0.5)", -0.523598776),
    ("=ATAN(1)", 0.785398163),
    ("=ATAN2(1,1)", 0.785398163),
    ("=COSH(4)", 27.30823284),
    ("=SINH(1)", 1.175201194),
    ("=TAN(0.785)", 0.99920399),
    ("=TANH(-2)", -0.96402758),
    ("=EXP(1)", 2.71828183),
    ("=LN(86)", 4.454347296),
    ("=LOG(8,2)", 3.0),
    ("=LOG10(86)", 1.934498451),
    ("=QUOTIENT(5,2)", 2.0),
    ("=QUOTIENT(-10,3)", -3.0),
    ("=SUMSQ(3,4)", 25.0),
    ("=DAYS(DATE(2021,3,15),DATE(2021,2,1))", 42.0),
    ('=CLEAN(CHAR(9)&"Monthly report"&CHAR(10))', "Monthly report"),
    ('=LOWER("E. E. Cummings")', "e. e. cummings"),
    ('=REPLACE("abcdefghijk",6,5,"*")', "abcde*k"),
    ('=T("Rainfall")', "Rainfall"),
    ("=T(19)", ""),
    ("=N(7)", 7.0),
    ('=N("Even")', 0.0),
    ("=ISNONTEXT(19)", True),
    ("=TRUE()", True),
    ("=FALSE()", False),
]


@pytest.mark.parametrize(("formula", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_documented_example(tmp_path: Path, formula: str, expected: Any) -> None:
    got = one(tmp_path, formula)
    assert type(got) is type(expected)
    if type(expected) is float:
        assert got == pytest.approx(expected, abs=1e-8)
    else:
        assert got == expected


def test_now_and_today_are_the_recalculation_moment(tmp_path: Path) -> None:
    book = calc(tmp_path, {"S": {"A1": "=NOW()", "A2": "=TODAY()", "A3": "=NOW()-TODAY()"}})
    now, today = book.value("S", "A1"), book.value("S", "A2")
    assert type(now) is float and type(today) is float
    assert today == int(today) and 0 <= now - today < 1
    assert 0 <= book.value("S", "A3") < 1


def test_transpose_turns_a_column_into_a_row(tmp_path: Path) -> None:
    book = calc(
        tmp_path,
        {"S": {"A1": 1, "A2": 2, "A3": 3}},
        arrays={"S!C1": ("C1:E1", "=TRANSPOSE(A1:A3)")},
    )
    assert [book.value("S", c) for c in ("C1", "D1", "E1")] == [1.0, 2.0, 3.0]


#: Microsoft's IPMT, PPMT and MIRR examples, as the pages print them (rounded)
ROUNDED_EXAMPLES: list[tuple[str, float, int]] = [
    ("=IPMT(0.1/12,1,3*12,8000)", -66.67, 2),
    ("=IPMT(0.1,3,3,8000)", -292.45, 2),
    ("=PPMT(0.1/12,1,2*12,2000)", -75.62, 2),
    ("=PPMT(0.08,10,10,200000)", -27598.05, 2),
    ("=MIRR({-120000,39000,30000,21000,37000,46000},0.1,0.12)", 0.13, 2),
    ("=MIRR({-120000,39000,30000,21000},0.1,0.12)", -0.05, 2),
    ("=MIRR({-120000,39000,30000,21000,37000,46000},0.1,0.14)", 0.13, 2),
]


@pytest.mark.parametrize(
    ("formula", "expected", "places"), ROUNDED_EXAMPLES, ids=[e[0] for e in ROUNDED_EXAMPLES]
)
def test_documented_rounded_example(
    tmp_path: Path, formula: str, expected: float, places: int
) -> None:
    got = one(tmp_path, formula)
    assert type(got) is float
    assert round(got, places) == expected
