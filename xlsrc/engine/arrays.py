"""Array evaluation for array formulas: Excel's broadcasting and element-wise lifting.

In an array formula an operator or a scalar function given ranges works on
every element; a one-row or one-column operand repeats to fit, and positions
outside a smaller operand are #N/A.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.evaluator import Book
from xlsrc.engine.refs import Ref


def element(array: list[list[Any]], i: int, j: int) -> Any:
    """Element (i, j) of ``array`` under Excel's broadcast: 1-wide dims repeat, else #N/A."""
    rows = len(array)
    cols = len(array[0]) if rows else 0
    ii = 0 if rows == 1 else i
    jj = 0 if cols == 1 else j
    if ii >= rows or jj >= cols:
        return XlError.NA
    return array[ii][jj]


def dims(values: list[Any]) -> tuple[int, int]:
    rows = cols = 1
    for v in values:
        if type(v) is list:
            rows = max(rows, len(v))
            cols = max(cols, len(v[0]) if v else 0)
    return rows, cols


def broadcast1(op: Callable[[Any], Any], v: Any) -> Any:
    if type(v) is list:
        return [[op(x) for x in line] for line in v]
    return op(v)


def broadcast2(op: Callable[[Any, Any], Any], a: Any, b: Any) -> Any:
    """``op`` element-wise over ``a`` and ``b`` (arrays or scalars) under Excel's broadcast.

    The two shapes templates use over whole Table columns - an array with a
    scalar (``T[Erä]="Tulot"``) and two arrays of one shape (``(...)*T[TB 2024]``)
    - are zipped directly: they give what :func:`broadcast_by_element` gives
    for every position, without its per-element bookkeeping.  Any other pair
    of shapes (a row against a column, arrays of different sizes) goes there.
    """
    list_a, list_b = type(a) is list, type(b) is list
    if not list_a and not list_b:
        return op(a, b)
    if list_a and not list_b and a and a[0]:
        return [[op(x, b) for x in line] for line in a]
    if list_b and not list_a and b and b[0]:
        return [[op(a, y) for y in line] for line in b]
    if list_a and list_b and a and a[0] and len(a) == len(b) and len(a[0]) == len(b[0]):
        pairs = zip(a, b, strict=True)
        return [[op(x, y) for x, y in zip(la, lb, strict=True)] for la, lb in pairs]
    return broadcast_by_element(op, a, b)


def broadcast_by_element(op: Callable[[Any, Any], Any], a: Any, b: Any) -> list[list[Any]]:
    """The general broadcast: the common shape, each position read by :func:`element`."""
    rows, cols = dims([a, b])
    return [
        [
            op(
                element(a, i, j) if type(a) is list else a,
                element(b, i, j) if type(b) is list else b,
            )
            for j in range(cols)
        ]
        for i in range(rows)
    ]


def lift(
    func: Callable[..., Any], prefix: tuple[Any, ...], kinds: str, values: list[Any], book: Book
) -> list[list[Any]]:
    """Call a scalar function once per element of its array-valued value arguments.

    This is Excel's element-wise lifting in array formulas: value arguments
    are broadcast to a common shape, an error in a value argument is that
    element's result, and lazy arguments (IF's branches) are evaluated once and
    indexed per element, so a branch is not recomputed for every element.
    """
    lazy_cache: dict[int, Any] = {}
    shaped = [v for k, v in zip(kinds, values, strict=True) if k in "vV"]
    for index, (kind, v) in enumerate(zip(kinds, values, strict=True)):
        if kind in "lL":  # in an array formula every branch is evaluated and broadcast
            got = v()
            if type(got) is Ref:
                got = book.array(got)
            lazy_cache[index] = got
            shaped.append(got)
    rows, cols = dims(shaped)

    def lazy_element(index: int, thunk: Callable[[], Any], i: int, j: int) -> Callable[[], Any]:
        def one() -> Any:
            if index not in lazy_cache:
                got = thunk()
                if type(got) is Ref:
                    got = book.array(got)
                lazy_cache[index] = got
            got = lazy_cache[index]
            return element(got, i, j) if type(got) is list else got

        return one

    out = []
    for i in range(rows):
        line = []
        for j in range(cols):
            call_args = []
            error = None
            for index, (kind, v) in enumerate(zip(kinds, values, strict=True)):
                if kind in "vV" and type(v) is list:
                    v = element(v, i, j)
                elif kind in "lL":
                    v = lazy_element(index, v, i, j)
                if kind == "v" and type(v) is XlError and error is None:
                    error = v
                call_args.append(v)
            result = error if error is not None else func(*prefix, *call_args)
            if type(result) is Ref:
                result = book.cell(result.sheet, result.r1, result.c1)
            elif type(result) is list:
                result = result[0][0] if result and result[0] else XlError.VALUE
            line.append(result)
        out.append(line)
    return out
