"""The XS_ calls of a recalculated workbook, with their arguments read as Excel would pass them.

Excel evaluates each argument before it calls a custom function: a reference
becomes its values (a range a list of rows, a blank cell null), a literal stays
itself.  This reads the cached values ``xlsrc recalc`` wrote, so the calls the
add-in makes are the calls Excel would make on that workbook.  Only the shapes
the templates use are read (``=XS_NAME(ref or number, ...)``); anything else is
refused, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

CALL = re.compile(r"^=(XS_[A-Z_]+)\((.*)\)$")
REF = re.compile(
    r"^(?:'((?:[^']|'')+)'!|([A-Za-z0-9_]+)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$"
)


@dataclass(frozen=True)
class FormulaCall:
    sheet: str
    ref: str
    """The cells the result fills (the array formula's range)."""
    function: str
    args: list[Any]


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _argument(text: str, values: Any, sheet: str, as_range: bool) -> Any:
    text = text.strip()
    match = REF.match(text)
    if match is None:
        return float(text)  # a number literal; anything else raises: refused
    target = (match.group(1) or "").replace("''", "'") or match.group(2) or sheet
    min_col, min_row, max_col, max_row = range_boundaries(match.group(3).replace("$", ""))
    rows = [
        [_plain(values[target].cell(r, c).value) for c in range(min_col, max_col + 1)]
        for r in range(min_row, max_row + 1)
    ]
    return rows if as_range else rows[0][0]


def formula_calls(path: Path) -> list[FormulaCall]:
    """Every XS_ formula cell of ``path`` (a recalculated template workbook) as a call.

    The cells and their arguments come from the workbook's layout (each XS_ column of each
    Table, row by row), read from the file's values as Excel passes them.
    """
    from tests.templates_support import body_rows, letter, udf_call
    from xlsrc.reading.locate import identify
    from xlsrc.reading.openpyxl_source import OpenpyxlSource

    layout = identify(OpenpyxlSource.open(path)).layout
    values = load_workbook(path, data_only=True)
    tables = {t.key: t for t in layout.tables}
    calls = []
    for table in layout.tables:
        for column in table.computed_columns:
            if not (column.formula or "").startswith("XS_"):
                continue
            for row in body_rows(values[table.sheet_name], table):
                spec, args = udf_call(values, tables, table, column.key, row)
                cell = f"{letter(table, column.key)}{row}"
                calls.append(
                    FormulaCall(table.sheet_name, cell, spec.name, [_plain_deep(a) for a in args])
                )
    return calls


def _plain_deep(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain_deep(v) for v in value]
    return _plain(value)


def cached_values(path: Path, sheet: str, ref: str) -> list[list[Any]]:
    """The values ``xlsrc recalc`` cached in ``ref`` (rows of cells; blank = None)."""
    book = load_workbook(path, data_only=True)
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return [
        [_plain(book[sheet].cell(r, c).value) for c in range(min_col, max_col + 1)]
        for r in range(min_row, max_row + 1)
    ]
