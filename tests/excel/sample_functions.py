"""A tiny registry for adapter tests: one function per shape the adapters handle.

Each function records what it received so a test can see the converted values.
"""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import UndefinedRatio, XlError
from xlsrc.registry import Registry, excel_function

RECEIVED: list[tuple[Any, ...]] = []


@excel_function(
    name="XS_T_RATIO",
    description="Part / whole, rounded; a zero whole is #DIV/0!.",
    category="xlsrc test",
    args={"part": "The part", "whole": "The whole", "digits": "Decimals to round to"},
)
def t_ratio(part: Any, whole: Any, digits: Any = 2.0) -> Any:
    """Part / whole, rounded; a zero whole is #DIV/0!."""
    RECEIVED.append((part, whole, digits))
    if isinstance(part, XlError):
        return part
    if not whole:
        raise UndefinedRatio("whole is zero")
    return round(part / whole, int(digits))


@excel_function(
    name="XS_T_DOUBLE_ALL",
    description="Each number doubled; a non-number passes through as it came.",
    category="xlsrc test",
    args={"values": ("Numbers to double", "range")},
    returns="array",
)
def t_double_all(values: Any) -> Any:
    """Each number doubled; a non-number passes through as it came."""
    RECEIVED.append((values,))
    return [[v * 2 if isinstance(v, float) else v for v in row] for row in values]


def sample_registry() -> Registry:
    import sys

    return Registry.from_modules(sys.modules[__name__])
