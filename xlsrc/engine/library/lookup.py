"""INDEX, MATCH, XMATCH, VLOOKUP, HLOOKUP, XLOOKUP, ROW(S), COLUMN(S), OFFSET, TRANSPOSE.

Approximate matches (MATCH/VLOOKUP/HLOOKUP with match type 1 or -1) and
XLOOKUP/XMATCH binary search assume sorted data and Excel finds the answer by
bisection; on sorted data the linear scan used here returns the same cell, on
unsorted data the answer depends on Excel's exact bisection steps, so such a
lookup is refused rather than guessed.  A blank lookup value is 0, as in Excel.
"""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.library.common import flat_line, grid, integer, shape
from xlsrc.engine.library.criteria import wildcard
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.refs import MAX_COL, MAX_ROW, Ref
from xlsrc.engine.values import compare, to_bool, to_number


def find(
    values: list[Any], lookup: Any, mode: int, wild: bool = False, reverse: bool = False
) -> int:
    """0-based position of ``lookup`` in ``values``, or -1.

    mode 0: exact; 1: largest value <= lookup (sorted ascending);
    -1: smallest value >= lookup (sorted descending).  ``wild`` enables
    Excel wildcards for an exact text match.
    """
    if lookup is None:
        lookup = 0.0
    if mode == 0:
        pattern = wildcard(lookup) if wild and type(lookup) is str else None
        order = range(len(values) - 1, -1, -1) if reverse else range(len(values))
        if pattern is not None:
            full = pattern.fullmatch
            for i in order:
                v = values[i]
                if type(v) is str and full(v):
                    return i
            return -1
        kind = type(lookup)
        if kind is str:
            wanted = lookup.lower()
            for i in order:
                v = values[i]
                if type(v) is str and v.lower() == wanted:
                    return i
            return -1
        for i in order:
            v = values[i]
            if type(v) is kind and compare(v, lookup) == 0:
                return i
        return -1
    _require_sorted(values, lookup, descending=mode == -1)
    best = -1
    kind = type(lookup)
    for i, v in enumerate(values):
        if type(v) is not kind:
            continue
        order = compare(v, lookup)
        if mode == 1:
            if order <= 0:  # type: ignore[operator]
                best = i
            else:
                break
        else:
            if order >= 0:  # type: ignore[operator]
                best = i
            else:
                break
    return best


def _require_sorted(values: list[Any], lookup: Any, descending: bool, strict: bool = False) -> None:
    """Refuse a bisecting lookup over values (of the lookup's kind) that are not sorted.

    ``strict``: equal neighbours are refused too (which of them a binary search
    lands on depends on its steps).
    """
    kind = type(lookup)
    previous = None
    for v in values:
        if type(v) is not kind:
            continue
        if previous is not None:
            order = compare(previous, v)
            if (
                (order > 0 and not descending)
                or (order < 0 and descending)
                or (strict and order == 0)
            ):  # type: ignore[operator]
                raise UnsupportedFeature(messages.unsorted_lookup())
        previous = v


def _nearest(values: list[Any], lookup: Any, mode: int, reverse: bool) -> int:
    """XLOOKUP match modes -1/1: exact, else the next smaller/larger; ties: the first found."""
    if lookup is None:
        lookup = 0.0
    exact = find(values, lookup, 0, reverse=reverse)
    if exact >= 0:
        return exact
    best, best_value = -1, None
    kind = type(lookup)
    order_of = range(len(values) - 1, -1, -1) if reverse else range(len(values))
    for i in order_of:
        v = values[i]
        if type(v) is not kind:
            continue
        order = compare(v, lookup)
        if (mode == -1 and order < 0) or (mode == 1 and order > 0):  # type: ignore[operator]
            closer = best < 0 or compare(v, best_value) == (1 if mode == -1 else -1)
            if closer:
                best, best_value = i, v
    return best


refuses("MATCH", "approximate match (1, -1) over unsorted data")


@native("MATCH", "vav", min_args=2, book=True)
def match(book: Any, lookup: Any, array: Any, match_type: Any = 1.0) -> Any:
    values = flat_line(book, array)
    if type(values) is XlError:
        return values
    mode = integer(match_type)
    if type(mode) is XlError:
        return mode
    mode = 0 if mode == 0 else (1 if mode > 0 else -1)  # type: ignore[operator]
    position = find(values, lookup, mode, wild=True)  # type: ignore[arg-type]
    return float(position + 1) if position >= 0 else XlError.NA


