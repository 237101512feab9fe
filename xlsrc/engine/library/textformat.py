"""TEXT(value, format_text): Excel number-format codes, the subset reports use.

Supported: digit placeholders ``0 # ?``, thousands separator, decimals,
scaling commas, ``%``, scientific ``E+00``, literal text (quoted, ``\\x``, and
``$ - + ( ) : / space``), sections ``pos;neg;zero;text``, ``@``, colours
(ignored), currency ``[$€-40B]``, ``General``, and date/time codes
``yyyy yy mmmm mmm mm m dddd ddd dd d hh h mm ss AM/PM``.  Anything else
(conditions ``[>100]``, fractions) raises :class:`UnsupportedFeature`: a
refused format is reported, never rendered wrongly.  Separators are en-US
(``.`` decimal, ``,`` thousands), as in the formula text of every file.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.values import excel_weekday, number_text, serial_parts, to_number, to_text

_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DATE_TOKEN = re.compile(
    r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|\.0+", re.I
)
_LITERAL = set("$-+()/: ,€£'")
_COLOURS = r"black|blue|cyan|green|magenta|red|white|yellow|color\d{1,2}"
#: the widest number General shows in full (TEXT(x, "General")); wider ones are abbreviated
_GENERAL_WIDTH = 11


def _sections(code: str) -> list[str]:
    parts, current, quoted, escaped = [], [], False, False
    for ch in code:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == '"':
            quoted = not quoted
            current.append(ch)
        elif ch == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _strip_brackets(section: str) -> str:
    """Drop colours and locale tags; keep a currency symbol; refuse conditions."""

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner.startswith("$"):
            return '"' + inner[1:].split("-")[0] + '"'
        if re.fullmatch(_COLOURS, inner, re.I):
            return ""  # colour such as [Red] or [Color10]
        raise UnsupportedFeature(messages.text_code(inner))

    return re.sub(r"\[([^\]]*)\]", replace, section)


def format_value(value: Any, code: str, date1904: bool = False) -> str | XlError:
    if type(value) is XlError:
        return value
    sections = [_strip_brackets(s) for s in _sections(code)]
    for index, section in enumerate(sections[:3] if len(sections) > 1 else ()):
        if "@" in re.sub(r'"[^"]*"|\\.', "", section):
            # Excel moves such a section to the text place or rejects the code (#VALUE!)
            raise UnsupportedFeature(messages.text_at_in_number_section(code, index + 1))
    # TRUE/FALSE are not numbers to a number format: TEXT(TRUE, "0") is "TRUE"
    number = (
        XlError.VALUE
        if type(value) is bool or (type(value) is str and not value.strip())
        else to_number(value)
    )
    if isinstance(number, XlError):
        text = to_text(value)
        if isinstance(text, XlError):
            return text
        if len(sections) >= 4:
            return _literal_text(sections[3]).replace("\x00", text)
        if "@" in sections[0]:
            return _literal_text(sections[0]).replace("\x00", text)
        return text
    x: float = number
    if x < 0 and not code:
        raise UnsupportedFeature(messages.text_empty_code_negative())
    if x < 0 and len(sections) >= 2 and sections[1] != "":
        if _is_date(sections[0]) or _is_date(sections[1]):
            raise UnsupportedFeature(messages.text_negative_date())
        return _render(-x, sections[1], date1904)
    if x == 0 and len(sections) >= 3:
        return _render(x, sections[2], date1904)
    if x < 0 and _is_date(sections[0]):
        return XlError.VALUE  # a negative number is no date
    rendered = _render(abs(x), sections[0], date1904)
    if isinstance(rendered, XlError):
        return rendered
    return ("-" + rendered) if x < 0 and _has_digits(rendered) else rendered


def _has_digits(text: str) -> bool:
    return any(ch.isdigit() and ch != "0" for ch in text)


def _literal_text(section: str) -> str:
    """A text section with its quoted literals resolved; @ becomes a NUL placeholder."""
    out, i = [], 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.index('"', i + 1)
            out.append(section[i + 1 : end])
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            out.append(section[i + 1])
            i += 2
            continue
        out.append("\x00" if ch == "@" else ch)
        i += 1
    return "".join(out)


def _render(x: float, section: str, date1904: bool) -> str | XlError:
    if section.strip().lower() == "general" or section == "":
        if not section:
            return ""
        text = number_text(x)
        if len(text) > _GENERAL_WIDTH:
            raise UnsupportedFeature(messages.text_general(text))
        return text
    if _is_date(section):
        return _render_date(x, section, date1904)
    bare = re.sub(r'"[^"]*"|\\.', "", section)
    if "/" in bare and re.search(r"[0#?]\s*/\s*[0#?\d]", bare):
        raise UnsupportedFeature(messages.text_fraction(section))
    return _render_number(x, section)


def _is_date(section: str) -> bool:
    bare = re.sub(r'"[^"]*"|\\.', "", section)
    return bool(re.search(r"[yd]|h|s|am/pm", bare, re.I) or re.fullmatch(r"[^0#?]*m+[^0#?]*", bare))


def _tokens(section: str) -> list[tuple[str, str]]:
    """('lit', text) and ('code', char) items of a number/date section."""
    items: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.index('"', i + 1)
            items.append(("lit", section[i + 1 : end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            items.append(("lit", section[i + 1]))
            i += 2
        elif ch == "_" and i + 1 < len(section):
            items.append(("lit", " "))
            i += 2
        elif ch == "*" and i + 1 < len(section):
            i += 2  # fill character: nothing at a fixed width
        else:
            items.append(("code", ch))
            i += 1
    return items


def _render_number(x: float, section: str) -> str:
    """``x`` under one number-format section (``0.0 %``, ``# ##0,00``) as TEXT renders it.

    Kept whole because the steps share the section's codes: percent and
    thousands scaling, Excel's half-up rounding on the decimal string (not on
    the binary float), minimum digits, grouping, optional decimals trimmed, and
    the literals put back around the number.  Layouts whose digit counts Excel
    decides by its own undocumented rules are refused, not guessed.
    """
    items = _tokens(section)
    codes = "".join(c for kind, c in items if kind == "code")
    if re.search(r"[Ee][+-]", codes):
        return _render_scientific(x, items)
    percent = codes.count("%")
    x = x * (100**percent)
    # trailing commas after the last digit placeholder scale by 1000 each
    last_digit = max(codes.rfind(c) for c in "0#?")
    if last_digit < 0:
        return "".join(c for _, c in items)
    scale = len(codes[last_digit + 1 :]) - len(codes[last_digit + 1 :].lstrip(","))
    x = x / (1000**scale)
    point = codes.find(".")
    if codes.count(".") > 1:  # Excel writes the later points as literals among the digits
        raise UnsupportedFeature(messages.text_decimal_points(section))
    int_codes = codes[: point if point >= 0 else last_digit + 1]
    dec_codes = codes[point + 1 : last_digit + 1] if point >= 0 else ""
    if re.search(r"[#?].*0", dec_codes):  # Excel's digit count for #.##0# is its own
        raise UnsupportedFeature(messages.text_zero_after_hash(section))
    decimals = sum(1 for c in dec_codes if c in "0#?")
    grouping = "," in int_codes.strip(",")
    rounded = Decimal(format(x, ".15g")).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    whole, _, frac = f"{rounded:f}".partition(".")
    whole = whole.lstrip("-")
    int_placeholders = [c for c in int_codes if c in "0#?"]
    min_int = sum(1 for c in int_placeholders if c == "0")
    if whole == "0" and min_int == 0:
        whole = ""
    whole = whole.rjust(min_int, "0")
    if grouping and whole:
        whole = f"{int(whole):,}"
    frac = frac.ljust(decimals, "0")
    dec_kinds = [c for c in dec_codes if c in "0#?"]
    while frac and dec_kinds and dec_kinds[len(frac) - 1] != "0" and frac.endswith("0"):
        frac = frac[:-1]
    number = whole + ("." + frac if point >= 0 and (frac or "." in codes) else "")
    if point >= 0 and not frac:
        number = whole + "."
    # rebuild: literals before the first placeholder, the number, literals after
    out: list[str] = []
    placed = False
    last = max(i for i, (kind, c) in enumerate(items) if kind == "code" and c in "0#?")
    for index, (kind, c) in enumerate(items):
        if placed and index < last and not (kind == "code" and c in "0#?.,"):
            raise UnsupportedFeature(messages.text_between_digits(section))
        if kind == "lit":
            out.append(c)
        elif c in "0#?.,":
            if not placed:
                out.append(number)
                placed = True
        elif c == "%":
            out.append("%")
        elif c in _LITERAL:
            out.append(c)
        else:
            raise UnsupportedFeature(messages.text_character(c))
    return "".join(out)


def _render_scientific(x: float, items: list[tuple[str, str]]) -> str:
    codes = "".join(c for kind, c in items if kind == "code")
    mantissa_codes, _, exponent_codes = re.split(r"([Ee][+-])", codes, maxsplit=1)
    point = mantissa_codes.find(".")
    decimals = sum(1 for c in mantissa_codes[point + 1 :] if c in "0#?") if point >= 0 else 0
    digits = sum(1 for c in exponent_codes if c in "0#?")
    text = f"{x:.{decimals}E}"
    mantissa, exponent = text.split("E")
    sign = "-" if exponent.startswith("-") else ("+" if "+" in codes else "")
    return f"{mantissa}E{sign}{str(abs(int(exponent))).rjust(digits, '0')}"


class _Moment(NamedTuple):
    """A serial's calendar fields as Excel reads them (1900-01-00 and 1900-02-29 included)."""

    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int
    weekday_index: int  # 0 = Monday, as datetime.weekday()

    def weekday(self) -> int:
        return self.weekday_index


