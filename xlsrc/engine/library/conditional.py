"""SUMIF(S), COUNTIF(S), AVERAGEIF(S), MAXIFS, MINIFS over criteria ranges.

Whole-column ranges are common (``SUMIFS(D:D, A:A, "x")``), so matching runs
over the *used* part of the ranges only; the cells below it are blank in every
range and are counted arithmetically when a criterion matches blanks.  A plain
text-equality criterion (the pivot case: programme x status) is answered from
a per-range index that the evaluator builds once, instead of a scan per cell.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.library import criteria
from xlsrc.engine.library.arithmetic import overflow_checked
from xlsrc.engine.library.common import shape
from xlsrc.engine.library.criteria_index import RangeIndex
from xlsrc.engine.library.spec import native
from xlsrc.engine.refs import Ref


class _Selection:
    """Positions (row-major over the used block) where every criterion holds."""

    def __init__(self, positions: list[int], rows: int, cols: int, tail_matches: int) -> None:
        self.positions = positions
        self.rows = rows
        self.cols = cols
        self.tail_matches = tail_matches


def _select(book: Any, pairs: list[tuple[Any, Any]], dims: tuple[int, int]) -> _Selection | XlError:
    for area, _ in pairs:
        if shape(area) != dims:
            return XlError.VALUE
    rows, cols = book.used_extent([area for area, _ in pairs], dims)
    parsed = [(area, criteria.parse(value)) for area, value in pairs]
    # indexed criteria first: they narrow the candidates cheaply
    parsed.sort(key=lambda pair: (pair[1].text_key is None, pair[1].order is None))
    candidates: list[int] | None = None
    for area, criterion in parsed:
        hits: Any = None
        if criterion.text_key is not None and type(area) is Ref:
            hits = book.text_index(area, rows, cols).get(criterion.text_key, ())
        elif criterion.order is not None and type(area) is Ref:
            hits = book.derived(area, rows, cols, RangeIndex).positions(criterion)
        if hits is not None:
            if candidates is None:
                candidates = sorted(hits)
            else:
                keep = set(hits)
                candidates = [p for p in candidates if p in keep]
            continue
        block = book.block(area, rows, cols)
        match = criterion.match
        if candidates is None:
            candidates = [p for p, v in enumerate(block) if match(v)]
        else:
            candidates = [p for p in candidates if match(block[p])]
    tail = dims[0] * dims[1] - rows * cols
    tail_matches = tail if all(c.match(None) for _, c in parsed) else 0
    return _Selection(candidates or [], rows, cols, tail_matches)


def _picked(book: Any, selection: _Selection, values: Any) -> list[float] | XlError:
    block = book.block(values, selection.rows, selection.cols)
    out: list[float] = []
    for p in selection.positions:
        v = block[p]
        if type(v) is float:
            out.append(v)
        elif type(v) is XlError:
            return v
    return out


def _resized(area: Any, dims: tuple[int, int]) -> Any:
    """SUMIF's sum range takes the criteria range's size from its own top-left cell."""
    if type(area) is Ref and (area.rows, area.cols) != dims:
        return Ref(area.sheet, area.r1, area.c1, area.r1 + dims[0] - 1, area.c1 + dims[1] - 1)
    return area


def _pairs(args: tuple[Any, ...]) -> list[tuple[Any, Any]] | None:
    if len(args) % 2:
        return None
    return [(args[i], args[i + 1]) for i in range(0, len(args), 2)]


def _indexed_total(book: Any, area: Any, criterion: Any, values: Any) -> tuple[float, int] | None:
    """SUMIF/AVERAGEIF's (sum, count) from the criteria index, when it can answer exactly.

    Copied down a column, ``SUMIF(A:A, ">"&A1, B:B)`` asks one range thousands of
    times; the index keeps exact running sums, so each cell costs a bisection.
    """
    if type(area) is not Ref or not (values is None or type(values) is Ref):
        return None
    parsed = criteria.parse(criterion)
    if parsed.order is None:
        return None
    dims = (area.rows, area.cols)
    rows, cols = book.used_extent([area], dims)
    target = area if values is None else _resized(values, dims)
    index = book.derived(area, rows, cols, RangeIndex)
    key = (target.sheet, target.r1, target.c1)
    return index.ordered_total(parsed, key, book.block(target, rows, cols))  # type: ignore[no-any-return]


def _single(book: Any, area: Any, criterion: Any, values: Any) -> Any:
    """The numbers SUMIF/AVERAGEIF pick: ``values`` sized like ``area`` from its top-left."""
    dims = shape(area)
    selection = _select(book, [(area, criterion)], dims)
    if isinstance(selection, XlError):
        return selection
    target = area if values is None else _resized(values, dims)
    return _picked(book, selection, target)


def _conditional_numbers(book: Any, values: Any, args: tuple[Any, ...]) -> Any:
    """The numbers of ``values`` where every (range, criterion) pair of ``args`` holds."""
    pairs = _pairs(args)
    if pairs is None:
        return XlError.VALUE
    selection = _select(book, pairs, shape(values))
    if isinstance(selection, XlError):
        return selection
    return _picked(book, selection, values)


def _reduced(picked: Any, reduce: Callable[[list[float]], Any], empty: Any) -> Any:
    if type(picked) is XlError:
        return picked
    return overflow_checked(reduce, picked, empty)


def _average(values: list[float]) -> float:
    return math.fsum(values) / len(values)


@native("SUMIF", "aVa", min_args=2, book=True)
def sumif(book: Any, area: Any, criterion: Any, sum_range: Any = None) -> Any:
    indexed = _indexed_total(book, area, criterion, sum_range)
    if indexed is not None:
        return indexed[0]
    return _reduced(_single(book, area, criterion, sum_range), math.fsum, 0.0)


@native("AVERAGEIF", "aVa", min_args=2, book=True)
def averageif(book: Any, area: Any, criterion: Any, average_range: Any = None) -> Any:
    indexed = _indexed_total(book, area, criterion, average_range)
    if indexed is not None:
        total, count = indexed
        return total / count if count else XlError.DIV0
    return _reduced(_single(book, area, criterion, average_range), _average, XlError.DIV0)


@native("SUMIFS", "a", repeat="aV", min_args=3, book=True)
def sumifs(book: Any, sum_range: Any, *args: Any) -> Any:
    return _reduced(_conditional_numbers(book, sum_range, args), math.fsum, 0.0)


@native("AVERAGEIFS", "a", repeat="aV", min_args=3, book=True)
def averageifs(book: Any, average_range: Any, *args: Any) -> Any:
    return _reduced(_conditional_numbers(book, average_range, args), _average, XlError.DIV0)


@native("MAXIFS", "a", repeat="aV", min_args=3, book=True)
def maxifs(book: Any, max_range: Any, *args: Any) -> Any:
    return _reduced(_conditional_numbers(book, max_range, args), max, 0.0)


@native("MINIFS", "a", repeat="aV", min_args=3, book=True)
def minifs(book: Any, min_range: Any, *args: Any) -> Any:
    return _reduced(_conditional_numbers(book, min_range, args), min, 0.0)


@native("COUNTIF", "aV", book=True)
def countif(book: Any, area: Any, criterion: Any) -> Any:
    return countifs(book, area, criterion)


@native("COUNTIFS", "aV", repeat="aV", book=True)
def countifs(book: Any, *args: Any) -> Any:
    pairs = _pairs(args)
    if pairs is None:
        return XlError.VALUE
    if len(pairs) == 1 and type(pairs[0][0]) is Ref:  # one criterion: count from the index
        area = pairs[0][0]
        criterion = criteria.parse(pairs[0][1])
        if criterion.order is not None:
            dims = (area.rows, area.cols)
            rows, cols = book.used_extent([area], dims)
            tail = dims[0] * dims[1] - rows * cols
            found = book.derived(area, rows, cols, RangeIndex).count(criterion)
            return float(found + (tail if criterion.match(None) else 0))
    selection = _select(book, pairs, shape(pairs[0][0]))
    if isinstance(selection, XlError):
        return selection
    return float(len(selection.positions) + selection.tail_matches)
