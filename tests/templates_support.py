"""Shared by the template tests: the built workbooks and where their tables sit.

Values are computed by the headless engine (:func:`xlsrc.engine.recalc.evaluate`);
the LibreOffice test checks those values against a second client.
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

from xlsrc.core.a1 import column_letter, parse_range
from xlsrc.engine.recalc import Evaluated, evaluate
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import TableLayout, WorkbookLayout

REPO = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = REPO / "workbook_templates"


@cache
def built(layout_key: str, example: bool) -> bytes:
    from xlsrc.workbooks.layouts import workbook

    return build_workbook(workbook(layout_key), example)


def load(layout: WorkbookLayout, example: bool) -> Workbook:
    """A fresh openpyxl workbook of the built template or example (safe to modify)."""
    return openpyxl.load_workbook(io.BytesIO(built(layout.key, example)))


def save(workbook: Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def computed(workbook: Workbook, tmp_path: Path, name: str = "kirja.xlsx") -> Evaluated:
    """The workbook's values as the engine computes them."""
    return evaluate(save(workbook, tmp_path / name))


def formula_text(cell_value: Any) -> str | None:
    if isinstance(cell_value, ArrayFormula):
        return cell_value.text
    if isinstance(cell_value, str) and cell_value.startswith("="):
        return cell_value
    return None


def table_area(sheet: Worksheet, name: str) -> tuple[int, int, int, int]:
    """(header row, first column, last row, last column) of the Excel Table ``name``."""
    return parse_range(sheet.tables[name].ref)


def body_rows(sheet: Worksheet, table: TableLayout) -> range:
    """The body rows of ``table`` as the workbook's Excel Table says."""
    header, _, last, _ = table_area(sheet, table.name)
    return range(header + 1, last + 1)


def letter(table: TableLayout, key: str) -> str:
    """The column letter of ``key`` (tables start in column A)."""
    return column_letter(table.columns.index(table.column(key)) + 1)


def header_row(sheet: Worksheet, table: TableLayout) -> int:
    return table_area(sheet, table.name)[0]


def summary_rows(sheet: Worksheet, name: str) -> dict[str, dict[str, Any]]:
    """The summary Table ``name`` as {row label: {header: cell value}}."""
    top, left, last, right = table_area(sheet, name)
    headers = [sheet.cell(top, c).value for c in range(left, right + 1)]
    rows = {}
    for row in range(top + 1, last + 1):
        values = [sheet.cell(row, c).value for c in range(left, right + 1)]
        rows[str(values[0])] = dict(zip(headers[1:], values[1:], strict=True))
    return rows


STRUCTURED = re.compile(r"\b[A-Za-z_][\w.]*\[")


# --- an oracle for the XS_ cells, independent of the engine -------------------------------

_CALL = re.compile(r"^(XS_[A-Z_]+)\((.*)\)$")


def _split_args(text: str) -> list[str]:
    """Top-level comma-separated arguments (commas inside quotes or braces kept)."""
    parts, depth, quote, current = [], 0, False, ""
    for char in text:
        if char == '"':
            quote = not quote
        if char in "({" and not quote:
            depth += 1
        if char in ")}" and not quote:
            depth -= 1
        if char == "," and depth == 0 and not quote:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _column_values(workbook: Workbook, table: TableLayout, key: str) -> list[list[Any]]:
    sheet = workbook[table.sheet_name]
    column = letter(table, key)
    return [[sheet[f"{column}{row}"].value] for row in body_rows(sheet, table)]


def _rules_values(workbook: Workbook, block_key: str) -> list[list[Any]]:
    from xlsrc.workbooks.layouts import rules_block

    block = rules_block(block_key)
    sheet = workbook["Säännöt"]
    top, left, last, right = table_area(sheet, block.name)
    return [
        [sheet.cell(r, c).value for c in range(left, right + 1)] for r in range(top + 1, last + 1)
    ]


def udf_call(
    workbook: Workbook, tables: dict[str, TableLayout], table: TableLayout, key: str, row: int
) -> tuple[Any, list[Any]]:
    """(function spec, arguments) of the XS_ column ``key`` on sheet row ``row``: the
    layout's formula template with each placeholder read from the workbook, as Excel
    evaluates a custom function's arguments before calling it."""
    from xlsrc.registry import Registry
    from xlsrc.workbooks.formulas import printed_status

    template = table.column(key).formula or ""
    match = _CALL.match(template)
    if match is None:
        raise ValueError(f"{table.key}.{key} is not one XS_ call: {template!r}")
    spec = Registry.default().get(match[1])
    args: list[Any] = []
    for text in _split_args(match[2]):
        text = text.strip()
        if text.startswith("{rules:"):
            args.append(_rules_values(workbook, text[7:-1]))
        elif text.startswith("{") and text.endswith(":col}"):
            reference = text[1:-5]
            other, _, column = reference.rpartition(".")
            args.append(_column_values(workbook, tables[other] if other else table, column))
        elif text.startswith("{"):
            sheet = workbook[table.sheet_name]
            args.append(sheet[f"{letter(table, text[1:-1])}{row}"].value)
        elif text.startswith('"{status:'):  # a status word in the workbook's language
            _, vocabulary, code = text[2:-2].split(":")
            args.append(printed_status(vocabulary, code))
        elif text.startswith('"'):
            args.append(text[1:-1])
        else:
            args.append(float(text))
    return spec, args


def expected_udf(
    workbook: Workbook, tables: dict[str, TableLayout], table: TableLayout, key: str, row: int
) -> Any:
    """The value the pure core gives the XS_ column ``key`` on sheet row ``row``."""
    from xlsrc.registry import invoke

    spec, args = udf_call(workbook, tables, table, key, row)
    return invoke(spec, *args)
