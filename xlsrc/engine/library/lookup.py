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
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.common import flat_line, grid, shape
from xlsrc.engine.library.criteria import wildcard
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.refs import MAX_COL, MAX_ROW, Ref
from xlsrc.engine.values import Value, compare, to_integer


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
        positions = range(len(values) - 1, -1, -1) if reverse else range(len(values))
        if pattern is not None:
            full = pattern.fullmatch
            for i in positions:
                v = values[i]
                if type(v) is str and full(v):
                    return i
            return -1
        kind = type(lookup)
        if kind is str:
            wanted = lookup.lower()
            for i in positions:
                v = values[i]
                if type(v) is str and v.lower() == wanted:
                    return i
            return -1
        for i in positions:
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
        order = _order(v, lookup)
        if mode == 1:
            if order <= 0:
                best = i
            else:
                break
        else:
            if order >= 0:
                best = i
            else:
                break
    return best


def _order(a: Value, b: Value) -> int:
    """compare() of two values of one kind that is not an error value (so never an error)."""
    order = compare(a, b)
    return 0 if isinstance(order, XlError) else order


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
            order = _order(previous, v)
            if (
                (order > 0 and not descending)
                or (order < 0 and descending)
                or (strict and order == 0)
            ):
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
        order = _order(v, lookup)
        if (mode == -1 and order < 0) or (mode == 1 and order > 0):
            closer = best < 0 or _order(v, best_value) == (1 if mode == -1 else -1)
            if closer:
                best, best_value = i, v
    return best


refuses("MATCH", "approximate match (1, -1) over unsorted data")


@native("MATCH", "vai", min_args=2, book=True)
def match(book: Book, lookup: Value, array: Any, match_type: int = 1) -> Value:
    values = flat_line(book, array)
    if isinstance(values, XlError):
        return values
    mode = 0 if match_type == 0 else (1 if match_type > 0 else -1)
    position = find(values, lookup, mode, wild=True)
    return float(position + 1) if position >= 0 else XlError.NA


refuses("XMATCH", "match mode 3 (regular expressions)", "binary search over unsorted data")
refuses("XLOOKUP", "match mode 3 (regular expressions)", "binary search over unsorted data")


@native("XMATCH", "vaii", min_args=2, book=True)
def xmatch(
    book: Book, lookup: Value, array: Any, match_mode: int = 0, search_mode: int = 1
) -> Value:
    rows, cols = shape(array)
    if rows != 1 and cols != 1:
        return XlError.VALUE
    values = flat_line(book, array)
    if isinstance(values, XlError):
        return values
    position = _xfind(values, lookup, match_mode, search_mode)
    if isinstance(position, XlError):
        return position
    return float(position + 1) if position >= 0 else XlError.NA


def _xfind(values: list[Value], lookup: Value, mode: int, search: int) -> int | XlError:
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
    return _nearest(values, lookup, mode, reverse)


@native("XLOOKUP", "vaalii", min_args=3, book=True, shaped=True)
def xlookup(
    book: Book,
    lookup: Value,
    lookup_array: Any,
    return_array: Any,
    if_not_found: Any = None,
    match_mode: int = 0,
    search_mode: int = 1,
) -> Any:
    if type(lookup_array) is XlError:
        return lookup_array
    rows, cols = shape(lookup_array)
    if rows != 1 and cols != 1:
        return XlError.VALUE
    values = flat_line(book, lookup_array)
    if isinstance(values, XlError):
        return values
    position = _xfind(values, lookup, match_mode, search_mode)
    if isinstance(position, XlError):
        return position
    if position < 0:
        return if_not_found() if if_not_found is not None else XlError.NA
    vertical = cols == 1 and rows != 1 or (rows == 1 and cols == 1)
    ret_rows, ret_cols = shape(return_array)
    if vertical:
        if ret_rows != rows:
            return XlError.VALUE
        return _pick(book, return_array, position, 0)
    if ret_cols != cols:
        return XlError.VALUE
    return _pick(book, return_array, None, position)


def _pick(book: Book, area: Any, row: int | None, col: int) -> Any:
    """Row ``row`` (0-based), or else column ``col``, of ``area``: a Ref stays a Ref."""
    if type(area) is Ref:
        if row is not None:
            return Ref(area.sheet, area.r1 + row, area.c1, area.r1 + row, area.c2)
        return Ref(area.sheet, area.r1, area.c1 + col, area.r2, area.c1 + col)
    values = grid(book, area)
    if row is not None:
        return [values[row]]
    return [[r[col]] for r in values]


