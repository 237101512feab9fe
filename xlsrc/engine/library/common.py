"""Argument helpers shared by the native functions: flattening and number picking.

Excel treats values differently by where they come from: in ``SUM(A1:A3)``
text and logical values inside the range are ignored, but ``SUM("3", TRUE)``
coerces its direct arguments.  These helpers keep that rule in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.refs import Ref
from xlsrc.engine.values import to_number


def values_of(book: Any, arg: Any) -> Iterator[Any]:
    """Every value of a Ref, a 2-D list or a scalar, row by row."""
    if type(arg) is Ref:
        for row in book.values(arg):
            yield from row
    elif type(arg) is list:
        for row in arg:
            yield from row
    else:
        yield arg


def grid(book: Any, arg: Any) -> list[list[Any]]:
    """The argument as a 2-D list of values (a scalar becomes 1x1)."""
    if type(arg) is Ref:
        return book.values(arg, pad=True)
    if type(arg) is list:
        return arg
    return [[arg]]


def shape(arg: Any) -> tuple[int, int]:
    if type(arg) is Ref:
        return arg.rows, arg.cols
    if type(arg) is list:
        return len(arg), len(arg[0]) if arg else 0
    return 1, 1


def numbers(book: Any, args: tuple[Any, ...]) -> list[float] | XlError:
    """The numbers SUM/AVERAGE/MIN/MAX/COUNT-style functions aggregate.

    From ranges and arrays only real numbers count (errors propagate); a
    direct scalar argument is coerced (TRUE is 1, "3" is 3, "x" is #VALUE!).
    """
    out: list[float] = []
    for arg in args:
        kind = type(arg)
        if kind is Ref or kind is list:
            for value in values_of(book, arg):
                vkind = type(value)
                if vkind is float:
                    out.append(value)
                elif vkind is XlError:
                    return value  # type: ignore[no-any-return]
        elif arg is None:
            continue
        else:
            number = to_number(arg)
            if type(number) is XlError:
                return number
            out.append(number)  # type: ignore[arg-type]
    return out


def both_numbers(a: Any, b: Any) -> tuple[float, float] | XlError:
    """Two arguments coerced to numbers, or the first one's error."""
    x = to_number(a)
    if type(x) is XlError:
        return x
    y = to_number(b)
    if type(y) is XlError:
        return y
    return x, y  # type: ignore[return-value]


def first_error(values: Any) -> XlError | None:
    for value in values:
        if type(value) is XlError:
            return value  # type: ignore[no-any-return]
    return None


def integer(value: Any) -> int | XlError:
    """A number argument truncated to an int (Excel truncates index arguments)."""
    number = to_number(value)
    if type(number) is XlError:
        return number  # type: ignore[return-value]
    return int(number)  # type: ignore[arg-type]


def flat_line(book: Any, arg: Any) -> list[Any] | XlError:
    """A one-row or one-column lookup vector as a flat list (#N/A for 2-D)."""
    if type(arg) is Ref:
        if arg.rows != 1 and arg.cols != 1:
            return XlError.NA
        return [v for row in book.values(arg) for v in row]
    if type(arg) is list:
        if len(arg) != 1 and len(arg[0]) != 1:
            return XlError.NA
        return [v for row in arg for v in row]
    return [arg]
