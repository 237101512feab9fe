"""Excel 365's dynamic-array functions: SEQUENCE, SORT, UNIQUE, FILTER, and spill references.

Each returns an array.  Nested in another function (``MATCH(7, SEQUENCE(10),
0)``) the array is used as it is; as a cell's formula it spills, which the
file records as an array formula over the spill range, so the engine fills
that range - and refuses the cell when the new result has another size than
the recorded range (Excel would spill differently, or show #SPILL! where a
value is in the way; see evaluator.Book._fill).  A spill reference ``A1#``
is written ``_xlfn.ANCHORARRAY(A1)`` in the file: the spill range of the
dynamic array anchored at A1.

SORT orders numbers < texts (case-insensitive) < logical values < errors (by
error number), keeps equal keys in their order, and puts blanks last in
either direction (golden LOOKUP_AND_REFERENCE/SORT.xlsx); a blank in the
result shows as 0.  UNIQUE compares texts case-insensitively.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.common import grid
from xlsrc.engine.library.info import ERROR_NUMBERS
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.refs import COL_BITS, Ref
from xlsrc.engine.values import Value, to_bool, to_number

#: the most elements the engine builds for one array (Excel's grid has 17 billion cells)
_MOST = 1_048_576


def _given(value: Value, default: float) -> float | XlError:
    """An optional number argument: an empty one (SEQUENCE(3,,5)) is the default."""
    return default if value is None else to_number(value)


@native("SEQUENCE", "vvvv", min_args=1, shaped=True)
def sequence(*args: Value) -> Any:
    given: list[float] = []
    for value in (*args, *[None] * (4 - len(args))):
        number = _given(value, 1.0)
        if isinstance(number, XlError):
            return number
        given.append(number)
    rows, columns, start, step = int(given[0]), int(given[1]), given[2], given[3]
    if rows < 1 or columns < 1:
        return XlError.CALC
    if rows * columns > _MOST:
        raise UnsupportedFeature(messages.array_too_large(rows * columns))
    return [[start + (i * columns + j) * step for j in range(columns)] for i in range(rows)]


def _sort_key(value: Value) -> tuple[int, Any]:
    if type(value) is float:
        return 0, value
    if type(value) is str:
        return 1, value.lower()
    if type(value) is bool:
        return 2, value
    if type(value) is XlError:
        return 3, ERROR_NUMBERS.get(value, 8.0)
    return 4, 0  # blank: last in either order


@native("SORT", "avvb", min_args=1, book=True, shaped=True)
def sort(
    book: Book, array: Any, column: Value = None, way: Value = None, by_col: bool = False
) -> Any:
    index, order = _given(column, 1.0), _given(way, 1.0)
    if isinstance(index, XlError):
        return index
    if isinstance(order, XlError):
        return order
    return _sorted(grid(book, array), int(index), int(order), by_col)


def _sorted(values: list[list[Value]], index: int, order: int, by_col: bool) -> Any:
    if by_col:
        values = [list(column) for column in zip(*values, strict=True)]
    if order not in (1, -1) or not values or not 1 <= index <= len(values[0]):
        return XlError.VALUE
    filled = [line for line in values if line[index - 1] is not None]
    blanks = [line for line in values if line[index - 1] is None]
    # stable in both directions: sorted() keeps equal keys in order, reverse=True too
    ordered = sorted(filled, key=lambda line: _sort_key(line[index - 1]), reverse=order == -1)
    result = ordered + blanks
    if by_col:
        result = [list(line) for line in zip(*result, strict=True)]
    return result


def _unique_key(line: list[Value]) -> tuple[Any, ...]:
    return tuple((type(v).__name__, v.lower() if type(v) is str else v) for v in line)


@native("UNIQUE", "abb", min_args=1, book=True, shaped=True)
def unique(book: Book, array: Any, by_col: bool = False, exactly_once: bool = False) -> Any:
    values = grid(book, array)
    if by_col:
        values = [list(column) for column in zip(*values, strict=True)]
    counts: dict[tuple[Any, ...], int] = {}
    first: dict[tuple[Any, ...], list[Value]] = {}
    for line in values:
        key = _unique_key(line)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, line)
    result = [line for key, line in first.items() if not exactly_once or counts[key] == 1]
    if not result:
        return XlError.CALC
    if by_col:
        result = [list(line) for line in zip(*result, strict=True)]
    return result


@native("FILTER", "aAl", min_args=2, book=True, shaped=True)
def filter_(book: Book, array: Any, include: Any, if_empty: Callable[[], Any] | None = None) -> Any:
    values = grid(book, array)
    flags = grid(book, include)
    rows, cols = len(values), len(values[0]) if values else 0
    if len(flags) == rows and all(len(line) == 1 for line in flags):
        picks = [_flag(line[0]) for line in flags]
        by_row = True
    elif len(flags) == 1 and len(flags[0]) == cols:
        picks = [_flag(v) for v in flags[0]]
        by_row = False
    else:
        return XlError.VALUE
    for pick in picks:
        if isinstance(pick, XlError):
            return pick
    if by_row:
        result = [line for line, pick in zip(values, picks, strict=True) if pick]
    else:
        result = [[v for v, pick in zip(line, picks, strict=True) if pick] for line in values]
    if not result or not result[0]:
        return if_empty() if if_empty is not None else XlError.CALC
    return result


def _flag(value: Value) -> bool | XlError:
    """FILTER's include value: a number by zero, a logical value; a text is #VALUE!."""
    if type(value) is str:
        return XlError.VALUE
    return to_bool(value)


refuses("ANCHORARRAY", "a cell that is not the first cell of a dynamic array")


@native("ANCHORARRAY", "r", shaped=True)
def anchorarray(ref: Ref | XlError) -> Any:
    """``A1#``: the spill range of the dynamic array whose formula is in A1."""
    if isinstance(ref, XlError):
        return ref
    area = ref.sheet.array_areas.get((ref.r1 << COL_BITS) | ref.c1)
    if area is None:
        return XlError.REF
    return Ref(ref.sheet, *area)
