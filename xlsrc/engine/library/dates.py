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
from xlsrc.engine.library.common import integer, values_of
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.values import date_serial, excel_weekday, max_serial, serial_parts, to_number


def _serial(book: Any, day: date) -> float:
    return date_serial(day, book.date1904)


def serial_of(book: Any, year: int, month: int, day: int) -> float | XlError:
    """The serial of (year, month, day) with month and day overflowing as DATE lets them."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if not 1900 <= year <= 9999:
        return XlError.NUM
    serial = _serial(book, date(year, month, 1)) + day - 1
    if not 0 <= serial <= max_serial(book.date1904):
        return XlError.NUM
    return serial


def month_days(book: Any, year: int, month: int) -> int:
    """Days in a month of Excel's calendar (February 1900 has 29 in the 1900 system)."""
    if year == 1900 and month == 2 and not book.date1904:
        return 29
    return calendar.monthrange(year, month)[1]


def parts(book: Any, value: Any) -> tuple[int, int, int, int] | XlError:
    """(year, month, day, second of day) of a date argument, or its error."""
    number = to_number(value)
    if type(number) is XlError:
        return number
    found = serial_parts(number, book.date1904)  # type: ignore[arg-type]
    return XlError.NUM if found is None else found


@native("DATE", "vvv", book=True)
def date_(book: Any, year: Any, month: Any, day: Any) -> Any:
    y, m, d = integer(year), integer(month), integer(day)
    for x in (y, m, d):
        if type(x) is XlError:
            return x
    if 0 <= y < 1900:  # type: ignore[operator]
        y += 1900  # type: ignore[operator]
    return serial_of(book, y, m, d)  # type: ignore[arg-type]


def _part(name: str, index: int) -> None:
    def compute(book: Any, value: Any) -> Any:
        found = parts(book, value)
        return found if type(found) is XlError else float(found[index])  # type: ignore[index]

    compute.__name__ = name.lower()
    native(name, "v", book=True)(compute)


_part("YEAR", 0)
_part("MONTH", 1)
_part("DAY", 2)


