"""Dates and times: DATE, YEAR..SECOND, TIME, WEEKDAY, EDATE, EOMONTH, DAYS, NETWORKDAYS...

Also WORKDAY, DATEDIF, TODAY and NOW.

Serial numbers are read as Excel reads them (:func:`~xlsrc.engine.values.serial_parts`):
the 1900 system keeps Lotus 1-2-3's 1900-01-00 (serial 0) and 1900-02-29
(serial 60), a serial below 0 or after 9999-12-31 is #NUM!.  TODAY and NOW
are volatile: the engine evaluates them once per recalculation, like Excel on
open; the cached value records when the file was recalculated.
"""

from __future__ import annotations

import calendar
import math
from datetime import date
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.common import values_of
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.values import (
    Value,
    date_serial,
    excel_weekday,
    max_serial,
    serial_parts,
    to_number,
)


def _serial(book: Book, day: date) -> float:
    return date_serial(day, book.date1904)


def serial_of(book: Book, year: int, month: int, day: int) -> float | XlError:
    """The serial of (year, month, day) with month and day overflowing as DATE lets them."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if not 1900 <= year <= 9999:
        return XlError.NUM
    serial = _serial(book, date(year, month, 1)) + day - 1
    if not 0 <= serial <= max_serial(book.date1904):
        return XlError.NUM
    return serial


def month_days(book: Book, year: int, month: int) -> int:
    """Days in a month of Excel's calendar (February 1900 has 29 in the 1900 system)."""
    if year == 1900 and month == 2 and not book.date1904:
        return 29
    return calendar.monthrange(year, month)[1]


def parts(book: Book, serial: float) -> tuple[int, int, int, int] | XlError:
    """(year, month, day, second of day) of a date serial, or #NUM! for no date."""
    found = serial_parts(serial, book.date1904)
    return XlError.NUM if found is None else found


@native("DATE", "iii", book=True)
def date_(book: Book, year: int, month: int, day: int) -> Value:
    if 0 <= year < 1900:
        year += 1900
    return serial_of(book, year, month, day)


def _part(name: str, index: int) -> None:
    def compute(book: Book, serial: float) -> Value:
        found = parts(book, serial)
        return found if isinstance(found, XlError) else float(found[index])

    compute.__name__ = name.lower()
    native(name, "n", book=True)(compute)


_part("YEAR", 0)
_part("MONTH", 1)
_part("DAY", 2)


