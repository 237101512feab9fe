"""Reading numbers the way Finnish reports print them.

The seed tables print numbers as "-2 891,2", "13,6 %", "88.3%", "1,0 M€",
"≥ 1M€", "0,15 vrk", "2022: 13,6 %", with thin or non-breaking spaces between
thousands, U+2212 for minus, "-" for nil and words ("NA", "Ei mittaria",
"Valmistuu myöhemmin") where no number exists.  :func:`read_number` turns any
of these into a typed :class:`Reading`; it never guesses silently: text that
cannot be read is a :class:`NotANumber` that says why, never 0 or NaN.

Decisions (tested in tests/core/test_numbers.py):
- Comma is the decimal separator (Finnish).  A dot is a decimal separator too
  when it is the only separator ("88.3%", "≤ 5."), because the seeds use it so.
- Both "1.234,5" (dot grouping) and "1,234,567" (English grouping) are refused
  as ambiguous rather than read one way or the other: a factor of 1000 silently
  wrong is the worst outcome for a budget.
- Per cent values are fractions (13,6 % -> 0.136), as Excel stores them.
- "M€"/"m€"/"milj. €" scale by a million, "k€"/"t€" by a thousand; the value is
  in euros and ``unit`` is "€".  Other trailing units (vrk, pv, min, kpl) are
  kept as written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Literal

from xlsrc.core.errors import InvalidNumber
from xlsrc.core.text import Msg, Text, compact

NotNumberKind = Literal["not_available", "no_metric", "pending", "unreadable", "text"]


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from a cell.

    ``decimals`` is how many digits were printed after the decimal separator
    (in per cent points for per cents), so a recomputed value can be rounded
    the way the table printed it.  ``from_text`` is True when the number came
    from text rather than a numeric cell: a numeric column holding text is
    worth a finding even when the text is readable.
    """

    value: float
    unit: str = ""
    decimals: int = 0
    qualifier: str = ""
    label: str = ""
    text: str = ""
    from_text: bool = False


@dataclass(frozen=True, slots=True)
class Nil:
    """A dash printed where the table means "nothing" (zero, no entry)."""

    text: str = "-"


@dataclass(frozen=True, slots=True)
class Blank:
    """An empty cell."""


@dataclass(frozen=True, slots=True)
class NotANumber:
    """Text that is not a number, with the reason in a finance user's terms."""

    text: str
    reason: Text
    kind: NotNumberKind = "unreadable"


Reading = Number | Nil | Blank | NotANumber

#: Words that mean "no value here", each with its kind.
_NO_VALUE_WORDS: dict[str, NotNumberKind] = {
    "na": "not_available",
    "n/a": "not_available",
    "ei tietoa": "not_available",  # i18n: words the reports print, read as kinds
    "ei toteumatietoa": "not_available",
    "ei mittaria": "no_metric",
    "valmistuu myöhemmin": "pending",  # i18n: a word the reports print, read as a kind
}

_NIL_MARKS = frozenset({"-", "\u2013", "\u2014", "\u2212"})

#: Scale units: written form (lower-cased, spaces removed) -> (factor, unit).
_SCALES: dict[str, tuple[Decimal, str]] = {
    "€": (Decimal(1), "€"),
    "e": (Decimal(1), "€"),
    "eur": (Decimal(1), "€"),
    "euroa": (Decimal(1), "€"),
    "k€": (Decimal(1000), "€"),
    "t€": (Decimal(1000), "€"),
    "te": (Decimal(1000), "€"),
    "m€": (Decimal(1_000_000), "€"),
    "me": (Decimal(1_000_000), "€"),
    "milj.€": (Decimal(1_000_000), "€"),
    "milj€": (Decimal(1_000_000), "€"),
    "%": (Decimal("0.01"), "%"),
}

_QUALIFIERS = {"≥": "≥", ">=": "≥", "≤": "≤", "<=": "≤", ">": ">", "<": "<", "=": "="}

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f\u2007\u200a]+")
_LABEL = re.compile(r"^(?P<label>\d{4})\s*:\s*(?P<rest>.+)$")
_QUALIFIER = re.compile(r"^(?P<q>>=|<=|≥|≤|>|<|=)\s*(?P<rest>.*)$")
_SIGNED = re.compile(
    r"^(?P<sign>[+\-\u2212\u2013]?)\s*(?P<body>\d[\d ]*(?:[.,]\d*)?|[.,]\d+)\s*(?P<unit>.*)$"
)
_GROUPED = re.compile(r"^\d{1,3}( \d{3})*$")
_UNIT_WORD = re.compile(r"^[a-zåäö]{1,6}\.?$")  # i18n: a unit word's letters


