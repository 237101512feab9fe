"""Native formula semantics: each case is an Excel formula and the value Excel gives.

The expected values are Excel's documented behaviour (and, for the functions
LibreOffice also has, cross-checked by test_libreoffice_oracle.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.engine.cases import (
    ARRAY_CASES,
    CASES,
    DATA,
    DOCS,
    EXCEL,
    LIBREOFFICE,
    LIBREOFFICE_DIFFERS,
)
from tests.engine.helpers import assert_excel_value, build, calc, one
from xlsrc.core.errors import XlError
from xlsrc.engine import recalc
from xlsrc.engine.compiler import Compiler
from xlsrc.engine.refs import cell_name, parse_cell


@pytest.fixture(params=["closures", "generated"])
def compiled_as(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a case through the closure tree and through generated code (codegen.py)."""
    if request.param == "generated":
        monkeypatch.setattr(Compiler, "codegen_after", 1)
    return str(request.param)


@pytest.mark.parametrize(("formula", "expected", "source"), CASES, ids=[c[0] for c in CASES])
def test_formula_value(
    tmp_path: Path, formula: str, expected: Any, source: str, compiled_as: str
) -> None:
    assert_excel_value(one(tmp_path, formula, DATA), expected)


@pytest.mark.parametrize(
    ("formula", "area", "expected", "source"), ARRAY_CASES, ids=[c[0] for c in ARRAY_CASES]
)
def test_array_formula_values(
    tmp_path: Path, formula: str, area: str, expected: list[list[Any]], source: str
) -> None:
    first = area.split(":")[0]
    book = calc(tmp_path, {"S": dict(DATA)}, arrays={f"S!{first}": (area, formula)})
    row, column = parse_cell(first)
    for i, line in enumerate(expected):
        for j, value in enumerate(line):
            assert_excel_value(book.value("S", cell_name(row + i, column + j)), value)


def test_a_spill_reference_is_the_dynamic_array_s_range(tmp_path: Path) -> None:
    """A1# (written _xlfn.ANCHORARRAY(A1)) grows with the spill; a changed size is refused."""
    book = calc(
        tmp_path,
        {"S": {"B1": "=SUM(_xlfn.ANCHORARRAY(A1))", "B2": "=ROWS(_xlfn.ANCHORARRAY(A1))"}},
        arrays={"S!A1": ("A1:A3", "=_xlfn.SEQUENCE(3)")},
    )
    assert (book.value("S", "B1"), book.value("S", "B2")) == (6.0, 3.0)
    source = build(
        tmp_path / "in.xlsx", {"S": {}}, arrays={"S!A1": ("A1:A2", "=_xlfn.SEQUENCE(3)")}
    )
    problems = recalc(source).problems
    assert problems == [
        "S!A1: dynaaminen taulukko levittäytyisi uuteen kokoon 3x1 tallennetun alueen A1:A2 "
        "sijaan (Excel levittäisi sen toisin tai näyttäisi #SPILL!)"
    ]


def test_every_case_names_its_source() -> None:
    assert {source for _, _, source in CASES} <= {EXCEL, LIBREOFFICE, DOCS}
    assert {source for *_, source in ARRAY_CASES} <= {EXCEL, LIBREOFFICE, DOCS}
    not_libreoffice = {formula for formula, _, source in CASES if source != LIBREOFFICE}
    assert set(LIBREOFFICE_DIFFERS) <= not_libreoffice


def test_formulas_see_each_other_across_sheets_in_any_order(tmp_path: Path) -> None:
    book = calc(
        tmp_path,
        {
            "Yhteenveto": {"A1": "='Menot ja tulot'!C3*2", "A2": "=Apu!A1+A1"},
            "Menot ja tulot": {"A3": 4, "B3": "=A3+1", "C3": "=B3*10"},
            "Apu": {"A1": "=Yhteenveto!A1/2"},
        },
    )
    assert book.value("Yhteenveto", "A1") == 100.0
    assert book.value("Apu", "A1") == 50.0
    assert book.value("Yhteenveto", "A2") == 150.0


def test_defined_names_reach_ranges_and_constants(tmp_path: Path) -> None:
    book = calc(
        tmp_path,
        {"Data": {"A1": 2, "A2": 3, "B1": "=SUM(Luvut)*Kerroin", "B2": "=Kerroin"}},
        names={"Luvut": "Data!$A$1:$A$2", "Kerroin": "10"},
    )
    assert book.value("Data", "B1") == 50.0
    assert book.value("Data", "B2") == 10.0


def test_array_formulas_fill_their_area(tmp_path: Path) -> None:
    book = calc(
        tmp_path,
        {"S": {"A1": 1, "A2": 2, "A3": 3, "B1": "x", "B2": "y", "B3": "x"}},
        arrays={
            "S!C1": ("C1:C4", "=A1:A3*10"),
            "S!D1": ("D1", '=SUM(IF(B1:B3="x",A1:A3))'),
            "S!E1": ("E1:F2", "=5"),
            "S!G1": ("G1", "=AVERAGE(IF(A1:A3>1,A1:A3))"),
        },
    )
    assert [book.value("S", f"C{i}") for i in range(1, 5)] == [10.0, 20.0, 30.0, XlError.NA]
    assert book.value("S", "D1") == 4.0
    assert {book.value("S", a) for a in ("E1", "E2", "F1", "F2")} == {5.0}
    assert book.value("S", "G1") == 2.5


