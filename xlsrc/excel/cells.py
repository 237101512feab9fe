"""Cell values between xlwings and the registry's calling convention.

xlwings hands a UDF what pywin32 read from Excel: floats, str, bool, None for a
blank cell, ``datetime`` for a date-formatted cell, and - with the
``err_to_str=True`` option the adapter sets - an Excel error as its literal
spelling ("#N/A").  The registry (see :mod:`xlsrc.registry`) wants
``float | str | bool | None | XlError`` and 2-D lists for ranges, so the
functions never see an xlwings artefact.  On the way back an ``XlError``
becomes its literal string, which is how an xlwings UDF shows an error.

Known limit, inherent to xlwings: a cell holding the *text* "#N/A" arrives
exactly like the error #N/A, so both become ``XlError.NA``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from xlsrc.core.errors import XlError

#: Day zero of Excel's 1900 date system as Python counts days (serial 1 =
#: 1900-01-01 because Excel keeps Lotus' phantom 1900-02-29).
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)

Cell = float | str | bool | None | XlError
Grid = list[list[Cell]]


def to_cell(value: Any) -> Cell:
    """One value as xlwings passed it -> one registry cell value."""
    if value is None or isinstance(value, (bool, XlError)):
        return value
    if isinstance(value, str):
        if value == "":
            return None
        error = XlError.from_literal(value) if value.startswith("#") else None
        return error if error is not None else value
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=None) - _EXCEL_EPOCH).total_seconds() / 86400.0
    if isinstance(value, dt.date):
        return float((value - _EXCEL_EPOCH.date()).days)
    # Anything else (a COM object, a time) is not a cell value the core knows.
    return XlError.VALUE


def to_scalar_arg(value: Any) -> Cell:
    """A scalar argument: a one-cell range counts as its value, a larger one is #VALUE!."""
    if isinstance(value, (list, tuple)):
        rows = to_grid(value)
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        return XlError.VALUE
    return to_cell(value)


def to_grid(value: Any) -> Grid:
    """A range argument -> 2-D list of cells, whatever shape xlwings delivered.

    With ``ndim=2`` xlwings always delivers rows of cells; a bare scalar or a
    1-D list (a literal argument, or a fake in tests) is lifted to one row.
    """
    if not isinstance(value, (list, tuple)):
        return [[to_cell(value)]]
    if not value:
        return []
    if not isinstance(value[0], (list, tuple)):
        return [[to_cell(v) for v in value]]
    return [[to_cell(v) for v in row] for row in value]


def to_excel(value: Any) -> Any:
    """One registry result value -> what xlwings writes into the cell."""
    if isinstance(value, XlError):
        return value.value
    return value


def to_excel_array(value: Any) -> list[list[Any]]:
    """A registry array result -> a rectangular 2-D list xlwings can spill.

    A scalar (e.g. the ``[[XlError]]`` of a failed call unwrapped, or a
    function returning one value) becomes 1x1.  Short rows are padded with
    #N/A, as Excel pads an array smaller than its range.  An empty result is
    #CALC!, Excel's own answer for an empty array (e.g. FILTER with no match).
    """
    if not isinstance(value, (list, tuple)):
        return [[to_excel(value)]]
    rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in value]
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return [[XlError.CALC.value]]
    na = XlError.NA.value
    return [[to_excel(v) for v in r] + [na] * (width - len(r)) for r in rows]
