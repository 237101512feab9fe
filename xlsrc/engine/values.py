"""Excel's scalar value semantics: coercion, comparison, number-to-text.

A cell value is ``float | str | bool | None | XlError`` (None = blank), the
registry's calling convention.  Numbers are always ``float`` inside the
engine, so ``type(v) is float`` identifies a number without tripping over
``bool`` (a subclass of ``int``).

Where Excel and LibreOffice agree on a rule that plain IEEE arithmetic does not
follow (``0.1+0.2=0.3`` is TRUE; ``x-x`` of nearly equal operands is exactly 0),
this module reproduces it, so recalculated values match what a user sees.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature

#: a cell value: a number, a text, a logical value, blank (None) or an error value
Value = float | str | bool | None | XlError
#: the same, by its older name
Scalar = Value
#: a 2-D array of values, row by row (a range's values, an array constant, a result)
Grid = list[list[Value]]
_OWN_TYPES = (float, str, bool, XlError)

#: |a-b| below |a| * 2**-48 counts as equal (LibreOffice's rtl::math::approxEqual).
EPSILON = 2.0**-48
#: the longest text a cell can hold; a longer result is #VALUE! in Excel
MAX_TEXT = 32_767

_NUMBER_TEXT = re.compile(
    r"^\s*([+-]?)\s*(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)\s*(%?)\s*$"
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
#: texts whose number Excel reads by the user's regional settings: currency amounts,
#: decimal or thousands commas ("1,5" is 1.5 in Finland, "1,234" 1234 in the US), dates
#: and times other than ISO dates, month names
_LOCALE_TEXT = re.compile(
    r"[$€£¥]\s*\d|\d\s*[$€£¥]|\d,\d|\d\s*[/:.-]\s*\d+\s*[/:.-]|\d\s*:\s*\d|\d\s*[ap]\.?m\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d"
    r"|\d\s*[-/. ]?\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)

_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)


def approx_equal(a: float, b: float) -> bool:
    if a == b:
        return True
    diff = a - b
    return abs(diff) < abs(a) * EPSILON


def approx_add(a: float, b: float) -> float:
    """a + b, but exactly 0 when the operands cancel up to rounding noise."""
    if ((a < 0.0 < b) or (b < 0.0 < a)) and approx_equal(a, -b):
        return 0.0
    return a + b


def approx_sub(a: float, b: float) -> float:
    if ((a < 0.0 and b < 0.0) or (a > 0.0 and b > 0.0)) and approx_equal(a, b):
        return 0.0
    return a - b


def text_result(text: str) -> str | XlError:
    """``text``, or #VALUE! when it is longer than a cell can hold (Excel's limit)."""
    return text if len(text) <= MAX_TEXT else XlError.VALUE


def checked(x: float) -> float | XlError:
    """``x`` unless it is infinite or NaN, which Excel shows as #NUM!."""
    if math.isfinite(x):
        return x
    return XlError.NUM


def date_serial(day: date, date1904: bool = False) -> float:
    """Excel's serial number of ``day`` (1900 system unless ``date1904``)."""
    if date1904:
        return float((day - _EPOCH_1904).days)
    serial = (day - _EPOCH_1900).days
    # Excel counts the non-existent 1900-02-29 (serial 60); dates before it are one lower.
    return float(serial if serial > 60 else serial - 1)


#: the last day Excel knows, 9999-12-31 (1900 system)
MAX_SERIAL_1900 = 2_958_465.0


def max_serial(date1904: bool) -> float:
    return MAX_SERIAL_1900 - 1462.0 if date1904 else MAX_SERIAL_1900


def serial_parts(serial: float, date1904: bool = False) -> tuple[int, int, int, int] | None:
    """(year, month, day, second of the day) of a serial as Excel reads it, None if none.

    The 1900 system reproduces Lotus 1-2-3: serial 0 is 1900-01-00, serial 60
    is the non-existent 1900-02-29, and days before March 1900 are one off the
    calendar.  The time of day is rounded to the nearest second; a serial
    below 0 or after 9999-12-31 is no date (Excel's #NUM!).
    """
    if not 0 <= serial < max_serial(date1904) + 1:
        return None
    whole = math.floor(serial)
    second = round((serial - whole) * 86400)
    if second == 86400:
        whole, second = whole + 1, 0
        if whole > max_serial(date1904):
            return None
    if date1904:
        day = _EPOCH_1904 + timedelta(days=whole)
    elif whole == 0:
        return 1900, 1, 0, second
    elif whole == 60:
        return 1900, 2, 29, second
    else:
        day = _EPOCH_1900 + timedelta(days=whole if whole > 60 else whole + 1)
    return day.year, day.month, day.day, second


def excel_weekday(serial: float, date1904: bool = False) -> int:
    """0 for Sunday .. 6 for Saturday, as Excel counts (its 1900-01-00 is a Saturday)."""
    return (math.floor(serial) + (5 if date1904 else 6)) % 7


def serial_date(serial: float, date1904: bool = False) -> datetime:
    whole = math.floor(serial)
    if date1904:
        base = datetime(1904, 1, 1)
    else:
        base = datetime(1899, 12, 30) if whole > 60 else datetime(1899, 12, 31)
    return base + timedelta(days=whole, seconds=round((serial - whole) * 86400))