def _clock(name: str, divisor: int, modulus: int) -> None:
    def compute(book: Any, value: Any) -> Any:
        found = parts(book, value)
        if type(found) is XlError:
            return found
        return float(found[3] // divisor % modulus)  # type: ignore[index]

    compute.__name__ = name.lower()
    native(name, "v", book=True)(compute)


_clock("HOUR", 3600, 24)
_clock("MINUTE", 60, 60)
_clock("SECOND", 1, 60)


@native("TIME", "vvv")
def time_(hour: Any, minute: Any, second: Any) -> Any:
    h, m, s = integer(hour), integer(minute), integer(second)
    for x in (h, m, s):
        if type(x) is XlError:
            return x
    if max(h, m, s) > 32767:  # type: ignore[type-var]
        return XlError.NUM
    total = h * 3600 + m * 60 + s  # type: ignore[operator]
    if total < 0:
        return XlError.NUM
    return (total % 86400) / 86400.0


#: WEEKDAY's return types: the weekday (0 = Sunday) that counts as 1, and the numbering base
_WEEK_STARTS = {1: (0, 1), 2: (1, 1), 3: (1, 0), 11: (1, 1), 12: (2, 1), 13: (3, 1)}
_WEEK_STARTS |= {14: (4, 1), 15: (5, 1), 16: (6, 1), 17: (0, 1)}


@native("WEEKDAY", "vv", min_args=1, book=True)
def weekday(book: Any, value: Any, kind: Any = 1.0) -> Any:
    found = parts(book, value)
    style = integer(kind)
    if type(found) is XlError or type(style) is XlError:
        return found if type(found) is XlError else style
    start = _WEEK_STARTS.get(style)  # type: ignore[call-overload]
    if start is None:
        return XlError.NUM
    first, base = start
    day = excel_weekday(to_number(value), book.date1904)  # type: ignore[arg-type]
    return float((day - first) % 7 + base)


def _strict_number(value: Any) -> float | XlError:
    """A number argument of the Analysis ToolPak functions: TRUE/FALSE are #VALUE!."""
    if type(value) is bool:
        return XlError.VALUE
    number = to_number(value)
    if type(number) is XlError:
        return number
    return float(math.trunc(number))  # type: ignore[arg-type]


def _shift_months(book: Any, start: Any, months: Any, end_of_month: bool) -> Any:
    origin, shift = _strict_number(start), _strict_number(months)
    if type(origin) is XlError or type(shift) is XlError:
        return origin if type(origin) is XlError else shift
    found = serial_parts(origin, book.date1904)  # type: ignore[arg-type]
    if found is None:
        return XlError.NUM
    year, month, day, _ = found
    index = year * 12 + month - 1 + int(shift)  # type: ignore[arg-type]
    year, month = divmod(index, 12)
    month += 1
    if not 1900 <= year <= 9999:
        return XlError.NUM
    last = month_days(book, year, month)
    return serial_of(book, year, month, last if end_of_month else min(day, last))


@native("EDATE", "vv", book=True)
def edate(book: Any, start: Any, months: Any) -> Any:
    return _shift_months(book, start, months, end_of_month=False)


@native("EOMONTH", "vv", book=True)
def eomonth(book: Any, start: Any, months: Any) -> Any:
    return _shift_months(book, start, months, end_of_month=True)


@native("DAYS", "vv", book=True)
def days(book: Any, end: Any, start: Any) -> Any:
    found = [parts(book, x) for x in (end, start)]
    for x in found:
        if type(x) is XlError:
            return x
    return float(math.floor(to_number(end)) - math.floor(to_number(start)))  # type: ignore[arg-type]


@native("TODAY", "", book=True)
def today(book: Any) -> float:
    return _serial(book, book.now.date())


@native("NOW", "", book=True)
def now(book: Any) -> float:
    moment = book.now
    return (
        _serial(book, moment.date())
        + (moment.hour * 3600 + moment.minute * 60 + moment.second) / 86400.0
    )


def _holidays(book: Any, holidays: Any) -> set[int] | XlError:
    """The holiday serials of NETWORKDAYS/WORKDAY (a range, an array or one date)."""
    found: set[int] = set()
    if holidays is None:
        return found
    for value in values_of(book, holidays):
        if value is None:
            continue
        number = _strict_number(value)
        if type(number) is XlError:
            return number
        if serial_parts(number, book.date1904) is None:  # type: ignore[arg-type]
            return XlError.NUM
        found.add(int(number))  # type: ignore[call-overload]
    return found


def _workday(book: Any, serial: int, holidays: set[int]) -> bool:
    return excel_weekday(serial, book.date1904) not in (0, 6) and serial not in holidays


@native("NETWORKDAYS", "vva", min_args=2, book=True)
def networkdays(book: Any, start: Any, end: Any, holidays: Any = None) -> Any:
    first, last = _strict_number(start), _strict_number(end)
    off = _holidays(book, holidays)
    for x in (first, last, off):
        if type(x) is XlError:
            return x
    a, b = int(first), int(last)  # type: ignore[call-overload]
    for x in (a, b):
        if serial_parts(x, book.date1904) is None:
            return XlError.NUM
    sign = 1.0 if a <= b else -1.0
    low, high = min(a, b), max(a, b)
    weeks, rest = divmod(high - low + 1, 7)
    count = weeks * 5 + sum(1 for d in range(low, low + rest) if _workday(book, d, set()))
    count -= sum(1 for d in off if low <= d <= high and _workday(book, d, set()))  # type: ignore[union-attr]
    return sign * count


@native("WORKDAY", "vva", min_args=2, book=True)
def workday(book: Any, start: Any, days: Any, holidays: Any = None) -> Any:
    first, steps = _strict_number(start), _strict_number(days)
    off = _holidays(book, holidays)
    for x in (first, steps, off):
        if type(x) is XlError:
            return x
    serial, remaining = int(first), int(steps)  # type: ignore[call-overload]
    if serial_parts(serial, book.date1904) is None or abs(remaining) > 10_000_000:
        return XlError.NUM
    step = 1 if remaining > 0 else -1
    while remaining:
        serial += step
        if _workday(book, serial, off):  # type: ignore[arg-type]
            remaining -= step
    if serial_parts(serial, book.date1904) is None:
        return XlError.NUM
    return float(serial)


refuses("DATEDIF", 'unit "MD" (documented by Microsoft as inaccurate)')


@native("DATEDIF", "vvv", book=True)
def datedif(book: Any, start: Any, end: Any, unit: Any) -> Any:
    first, last = parts(book, start), parts(book, end)
    for x in (first, last):
        if type(x) is XlError:
            return x
    a, b = math.floor(to_number(start)), math.floor(to_number(end))  # type: ignore[arg-type]
    if a > b:
        return XlError.NUM
    code = unit.upper() if type(unit) is str else None
    y1, m1, d1, _ = first  # type: ignore[misc]
    y2, m2, d2, _ = last  # type: ignore[misc]
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
        return anniversary if type(anniversary) is XlError else float(b - anniversary)  # type: ignore[operator]
    if code == "MD":
        raise UnsupportedFeature(messages.datedif_md())
    return XlError.NUM