def _table_lookup(
    book: Book, lookup: Value, table: Any, number: int, flag: bool, by_row: bool
) -> Value:
    if type(table) is str:
        return XlError.VALUE  # VLOOKUP(x, "text", 1); a number or TRUE is a 1x1 table
    if type(table) is XlError:
        return table
    values = grid(book, table)
    if by_row:
        values = [list(col) for col in zip(*values, strict=True)] if values else values
    width = len(values[0]) if values else 0
    if number < 1:
        return XlError.VALUE
    if number > width:
        return XlError.REF
    keys = [row[0] for row in values]
    position = find(keys, lookup, 1 if flag else 0, wild=True)
    if position < 0:
        return XlError.NA
    return values[position][number - 1]


refuses("VLOOKUP", "approximate match over unsorted data")
refuses("HLOOKUP", "approximate match over unsorted data")


@native("VLOOKUP", "vaib", min_args=3, book=True)
def vlookup(
    book: Book, lookup: Value, table: Any, col_index: int, approximate: bool = True
) -> Value:
    return _table_lookup(book, lookup, table, col_index, approximate, by_row=False)


@native("HLOOKUP", "vaib", min_args=3, book=True)
def hlookup(
    book: Book, lookup: Value, table: Any, row_index: int, approximate: bool = True
) -> Value:
    return _table_lookup(book, lookup, table, row_index, approximate, by_row=True)


@native("INDEX", "aivi", min_args=2, book=True, shaped=True)
def index(book: Book, area: Any, r: int, col: Value = None, area_number: int = 1) -> Any:
    if area_number != 1:
        return XlError.REF
    rows, cols = shape(area)
    c = to_integer(col) if col is not None else None  # an omitted column differs from 0
    if isinstance(c, XlError):
        return c
    if c is None:
        if rows == 1 and cols > 1:  # INDEX(one row, n): n-th column
            r, c = 1, r
        else:
            c = 0 if cols > 1 else 1
    if r < 0 or c < 0:
        return XlError.VALUE
    if r > rows or c > cols:
        return XlError.REF
    if type(area) is Ref:
        r1, r2 = (area.r1, area.r2) if r == 0 else (area.r1 + r - 1, area.r1 + r - 1)
        c1, c2 = (area.c1, area.c2) if c == 0 else (area.c1 + c - 1, area.c1 + c - 1)
        return Ref(area.sheet, r1, c1, r2, c2)
    values = grid(book, area)
    if r == 0 and c == 0:
        return values
    if r == 0:
        return [[line[c - 1]] for line in values]
    if c == 0:
        return [values[r - 1]]
    return values[r - 1][c - 1]


@native("ROW", "r", min_args=0, host=True, shaped=True)
def row(host_row: int, host_col: int, ref: Ref | XlError | None = None) -> Any:
    if ref is None:
        return float(host_row)
    if isinstance(ref, XlError):
        return ref
    if ref.rows == 1:
        return float(ref.r1)
    return [[float(r)] for r in range(ref.r1, ref.r2 + 1)]


@native("COLUMN", "r", min_args=0, host=True, shaped=True)
def column(host_row: int, host_col: int, ref: Ref | XlError | None = None) -> Any:
    if ref is None:
        return float(host_col)
    if isinstance(ref, XlError):
        return ref
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


@native("OFFSET", "riivv", min_args=3, shaped=True)
def offset(ref: Ref | XlError, dr: int, dc: int, height: Value = None, width: Value = None) -> Any:
    if isinstance(ref, XlError):
        return ref
    h = to_integer(height) if height is not None else ref.rows  # omitted: the base's size
    w = to_integer(width) if width is not None else ref.cols
    if isinstance(h, XlError):
        return h
    if isinstance(w, XlError):
        return w
    if h < 1 or w < 1:
        return XlError.REF
    r1, c1 = ref.r1 + dr, ref.c1 + dc
    r2, c2 = r1 + h - 1, c1 + w - 1
    if r1 < 1 or c1 < 1 or r2 > MAX_ROW or c2 > MAX_COL:
        return XlError.REF
    return Ref(ref.sheet, r1, c1, r2, c2)


@native("TRANSPOSE", "a", book=True, shaped=True)
def transpose(book: Book, area: Any) -> Any:
    values = book.array(area) if type(area) is Ref else grid(book, area)
    return [list(col) for col in zip(*values, strict=True)]
