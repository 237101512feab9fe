"""Seed cell text -> the value and number format a finance user expects in the cell.

The bundled seeds hold cells as printed ("-2 891,2", "13,6 %", "1,0 M€",
"08.02.2024").  In a workbook a number must be a number, or SUM and the UDFs
cannot use it, and it must still *look* as printed: the number format is
derived from how the text was printed (decimals, per cent, M€, a unit).  What
cannot be read as a number stays text exactly as printed, and a printed nil
("-") stays the text "-" (SUM ignores it, the UDFs read it as nil), so the
stated numbers are never changed on the way into the workbook.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from xlsrc.core.numbers import Nil, Number, read_number
from xlsrc.workbooks.layouts import AMOUNT, DATE, Kind

_TEXT_KINDS: frozenset[str] = frozenset({"text", "target", "method", "status"})
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True)
class CellValue:
    """What to put in a cell: value, optional number format, right-aligned text or not."""

    value: str | int | float | bool | dt.datetime | dt.date | None
    number_format: str | None = None
    align_right: bool = False


def typed(text: object, kind: Kind) -> CellValue:
    """Type one printed cell for a column of ``kind``; see the module docstring.

    A value that is already typed (a number, a date - a user's cell moved into
    a newer template by ``xlsrc upgrade``) is kept as it is.
    """
    if text is None or text == "":
        return CellValue(None)
    if isinstance(text, CellValue):
        return text
    if isinstance(text, int | float | bool | dt.datetime | dt.date):
        return CellValue(text)
    if not isinstance(text, str):
        return CellValue(str(text))
    if kind in _TEXT_KINDS:
        return CellValue(text)
    if kind == "date":
        match = _DATE.match(text.strip())
        if match:
            day, month, year = (int(g) for g in match.groups())
            return CellValue(dt.datetime(year, month, day), DATE)
        return CellValue(text)
    reading = read_number(text)
    if isinstance(reading, Number):
        value = reading.value
        whole = value.is_integer() and abs(value) < 1e15
        return CellValue(int(value) if whole else value, number_format(reading, kind))
    if isinstance(reading, Nil):
        return CellValue(reading.text, align_right=True)
    return CellValue(text, align_right=True)


def number_format(reading: Number, kind: Kind) -> str:
    """A format that prints ``reading`` the way the source printed it."""
    decimals = "." + "0" * reading.decimals if reading.decimals else ""
    if reading.unit == "%":
        return f"0{decimals} %"
    if reading.unit == "€" and re.search(r"[Mm]€|milj", reading.text):
        return f'0{decimals},, "M€"'
    if reading.unit and reading.unit != "€":
        return f'0{decimals} "{reading.unit}"'
    if kind == "amount" or not decimals:
        return AMOUNT + decimals
    return f"0{decimals}"
