"""Aggregates and arithmetic: SUM, AVERAGE, MIN, MAX, COUNT*, ROUND*, MOD, ..."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, ROUND_UP, Decimal
from fractions import Fraction
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.core.numbers import round_digits
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.common import (
    first_error,
    numbers,
    shape,
    values_of,
)
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.refs import Ref
from xlsrc.engine.values import Value, checked, to_number


def _aggregate(name: str, reduce: Callable[[list[float]], Any], empty: Any) -> None:
    """Register ``name`` as ``reduce`` over the numbers of its arguments (``empty`` if none)."""

    def compute(book: Book, *args: Any) -> Value:
        picked = numbers(book, args)
        if isinstance(picked, XlError):
            return picked
        return overflow_checked(reduce, picked, empty)

    compute.__name__ = name.lower()
    native(name, "a", repeat="a", min_args=1, book=True)(compute)


def overflow_checked(
    reduce: Callable[[list[float]], Any], values: list[float], empty: Value
) -> Value:
    """``reduce(values)`` (``empty`` for none), #NUM! where the result overflows (never inf)."""
    if not values:
        return empty
    try:
        result = reduce(values)
    except OverflowError:  # math.fsum's intermediate overflow
        return XlError.NUM
    if type(result) is float:
        return checked(result)
    outcome: Value = result
    return outcome


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


_aggregate("SUM", math.fsum, 0.0)
_aggregate("PRODUCT", lambda v: checked(math.prod(v)), 0.0)
_aggregate("AVERAGE", lambda v: math.fsum(v) / len(v), XlError.DIV0)
_aggregate("MIN", min, 0.0)
_aggregate("MAX", max, 0.0)
_aggregate("MEDIAN", median, XlError.NUM)


def _kth(book: Book, array: Any, index: int, largest: bool) -> Value:
    picked = numbers(book, (array,))
    if isinstance(picked, XlError):
        return picked
    if not 1 <= index <= len(picked):
        return XlError.NUM
    return sorted(picked, reverse=largest)[index - 1]


@native("LARGE", "ai", book=True)
def large(book: Book, array: Any, k: int) -> Value:
    return _kth(book, array, k, largest=True)


@native("SMALL", "ai", book=True)
def small(book: Book, array: Any, k: int) -> Value:
    return _kth(book, array, k, largest=False)


@native("COUNT", "a", repeat="a", min_args=1, book=True)
def count(book: Book, *args: Any) -> float:
    total = 0
    for arg in args:
        if type(arg) is Ref or type(arg) is list:
            total += sum(1 for v in values_of(book, arg) if type(v) is float)
        elif arg is not None and type(to_number(arg)) is float:
            total += 1
    return float(total)


@native("COUNTA", "a", repeat="a", min_args=1, book=True)
def counta(book: Book, *args: Any) -> float:
    total = 0
    for arg in args:
        if type(arg) is Ref:
            total += sum(1 for v in values_of(book, arg) if v is not None)
        elif type(arg) is list:
            total += sum(1 for v in values_of(book, arg))
        else:
            total += 1
    return float(total)


@native("COUNTBLANK", "r", book=True)
def countblank(book: Book, ref: Ref | XlError) -> Value:
    if isinstance(ref, XlError):  # COUNTBLANK of something that is no reference
        return ref
    seen = 0
    blank = 0
    for v in values_of(book, ref):
        seen += 1
        if v is None or v == "":
            blank += 1
    return float(blank + ref.rows * ref.cols - seen)


@native("SUMPRODUCT", "A", repeat="A", min_args=1, book=True)
def sumproduct(book: Book, *arrays: Any) -> Value:
    """Excel's SUMPRODUCT: arrays of one size, non-numeric entries count as 0, errors win.

    Its arguments are arrays even in an ordinary formula (kind ``A``), so
    ``SUMPRODUCT((T[Erä]="Tulot")*T[Summa])`` multiplies element by element.
    """
    dims = {shape(a) for a in arrays}
    if len(dims) != 1:
        return XlError.VALUE
    # the part any argument uses: beyond it every entry is blank, a product of 0
    rows, cols = book.used_extent(list(arrays), dims.pop())
    flat = [book.block(a, rows, cols) for a in arrays]
    for column in flat:
        error = first_error(column)
        if error is not None:
            return error
    total = []
    for items in zip(*flat, strict=True):
        product_ = 1.0
        for v in items:
            product_ *= v if type(v) is float else 0.0
        total.append(product_)
    return math.fsum(total)


