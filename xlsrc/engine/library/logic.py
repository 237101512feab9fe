"""IF, IFS, IFERROR, IFNA, AND, OR, NOT, XOR, SWITCH, CHOOSE, TRUE, FALSE.

Branches are lazy (kind ``l``): only the chosen one is evaluated, as in Excel,
so an unchosen branch can neither cost time nor raise a circular reference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.common import values_of
from xlsrc.engine.library.spec import native
from xlsrc.engine.refs import Ref
from xlsrc.engine.values import Value, compare, to_bool


@native("IF", "vll", min_args=2)
def if_(condition: Any, then: Any, otherwise: Any = None) -> Any:
    flag = to_bool(condition)
    if type(flag) is XlError:
        return flag
    if flag:
        return then()
    if otherwise is None:
        return False
    return otherwise()


@native("IFS", "Vl", repeat="Vl", omitted=False)
def ifs(*args: Any) -> Any:
    """IFS: the value of the first true condition; an error condition met first is the result.

    Conditions are values (kind ``V``), so in an array formula IFS is applied
    element by element like IF; the values stay lazy.
    """
    for i in range(0, len(args), 2):
        flag = to_bool(args[i])
        if type(flag) is XlError:
            return flag
        if flag:
            return args[i + 1]() if i + 1 < len(args) else XlError.NA
    return XlError.NA


@native("IFERROR", "Vl")
def iferror(value: Any, fallback: Any) -> Any:
    return fallback() if type(value) is XlError else value


@native("IFNA", "Vl")
def ifna(value: Any, fallback: Any) -> Any:
    return fallback() if value is XlError.NA else value


def _logicals(book: Book, args: tuple[Any, ...]) -> list[bool] | XlError:
    out: list[bool] = []
    for arg in args:
        if type(arg) is Ref or type(arg) is list:
            for v in values_of(book, arg):
                if type(v) is bool:
                    out.append(v)
                elif type(v) is float:
                    out.append(v != 0.0)
                elif type(v) is XlError:
                    return v
        elif arg is not None and arg != "":  # OR("", TRUE) is TRUE: an empty text is skipped
            flag = to_bool(arg)
            if isinstance(flag, XlError):
                return flag
            out.append(flag)
    return out if out else XlError.VALUE


@native("AND", "a", repeat="a", min_args=1, book=True)
def and_(book: Book, *args: Any) -> Value:
    flags = _logicals(book, args)
    return flags if isinstance(flags, XlError) else all(flags)


@native("OR", "a", repeat="a", min_args=1, book=True)
def or_(book: Book, *args: Any) -> Value:
    flags = _logicals(book, args)
    return flags if isinstance(flags, XlError) else any(flags)


@native("XOR", "a", repeat="a", min_args=1, book=True)
def xor(book: Book, *args: Any) -> Value:
    flags = _logicals(book, args)
    return flags if isinstance(flags, XlError) else sum(flags) % 2 == 1


@native("NOT", "v")
def not_(value: Any) -> Any:
    flag = to_bool(value)
    return flag if type(flag) is XlError else not flag


@native("TRUE", "")
def true() -> bool:
    return True


@native("FALSE", "")
def false() -> bool:
    return False


@native("SWITCH", "v", repeat="Vl", tail="l", min_args=3, omitted=False)
def switch(value: Any, *cases: Any) -> Any:
    """SWITCH: the result of the first case equal to ``value``, else the default or #N/A.

    Cases are values (an error case met first is the result), results and the
    default are lazy; in an array formula a case holding an array is applied
    element by element.
    """
    pairs = len(cases) // 2
    for i in range(pairs):
        candidate = cases[2 * i]
        if type(candidate) is XlError:
            return candidate
        if compare(_blank_is_zero(value), _blank_is_zero(candidate)) == 0:
            return cases[2 * i + 1]()
    if len(cases) % 2:
        return cases[-1]()
    return XlError.NA


@native("CHOOSE", "il", repeat="l")
def choose(number: int, *options: Callable[[], Any]) -> Any:
    if not 1 <= number <= len(options):
        return XlError.VALUE
    return options[number - 1]()


def _blank_is_zero(value: Any) -> Any:
    """SWITCH compares a blank as the number 0 (not as "" or FALSE)."""
    return 0.0 if value is None else value
