"""Text functions: CONCAT, TEXTJOIN, LEFT, MID, LEN, TRIM, SUBSTITUTE, TEXT, VALUE, ..."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.evaluator import Book
from xlsrc.engine.library.common import values_of
from xlsrc.engine.library.criteria import wildcard
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.library.textformat import format_value
from xlsrc.engine.refs import Ref
from xlsrc.engine.values import MAX_TEXT, Value, text_number, text_result, to_integer, to_text


def _texts(book: Book, args: tuple[Any, ...], skip_empty: bool = False) -> list[str] | XlError:
    out: list[str] = []
    for arg in args:
        items = values_of(book, arg) if type(arg) in (Ref, list) else (arg,)
        for v in items:
            text = to_text(v)
            if isinstance(text, XlError):
                return text
            if skip_empty and text == "":
                continue
            out.append(text)
    return out


@native("CONCAT", "a", repeat="a", min_args=1, book=True)
def concat(book: Book, *args: Any) -> Value:
    texts = _texts(book, args)
    return texts if isinstance(texts, XlError) else text_result("".join(texts))


@native("CONCATENATE", "s", repeat="s", min_args=1)
def concatenate(*texts: str) -> Value:
    return text_result("".join(texts))


@native("TEXTJOIN", "sba", repeat="a", min_args=3, book=True)
def textjoin(book: Book, delimiter: str, ignore_empty: bool, *args: Any) -> Value:
    texts = _texts(book, args, skip_empty=ignore_empty)
    if isinstance(texts, XlError):
        return texts
    return text_result(delimiter.join(texts))


@native("LEFT", "si", min_args=1)
def left(s: str, n: int = 1) -> Value:
    return XlError.VALUE if n < 0 else s[:n]


@native("RIGHT", "si", min_args=1)
def right(s: str, n: int = 1) -> Value:
    if n < 0:
        return XlError.VALUE
    return s[len(s) - n :] if n else ""


@native("MID", "sii")
def mid(s: str, first: int, n: int) -> Value:
    if first < 1 or n < 0:
        return XlError.VALUE
    return s[first - 1 : first - 1 + n]


def _text_function(name: str, op: Callable[[str], Value]) -> None:
    """Register ``name`` as ``op`` of its one text argument."""
    native(name, "s")(op)


_text_function("LEN", lambda s: float(len(s)))
_text_function("UPPER", str.upper)
_text_function("LOWER", str.lower)
_text_function("PROPER", lambda s: re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), s))
_text_function("TRIM", lambda s: re.sub(" +", " ", s).strip(" "))
_text_function("CLEAN", lambda s: "".join(ch for ch in s if ord(ch) >= 32))


@native("SUBSTITUTE", "sssv", min_args=3)
def substitute(s: str, o: str, n: str, instance: Value = None) -> Value:
    if o == "":
        return s
    if instance is None:  # omitted or empty: every occurrence
        return text_result(s.replace(o, n))
    which = to_integer(instance)
    if isinstance(which, XlError):
        return which
    if which < 1:
        return XlError.VALUE
    position = -1
    for _ in range(which):
        position = s.find(o, position + 1)
        if position < 0:
            return s
    return text_result(s[:position] + n + s[position + len(o) :])


@native("REPLACE", "siis")
def replace(s: str, first: int, length: int, n: str) -> Value:
    if first < 1 or length < 0:
        return XlError.VALUE
    return text_result(s[: first - 1] + n + s[first - 1 + length :])


def _find(n: str, h: str, start: Value, search: bool) -> Value:
    first = to_integer(start) if start is not None else 1  # an empty start is the first
    if isinstance(first, XlError):
        return first
    if first < 1 or first > len(h) + 1:
        return XlError.VALUE
    if search:
        pattern = wildcard(n)
        if pattern is not None:
            found = pattern.search(h, first - 1)
            return float(found.start() + 1) if found else XlError.VALUE
        position = h.lower().find(n.lower(), first - 1)
    else:
        position = h.find(n, first - 1)
    return float(position + 1) if position >= 0 else XlError.VALUE


@native("FIND", "ssv", min_args=2)
def find(needle: str, haystack: str, start: Value = None) -> Value:
    return _find(needle, haystack, start, search=False)


@native("SEARCH", "ssv", min_args=2)
def search(needle: str, haystack: str, start: Value = None) -> Value:
    return _find(needle, haystack, start, search=True)


refuses("VALUE", "texts read by the regional settings (1,5; €100; 1.2.2024; 10:30)")


@native("VALUE", "v")
def value(text: Value) -> Value:
    if type(text) is float:
        return text
    if text is None:  # VALUE of an empty cell is 0
        return 0.0
    s = to_text(text)
    if isinstance(s, XlError):
        return s
    return text_number(s)


refuses(
    "TEXT",
    "format codes with conditions ([>100]), fractions, elapsed time ([h]), fractions of "
    "seconds, text between digit placeholders (00-00), General wider than 11 characters, "
    "more than one decimal point, 0 after # in the decimals, @ in a number section, "
    "an empty code for a negative number",
)


@native("TEXT", "vs", book=True)
def text_(book: Book, value: Value, code: str) -> Value:
    return format_value(value, code, book.date1904)


@native("EXACT", "ss")
def exact(a: str, b: str) -> Value:
    return a == b


@native("REPT", "si")
def rept(s: str, n: int) -> Value:
    if n < 0 or len(s) * n > MAX_TEXT:
        return XlError.VALUE
    return s * n


#: CHAR 128-159 as Excel for Windows maps them (code page 1252); Excel for Mac uses
#: Mac Roman there and above, a documented platform difference (docs/engine-functions.md)
_WINDOWS_1252 = {
    code: bytes([code]).decode("cp1252")
    for code in range(128, 160)
    if code not in (129, 141, 143, 144, 157)
}


@native("CHAR", "i")
def char(n: int) -> Value:
    if not 1 <= n <= 255:
        return XlError.VALUE
    return _WINDOWS_1252.get(n, chr(n))


@native("T", "V", ranges=False)
def t(value: Value) -> Value:
    if type(value) is XlError:
        return value
    return value if type(value) is str else ""


@native("N", "V", ranges=False)
def n(value: Value) -> Value:
    if type(value) is XlError:
        return value
    if type(value) is float:
        return value
    if type(value) is bool:
        return 1.0 if value else 0.0
    return 0.0