def _render_date(x: float, section: str, date1904: bool) -> str | XlError:
    found = serial_parts(x, date1904)
    if found is None:
        return XlError.VALUE  # a negative serial or one after 9999-12-31
    if re.search(r"\.0|\[", section):
        raise UnsupportedFeature(messages.text_fraction_of_seconds(section))
    year, month, day, second = found
    sunday_first = excel_weekday(x, date1904)
    moment = _Moment(
        year, month, day, second // 3600, second // 60 % 60, second % 60, (sunday_first + 6) % 7
    )
    items = _tokens(section)
    code = "".join(c if kind == "code" else "\x01" for kind, c in items)
    literals = iter(c for kind, c in items if kind == "lit")
    twelve = re.search(r"am/pm|a/p", code, re.I) is not None
    pieces = []
    pos = 0
    tokens = list(_DATE_TOKEN.finditer(code))
    for index, token in enumerate(tokens):
        pieces.append(_date_literals(code[pos : token.start()], literals))
        pos = token.end()
        t = token.group().lower()
        prev = tokens[index - 1].group().lower() if index else ""
        nxt = tokens[index + 1].group().lower() if index + 1 < len(tokens) else ""
        minute = t in ("m", "mm") and (prev.startswith("h") or nxt.startswith("s"))
        pieces.append(_date_piece(t, moment, minute, twelve))
    pieces.append(_date_literals(code[pos:], literals))
    return "".join(pieces)


