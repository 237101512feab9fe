"""IS* tests, NA() and ERROR.TYPE: functions that look at a value's kind."""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.library.spec import native

_ERROR_NUMBERS = {
    XlError.NULL: 1.0,
    XlError.DIV0: 2.0,
    XlError.VALUE: 3.0,
    XlError.REF: 4.0,
    XlError.NAME: 5.0,
    XlError.NUM: 6.0,
    XlError.NA: 7.0,
}


def _test(name: str, predicate: Any) -> None:
    def compute(value: Any) -> bool:
        return bool(predicate(value))

    compute.__name__ = name.lower()
    native(name, "V")(compute)


_test("ISBLANK", lambda v: v is None)
_test("ISNUMBER", lambda v: type(v) is float)
_test("ISTEXT", lambda v: type(v) is str)
_test("ISNONTEXT", lambda v: type(v) is not str)
_test("ISLOGICAL", lambda v: type(v) is bool)
_test("ISERROR", lambda v: type(v) is XlError)
_test("ISERR", lambda v: type(v) is XlError and v is not XlError.NA)
_test("ISNA", lambda v: v is XlError.NA)


@native("NA", "")
def na() -> XlError:
    return XlError.NA


@native("ERROR.TYPE", "V")
def error_type(value: Any) -> Any:
    return _ERROR_NUMBERS.get(value, XlError.NA) if type(value) is XlError else XlError.NA