# ROUND, ROUNDUP, ROUNDDOWN, TRUNC: the 15-digit decimal rounded (core.numbers.round_digits)
@native("ROUND", "ni")
def round_(x: float, digits: int) -> Value:
    return round_digits(x, digits, ROUND_HALF_UP)


@native("ROUNDUP", "ni")
def roundup(x: float, digits: int) -> Value:
    return round_digits(x, digits, ROUND_UP)


@native("ROUNDDOWN", "ni")
def rounddown(x: float, digits: int) -> Value:
    return round_digits(x, digits, ROUND_DOWN)


@native("TRUNC", "ni", min_args=1)
def trunc(x: float, digits: int = 0) -> Value:
    return round_digits(x, digits, ROUND_DOWN)


def _unary(name: str, op: Callable[[float], Value]) -> None:
    """Register ``name`` as ``op`` of its one number argument."""
    native(name, "n")(op)


def _sqrt(x: float) -> Value:
    return math.sqrt(x) if x >= 0 else XlError.NUM


def _ln(x: float) -> Value:
    return math.log(x) if x > 0 else XlError.NUM


def _log10(x: float) -> Value:
    return math.log10(x) if x > 0 else XlError.NUM


def _exp(x: float) -> Value:
    try:
        return checked(math.exp(x))
    except OverflowError:
        return XlError.NUM


_unary("ABS", abs)
_unary("INT", lambda x: float(math.floor(x)))
_unary("SIGN", lambda x: float((x > 0) - (x < 0)))
_unary("SQRT", _sqrt)
_unary("LN", _ln)
_unary("LOG10", _log10)
_unary("EXP", _exp)


@native("LOG", "nn", min_args=1)
def log(x: float, base: float = 10.0) -> Value:
    if x <= 0 or base <= 0 or base == 1:
        return XlError.NUM if base != 1 else XlError.DIV0
    return math.log(x) / math.log(base)


@native("PI", "")
def pi() -> float:
    return math.pi


def power_of(x: float, y: float) -> Value:
    """x^y with Excel's errors: 0^0 and roots of negatives are #NUM!, 0^-1 is #DIV/0!."""
    if x == 0:
        if y == 0:
            return XlError.NUM
        if y < 0:
            return XlError.DIV0
    if x < 0 and not float(y).is_integer():
        return XlError.NUM
    try:
        return checked(math.pow(x, y))
    except OverflowError:
        return XlError.NUM


@native("POWER", "nn")
def power(x: float, y: float) -> Value:
    return power_of(x, y)


@native("MOD", "nn")
def mod(n: float, d: float) -> Value:
    if d == 0:
        return XlError.DIV0
    ratio = n / d
    if not math.isfinite(ratio):
        return XlError.NUM
    quotient = math.floor(ratio)
    # n - d*q with one rounding, as Excel computes it; a remainder of the wrong sign
    # (rounding in n/d) is moved into d's sign
    rest = float(Fraction(n) - Fraction(d) * quotient)
    if rest != 0 and (rest < 0) != (d < 0):
        rest += d
    return rest


