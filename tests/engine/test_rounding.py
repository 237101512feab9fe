"""One half-up rounding for the whole project: the core's, used by the engine's ROUND too.

Excel rounds a number as it shows it (its 15-significant-digit decimal), halves
away from zero.  The examples below disagreed between the core and the engine
before there was one implementation (issue 12).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_UP
from pathlib import Path

import pytest

from tests.engine.helpers import one
from xlsrc.core.numbers import round_digits, round_half_up
from xlsrc.functions.budget import xs_change_pct


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.12344999999999999, 4, 0.1235),  # 15 digits: 0.12345
        (2.0499999999999973, 1, 2.1),  # (204.1 - 200) / 200 * 100
        (2.675, 2, 2.68),
        (-2.5, 0, -3.0),
        (1234.5, -2, 1200.0),
        (-0.4, 0, 0.0),
        (1e300, -2, 1e300),
        (123456789.0, 1000, 123456789.0),
    ],
)
def test_core_half_up_rounds_the_15_digit_decimal(
    value: float, decimals: int, expected: float
) -> None:
    assert round_half_up(value, decimals) == expected


def test_change_pct_gives_what_the_engines_round_gives(tmp_path: Path) -> None:
    assert xs_change_pct(200, 204.1, "Tulot", 1) == pytest.approx(0.021, abs=1e-15)
    assert one(tmp_path, "=ROUND((204.1-200)/200*100,1)") == 2.1
    assert one(tmp_path, "=ROUND(0.12344999999999999,4)") == round_half_up(0.12344999999999999, 4)


def test_roundup_rounddown_and_trunc_edge_cases(tmp_path: Path) -> None:
    # Excel's documented examples (support.microsoft.com: ROUNDUP, ROUNDDOWN, TRUNC functions)
    assert one(tmp_path, "=ROUNDUP(3.2,0)") == 4.0
    assert one(tmp_path, "=ROUNDUP(76.9,0)") == 77.0
    assert one(tmp_path, "=ROUNDUP(3.14159,3)") == 3.142
    assert one(tmp_path, "=ROUNDUP(-3.14159,1)") == -3.2
    assert one(tmp_path, "=ROUNDUP(31415.92654,-2)") == 31500.0
    assert one(tmp_path, "=ROUNDDOWN(3.2,0)") == 3.0
    assert one(tmp_path, "=ROUNDDOWN(-3.14159,1)") == -3.1
    assert one(tmp_path, "=ROUNDDOWN(31415.92654,-2)") == 31400.0
    assert one(tmp_path, "=TRUNC(-8.9)") == -8.0
    assert one(tmp_path, "=TRUNC(123456789,1000)") == 123456789.0  # no internal error
    assert round_digits(4.0, -2, ROUND_UP) == 100.0
    assert round_digits(4.0, -2, ROUND_DOWN) == 0.0
