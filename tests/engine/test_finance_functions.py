"""Finance, date, trigonometric and table functions against Excel's documented examples.

Each expected value is the result printed in the function's page on
support.microsoft.com (named per case); the golden workbooks
(tests/engine/golden/FINANCIAL, DATE_AND_TIME, MATH_AND_TRIGONOMETRY) check
the same functions against Excel's own saved results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.engine.helpers import calc, one

DOCUMENTED: list[tuple[str, float, str]] = [
    ("=PMT(0.08/12,10,10000)", -1037.03, "PMT function"),
    ("=PMT(0.08/12,10,10000,0,1)", -1030.16, "PMT function"),
    ("=PV(0.08/12,12*20,500,,0)", -59777.15, "PV function"),
    ("=FV(0.06/12,10,-200,-500,1)", 2581.40, "FV function"),
    ("=FV(0.12/12,12,-1000)", 12682.50, "FV function"),
    ("=NPER(0.12/12,-100,-1000,10000,1)", 59.6738657, "NPER function"),
    ("=NPER(0.12/12,-100,-1000)", -9.57859404, "NPER function"),
    ("=NPV(0.1,-10000,3000,4200,6800)", 1188.44, "NPV function"),
    ("=IRR({-70000,12000,15000,18000,21000})", -0.021, "IRR function"),
    ("=IRR({-70000,12000,15000,18000,21000,26000})", 0.087, "IRR function"),
    ("=IRR({-70000,12000,15000},-0.1)", -0.443, "IRR function"),
    ("=RATE(4*12,-200,8000)", 0.0077, "RATE function"),
    ("=RATE(4*12,-200,8000)*12", 0.0924, "RATE function"),
    ("=TIME(12,0,0)", 0.5, "TIME function"),
    ("=TIME(16,48,10)", 0.700115741, "TIME function"),
    ("=HOUR(0.75)", 18.0, "HOUR function"),
    ("=MINUTE(TIME(12,45,0))", 45.0, "MINUTE function"),
    ("=SECOND(TIME(16,48,18))", 18.0, "SECOND function"),
    (
        "=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),"
        "{41235,41247,41295})",  # 2012-11-22, 2012-12-04, 2013-01-21
        107.0,
        "NETWORKDAYS function",
    ),
    ("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1))", 110.0, "NETWORKDAYS function"),
    ("=WORKDAY(DATE(2008,10,1),151)", 39933.0, "WORKDAY function (4/30/2009)"),
    (
        "=WORKDAY(DATE(2008,10,1),151,{39778,39786,39834})",  # 2008-11-26, 2008-12-04, 2009-01-21
        39938.0,
        "WORKDAY function (5/5/2009)",
    ),
    ('=DATEDIF(DATE(2001,1,1),DATE(2003,1,1),"Y")', 2.0, "DATEDIF function"),
    ('=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),"D")', 440.0, "DATEDIF function"),
    ('=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),"YD")', 75.0, "DATEDIF function"),
    ("=SIN(PI()/2)", 1.0, "SIN function"),
    ("=SIN(30*PI()/180)", 0.5, "SIN function"),
    ("=COS(1.047)", 0.5001711, "COS function"),
    ("=COS(RADIANS(60))", 0.5, "COS function"),
    ("=DEGREES(PI())", 180.0, "DEGREES function"),
    ("=RADIANS(270)", 4.712389, "RADIANS function"),
]


@pytest.mark.parametrize(
    ("formula", "expected", "page"), DOCUMENTED, ids=[d[0] for d in DOCUMENTED]
)
def test_documented_example(tmp_path: Path, formula: str, expected: float, page: str) -> None:
    got = one(tmp_path, formula)
    assert type(got) is float, page
    digits = max(len(repr(expected).split(".")[-1]), 0)
    assert got == pytest.approx(expected, abs=0.6 * 10 ** -min(digits, 9) + 1e-12), page


# SUBTOTAL function (support.microsoft.com): 9 sums, 109 ignores hidden rows; subtotals in
# the range are not counted twice.  AGGREGATE function: 14 is LARGE, option 6 skips errors.
TABLE: dict[str, Any] = {
    "A1": 120, "A2": 10, "A3": 150, "A4": 23, "A5": "=SUBTOTAL(9,A1:A4)",
    "B1": "=SUBTOTAL(9,A1:A5)", "B2": "=SUBTOTAL(1,A1:A5)", "B3": "=SUBTOTAL(109,A1:A4)",
    "B4": "=SUBTOTAL(3,A1:A5)", "B5": "=AGGREGATE(9,0,A1:A5)", "B6": "=AGGREGATE(9,4,A1:A5)",
    "C1": 1, "C2": "=1/0", "C3": 3,
    "B7": "=AGGREGATE(14,6,C1:C3,1)", "B8": "=AGGREGATE(9,6,C1:C3)", "B9": "=SUBTOTAL(9,C1:C3)",
}  # fmt: skip


def test_subtotal_and_aggregate_skip_nested_subtotals(tmp_path: Path) -> None:
    book = calc(tmp_path, {"S": TABLE})
    assert book.value("S", "A5") == 303.0
    assert book.value("S", "B1") == 303.0  # the subtotal in A5 is not added again
    assert book.value("S", "B2") == 75.75
    assert book.value("S", "B3") == 303.0
    assert book.value("S", "B4") == 4.0
    assert book.value("S", "B5") == 303.0
    assert book.value("S", "B6") == 606.0  # option 4: nested subtotals count
    assert book.value("S", "B7") == 3.0
    assert book.value("S", "B8") == 4.0
    assert str(book.value("S", "B9")) == "#DIV/0!"


def test_indirect_of_a_literal_reference_is_that_reference(tmp_path: Path) -> None:
    book = calc(
        tmp_path,
        {
            "S": {"A1": 1, "A2": 2, "B1": '=SUM(INDIRECT("A1:A2"))', "B2": '=INDIRECT("A1")'},
            "T": {"A1": '=INDIRECT("S!A2")*10', "A2": '=INDIRECT("not a ref")'},
        },
    )
    assert book.value("S", "B1") == 3.0
    assert book.value("S", "B2") == 1.0  # "A1" is absolute, whatever cell holds it
    assert book.value("T", "A1") == 20.0
    assert str(book.value("T", "A2")) == "#REF!"


def test_sin_at_a_multiple_of_pi_is_refused_not_guessed(tmp_path: Path) -> None:
    from tests.engine.helpers import build
    from xlsrc.engine import recalc

    source = build(tmp_path / "in.xlsx", {"S": {"A1": "=SIN(PI())", "A2": "=SIN(0)"}})
    result = recalc(source, tmp_path / "out.xlsx", partial=True)
    assert dict(result.refused_cells)["S!A1"].startswith("SIN/COS/TAN piin monikerrassa")
    assert "S!A2" not in dict(result.refused_cells)


def test_overflowing_aggregates_are_num_errors(tmp_path: Path) -> None:
    cells = {"A1": 1e308, "A2": 1e308}
    assert str(one(tmp_path, "=SUM(A1:A2)", cells)) == "#NUM!"
    assert str(one(tmp_path, "=AVERAGE(A1:A2)", cells)) == "#NUM!"
    assert str(one(tmp_path, '=SUMIFS(A1:A2,A1:A2,">0")', cells)) == "#NUM!"
    assert str(one(tmp_path, "=FV(10,1000,-1)", cells)) == "#NUM!"