refuses("XMATCH", "match mode 3 (regular expressions)", "binary search over unsorted data")
refuses("XLOOKUP", "match mode 3 (regular expressions)", "binary search over unsorted data")


@native("XMATCH", "vavv", min_args=2, book=True)
def xmatch(
    book: Any, lookup: Any, array: Any, match_mode: Any = 0.0, search_mode: Any = 1.0
) -> Any:
    rows, cols = shape(array)
    if rows != 1 and cols != 1:
        return XlError.VALUE
    values = flat_line(book, array)
    if type(values) is XlError:
        return values
    position = _xfind(values, lookup, match_mode, search_mode)  # type: ignore[arg-type]
    if type(position) is XlError:
        return position
    return float(position + 1) if position >= 0 else XlError.NA  # type: ignore[operator]


def _xfind(values: list[Any], lookup: Any, match_mode: Any, search_mode: Any) -> Any:
    mode, search = integer(match_mode), integer(search_mode)
    if type(mode) is XlError or type(search) is XlError:
        return mode if type(mode) is XlError else search
    if mode == 3:
        raise UnsupportedFeature(messages.regex_match_mode())
    if mode not in (0, -1, 1, 2) or search not in (1, -1, 2, -2):
        return XlError.VALUE
    if lookup is None:
        lookup = 0.0
    if search in (2, -2):  # binary search: only exact on sorted data
        _require_sorted(values, lookup, descending=search == -2, strict=True)
    reverse = search in (-1, -2)
    if mode in (0, 2):
        return find(values, lookup, 0, wild=mode == 2, reverse=reverse)
    return _nearest(values, lookup, mode, reverse)  # type: ignore[arg-type]


@native("XLOOKUP", "vaalvv", min_args=3, book=True, shaped=True)
def xlookup(
    book: Any,
    lookup: Any,
    lookup_array: Any,
    return_array: Any,
    if_not_found: Any = None,
    match_mode: Any = 0.0,
    search_mode: Any = 1.0,
) -> Any:
    rows, cols = shape(lookup_array)
    if rows != 1 and cols != 1:
        return XlError.VALUE
    values = flat_line(book, lookup_array)
    position = _xfind(values, lookup, match_mode, search_mode)  # type: ignore[arg-type]
    if type(position) is XlError:
        return position
    if position < 0:  # type: ignore[operator]
        return if_not_found() if if_not_found is not None else XlError.NA
    vertical = cols == 1 and rows != 1 or (rows == 1 and cols == 1)
    ret_rows, ret_cols = shape(return_array)
    if vertical:
        if ret_rows != rows:
            return XlError.VALUE
        return _pick(book, return_array, position, None)
    if ret_cols != cols:
        return XlError.VALUE
    return _pick(book, return_array, None, position)


def _pick(book: Any, area: Any, row: int | None, col: int | None) -> Any:
    """Row ``row`` or column ``col`` (0-based) of ``area``: a Ref stays a Ref."""
    if type(area) is Ref:
        if row is not None:
            return Ref(area.sheet, area.r1 + row, area.c1, area.r1 + row, area.c2)
        return Ref(area.sheet, area.r1, area.c1 + col, area.r2, area.c1 + col)  # type: ignore[operator]
    values = grid(book, area)
    if row is not None:
        return [values[row]]
    return [[r[col]] for r in values]  # type: ignore[index]


def _table_lookup(
    book: Any, lookup: Any, table: Any, index: Any, approximate: Any, by_row: bool
) -> Any:
    if type(table) is str:
        return XlError.VALUE  # VLOOKUP(x, "text", 1); a number or TRUE is a 1x1 table
    number = integer(index)
    if type(number) is XlError:
        return number
    flag = to_bool(approximate) if approximate is not None else False
    if type(flag) is XlError:
        return flag
    values = grid(book, table)
    if by_row:
        values = [list(col) for col in zip(*values, strict=True)] if values else values
    width = len(values[0]) if values else 0
    if number < 1:  # type: ignore[operator]
        return XlError.VALUE
    if number > width:  # type: ignore[operator]
        return XlError.REF
    keys = [row[0] for row in values]
    position = find(keys, lookup, 1 if flag else 0, wild=True)
    if position < 0:
        return XlError.NA
    return values[position][number - 1]  # type: ignore[operator]


refuses("VLOOKUP", "approximate match over unsorted data")
refuses("HLOOKUP", "approximate match over unsorted data")


