"""ROMAN, ARABIC, GCD and LCM: numerals and whole-number arithmetic (Excel's documentation).

ROMAN's forms 1-4 are "more concise" numerals: each form allows more
subtractive pairs than the one before (form 1: VL VC LD LM, form 2 adds IL IC
XD XM, form 3 VD VM, form 4 ID IM), and the numeral is built greedily from the
largest piece that fits - ROMAN(499, 0..4) = CDXCIX, LDVLIV, XDIX, VDIV, ID as
Microsoft's page shows; checked on every form and number of the Excel-saved
golden ARABIC_ROMAN.xlsx.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.common import grid, values_of
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.refs import Ref
from xlsrc.engine.values import Value, to_integer, to_number

_LETTERS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CLASSIC = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"]
#: the subtractive pairs each concise form adds to the one before it
_CONCISE = [["VL", "VC", "LD", "LM"], ["IL", "IC", "XD", "XM"], ["VD", "VM"], ["ID", "IM"]]
#: the largest whole number Excel's GCD and LCM take (2^53, as its floating point allows)
_WHOLE_LIMIT = 2.0**53


def _value(piece: str) -> int:
    if len(piece) == 1:
        return _LETTERS[piece]
    return _LETTERS[piece[1]] - _LETTERS[piece[0]]


@cache
def _pieces(form: int) -> list[tuple[int, str]]:
    pieces = list(_CLASSIC)
    for added in _CONCISE[:form]:
        pieces.extend(added)
    return sorted(((_value(p), p) for p in pieces), reverse=True)


@native("ROMAN", "iv", min_args=1)
def roman(number: int, form: Value = 0.0) -> Value:
    """The Roman numeral of 0-3999 (0 is ""); form 0-4 or TRUE (0) / FALSE (4)."""
    if type(form) is bool:
        style: int | XlError = 0 if form else 4
    else:
        style = to_integer(0.0 if form is None else form)
    if isinstance(style, XlError):
        return style
    if not 0 <= number <= 3999 or not 0 <= style <= 4:
        return XlError.VALUE
    out: list[str] = []
    rest = number
    for value, piece in _pieces(style):
        while rest >= value:
            out.append(piece)
            rest -= value
    return "".join(out)


refuses("ARABIC", "a negative numeral (-MMXI)")


@native("ARABIC", "s")
def arabic(text: str) -> Value:
    """The number of a Roman numeral text, case-insensitive, non-standard forms summed."""
    numeral = text.strip().upper()
    if numeral.startswith("-"):
        raise UnsupportedFeature(messages.negative_roman())
    if len(text) > 255 or any(ch not in _LETTERS for ch in numeral):
        return XlError.VALUE
    total = 0
    for i, ch in enumerate(numeral):
        value = _LETTERS[ch]
        following = _LETTERS[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return float(total)


def _wholes(book: Book, args: tuple[Any, ...]) -> list[int] | XlError:
    """GCD/LCM's numbers, truncated (golden GCD_LCM.xlsx, every case of its notes).

    Unlike SUM they coerce texts in ranges too ("8" is 8, "" and "x" are
    #VALUE!) and TRUE/FALSE are #VALUE!.  A blank cell of a range is 0, a
    blank single cell is left out, and nothing at all is #VALUE!; negative
    numbers and 2^53 and above are #NUM!.
    """
    found: list[int] = []
    for arg in args:
        for value in _cells(book, arg):
            if value is None:
                continue
            number = XlError.VALUE if type(value) is bool else to_number(value)
            if isinstance(number, XlError):
                return number
            if number < 0 or number >= _WHOLE_LIMIT:
                return XlError.NUM
            found.append(int(number))
    return found if found else XlError.VALUE


def _cells(book: Book, arg: Any) -> list[Value]:
    """The values of an argument; the blanks of a range as 0, of a single cell as None."""
    if type(arg) is Ref and arg.is_cell or type(arg) is not Ref and type(arg) is not list:
        return list(values_of(book, arg))
    values = [v for line in grid(book, arg) for v in line]
    if type(arg) is Ref and len(values) < arg.rows * arg.cols:  # trimmed whole rows/columns
        values.append(None)
    return [0.0 if v is None else v for v in values]


@native("GCD", "a", repeat="a", min_args=1, book=True, omitted=False)
def gcd(book: Book, *args: Any) -> Value:
    found = _wholes(book, args)
    return found if isinstance(found, XlError) else float(math.gcd(*found))


@native("LCM", "a", repeat="a", min_args=1, book=True, omitted=False)
def lcm(book: Book, *args: Any) -> Value:
    found = _wholes(book, args)
    if isinstance(found, XlError):
        return found
    result = float(math.lcm(*found))
    return XlError.NUM if result >= _WHOLE_LIMIT else result
