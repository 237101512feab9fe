"""Text functions: CONCAT, TEXTJOIN, LEFT, MID, LEN, TRIM, SUBSTITUTE, TEXT, VALUE, ..."""

from __future__ import annotations

import re
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.library.common import integer, values_of
from xlsrc.engine.library.criteria import wildcard
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.library.textformat import format_value
from xlsrc.engine.refs import Ref
from xlsrc.engine.values import MAX_TEXT, text_number, text_result, to_bool, to_text


def _texts(book: Any, args: tuple[Any, ...], skip_empty: bool = False) -> list[str] | XlError:
    out: list[str] = []
    for arg in args:
        items = values_of(book, arg) if type(arg) in (Ref, list) else (arg,)
        for v in items:
            text = to_text(v)
            if type(text) is XlError:
                return text
            if skip_empty and text == "":
                continue
            out.append(text)  # type: ignore[arg-type]
    return out


@native("CONCAT", "a", repeat="a", min_args=1, book=True)
def concat(book: Any, *args: Any) -> Any:
    texts = _texts(book, args)
    return texts if type(texts) is XlError else text_result("".join(texts))  # type: ignore[arg-type]


@native("CONCATENATE", "v", repeat="v", min_args=1)
def concatenate(*args: Any) -> Any:
    texts = [to_text(a) for a in args]
    for t in texts:
        if type(t) is XlError:
            return t
    return text_result("".join(texts))  # type: ignore[arg-type]


@native("TEXTJOIN", "vva", repeat="a", min_args=3, book=True)
def textjoin(book: Any, delimiter: Any, ignore_empty: Any, *args: Any) -> Any:
    skip = to_bool(ignore_empty)
    sep = to_text(delimiter)
    if type(skip) is XlError or type(sep) is XlError:
        return skip if type(skip) is XlError else sep
    texts = _texts(book, args, skip_empty=bool(skip))
    if type(texts) is XlError:
        return texts
    return text_result(sep.join(texts))  # type: ignore[union-attr,arg-type]


def _text_and_count(text: Any, count: Any) -> tuple[Any, Any]:
    s = to_text(text)
    n = integer(count) if count is not None else 0
    return s, n


@native("LEFT", "vv", min_args=1)
def left(text: Any, count: Any = 1.0) -> Any:
    s, n = _text_and_count(text, count)
    for x in (s, n):
        if type(x) is XlError:
            return x
    return XlError.VALUE if n < 0 else s[:n]


@native("RIGHT", "vv", min_args=1)
def right(text: Any, count: Any = 1.0) -> Any:
    s, n = _text_and_count(text, count)
    for x in (s, n):
        if type(x) is XlError:
            return x
    if n < 0:
        return XlError.VALUE
    return s[len(s) - n :] if n else ""


@native("MID", "vvv")
def mid(text: Any, start: Any, count: Any) -> Any:
    s, n = _text_and_count(text, count)
    first = integer(start)
    for x in (s, n, first):
        if type(x) is XlError:
            return x
    if first < 1 or n < 0:  # type: ignore[operator]
        return XlError.VALUE
    return s[first - 1 : first - 1 + n]  # type: ignore[operator]


def _text_function(name: str, op: Any) -> None:
    def compute(value: Any) -> Any:
        s = to_text(value)
        return s if type(s) is XlError else op(s)

    compute.__name__ = name.lower()
    native(name, "v")(compute)


_text_function("LEN", lambda s: float(len(s)))
_text_function("UPPER", str.upper)
_text_function("LOWER", str.lower)
_text_function("PROPER", lambda s: re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), s))
_text_function("TRIM", lambda s: re.sub(" +", " ", s).strip(" "))
_text_function("CLEAN", lambda s: "".join(ch for ch in s if ord(ch) >= 32))


@native("SUBSTITUTE", "vvvv", min_args=3)
def substitute(text: Any, old: Any, new: Any, instance: Any = None) -> Any:
    s, o, n = to_text(text), to_text(old), to_text(new)
    for x in (s, o, n):
        if type(x) is XlError:
            return x
    if o == "":
        return s
    if instance is None:
        return text_result(s.replace(o, n))  # type: ignore[union-attr,arg-type]
    which = integer(instance)
    if type(which) is XlError:
        return which
    if which < 1:  # type: ignore[operator]
        return XlError.VALUE
    position = -1
    for _ in range(which):  # type: ignore[arg-type]
        position = s.find(o, position + 1)  # type: ignore[union-attr,arg-type]
        if position < 0:
            return s
    return text_result(s[:position] + n + s[position + len(o) :])  # type: ignore[index,operator,arg-type]


