"""DATE, YEAR, MONTH, DAY, WEEKDAY, EDATE, EOMONTH, TODAY, NOW on Excel serial numbers.

TODAY and NOW are volatile: the engine evaluates them once per recalculation,
like Excel on open; the cached value records when the file was recalculated.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.library.common import integer
from xlsrc.engine.library.spec import native
from xlsrc.engine.values import date_serial, serial_date, to_number


def _serial(book: Any, day: date) -> float:
    return date_serial(day, book.date1904)


def _moment(book: Any, value: Any) -> datetime | XlError:
    number = to_number(value)
    if type(number) is XlError:
        return number
    if number < 0:  # type: ignore[operator]
        return XlError.NUM
    return serial_date(number, book.date1904)  # type: ignore[arg-type]


@native("DATE", "vvv", book=True)
def date_(book: Any, year: Any, month: Any, day: Any) -> Any:
    y, m, d = integer(year), integer(month), integer(day)
    for x in (y, m, d):
        if type(x) is XlError:
            return x
    if 0 <= y < 1900:  # type: ignore[operator]
        y += 1900  # type: ignore[operator]
    y += (m - 1) // 12  # type: ignore[operator]
    m = (m - 1) % 12 + 1  # type: ignore[operator]
    if not 1900 <= y <= 9999:  # type: ignore[operator]
        return XlError.NUM
    return _serial(book, date(y, m, 1)) + d - 1  # type: ignore[arg-type,operator]


def _part(name: str, pick: Any) -> None:
    def compute(book: Any, value: Any) -> Any:
        moment = _moment(book, value)
        return moment if type(moment) is XlError else float(pick(moment))

    compute.__name__ = name.lower()
    native(name, "v", book=True)(compute)


_part("YEAR", lambda m: m.year)
_part("MONTH", lambda m: m.month)
_part("DAY", lambda m: m.day)


@native("WEEKDAY", "vv", min_args=1, book=True)
def weekday(book: Any, value: Any, kind: Any = 1.0) -> Any:
    moment = _moment(book, value)
    style = integer(kind)
    if type(moment) is XlError or type(style) is XlError:
        return moment if type(moment) is XlError else style
    iso = moment.isoweekday()  # type: ignore[union-attr]  # Monday=1 .. Sunday=7
    if style == 1:
        return float(iso % 7 + 1)
    if style == 2:
        return float(iso)
    if style == 3:
        return float(iso - 1)
    return XlError.NUM


def _shift_months(book: Any, start: Any, months: Any, end_of_month: bool) -> Any:
    moment = _moment(book, start)
    shift = integer(months)
    if type(moment) is XlError or type(shift) is XlError:
        return moment if type(moment) is XlError else shift
    index = moment.year * 12 + moment.month - 1 + shift  # type: ignore[union-attr,operator]
    year, month = divmod(index, 12)
    month += 1
    if not 1900 <= year <= 9999:
        return XlError.NUM
    last = calendar.monthrange(year, month)[1]
    day = last if end_of_month else min(moment.day, last)  # type: ignore[union-attr]
    return _serial(book, date(year, month, day))


@native("EDATE", "vv", book=True)
def edate(book: Any, start: Any, months: Any) -> Any:
    return _shift_months(book, start, months, end_of_month=False)


@native("EOMONTH", "vv", book=True)
def eomonth(book: Any, start: Any, months: Any) -> Any:
    return _shift_months(book, start, months, end_of_month=True)


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
