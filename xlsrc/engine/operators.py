"""Excel's operators on scalars: + - * / ^ & and comparisons, with coercion and errors.

Shared by the closure compiler (:mod:`compiler`) and generated code
(:mod:`codegen`, which inlines a fast path for two numbers and calls these
for everything else).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.library.arithmetic import power_of
from xlsrc.engine.values import (
    Value,
    approx_add,
    approx_sub,
    checked,
    compare,
    text_result,
    to_number,
    to_text,
)

ARITHMETIC: dict[str, Callable[[float, float], Value]] = {
    # an overflow is #NUM! at once, so inf never reaches a later formula (inf - inf = 0)
    "+": lambda a, b: checked(approx_add(a, b)),
    "-": lambda a, b: checked(approx_sub(a, b)),
    "*": lambda a, b: checked(a * b),
    "/": lambda a, b: checked(a / b) if b != 0 else XlError.DIV0,
    "^": power_of,
}
COMPARISON: dict[str, Callable[[int], bool]] = {
    "=": lambda c: c == 0,
    "<>": lambda c: c != 0,
    "<": lambda c: c < 0,
    ">": lambda c: c > 0,
    "<=": lambda c: c <= 0,
    ">=": lambda c: c >= 0,
}


@functools.cache
def scalar_operator(op: str) -> Callable[[Any, Any], Any]:
    """Excel's binary operator ``op`` on two scalars: coercion, errors, approximate equality."""
    if op in ARITHMETIC:
        arithmetic = ARITHMETIC[op]

        def numeric(a: Any, b: Any) -> Any:
            if type(a) is not float:
                a = to_number(a)
                if type(a) is XlError:
                    return a
            if type(b) is not float:
                b = to_number(b)
                if type(b) is XlError:
                    return b
            return arithmetic(a, b)

        return numeric
    if op == "&":

        def join(a: Any, b: Any) -> Any:
            a, b = to_text(a), to_text(b)
            if type(a) is XlError:
                return a
            if type(b) is XlError:
                return b
            return text_result(a + b)

        return join
    test = COMPARISON[op]

    def comparison(a: Any, b: Any) -> Any:
        order = compare(a, b)
        return order if isinstance(order, XlError) else test(order)

    return comparison


def negate(v: Any) -> Value:
    n = v if type(v) is float else to_number(v)
    return n if isinstance(n, XlError) else -n


def percent(v: Any) -> Value:
    n = v if type(v) is float else to_number(v)
    return n if isinstance(n, XlError) else n / 100.0