@native("REPLACE", "vvvv")
def replace(text: Any, start: Any, count: Any, new: Any) -> Any:
    s, n = to_text(text), to_text(new)
    first, length = integer(start), integer(count)
    for x in (s, n, first, length):
        if type(x) is XlError:
            return x
    if first < 1 or length < 0:  # type: ignore[operator]
        return XlError.VALUE
    return text_result(s[: first - 1] + n + s[first - 1 + length :])  # type: ignore[index,operator]


def _find(needle: Any, haystack: Any, start: Any, search: bool) -> Any:
    n, h = to_text(needle), to_text(haystack)
    first = integer(start) if start is not None else 1
    for x in (n, h, first):
        if type(x) is XlError:
            return x
    if first < 1 or first > len(h) + 1:  # type: ignore[operator,arg-type]
        return XlError.VALUE
    if search:
        pattern = wildcard(n)  # type: ignore[arg-type]
        if pattern is not None:
            found = pattern.search(h, first - 1)  # type: ignore[arg-type,operator]
            return float(found.start() + 1) if found else XlError.VALUE
        position = h.lower().find(n.lower(), first - 1)  # type: ignore[union-attr,operator]
    else:
        position = h.find(n, first - 1)  # type: ignore[union-attr,arg-type,operator]
    return float(position + 1) if position >= 0 else XlError.VALUE


@native("FIND", "vvv", min_args=2)
def find(needle: Any, haystack: Any, start: Any = None) -> Any:
    return _find(needle, haystack, start, search=False)


@native("SEARCH", "vvv", min_args=2)
def search(needle: Any, haystack: Any, start: Any = None) -> Any:
    return _find(needle, haystack, start, search=True)


refuses("VALUE", "texts read by the regional settings (1,5; €100; 1.2.2024; 10:30)")


@native("VALUE", "v")
def value(text: Any) -> Any:
    if type(text) is float:
        return text
    if text is None:  # VALUE of an empty cell is 0
        return 0.0
    s = to_text(text)
    if type(s) is XlError:
        return s
    return text_number(s)  # type: ignore[arg-type]


refuses(
    "TEXT",
    "format codes with conditions ([>100]), fractions, elapsed time ([h]), fractions of "
    "seconds, text between digit placeholders (00-00), General wider than 11 characters, "
    "more than one decimal point, 0 after # in the decimals, @ in a number section, "
    "an empty code for a negative number",
)


@native("TEXT", "vv", book=True)
def text_(book: Any, value: Any, code: Any) -> Any:
    fmt = to_text(code)
    if type(fmt) is XlError:
        return fmt
    return format_value(value, fmt, book.date1904)  # type: ignore[arg-type]


@native("EXACT", "vv")
def exact(a: Any, b: Any) -> Any:
    x, y = to_text(a), to_text(b)
    if type(x) is XlError or type(y) is XlError:
        return x if type(x) is XlError else y
    return x == y


@native("REPT", "vv")
def rept(text: Any, times: Any) -> Any:
    s, n = to_text(text), integer(times)
    if type(s) is XlError or type(n) is XlError:
        return s if type(s) is XlError else n
    if n < 0 or len(s) * n > MAX_TEXT:  # type: ignore[operator,arg-type]
        return XlError.VALUE
    return s * n  # type: ignore[operator]


#: CHAR 128-159 as Excel for Windows maps them (code page 1252); Excel for Mac uses
#: Mac Roman there and above, a documented platform difference (docs/engine-functions.md)
_WINDOWS_1252 = {
    code: bytes([code]).decode("cp1252")
    for code in range(128, 160)
    if code not in (129, 141, 143, 144, 157)
}


@native("CHAR", "v")
def char(code: Any) -> Any:
    n = integer(code)
    if type(n) is XlError:
        return n
    if not 1 <= n <= 255:  # type: ignore[operator]
        return XlError.VALUE
    return _WINDOWS_1252.get(n, chr(n))  # type: ignore[call-overload]


@native("T", "V")
def t(value: Any) -> Any:
    if type(value) is XlError:
        return value
    return value if type(value) is str else ""


@native("N", "V")
def n(value: Any) -> Any:
    if type(value) is XlError:
        return value
    if type(value) is float:
        return value
    if type(value) is bool:
        return 1.0 if value else 0.0
    return 0.0