def read_number(cell: str | float | int | bool | None) -> Reading:
    """Read one cell value as printed in a Finnish report; see the module doc."""
    if cell is None:
        return Blank()
    if isinstance(cell, bool):
        return NotANumber(str(cell).upper(), Msg("totuusarvo, ei luku"), "unreadable")
    if isinstance(cell, int | float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            return NotANumber(str(cell), Msg("ei äärellinen luku"), "unreadable")
        return Number(float(cell), text=str(cell))
    return _read_text(cell)


def read_cell(cell: str | float | int | bool | None, *, words: bool = False) -> Reading:
    """A workbook cell of a numeric column, read the one way every path reads it.

    The workbook's own formulas, the ``XS_`` functions, validation and the
    status sheet all call this, so a number typed as text gives one answer
    everywhere instead of three totals.  A number is a number and a blank is
    blank.  "-" is nil: Excel's SUM skips it, which is the same as adding 0.
    With ``words`` the reports' non-value words ("Valmistuu myöhemmin", "Ei
    mittaria", "NA") keep their meaning.  Any other text - "1 234,5" and
    "13,6 %" included - is :class:`NotANumber` of kind ``"text"``: SUM would
    skip it silently, so everywhere else it is an error too, never a number.
    """
    if not isinstance(cell, str):
        return read_number(cell)
    reading = _read_text(cell)
    if isinstance(reading, Blank | Nil):
        return reading
    if isinstance(reading, Number):
        return NotANumber(cell, _as_number_hint(cell.strip(), reading), "text")
    if reading.kind == "unreadable" or words:
        return reading
    reason = Msg("{reason}; tässä sarakkeessa pitää olla luku", reason=reading.reason)
    return NotANumber(cell, reason, "unreadable")


def _as_number_hint(text: str, reading: Number) -> Msg:
    """How to type a number that was typed as text, by what it carried.

    A per cent is a fraction in the cell ("90 %" is 0,9, which a per-cent cell
    shows as 90 %); a unit ("1,0 M€", "5 kpl") has no place in the cell at all, and
    the column's own unit decides the number, so no number is suggested for it.
    """
    if reading.unit == "%":
        return Msg(
            "luku tekstinä ({text!r}); kirjoita se lukuna {fraction} (prosenttimuotoinen "
            "solu näyttää sen {text})",
            text=text, fraction=compact(reading.value),
        )  # fmt: skip
    if reading.unit or reading.qualifier:
        return Msg(
            "luku tekstinä ({text!r}); kirjoita pelkkä luku sarakkeen yksikössä, ilman "
            "yksikköä tai sanoja (esim. 1234,5)",
            text=text,
        )  # fmt: skip
    return Msg("luku tekstinä ({text!r}); kirjoita se lukuna, esim. 1234,5", text=text)


def _read_text(raw: str) -> Reading:
    """What a finance user typed as text: a number, a nil mark, a "no value" word, or why not.

    The steps run in a fixed order and each may end it: spaces normalised,
    blank, "-" nil, words such as "ei tietoa", an optional label ("Toteuma:"),
    a qualifier ("noin", "yli"), a sign, digits with Finnish or English
    grouping and decimal marks, then a unit (%, €, M€, t€).  Every refusal
    says what was expected, so validation can place it on the cell.
    """
    text = _SPACES.sub(" ", raw).strip()
    if not text:
        return Blank()
    if text in _NIL_MARKS:
        return Nil(text)
    kind = _NO_VALUE_WORDS.get(text.lower().rstrip("."))
    if kind is not None:
        return NotANumber(raw, Msg("ei lukuarvoa: {text}", text=text), kind)

    label = ""
    labelled = _LABEL.match(text)
    if labelled:
        label, text = labelled["label"], labelled["rest"].strip()

    qualifier = ""
    qualified = _QUALIFIER.match(text)
    if qualified:
        qualifier, text = _QUALIFIERS[qualified["q"]], qualified["rest"].strip()

    signed = _SIGNED.match(text)
    if not signed:
        return NotANumber(raw, Msg("ei luettavissa luvuksi"), "unreadable")
    digits = _parse_digits(signed["body"])
    if isinstance(digits, Msg):
        return NotANumber(raw, digits, "unreadable")
    magnitude, decimals = digits

    factor, unit = Decimal(1), ""
    unit_text = signed["unit"].strip()
    if unit_text:
        scale = _SCALES.get(unit_text.lower().replace(" ", ""))
        if scale is not None:
            factor, unit = scale
        elif _UNIT_WORD.match(unit_text.lower()):
            unit = unit_text
        else:
            reason = Msg("tuntematon yksikkö tai lisäteksti: {unit!r}", unit=unit_text)
            return NotANumber(raw, reason, "unreadable")

    value = magnitude * factor
    if signed["sign"] in ("-", "\u2212", "\u2013"):
        value = -value
    return Number(
        float(value),
        unit=unit,
        decimals=decimals,
        qualifier=qualifier,
        label=label,
        text=raw,
        from_text=True,
    )


def _parse_digits(body: str) -> tuple[Decimal, int] | Msg:
    """Digits with at most one decimal separator -> (value, decimals), or a reason."""
    body = body.strip()
    integer_part = re.split(r"[.,]", body)[0]
    if " " in integer_part and not _GROUPED.match(integer_part):
        return Msg("välilyönnit eivät erota kolmen numeron ryhmiä")
    body = body.replace(" ", "")
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        return Msg("sekä pilkku että piste: epäselvä tuhaterotin (käytä välilyöntiä)")
    if commas > 1:
        return Msg("useita pilkkuja: englanninkielinen tuhaterotin? (käytä välilyöntiä)")
    if dots > 1:
        return Msg("useita pisteitä: epäselvä tuhaterotin (käytä välilyöntiä)")
    integer, _, fraction = body.replace(",", ".").partition(".")
    if not integer and not fraction:
        return Msg("ei numeroita")
    try:
        value = Decimal(f"{integer or '0'}.{fraction or '0'}")
    except InvalidOperation:
        return Msg("ei luettavissa luvuksi")
    return value, len(fraction)


def finite_number(cell: object) -> float | None:
    """``cell`` as a float when it is a finite ``int`` or ``float``; None otherwise.

    The common case of :func:`read_cell` and :func:`amount_of` without building
    a reading: a formula argument is a number cell on almost every row, and a
    reading costs more than the arithmetic.  Anything else - text, a blank, a
    bool, inf or nan, a subclass of float - returns None, and the caller reads
    it the full way (with its reason for the message).
    """
    if type(cell) is float:
        return cell if cell - cell == 0.0 else None
    if type(cell) is int:
        return float(cell)
    return None


def amount_of(reading: Reading) -> float | None:
    """The amount a reading contributes to sums, or None when it has none.

    Nil ("-") counts as 0 because the seed tables print "-" for an empty
    amount that still enters sums; a blank or a word has no amount.
    """
    if isinstance(reading, Number):
        return reading.value
    if isinstance(reading, Nil):
        return 0.0
    return None


def require_number(cell: str | float | int | bool | None, where: str, expected: Text) -> float:
    """The amount in ``cell`` (see :func:`amount_of`); :class:`InvalidNumber` names ``where``."""
    reading = read_number(cell)
    amount = amount_of(reading)
    if amount is not None:
        return amount
    assert not isinstance(reading, Number | Nil)
    found = (
        Msg("tyhjä solu")
        if isinstance(reading, Blank)
        else Msg("{text!r} ({reason})", text=reading.text, reason=reading.reason)
    )
    raise InvalidNumber(
        Msg("{where}: odotettiin lukua ({expected}), löytyi {found}", where=where,
            expected=expected, found=found)
    )  # fmt: skip


#: enough digits for any rounding round_digits does (at most 16 significant digits remain)
_ROUNDING_CONTEXT = Context(prec=40)


def round_half_up(value: float, decimals: int = 0) -> float:
    """Round as the reports and Excel's ROUND do: halves away from zero.

    The one half-up rounding of the project (the engine's ROUND uses it too).
    """
    return round_digits(value, decimals, ROUND_HALF_UP)


def round_digits(value: float, decimals: int, rounding: str = ROUND_HALF_UP) -> float:
    """``value`` rounded to ``decimals`` places (negative: tens, hundreds...) as Excel does.

    Excel rounds the number as it shows it, its 15-significant-digit decimal:
    0.12344999999999999 is 0.12345 and rounds to 0.1235 at four places, and
    (204.1 - 200) / 200 * 100 is 2.05 and rounds to 2.1 - not the binary
    value just below.  ``rounding`` is a :mod:`decimal` mode: ROUND_HALF_UP
    (ROUND), ROUND_UP (ROUNDUP, away from zero), ROUND_DOWN (ROUNDDOWN, TRUNC).
    """
    if not math.isfinite(value) or value == 0:
        return value
    shown = Decimal(format(value, ".15g"))
    leading = shown.adjusted()  # the power of ten of the first significant digit
    if -decimals <= leading - 15:
        return float(shown)  # nothing beyond the 15 digits to round away
    place = Decimal(1).scaleb(-decimals)
    rounded = shown.quantize(place, rounding=rounding, context=_ROUNDING_CONTEXT)
    return _plain(float(rounded))


def _plain(value: float) -> float:
    return 0.0 if value == 0 else value


def format_decimals(number_format: str) -> int:
    """Digits after the decimal point in an Excel number format ("0.0 %" -> 1)."""
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", section)
    match = re.search(r"\.([0#?]+)", section)
    return len(match[1]) if match else 0