def _clock(name: str, divisor: int, modulus: int) -> None:
    def compute(book: Book, serial: float) -> Value:
        found = parts(book, serial)
        if isinstance(found, XlError):
            return found
        return float(found[3] // divisor % modulus)

    compute.__name__ = name.lower()
    native(name, "n", book=True)(compute)


_clock("HOUR", 3600, 24)
_clock("MINUTE", 60, 60)
_clock("SECOND", 1, 60)


@native("TIME", "iii")
def time_(h: int, m: int, s: int) -> Value:
    if max(h, m, s) > 32767:
        return XlError.NUM
    total = h * 3600 + m * 60 + s
    if total < 0:
        return XlError.NUM
    return (total % 86400) / 86400.0


#: WEEKDAY's return types: the weekday (0 = Sunday) that counts as 1, and the numbering base
_WEEK_STARTS = {1: (0, 1), 2: (1, 1), 3: (1, 0), 11: (1, 1), 12: (2, 1), 13: (3, 1)}
_WEEK_STARTS |= {14: (4, 1), 15: (5, 1), 16: (6, 1), 17: (0, 1)}


@native("WEEKDAY", "ni", min_args=1, book=True)
def weekday(book: Book, serial: float, style: int = 1) -> Value:
    found = parts(book, serial)
    if isinstance(found, XlError):
        return found
    start = _WEEK_STARTS.get(style)
    if start is None:
        return XlError.NUM
    first, base = start
    day = excel_weekday(serial, book.date1904)
    return float((day - first) % 7 + base)


def _strict_number(value: Value) -> int | XlError:
    """A whole-number argument of the Analysis ToolPak functions: TRUE/FALSE are #VALUE!."""
    if type(value) is bool:
        return XlError.VALUE
    number = to_number(value)
    if isinstance(number, XlError):
        return number
    return math.trunc(number)


def _shift_months(book: Book, start: Value, months: Value, end_of_month: bool) -> Value:
    origin, shift = _strict_number(start), _strict_number(months)
    if isinstance(origin, XlError):
        return origin
    if isinstance(shift, XlError):
        return shift
    found = serial_parts(origin, book.date1904)
    if found is None:
        return XlError.NUM
    year, month, day, _ = found
    index = year * 12 + month - 1 + shift
    year, month = divmod(index, 12)
    month += 1
    if not 1900 <= year <= 9999:
        return XlError.NUM
    last = month_days(book, year, month)
    return serial_of(book, year, month, last if end_of_month else min(day, last))


@native("EDATE", "vv", book=True, ranges=False)
def edate(book: Book, start: Value, months: Value) -> Value:
    return _shift_months(book, start, months, end_of_month=False)


@native("EOMONTH", "vv", book=True, ranges=False)
def eomonth(book: Book, start: Value, months: Value) -> Value:
    return _shift_months(book, start, months, end_of_month=True)


@native("DAYS", "nn", book=True)
def days(book: Book, end: float, start: float) -> Value:
    for serial in (end, start):
        found = parts(book, serial)
        if isinstance(found, XlError):
            return found
    return float(math.floor(end) - math.floor(start))


@native("TODAY", "", book=True)
def today(book: Book) -> float:
    return _serial(book, book.now.date())


@native("NOW", "", book=True)
def now(book: Book) -> float:
    moment = book.now
    return (
        _serial(book, moment.date())
        + (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400.0
    )


def _holidays(book: Book, holidays: Any) -> set[int] | XlError:
    """The holiday serials of NETWORKDAYS/WORKDAY (a range, an array or one date)."""
    found: set[int] = set()
    if holidays is None:
        return found
    for value in values_of(book, holidays):
        if value is None:
            continue
        number = _strict_number(value)
        if isinstance(number, XlError):
            return number
        if serial_parts(number, book.date1904) is None:
            return XlError.NUM
        found.add(number)
    return found


def _workday(book: Book, serial: int, holidays: set[int]) -> bool:
    return excel_weekday(serial, book.date1904) not in (0, 6) and serial not in holidays


def _workday_arguments(
    book: Book, first: Value, second: Value, holidays: Any
) -> tuple[int, int, set[int]] | XlError:
    """NETWORKDAYS/WORKDAY's two whole numbers and holiday serials, or the first error."""
    a, b = _strict_number(first), _strict_number(second)
    off = _holidays(book, holidays)
    if isinstance(a, XlError):
        return a
    if isinstance(b, XlError):
        return b
    return off if isinstance(off, XlError) else (a, b, off)


@native("NETWORKDAYS", "vva", min_args=2, book=True)
def networkdays(book: Book, start: Value, end: Value, holidays: Any = None) -> Value:
    found = _workday_arguments(book, start, end, holidays)
    if isinstance(found, XlError):
        return found
    a, b, off = found
    for x in (a, b):
        if serial_parts(x, book.date1904) is None:
            return XlError.NUM
    sign = 1.0 if a <= b else -1.0
    low, high = min(a, b), max(a, b)
    weeks, rest = divmod(high - low + 1, 7)
    count = weeks * 5 + sum(1 for d in range(low, low + rest) if _workday(book, d, set()))
    count -= sum(1 for d in off if low <= d <= high and _workday(book, d, set()))
    return sign * count


@native("WORKDAY", "vva", min_args=2, book=True)
def workday(book: Book, start: Value, days: Value, holidays: Any = None) -> Value:
    found = _workday_arguments(book, start, days, holidays)
    if isinstance(found, XlError):
        return found
    serial, remaining, off = found
    if serial_parts(serial, book.date1904) is None or abs(remaining) > 10_000_000:
        return XlError.NUM
    step = 1 if remaining > 0 else -1
    while remaining:
        serial += step
        if _workday(book, serial, off):
            remaining -= step
    if serial_parts(serial, book.date1904) is None:
        return XlError.NUM
    return float(serial)


refuses("DATEDIF", 'unit "MD" (documented by Microsoft as inaccurate)')


@native("DATEDIF", "nnv", book=True)
def datedif(book: Book, start: float, end: float, unit: Value) -> Value:
    first, last = parts(book, start), parts(book, end)
    if isinstance(first, XlError):
        return first
    if isinstance(last, XlError):
        return last
    a, b = math.floor(start), math.floor(end)
    if a > b:
        return XlError.NUM
    code = unit.upper() if type(unit) is str else None
    y1, m1, d1, _ = first
    y2, m2, d2, _ = last
    months = (y2 - y1) * 12 + m2 - m1 - (1 if d2 < d1 else 0)
    if code == "D":
        return float(b - a)
    if code == "M":
        return float(months)
    if code == "Y":
        return float(months // 12)
    if code == "YM":
        return float(months % 12)
    if code == "YD":
        year = y2 if (m2, d2) >= (m1, d1) else y2 - 1
        anniversary = serial_of(book, year, m1, d1)
        return anniversary if isinstance(anniversary, XlError) else float(b - anniversary)
    if code == "MD":
        raise UnsupportedFeature(messages.datedif_md())
    return XlError.NUM
