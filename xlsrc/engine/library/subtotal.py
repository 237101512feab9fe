"""SUBTOTAL and AGGREGATE: aggregates that skip other subtotals (an Excel Table's totals row).

Both leave out cells whose own formula calls SUBTOTAL or AGGREGATE, so a
subtotal of a column holding subtotals counts each number once.  Rows hidden
by hand or by a filter change what they count (SUBTOTAL 101-111, and 1-11 for
filtered rows; AGGREGATE options 1, 3, 5, 7): the engine does not track which
rows a filter hides, so on a sheet with hidden rows these are refused rather
than guessed.  AGGREGATE functions 13 and 16-19 (MODE.SNGL, percentiles,
quartiles) are refused too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.arithmetic import median, overflow_checked
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.refs import COL_BITS, Ref
from xlsrc.engine.values import Value, checked, to_integer


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def _variance(values: list[float], sample: bool) -> Any:
    count = len(values) - (1 if sample else 0)
    if count <= 0:
        return XlError.DIV0
    mean = _mean(values)
    return checked(math.fsum((x - mean) ** 2 for x in values) / count)


def _deviation(values: list[float], sample: bool) -> Any:
    variance = _variance(values, sample)
    return variance if type(variance) is XlError else math.sqrt(variance)


Reduce = Callable[[list[float]], Any]

#: function number -> (reduce over the numbers, value when there are none); 2 and 3 count
_FUNCTIONS: dict[int, tuple[Reduce, Any]] = {
    1: (_mean, XlError.DIV0),
    2: (lambda v: float(len(v)), 0.0),
    3: (lambda v: float(len(v)), 0.0),
    4: (max, 0.0),
    5: (min, 0.0),
    6: (lambda v: checked(math.prod(v)), 0.0),
    7: (lambda v: _deviation(v, sample=True), XlError.DIV0),
    8: (lambda v: _deviation(v, sample=False), XlError.DIV0),
    9: (math.fsum, 0.0),
    10: (lambda v: _variance(v, sample=True), XlError.DIV0),
    11: (lambda v: _variance(v, sample=False), XlError.DIV0),
    12: (median, XlError.NUM),
}


def _collect(
    book: Book,
    refs: tuple[Any, ...],
    function: int,
    skip_errors: bool,
    skip_nested: bool = True,
) -> list[float] | XlError:
    """The numbers (COUNTA: the non-blank cells) of ``refs``, nested subtotals left out."""
    out: list[float] = []
    for ref in refs:
        if type(ref) is not Ref:
            return XlError.VALUE
        nested = ref.sheet.subtotals if skip_nested else None
        for i, line in enumerate(book.values(ref)):
            base = (ref.r1 + i) << COL_BITS
            for j, value in enumerate(line):
                if nested and (base | (ref.c1 + j)) in nested:
                    continue
                if type(value) is XlError:
                    if skip_errors:
                        continue
                    return value
                if type(value) is float:
                    out.append(value)
                elif function == 3 and value is not None:
                    out.append(0.0)
    return out


def _refuse_hidden(refs: tuple[Any, ...], name: str) -> None:
    for ref in refs:
        if type(ref) is Ref and ref.sheet.hidden_rows:
            raise UnsupportedFeature(messages.hidden_rows(name))


refuses("SUBTOTAL", "ranges on a sheet with hidden or filtered rows")
refuses(
    "AGGREGATE",
    "functions 13 and 16-19",
    "options 1, 3, 5, 7 on a sheet with hidden rows",
    "LARGE/SMALL over arrays",
)


@native("SUBTOTAL", "i", repeat="a", min_args=2, book=True)
def subtotal(book: Book, number: int, *refs: Any) -> Value:
    function = number % 100 if number > 100 else number
    if function not in _FUNCTIONS or function == 12 or number not in (function, function + 100):
        return XlError.VALUE
    _refuse_hidden(refs, "SUBTOTAL")
    picked = _collect(book, refs, function, skip_errors=False)
    if isinstance(picked, XlError):
        return picked
    reduce, empty = _FUNCTIONS[function]
    return overflow_checked(reduce, picked, empty)


@native("AGGREGATE", "ii", repeat="a", min_args=3, book=True)
def aggregate(book: Book, function: int, option: int, *refs: Any) -> Value:
    if not 0 <= option <= 7 or not 1 <= function <= 19:
        return XlError.VALUE
    if function == 13 or function >= 16:
        raise UnsupportedFeature(messages.aggregate_function(function))
    if option in (1, 3, 5, 7):
        _refuse_hidden(refs, "AGGREGATE")
    skip_errors = option in (2, 3, 6, 7)
    if function in (14, 15):
        if len(refs) != 2:
            return XlError.VALUE
        return _kth(book, refs[0], refs[1], function == 14, skip_errors, option < 4)
    picked = _collect(book, refs, function, skip_errors, skip_nested=option < 4)
    if isinstance(picked, XlError):
        return picked
    reduce, empty = _FUNCTIONS[function]
    return overflow_checked(reduce, picked, empty)


def _kth(book: Book, area: Any, k: Any, largest: bool, skip_errors: bool, nested: bool) -> Value:
    if type(area) is not Ref:
        raise UnsupportedFeature(messages.aggregate_array())
    picked = _collect(book, (area,), 9, skip_errors, skip_nested=nested)
    if isinstance(picked, XlError):
        return picked
    index = to_integer(k)
    if isinstance(index, XlError):
        return index
    if not 1 <= index <= len(picked):
        return XlError.NUM
    return sorted(picked, reverse=largest)[index - 1]