@native("VLOOKUP", "vavv", min_args=3, book=True)
def vlookup(book: Any, lookup: Any, table: Any, col_index: Any, approximate: Any = True) -> Any:
    return _table_lookup(book, lookup, table, col_index, approximate, by_row=False)


@native("HLOOKUP", "vavv", min_args=3, book=True)
def hlookup(book: Any, lookup: Any, table: Any, row_index: Any, approximate: Any = True) -> Any:
    return _table_lookup(book, lookup, table, row_index, approximate, by_row=True)


@native("INDEX", "avvv", min_args=2, book=True, shaped=True)
def index(book: Any, area: Any, row: Any, col: Any = None, area_number: Any = 1.0) -> Any:
    which = integer(area_number)
    if which != 1:
        return XlError.REF if type(which) is not XlError else which
    rows, cols = shape(area)
    r = integer(row if row is not None else 0.0)
    c = integer(col) if col is not None else None
    if type(r) is XlError:
        return r
    if type(c) is XlError:
        return c
    if c is None:
        if rows == 1 and cols > 1:  # INDEX(one row, n): n-th column
            r, c = 1, r
        else:
            c = 0 if cols > 1 else 1
    if r < 0 or c < 0:  # type: ignore[operator]
        return XlError.VALUE
    if r > rows or c > cols:  # type: ignore[operator]
        return XlError.REF
    if type(area) is Ref:
        r1, r2 = (area.r1, area.r2) if r == 0 else (area.r1 + r - 1,) * 2  # type: ignore[operator]
        c1, c2 = (area.c1, area.c2) if c == 0 else (area.c1 + c - 1,) * 2  # type: ignore[operator]
        return Ref(area.sheet, r1, c1, r2, c2)
    values = grid(book, area)
    if r == 0 and c == 0:
        return values
    if r == 0:
        return [[line[c - 1]] for line in values]  # type: ignore[operator]
    if c == 0:
        return [values[r - 1]]  # type: ignore[operator]
    return values[r - 1][c - 1]  # type: ignore[operator]


@native("ROW", "r", min_args=0, host=True, shaped=True)
def row(host_row: int, host_col: int, ref: Any = None) -> Any:
    if ref is None:
        return float(host_row)
    if ref.rows == 1:
        return float(ref.r1)
    return [[float(r)] for r in range(ref.r1, ref.r2 + 1)]


@native("COLUMN", "r", min_args=0, host=True, shaped=True)
def column(host_row: int, host_col: int, ref: Any = None) -> Any:
    if ref is None:
        return float(host_col)
    if ref.cols == 1:
        return float(ref.c1)
    return [[float(c) for c in range(ref.c1, ref.c2 + 1)]]


@native("ROWS", "a")
def rows_(area: Any) -> Any:
    """Rows of a reference or array; a reference error (``T[#Totals]`` without one) stays."""
    return area if type(area) is XlError else float(shape(area)[0])


@native("COLUMNS", "a")
def columns(area: Any) -> Any:
    return area if type(area) is XlError else float(shape(area)[1])


@native("OFFSET", "rvvvv", min_args=3, shaped=True)
def offset(ref: Any, rows: Any, cols: Any, height: Any = None, width: Any = None) -> Any:
    numbers = [to_number(x) for x in (rows, cols)]
    numbers += [to_number(x) if x is not None else None for x in (height, width)]
    for n in numbers:
        if type(n) is XlError:
            return n
    dr, dc = int(numbers[0]), int(numbers[1])  # type: ignore[arg-type]
    h = int(numbers[2]) if numbers[2] is not None else ref.rows  # type: ignore[arg-type]
    w = int(numbers[3]) if numbers[3] is not None else ref.cols  # type: ignore[arg-type]
    if h < 1 or w < 1:
        return XlError.REF
    r1, c1 = ref.r1 + dr, ref.c1 + dc
    r2, c2 = r1 + h - 1, c1 + w - 1
    if r1 < 1 or c1 < 1 or r2 > MAX_ROW or c2 > MAX_COL:
        return XlError.REF
    return Ref(ref.sheet, r1, c1, r2, c2)


@native("TRANSPOSE", "a", book=True, shaped=True)
def transpose(book: Any, area: Any) -> Any:
    values = book.array(area) if type(area) is Ref else grid(book, area)
    return [list(col) for col in zip(*values, strict=True)]
