"""Number formats as a workbook file states them: built-in codes, dates, and date serials.

A cell stores a number and a style; the style's number format says whether
the number is a date (Excel keeps dates as serial numbers).  Every reader of
a saved workbook must make the same decision, so the package-based reader
(:mod:`xlsrc.engine.source`) gives a cell exactly what the openpyxl-based one
gives (:mod:`xlsrc.reading.openpyxl_source`): the code of the cell's format,
and a ``datetime`` (or ``time``) for a number under a date or time format.

The built-in formats are the ones ECMA-376 Part 1 (18.8.30) numbers, with
Excel's en-US codes for the currency and accounting ids it leaves to the
locale.  A code is a date or time format when its first section has a date
or time letter (d m y h s) outside quoted text, ``\\``-escapes, ``_``/``*``
padding and bracketed tags; ``[h]``, ``[m]`` and ``[s]`` are elapsed time
(a duration, not a moment).
"""

from __future__ import annotations

import datetime as dt
import re

GENERAL = "General"

BUILTIN_FORMATS: dict[int, str] = {
    0: GENERAL,
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}

#: what a section's letters are read from: quoted text, escapes, padding, fill, [tags]
_NOT_CODES = re.compile(r'"[^"]*"?|\\.|_.|\*.|\[[^\]]*\]?')
_ELAPSED = re.compile(r"\[(?:h+|m+|s+)\]", re.IGNORECASE)
_DATE_LETTERS = re.compile(r"[dmyhs]", re.IGNORECASE)
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_MS_PER_DAY = 86_400_000


def first_section(code: str) -> str:
    """The part of ``code`` before its first ``;`` outside quotes (the positive numbers')."""
    quoted = escaped = False
    for at, char in enumerate(code):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return code[:at]
    return code


def is_elapsed_format(code: str) -> bool:
    """Elapsed time (``[h]:mm``): the number is a duration."""
    return _ELAPSED.search(first_section(code)) is not None


def is_date_format(code: str) -> bool:
    """Whether a number under ``code`` is shown as a date, a time or a duration."""
    section = first_section(code)
    if _ELAPSED.search(section):
        return True
    return _DATE_LETTERS.search(_NOT_CODES.sub("", section)) is not None


def serial_value(
    serial: float, date1904: bool, elapsed: bool
) -> dt.datetime | dt.time | dt.timedelta | None:
    """A date serial as the moment (or duration) it stands for, to the millisecond.

    A serial below 1 is a time of day; in the 1900 system the serials before
    1 March 1900 are one day off, because Excel counts the 29 February 1900
    that never was.  None for a serial no date can hold.
    """
    try:
        if elapsed:
            return dt.timedelta(milliseconds=round(serial * _MS_PER_DAY))
        day, fraction = divmod(serial, 1)
        millis = round(fraction * _MS_PER_DAY)
        if 0 <= serial < 1 and millis < _MS_PER_DAY:
            seconds, milli = divmod(millis, 1000)
            return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60, milli * 1000)
        if not date1904 and 0 < serial < 60:
            day += 1
        epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        return epoch + dt.timedelta(days=day, milliseconds=millis)
    except (OverflowError, ValueError):
        return None
