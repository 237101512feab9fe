"""Shared by the template tests: the built workbooks, and an oracle for their UDF cells.

The oracle evaluates a formula of the form ``=XS_NAME(arg, …)`` — the only
form the templates give their range-form UDFs — by reading each range argument
from the workbook and calling the function through the registry, i.e. with the
pure core.  It knows nothing of the headless engine, so the tests that use it
check the templates, not the engine.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.registry import Registry, invoke
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import TableLayout, WorkbookLayout

REPO = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = REPO / "workbook_templates"
REGISTRY = Registry.default()

_CALL = re.compile(r"^=(XS_[A-Z_]+)\((.*)\)$")
_RANGE = re.compile(r"^(?:'((?:[^']|'')+)'!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$")


@cache
def built(layout_key: str, example: bool) -> bytes:
    from xlsrc.workbooks.layouts import workbook

    return build_workbook(workbook(layout_key), example)


def load(layout: WorkbookLayout, example: bool) -> Workbook:
    """A fresh openpyxl workbook of the built template or example (safe to modify)."""
    return openpyxl.load_workbook(io.BytesIO(built(layout.key, example)))


def formula_text(cell_value: Any) -> str | None:
    if isinstance(cell_value, ArrayFormula):
        return cell_value.text
    if isinstance(cell_value, str) and cell_value.startswith("="):
        return cell_value
    return None


def body_rows(sheet: Worksheet, table: TableLayout) -> range:
    """The body rows of ``table`` as the workbook's Excel Table says."""
    ref = sheet.tables[table.name].ref
    last = int(re.findall(r"\d+", ref)[-1])
    return range(table.first_row, last + 1)


def split_args(text: str) -> list[str]:
    """Top-level comma-separated arguments (commas inside quotes or brackets kept)."""
    parts, depth, quote, current = [], 0, False, ""
    for char in text:
        if char == "'" and depth == 0:
            quote = not quote
        if char == "(" and not quote:
            depth += 1
        if char == ")" and not quote:
            depth -= 1
        if char == "," and depth == 0 and not quote:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def range_values(workbook: Workbook, sheet: str, reference: str) -> list[list[Any]]:
    match = _RANGE.match(reference.strip())
    if not match:
        raise ValueError(f"not a range: {reference!r}")
    sheet_name = (match.group(1) or sheet).replace("''", "'")
    first_col, first_row, last_col, last_row = match.group(2, 3, 4, 5)
    ws = workbook[sheet_name]
    cells = ws[f"{first_col}{first_row}:{last_col or first_col}{last_row or first_row}"]
    return [[cell.value for cell in row] for row in cells]


def evaluate_udf(workbook: Workbook, sheet: str, formula: str) -> Any:
    """The value of ``=XS_NAME(ranges…, constants…)`` computed by the pure core."""
    match = _CALL.match(formula)
    if not match:
        raise ValueError(f"not a single UDF call: {formula!r}")
    spec = REGISTRY.get(match.group(1))
    args: list[Any] = []
    for text, arg in zip(split_args(match.group(2)), spec.args, strict=False):
        text = text.strip()
        if arg.kind == "range":
            args.append(range_values(workbook, sheet, text))
        else:
            args.append(float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else text)
    return invoke(spec, *args)