def _date_literals(text: str, literals: Any) -> str:
    out = []
    for ch in text:
        if ch == "\x01":
            out.append(next(literals))
        elif ch in _LITERAL or ch in ".-":
            out.append(ch)
        else:
            raise UnsupportedFeature(messages.text_date_character(ch))
    return "".join(out)


def _date_piece(token: str, moment: _Moment, minute: bool, twelve: bool) -> str:
    if token == "yyyy":
        return f"{moment.year:04d}"
    if token == "yy":
        return f"{moment.year % 100:02d}"
    if token in ("m", "mm") and minute:
        return f"{moment.minute:02d}" if token == "mm" else str(moment.minute)
    if token == "m":
        return str(moment.month)
    if token == "mm":
        return f"{moment.month:02d}"
    if token == "mmm":
        return _MONTHS[moment.month - 1][:3]
    if token == "mmmm":
        return _MONTHS[moment.month - 1]
    if token == "mmmmm":
        return _MONTHS[moment.month - 1][0]
    if token == "d":
        return str(moment.day)
    if token == "dd":
        return f"{moment.day:02d}"
    if token == "ddd":
        return _DAYS[moment.weekday()][:3]
    if token == "dddd":
        return _DAYS[moment.weekday()]
    hour = moment.hour % 12 or 12 if twelve else moment.hour
    if token == "h":
        return str(hour)
    if token == "hh":
        return f"{hour:02d}"
    if token == "s":
        return str(moment.second)
    if token == "ss":
        return f"{moment.second:02d}"
    if token in ("am/pm", "a/p"):
        am = moment.hour < 12
        return ("AM" if am else "PM") if token == "am/pm" else ("A" if am else "P")
    raise UnsupportedFeature(messages.text_date_code(token))
