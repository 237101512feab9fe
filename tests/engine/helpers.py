"""Building small workbooks cell by cell for engine tests, and reading them back."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula

from tests.engine.udfs_for_tests import registry as test_registry
from xlsrc.engine import evaluate
from xlsrc.engine.recalc import Evaluated


def build(
    path: Path,
    sheets: Mapping[str, Mapping[str, Any]],
    *,
    names: Mapping[str, str] | None = None,
    arrays: Mapping[str, tuple[str, str]] | None = None,
) -> Path:
    """A workbook with ``sheets`` = {sheet: {"A1": value or "=formula"}}.

    ``arrays`` = {"Sheet!D1": ("D1:D3", "=formula")} adds legacy array formulas;
    ``names`` = {"Name": "Sheet!$A$1"} adds workbook-scope defined names.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet_name, cells in sheets.items():
        ws = wb.create_sheet(sheet_name)
        for address, value in cells.items():
            ws[address] = value
    for where, (area, formula) in (arrays or {}).items():
        sheet_name, address = where.split("!")
        wb[sheet_name][address] = ArrayFormula(area, formula)
    for name, target in (names or {}).items():
        wb.defined_names[name] = DefinedName(name, attr_text=target)
    wb.save(path)
    return path


def calc(tmp_path: Path, sheets: Mapping[str, Mapping[str, Any]], **options: Any) -> Evaluated:
    """Build and evaluate in memory with the test registry."""
    path = build(tmp_path / "book.xlsx", sheets, **options)
    return evaluate(path, registry=test_registry())


def one(tmp_path: Path, formula: str, cells: Mapping[str, Any] | None = None) -> Any:
    """The value of ``formula`` placed in Z1 of a sheet holding ``cells``."""
    sheet = dict(cells or {})
    sheet["Z1"] = formula
    return calc(tmp_path, {"S": sheet}).value("S", "Z1")


def assert_excel_value(got: Any, expected: Any) -> None:
    """``got`` is Excel's ``expected``: numbers to 1e-12, other values of the same type exactly."""
    if isinstance(expected, float) and not isinstance(expected, bool):
        assert type(got) is float, got
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-12)
    else:
        assert type(got) is type(expected), got
        assert got == expected


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cached_values(path: Path, sheet: str) -> dict[str, Any]:
    """What any reader sees without recalculating: openpyxl with data_only=True."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {
        c.coordinate: c.value for row in wb[sheet].iter_rows() for c in row if c.value is not None
    }
