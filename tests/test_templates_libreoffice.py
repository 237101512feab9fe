"""LibreOffice, a second spreadsheet engine no one here wrote, opens every template and
example and recalculates their native formulas to the values xlsrc computes.

LibreOffice does not know the XS_ functions: on the files as built, the UDF cells
must be exactly the cells it cannot compute (#NAME?).  To check the native
formulas that read UDF results too (the goal cards count tasks by computed
status), a copy with the UDF cells replaced by xlsrc's values is recalculated
as well, and every native formula cell must agree with xlsrc: numbers within
1e-9 relative, text exactly, the same Excel error where there is one.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

from tests.templates_support import built
from xlsrc.core.errors import XlError
from xlsrc.engine import Evaluated, evaluate
from xlsrc.libreoffice import Session
from xlsrc.workbooks.layouts import WORKBOOKS

BUILDS = [(layout.key, example) for layout in WORKBOOKS for example in (False, True)]
IDS = [f"{key}-{'example' if example else 'template'}" for key, example in BUILDS]


@pytest.fixture(scope="module")
def office() -> Iterator[Session]:
    with Session() as session:
        yield session


def _write(tmp_path: Path, key: str, example: bool) -> Path:
    path = tmp_path / f"{key}-{'example' if example else 'template'}.xlsx"
    path.write_bytes(built(key, example))
    return path


def _cells(ref: str, sheet: Worksheet) -> list[str]:
    return [
        cell.coordinate
        for row in sheet[ref]
        for cell in (row if isinstance(row, tuple) else (row,))
    ]


def udf_cells(path: Path) -> dict[str, set[str]]:
    """Per sheet, every cell an XS_ formula fills (array formulas: their whole area)."""
    workbook = openpyxl.load_workbook(path)
    found: dict[str, set[str]] = {}
    for sheet in workbook.worksheets:
        cells: set[str] = set()
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, ArrayFormula) and "XS_" in cell.value.text:
                    cells.update(_cells(cell.value.ref, sheet))
                elif isinstance(cell.value, str) and cell.value.startswith("=XS_"):
                    cells.add(cell.coordinate)
        found[sheet.title] = cells
    return found


def same(xlsrc_value: Any, office_value: Any) -> bool:
    if xlsrc_value in (None, "") and office_value in (None, ""):
        return True
    if isinstance(xlsrc_value, bool) or isinstance(office_value, bool):
        return xlsrc_value == office_value
    if isinstance(xlsrc_value, int | float) and isinstance(office_value, int | float):
        return math.isclose(xlsrc_value, office_value, rel_tol=1e-9, abs_tol=1e-9)
    return bool(xlsrc_value == office_value)


def with_udf_values(path: Path, values: Evaluated, target: Path) -> Path:
    """A copy of ``path`` whose UDF cells hold xlsrc's values instead of formulas."""
    workbook = openpyxl.load_workbook(path)
    for sheet_name, cells in udf_cells(path).items():
        sheet = workbook[sheet_name]
        for coordinate in cells:
            value = values.value(sheet_name, coordinate)
            sheet[coordinate].value = (
                value.value if isinstance(value, XlError) else (None if value == "" else value)
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    target.write_bytes(buffer.getvalue())
    return target


@pytest.mark.parametrize(("key", "example"), BUILDS, ids=IDS)
def test_udf_cells_are_the_only_cells_libreoffice_cannot_compute(
    office: Session, tmp_path: Path, key: str, example: bool
) -> None:
    path = _write(tmp_path, key, example)
    computed = evaluate(path)
    office_values = office.recalculated_values(path)
    udf = udf_cells(path)
    assert sum(len(cells) for cells in udf.values()) > 0
    for sheet in computed.sheet_names:
        for cell in computed.formula_cells(sheet):
            office_value = office_values.get(sheet, {}).get(cell)
            if cell in udf[sheet]:
                assert office_value is XlError.NAME, f"{sheet}!{cell}: {office_value!r}"
            elif isinstance(office_value, XlError):
                assert computed.value(sheet, cell) is office_value, f"{sheet}!{cell}"


@pytest.mark.parametrize(("key", "example"), BUILDS, ids=IDS)
def test_libreoffice_recalculates_the_native_formulas_to_xlsrc_values(
    office: Session, tmp_path: Path, key: str, example: bool
) -> None:
    path = _write(tmp_path, key, example)
    computed = evaluate(path)
    copy = with_udf_values(path, computed, tmp_path / f"values-{path.name}")
    office_values = office.recalculated_values(copy)
    udf = udf_cells(path)
    native = {s: computed.formula_cells(s) - udf[s] for s in computed.sheet_names}
    # the strategic targets have status formulas only; every other family has native ones
    assert any(native.values()) or key == "strategic_targets"
    for sheet, cells in native.items():
        for cell in sorted(cells):
            xlsrc_value = computed.value(sheet, cell)
            office_value = office_values.get(sheet, {}).get(cell)
            assert same(xlsrc_value, office_value), (
                f"{sheet}!{cell}: xlsrc {xlsrc_value!r}, LibreOffice {office_value!r}"
            )
