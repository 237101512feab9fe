"""Values pasted over a computed column: the formulas are gone, and validation says so.

Finance staff copy a table and "paste values" back, or type over a grey cell.  The
cells then show numbers that no longer follow the inputs, in the workbook and in a
published copy, although every stated cell still checks out.  The package reader
(``xlsrc validate``, the validation inside ``xlsrc recalc``) sees which cells lost their
formula; openpyxl's cached-value reader cannot, so this module reads only the package.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from tests.edits import Table, edited
from tests.test_user_edits import programmes
from xlsrc.engine.recalc import evaluate, recalc
from xlsrc.reading.source import WorkbookSource
from xlsrc.validation import CellFinding, validate_workbook
from xlsrc.validation.hook import validate_recalculated
from xlsrc.workbooks.layouts.programmes import PIVOT_SAVINGS


def _pasted(tmp_path: Path) -> tuple[Path, list[str]]:
    """The demo with the pivot's '2. Etenee…' column pasted as values (as Excel shows them)."""
    source = tmp_path / "ohjelmat.xlsx"
    source.write_bytes(programmes())
    assert recalc(source, in_place=True).ok
    shown = evaluate(source)
    cells: list[str] = []

    def paste(book: Workbook) -> None:
        pivot = Table(book, PIVOT_SAVINGS)
        for index in range(len(pivot.rows)):
            cell = pivot.cell("status_2_calc", index)
            pivot.sheet[cell] = shown.value(PIVOT_SAVINGS.sheet_name, cell)
            cells.append(cell)

    path = tmp_path / "liitetty.xlsx"
    path.write_bytes(edited(source.read_bytes(), paste))
    return path, cells


def test_values_pasted_over_a_computed_column_are_an_error_at_its_first_cell(
    tmp_path: Path,
) -> None:
    path, cells = _pasted(tmp_path)
    [found] = [f for f in validate_workbook(path) if f.rule == "formula_replaced"]
    assert (found.sheet, found.cell, found.severity) == (
        PIVOT_SAVINGS.sheet_name,
        cells[0],
        "error",
    )
    assert f"ja {len(cells) - 1} muuta riviä" in found.message


def test_recalc_finds_it_too(tmp_path: Path) -> None:
    path, cells = _pasted(tmp_path)
    findings: list[CellFinding] = []

    def hook(source: WorkbookSource) -> list[CellFinding]:
        findings.extend(validate_recalculated(source))
        return findings

    assert recalc(path, tmp_path / "out.xlsx", validate=hook).ok
    assert [f.cell for f in findings if f.rule == "formula_replaced"] == [cells[0]]


def test_the_demo_itself_has_every_computed_formula(tmp_path: Path) -> None:
    source = tmp_path / "ohjelmat.xlsx"
    source.write_bytes(programmes())
    assert not [f for f in validate_workbook(source) if f.rule == "formula_replaced"]


def test_an_emptied_computed_cell_on_a_row_with_inputs_is_a_note(tmp_path: Path) -> None:
    """What LibreOffice leaves in a row it inserts: no formula, no value; totals still count."""
    cell: list[str] = []

    def clear(book: Workbook) -> None:
        pivot = Table(book, PIVOT_SAVINGS)
        cell.append(pivot.cell("status_2_calc", 1))
        pivot.sheet[cell[0]] = None

    path = tmp_path / "tyhjennetty.xlsx"
    path.write_bytes(edited(programmes(), clear))
    [found] = [f for f in validate_workbook(path) if f.rule.startswith("formula_")]
    assert (found.rule, found.cell, found.severity) == ("formula_missing", cell[0], "note")


def test_a_formula_saved_without_its_value_is_refused_by_name(tmp_path: Path) -> None:
    """A script (openpyxl) writes "=10000+10000" into an input cell and saves no value: read as
    a blank it gave 'puuttuu' and sums that did not add up; there is nothing to check yet."""
    from xlsrc.core.errors import UnusableInput
    from xlsrc.workbooks.layouts.programmes import SAVINGS_MEASURES

    cell: list[str] = []

    def typed(book: Workbook) -> None:
        measures = Table(book, SAVINGS_MEASURES)
        cell.append(measures.cell("target_sum", 0))
        measures.sheet[cell[0]] = "=10000+10000"

    path = tmp_path / "kaava.xlsx"
    path.write_bytes(edited(programmes(), typed))
    with pytest.raises(UnusableInput, match=f"!{cell[0]}: solussa on kaava ilman laskettua arvoa"):
        validate_workbook(path)
    assert recalc(path, tmp_path / "laskettu.xlsx").ok  # after recalc there is a value
    assert not [f for f in validate_workbook(tmp_path / "laskettu.xlsx") if f.cell == cell[0]]
