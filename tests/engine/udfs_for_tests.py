"""A small test-only set of Excel-facing functions, so engine tests do not depend on
which XS_ functions xlsrc ships.  Built into a registry with Registry.from_modules."""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import InvalidNumber, XlError
from xlsrc.registry import Registry, excel_function


def _number(value: Any) -> float:
    if isinstance(value, XlError):
        raise InvalidNumber("error input")
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidNumber(f"not a number: {value!r}")
    return float(value)


@excel_function(name="XS_T_DOUBLE", description="Twice x.", category="test", args={"x": "a number"})
def double(x: Any) -> float:
    """Twice x."""
    return 2 * _number(x)


@excel_function(
    name="XS_T_SCALE",
    description="Each value of a column times factor; blanks stay blank text.",
    category="test",
    args={"values": ("a column", "range"), "factor": "multiplier"},
    returns="array",
)
def scale(values: Any, factor: Any = 1.0) -> list[list[Any]]:
    """Each value of a column times factor; blanks stay blank text."""
    f = _number(factor)
    return [["" if row[0] is None else _number(row[0]) * f] for row in values]


@excel_function(
    name="XS_T_TOTAL",
    description="Sum of the numbers in a range (text and blanks ignored).",
    category="test",
    args={"values": ("a range", "range")},
)
def total(values: Any) -> float:
    """Sum of the numbers in a range (text and blanks ignored)."""
    return sum(v for row in values for v in row if isinstance(v, float))


@excel_function(
    name="XS_T_LABEL",
    description="A text label built from a number, to feed text into native formulas.",
    category="test",
    args={"x": "a number", "suffix": "text"},
)
def label(x: Any, suffix: Any = None) -> str:
    """A text label built from a number, to feed text into native formulas."""
    return f"n={_number(x):g}{'' if suffix is None else suffix}"


@excel_function(
    name="XS_T_BOOM",
    description="Always raises a plain ValueError: a bug, which the engine must report, not hide.",
    category="test",
    args={"x": "anything"},
)
def boom(x: Any) -> float:
    """Always raises a plain ValueError: a bug, which the engine must report, not hide."""
    raise ValueError("boom")


def registry() -> Registry:
    import sys

    return Registry.from_modules(sys.modules[__name__])