def test_chains_deeper_than_python_recursion_evaluate(tmp_path: Path) -> None:
    # each cell depends on the one *below*, so row order gives no help: 5000 levels deep
    cells: dict[str, Any] = {"A5001": 1}
    for row in range(1, 5001):
        cells[f"A{row}"] = f"=A{row + 1}+1"
    book = calc(tmp_path, {"S": cells})
    assert book.value("S", "A1") == 5001.0


def test_table_structured_references(tmp_path: Path) -> None:
    import openpyxl
    from openpyxl.worksheet.table import Table

    from xlsrc.engine import evaluate

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mittarit"
    ws.append(["Mittari", "Arvo", "Tavoite", "Ero"])
    for _i, (name, value, target) in enumerate([("a", 5, 4), ("b", 7, 9), ("c", 1, 1)], start=2):
        ws.append([name, value, target, "=Mittaritaulu[@Arvo]-Mittaritaulu[@Tavoite]"])
    ws.add_table(Table(displayName="Mittaritaulu", ref="A1:D4"))
    ws["F1"] = "=SUM(Mittaritaulu[Arvo])"
    ws["F2"] = "=COUNTA(Mittaritaulu[#Headers])"
    ws["F3"] = "=SUM(Mittaritaulu[[Arvo]:[Tavoite]])"
    path = tmp_path / "table.xlsx"
    wb.save(path)
    book = evaluate(path)
    assert [book.value("Mittarit", f"D{r}") for r in (2, 3, 4)] == [1.0, -2.0, 0.0]
    assert book.value("Mittarit", "F1") == 13.0
    assert book.value("Mittarit", "F2") == 4.0
    assert book.value("Mittarit", "F3") == 27.0


def test_a_whole_row_spilled_shows_zero_beyond_the_used_cells(tmp_path: Path) -> None:
    """Excel: =First!1:1 over A1:XFD1 is 0 in the empty cells (xlcalculator reader.xlsm)."""
    book = calc(
        tmp_path,
        {"First": {"A1": "a", "B1": 2}, "S": {}},
        arrays={
            "S!A1": ("A1:E1", "=First!1:1"),
            "S!A3": ("A3:A4", "=SUMPRODUCT(First!1:1,First!1:1)"),
        },
    )
    assert [book.value("S", c) for c in ("A1", "B1", "C1", "D1", "E1")] == ["a", 2.0, 0.0, 0.0, 0.0]
    assert book.value("S", "A3") == 4.0


def test_whole_rows_and_columns_are_not_computed_element_by_element(tmp_path: Path) -> None:
    """Trimmed to the used cells, {=COUNTA(A:A*1)} would count 2, Excel counts 1,048,576."""
    source = build(
        tmp_path / "in.xlsx",
        {"S": {"A1": 1, "A2": 2}},
        arrays={"S!C1": ("C1", "=COUNTA(A:A*1)"), "S!D1": ("D1:D2", "=TRANSPOSE(1:1)")},
    )
    result = recalc(source)
    assert any(p.startswith("S!C1: ") and "S!A1:A1048576" in p for p in result.problems)
    assert any(p.startswith("S!D1: ") for p in result.problems)


def test_a_smaller_stack_is_used_when_the_large_one_cannot_be_had(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under an address-space cap a 512 MiB thread stack may not map; the chain still runs."""
    import threading

    started, set_size = threading.Thread.start, threading.stack_size
    size = [0]
    tried: list[int] = []

    def stack_size(*new: int) -> int:  # threading.stack_size() with no argument sets 0
        size[0] = new[0] if new else 0
        return set_size(*new)

    def start_only_small(self: threading.Thread) -> None:
        tried.append(size[0])
        if size[0] > 32 * 1024 * 1024:
            raise RuntimeError("can't start new thread")
        started(self)

    monkeypatch.setattr(threading, "stack_size", stack_size)
    monkeypatch.setattr(threading.Thread, "start", start_only_small)
    cells: dict[str, Any] = {"A3001": 1}
    for row in range(1, 3001):
        cells[f"A{row}"] = f"=A{row + 1}+1"
    book = calc(tmp_path, {"S": cells})
    assert book.value("S", "A1") == 3001.0
    assert [size // (1024 * 1024) for size in tried] == [512, 128, 32]


def test_no_stack_at_all_is_a_refusal_not_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from xlsrc.engine.errors import TooLarge

    def never(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", never)
    with pytest.raises(TooLarge, match="muisti ei riitä"):
        calc(tmp_path, {"S": {"A1": 1, "B1": "=A1+1"}})
