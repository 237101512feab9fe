"""IS* tests, NA(), ERROR.TYPE and FORMULATEXT: functions that look at a cell's kind."""

from __future__ import annotations

import re
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import UnsupportedFeature
from xlsrc.engine.library.spec import native, refuses
from xlsrc.engine.refs import COL_BITS, Ref
from xlsrc.engine.xmltext import unescape

_PREFIXES = re.compile(r"_xlfn\.(?:_xlws\.)?|_xlws\.")

#: ERROR.TYPE's number of each error value (also SORT's order of errors)
ERROR_NUMBERS = {
    XlError.NULL: 1.0,
    XlError.DIV0: 2.0,
    XlError.VALUE: 3.0,
    XlError.REF: 4.0,
    XlError.NAME: 5.0,
    XlError.NUM: 6.0,
    XlError.NA: 7.0,
}


def _test(name: str, predicate: Any, ranges: bool = True) -> None:
    def compute(value: Any) -> bool:
        return bool(predicate(value))

    compute.__name__ = name.lower()
    native(name, "V", ranges=ranges)(compute)


_test("ISBLANK", lambda v: v is None)
_test("ISNUMBER", lambda v: type(v) is float)
_test("ISTEXT", lambda v: type(v) is str)
_test("ISNONTEXT", lambda v: type(v) is not str)
_test("ISLOGICAL", lambda v: type(v) is bool, ranges=False)
_test("ISERROR", lambda v: type(v) is XlError)
_test("ISERR", lambda v: type(v) is XlError and v is not XlError.NA)
_test("ISNA", lambda v: v is XlError.NA)


@native("NA", "")
def na() -> XlError:
    return XlError.NA


@native("ERROR.TYPE", "V")
def error_type(value: Any) -> Any:
    return ERROR_NUMBERS.get(value, XlError.NA) if type(value) is XlError else XlError.NA


refuses(
    "FORMULATEXT",
    "array formulas, cells of a shared formula other than its first, structured references, "
    "names and functions the file writes with a prefix other than _xlfn./_xlws. "
    "(Excel shows them differently from the file); the text is en-US (Excel in another "
    "language shows its own function names and separators)",
)


@native("FORMULATEXT", "r", book=True)
def formulatext(book: object, ref: Ref | XlError) -> object:
    """The formula of the reference's first cell as Excel shows it: "=" and the file's text.

    The argument is a reference whose value is not read (FORMULATEXT(A1) in A1
    is no circular reference); a cell without a formula is #N/A.
    """
    if isinstance(ref, XlError):
        return ref
    found = ref.sheet.formula_text((ref.r1 << COL_BITS) | ref.c1)
    if found is None:
        return XlError.NA
    raw, kind = found
    if raw is None or kind != "normal" and kind != "shared":
        raise UnsupportedFeature(messages.formulatext_array_or_shared())
    text = _PREFIXES.sub("", unescape(raw).lstrip("="))
    if "[" in text or "_xl" in text.lower():
        raise UnsupportedFeature(messages.formulatext_shown_differently(text[:40]))
    return "=" + text
