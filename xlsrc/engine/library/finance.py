"""PV, FV, PMT, NPER, NPV, IRR, RATE: Excel's time-value-of-money functions.

The formulas are the ones Excel documents (support.microsoft.com, "PV
function": pv*(1+rate)^nper + pmt*(1+rate*type)*((1+rate)^nper-1)/rate + fv = 0),
solved for each unknown; IRR and RATE solve it by Newton's method from the
guess, as Excel does, and give #NUM! when that does not converge.  A result
that overflows is #NUM!, never inf or nan.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.common import numbers
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.values import Value, checked, to_number

#: Newton's method: steps before giving up, and the step size that counts as converged
_STEPS = 100
_TOLERANCE = 1e-12


def _growth(rate: float, periods: float) -> float:
    """(1 + rate) ** periods, or inf where it overflows (caught as #NUM! by ``checked``)."""
    try:
        return math.pow(1.0 + rate, periods)
    except (OverflowError, ValueError):
        return math.inf


def _annuity(rate: float, periods: float, due: float) -> float:
    """The payment factor (1 + rate*type) * ((1+rate)^n - 1) / rate (n when rate is 0)."""
    if rate == 0:
        return periods
    return (1.0 + rate * due) * (_growth(rate, periods) - 1.0) / rate


def _safely(compute: Callable[[], float]) -> float | XlError:
    try:
        return checked(compute())
    except (OverflowError, ZeroDivisionError, ValueError):
        return XlError.NUM


@native("PV", "nnnnn", min_args=3)
def pv(r: float, n: float, p: float, f: float = 0.0, t: float = 0.0) -> Value:
    due = 1.0 if t else 0.0
    if r == 0:
        return _safely(lambda: -(f + p * n))
    if r <= -1:  # golden/FINANCIAL/PMT.xlsx J8: a rate of -100 % or less is #NUM!
        return XlError.NUM
    return _safely(lambda: -(f + p * _annuity(r, n, due)) / _growth(r, n))


refuses("FV", "a rate below -100 %")


@native("FV", "nnnnn", min_args=3)
def fv(r: float, n: float, p: float, v: float = 0.0, t: float = 0.0) -> Value:
    due = 1.0 if t else 0.0
    if r == -1 and n < 0:
        return XlError.DIV0  # golden/FINANCIAL/FV.xlsx Sheet2!A1: 0 to a negative power
    if r < -1:
        raise UnsupportedFeature(messages.fv_rate_below_minus_one())
    return _safely(lambda: -(v * _growth(r, n) + p * _annuity(r, n, due)))


@native("PMT", "nnnnn", min_args=3)
def pmt(r: float, n: float, v: float, f: float = 0.0, t: float = 0.0) -> Value:
    if n == 0 or r <= -1:  # golden/FINANCIAL/PMT.xlsx F8, G24
        return XlError.NUM
    due = 1.0 if t else 0.0
    factor = _annuity(r, n, due)
    if factor == 0:
        return XlError.NUM
    return _safely(lambda: -(v * _growth(r, n) + f) / factor)


@native("NPER", "nnnnn", min_args=3)
def nper(r: float, p: float, v: float, f: float = 0.0, t: float = 0.0) -> Value:
    if r == 0:
        if p == 0:
            return XlError.NUM
        return _safely(lambda: -(v + f) / p)
    due = 1.0 if t else 0.0
    numerator = p * (1.0 + r * due) - f * r
    denominator = p * (1.0 + r * due) + v * r
    if denominator == 0 or numerator / denominator <= 0 or r <= -1:
        return XlError.NUM
    return _safely(lambda: math.log(numerator / denominator) / math.log(1.0 + r))


@native("NPV", "na", repeat="a", min_args=2, book=True)
def npv(book: Book, r: float, *values: Any) -> Value:
    if r == -1:
        return XlError.DIV0
    flows = numbers(book, values)
    if isinstance(flows, XlError):
        return flows
    return _safely(lambda: math.fsum(x / _growth(r, i) for i, x in enumerate(flows, start=1)))


def _newton(
    value: Callable[[float], float], slope: Callable[[float], float], guess: float
) -> float | XlError:
    """A root of ``value`` by Newton's method from ``guess``, or #NUM! if it does not converge."""
    x = guess
    for _ in range(_STEPS):
        try:
            f, d = value(x), slope(x)
        except (OverflowError, ZeroDivisionError, ValueError):
            return XlError.NUM
        if d == 0 or not math.isfinite(f) or not math.isfinite(d):
            return XlError.NUM
        step = f / d
        x -= step
        if x <= -1:
            return XlError.NUM
        if abs(step) <= _TOLERANCE * max(1.0, abs(x)):
            return x
    return XlError.NUM


@native("IRR", "av", min_args=1, book=True)
def irr(book: Book, values: Any, guess: Value = 0.1) -> Value:
    flows = numbers(book, (values,))
    if isinstance(flows, XlError):
        return flows
    start = to_number(guess if guess is not None else 0.1)  # an empty guess is the default
    if isinstance(start, XlError):
        return start
    if not any(x > 0 for x in flows) or not any(x < 0 for x in flows):
        return XlError.NUM
    cash = list(flows)

    def value(r: float) -> float:
        return math.fsum(x / (1.0 + r) ** i for i, x in enumerate(cash))

    def slope(r: float) -> float:
        return math.fsum(-i * x / (1.0 + r) ** (i + 1) for i, x in enumerate(cash))

    return _newton(value, slope, start)


@native("RATE", "nnnnnv", min_args=3)
def rate(n: float, p: float, v: float, f: float = 0.0, t: float = 0.0, guess: Value = 0.1) -> Value:
    start = to_number(0.1 if guess is None else guess)  # an empty guess is the default
    if isinstance(start, XlError):
        return start
    due = 1.0 if t else 0.0

    def value(r: float) -> float:
        if abs(r) < 1e-10:
            return v + p * n + f
        return v * _growth(r, n) + p * _annuity(r, n, due) + f

    def slope(r: float) -> float:
        h = 1e-7 * max(1.0, abs(r))
        return (value(r + h) - value(r - h)) / (2 * h)

    return _newton(value, slope, start)


def _interest(r: float, per: float, n: float, v: float, f: float, t: float) -> Value:
    """IPMT's interest in period ``per``: the balance after per-1 payments times the rate.

    The balance is FV of the first per-1 periods (OpenFormula's definition of IPMT,
    which Excel's results follow); with payments at the start (type 1) there
    is no interest in the first period.
    """
    if not 1 <= per < n + 1 or r <= -1:  # golden IPMT_PPMT.xlsx G17: per 3.9 of 3 is allowed
        return XlError.NUM
    due = 1.0 if t else 0.0
    payment = pmt(r, n, v, f, due)
    if not isinstance(payment, float):
        return payment
    if due and per == 1:
        return 0.0
    periods = per - 2 if due else per - 1
    start = fv(r, periods, payment, v, due)
    if not isinstance(start, float):
        return start
    return _safely(lambda: (start - payment if due else start) * r)


@native("IPMT", "nnnnnn", min_args=4)
def ipmt(r: float, per: float, n: float, v: float, f: float = 0.0, t: float = 0.0) -> Value:
    return _interest(r, per, n, v, f, t)


@native("PPMT", "nnnnnn", min_args=4)
def ppmt(r: float, per: float, n: float, v: float, f: float = 0.0, t: float = 0.0) -> Value:
    """The principal part of period ``per``'s payment: PMT minus IPMT."""
    interest = _interest(r, per, n, v, f, t)
    payment = pmt(r, n, v, f, t)
    if not isinstance(interest, float):
        return interest
    if not isinstance(payment, float):
        return payment
    return _safely(lambda: payment - interest)


@native("MIRR", "ann", book=True)
def mirr(book: Book, values: Any, finance_rate: float, reinvest_rate: float) -> Value:
    """Microsoft's formula: the positive flows' value at the end (reinvestment rate)
    against the negative flows' value at the start (finance rate), over n-1 periods.

    Compounded from the first period, not discounted before it, as Excel does: a
    finance rate of -100 % still works for a loss in the first period only (golden
    MIRR.xlsx 'Two Parameters'!E5); no positive flow is -1, no negative #DIV/0!.
    """
    flows = numbers(book, (values,))
    if isinstance(flows, XlError):
        return flows
    n = len(flows)
    try:
        gained = math.fsum(
            x * (1 + reinvest_rate) ** (n - i) for i, x in enumerate(flows, 1) if x > 0
        )
        spent = math.fsum(
            x / (1 + finance_rate) ** (i - 1) for i, x in enumerate(flows, 1) if x < 0
        )
    except (ZeroDivisionError, OverflowError):
        return XlError.DIV0
    if spent == 0 or n < 2:
        return XlError.DIV0
    ratio = -gained / spent
    if ratio < 0:  # a reinvestment rate below -100 % turns a gain negative
        return XlError.NUM
    return _safely(lambda: ratio ** (1 / (n - 1)) - 1)