def _to_multiple(x: float, significance: float, up: bool) -> Value:
    """CEILING and FLOOR as Excel 2010 and later compute them (support.microsoft.com).

    Both round x / significance to a whole number - CEILING up (towards +inf),
    FLOOR down (towards -inf) - so a negative number with a positive
    significance goes towards zero in CEILING(-2.5,2) = -2 and away from it
    in FLOOR(-2.5,2) = -4, and CEILING(-2.5,-2) = -4, FLOOR(-2.5,-2) = -2.  A
    positive number with a negative significance is #NUM!; a significance of
    0 gives 0 in CEILING and #DIV/0! in FLOOR (FLOOR(0,0) is refused).
    """
    if significance == 0:
        if up:
            return 0.0
        if x == 0:
            raise UnsupportedFeature(messages.floor_zero_zero())
        return XlError.DIV0
    if x > 0 and significance < 0:
        return XlError.NUM
    ratio = Decimal(format(x / significance, ".15g"))
    steps = ratio.to_integral_value(rounding=ROUND_CEILING if up else ROUND_FLOOR)
    return float(steps) * significance


refuses("FLOOR", "FLOOR(0,0)")


@native("CEILING", "nn", min_args=1)
def ceiling(x: float, significance: float = 1.0) -> Value:
    return _to_multiple(x, significance, up=True)


@native("FLOOR", "nn", min_args=1)
def floor(x: float, significance: float = 1.0) -> Value:
    return _to_multiple(x, significance, up=False)


#: Excel refuses the trigonometric functions of numbers from 2**27 on (#NUM!)
_TRIG_LIMIT = 2.0**27


def _periodic(op: Callable[[float], Value]) -> Callable[[float], Value]:
    def compute(x: float) -> Value:
        if abs(x) >= _TRIG_LIMIT:
            return XlError.NUM
        result = op(x)
        if type(result) is float and result != 0 and abs(result) < 1e-9 * max(1.0, abs(x)):
            # near a zero of SIN/COS (SIN(PI()) is 1.2e-16) Excel's own argument
            # reduction gives other last digits (golden trigonometric_functions.xlsx B12)
            raise UnsupportedFeature(messages.trigonometric_noise())
        return result

    return compute


def _domain(op: Callable[[float], float], low: float, high: float) -> Callable[[float], Value]:
    def compute(x: float) -> Value:
        return op(x) if low <= x <= high else XlError.NUM

    return compute


def _hyperbolic(op: Callable[[float], float]) -> Callable[[float], Value]:
    def compute(x: float) -> Value:
        try:
            return checked(op(x))
        except OverflowError:
            return XlError.NUM

    return compute


for _name in ("SIN", "COS", "TAN"):
    refuses(_name, "arguments where the result is rounding noise (SIN(PI()))")
_unary("SIN", _periodic(math.sin))
_unary("COS", _periodic(math.cos))
_unary("TAN", _periodic(lambda x: checked(math.tan(x))))
_unary("ASIN", _domain(math.asin, -1.0, 1.0))
_unary("ACOS", _domain(math.acos, -1.0, 1.0))
_unary("ATAN", math.atan)
_unary("SINH", _hyperbolic(math.sinh))
_unary("COSH", _hyperbolic(math.cosh))
_unary("TANH", math.tanh)
_unary("DEGREES", lambda x: checked(math.degrees(x)))
_unary("RADIANS", math.radians)


@native("ATAN2", "nn")
def atan2(a: float, b: float) -> Value:
    if a == 0 and b == 0:
        return XlError.DIV0
    return math.atan2(b, a)


@native("QUOTIENT", "vv")
def quotient(n: Value, d: Value) -> Value:
    if type(n) is bool or type(d) is bool:
        return XlError.VALUE  # golden/MATH_AND_TRIGONOMETRY/MOD_QUOTIENT.xlsx D39
    a, b = to_number(n), to_number(d)
    if isinstance(a, XlError):
        return a
    if isinstance(b, XlError):
        return b
    if b == 0:
        return XlError.DIV0
    return _plain(float(math.trunc(a / b)))


def _plain(x: float) -> float:
    return 0.0 if x == 0 else x


@native("SUMSQ", "a", repeat="a", min_args=1, book=True)
def sumsq(book: Book, *args: Any) -> Value:
    picked = numbers(book, args)
    if isinstance(picked, XlError):
        return picked
    return checked(math.fsum(x * x for x in picked))