def parse_number(text: str) -> float | None:
    """The number a text reads as when Excel coerces it ("1,234", "5%", "2024-01-31")."""
    match = _NUMBER_TEXT.match(text)
    if match:
        sign, digits, percent = match.groups()
        value = float(digits.replace(",", ""))
        if percent:
            value /= 100.0
        return -value if sign == "-" else value
    iso = _ISO_DATE.match(text)
    if iso:
        try:
            return date_serial(date(int(iso[1]), int(iso[2]), int(iso[3])))
        except ValueError:
            return None
    return None


def text_number(text: str) -> float | XlError:
    """The number a text stands for where Excel coerces it (arithmetic, VALUE, N...).

    A text Excel would read by the user's regional settings (``"1,5"``,
    ``"€100"``, ``"1.2.2024"``, ``"10:30"``) is refused: the same file gives
    different numbers in Helsinki and in New York.
    """
    if _LOCALE_TEXT.search(text):
        raise UnsupportedFeature(messages.regional_text(text[:40]))
    parsed = parse_number(text)
    return XlError.VALUE if parsed is None else parsed


def to_number(value: object) -> float | XlError:
    """Coerce for arithmetic: blank is 0, TRUE is 1, numeric text is its number."""
    if type(value) is float:
        return value
    if value is None:
        return 0.0
    if type(value) is bool:
        return 1.0 if value else 0.0
    if type(value) is str:
        return text_number(value)
    if type(value) is XlError:
        return value
    if isinstance(value, int | float):  # ints from UDFs, numpy scalars
        return float(value)
    return XlError.VALUE


def to_integer(value: object) -> int | XlError:
    """A number argument truncated to an int (Excel truncates index and count arguments)."""
    number = to_number(value)
    if isinstance(number, XlError):
        return number
    return int(number)


def to_bool(value: object) -> bool | XlError:
    """Coerce to a logical value: numbers by zero, "TRUE"/"FALSE" texts, blank FALSE."""
    if type(value) is bool:
        return value
    if type(value) is float:
        return value != 0.0
    if value is None:
        return False
    if type(value) is str:
        upper = value.upper()
        if upper == "TRUE":
            return True
        if upper == "FALSE":
            return False
        return XlError.VALUE
    if type(value) is XlError:
        return value
    return XlError.VALUE


def number_text(x: float) -> str:
    """A number as Excel turns it into text (``&``, CONCAT): up to 15 significant digits."""
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    magnitude = math.floor(math.log10(abs(x)))
    if -10 < magnitude < 15:
        decimals = max(0, 14 - magnitude)
        text = f"{x:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    mantissa, exponent = f"{x:.14E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    sign = exponent[0]
    return f"{mantissa}E{sign}{int(exponent[1:]):02d}"


def to_text(value: object) -> str | XlError:
    """Coerce to text as Excel joins values: numbers to 15 digits, TRUE, blank ""."""
    if type(value) is str:
        return value
    if type(value) is float:
        return number_text(value)
    if value is None:
        return ""
    if type(value) is bool:
        return "TRUE" if value else "FALSE"
    if type(value) is XlError:
        return value
    if isinstance(value, int | float):
        return number_text(float(value))
    return XlError.VALUE


# Ordering of types when compared: numbers < text < logical values.
_RANK = {float: 0, str: 1, bool: 2}


def compare(a: Any, b: Any) -> int | XlError:
    """-1, 0 or 1 as Excel's comparison operators order ``a`` and ``b``.

    Blank compares as 0, "" or FALSE to match the other side; text compares
    case-insensitively; numbers within rounding noise are equal.
    """
    if type(a) is str and type(b) is str:  # the commonest pair: a Table column's words
        return _compare_text(a, b)
    if type(a) is XlError:
        return a
    if type(b) is XlError:
        return b
    if a is None:
        a = _blank_like(b)
    if b is None:
        b = _blank_like(a)
    rank_a, rank_b = _RANK.get(type(a), 0), _RANK.get(type(b), 0)
    if rank_a != rank_b:
        return -1 if rank_a < rank_b else 1
    if rank_a == 1:
        return _compare_text(a, b)
    if rank_a == 0:
        a, b = float(a), float(b)
        if approx_equal(a, b):
            return 0
    return -1 if a < b else (0 if a == b else 1)


def _compare_text(a: str, b: str) -> int:
    la, lb = a.lower(), b.lower()
    return 0 if la == lb else (-1 if la < lb else 1)


def _blank_like(other: Any) -> Scalar:
    kind = type(other)
    if kind is str:
        return ""
    if kind is bool:
        return False
    return 0.0


def normalise(value: Any) -> Scalar:
    """A value from outside (UDF result, file) in the engine's own types."""
    if value is None or type(value) in _OWN_TYPES:
        own: Scalar = value
        return own
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float):
        return checked(float(value))
    if isinstance(value, datetime):
        return (
            date_serial(value.date())
            + (value.hour * 3600 + value.minute * 60 + value.second) / 86400.0
        )
    if isinstance(value, date):
        return date_serial(value)
    if hasattr(value, "item"):  # numpy scalar
        return normalise(value.item())
    return XlError.VALUE
