"""Argument helpers shared by the native functions: flattening and number picking.

Excel treats values differently by where they come from: in ``SUM(A1:A3)``
text and logical values inside the range are ignored, but ``SUM("3", TRUE)``
coerces its direct arguments.  These helpers keep that rule in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.evaluator import Book
from xlsrc.engine.refs import Ref
from xlsrc.engine.values import Grid, Value, to_integer, to_number

#: what a range-or-array argument (kind ``a``) holds: a reference, an array or one value
Arg = Ref | Grid | Value


def values_of(book: Book, arg: Any) -> Iterator[Value]:
    """Every value of a Ref, a 2-D list or a scalar, row by row."""
    if type(arg) is Ref:
        for row in book.values(arg):
            yield from row
    elif type(arg) is list:
        for row in arg:
            yield from row
    else:
        yield arg


def grid(book: Book, arg: Any) -> Grid:
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


def numbers(book: Book, args: tuple[Any, ...]) -> list[float] | XlError:
    """The numbers SUM/AVERAGE/MIN/MAX/COUNT-style functions aggregate.

    From ranges and arrays only real numbers count (errors propagate); a
    direct scalar argument is coerced (TRUE is 1, "3" is 3, "x" is #VALUE!).
    """
    out: list[float] = []
    for arg in args:
        if type(arg) is Ref or type(arg) is list:
            for value in values_of(book, arg):
                if type(value) is float:
                    out.append(value)
                elif type(value) is XlError:
                    return value
        elif arg is None:
            continue
        else:
            number = to_number(arg)
            if isinstance(number, XlError):
                return number
            out.append(number)
    return out


def first_error(values: Iterable[object]) -> XlError | None:
    for value in values:
        if type(value) is XlError:
            return value
    return None


#: a number argument truncated to an int (values.to_integer, by the name the library uses)
integer = to_integer


def flat_line(book: Book, arg: Any) -> list[Value] | XlError:
    """A one-row or one-column lookup vector as a flat list (#N/A for 2-D, an error stays)."""
    if type(arg) is XlError:
        return arg
    if type(arg) is Ref:
        if arg.rows != 1 and arg.cols != 1:
            return XlError.NA
        return [v for row in book.values(arg) for v in row]
    if type(arg) is list:
        if len(arg) != 1 and len(arg[0]) != 1:
            return XlError.NA
        return [v for row in arg for v in row]
    return [arg]
