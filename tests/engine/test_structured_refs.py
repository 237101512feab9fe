"""Structured references and array arguments in the forms the templates use (TABLE_CASES).

Every case of tests/engine/cases.py TABLE_CASES is computed through the
closure compiler and through generated code, in one workbook with Excel
tables (tests/engine/tables.py), and must give Excel's documented value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.engine.cases import TABLE_CASES
from tests.engine.helpers import assert_excel_value, build
from tests.engine.tables import table_workbook
from xlsrc.engine import evaluate, recalc
from xlsrc.engine.compiler import Compiler
from xlsrc.engine.recalc import Evaluated


@pytest.fixture(scope="module", params=["closures", "generated"])
def book(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Evaluated]:
    path = table_workbook(tmp_path_factory.mktemp("tables") / "taulukot.xlsx")
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "generated":
            patch.setattr(Compiler, "codegen_after", 1)
        yield evaluate(path)


@pytest.mark.parametrize(
    ("where", "formula", "expected", "source"), TABLE_CASES, ids=[c[0] for c in TABLE_CASES]
)
def test_table_formula(
    book: Evaluated, where: str, formula: str, expected: Any, source: str
) -> None:
    sheet, cell = where.split("!")
    assert_excel_value(book.value(sheet, cell), expected)


def test_every_table_case_names_a_documented_source() -> None:
    assert all(source.startswith("Excel docs") for *_, source in TABLE_CASES)


@pytest.mark.parametrize(
    "formula",
    [
        "=SUMPRODUCT(IF(A1:A3>1,1,0))",
        "=SUMPRODUCT(IFERROR(1/A1:A3,0))",
        "=SUMPRODUCT(INDEX(A1:A3,{1,2}))",
    ],
)
def test_branches_and_references_over_arrays_inside_sumproduct_are_refused(
    tmp_path: Path, formula: str
) -> None:
    """Without Ctrl+Shift+Enter Excel does not lift IF, IFERROR or INDEX over an array."""
    source = build(tmp_path / "in.xlsx", {"S": {"A1": 1, "A2": 2, "A3": 3, "B1": formula}})
    result = recalc(source)
    assert not result.ok
    assert any(
        problem.startswith("S!B1: ") and "SUMPRODUCT" in problem for problem in result.problems
    )


def test_the_same_formulas_in_an_array_formula_are_lifted(tmp_path: Path) -> None:
    source = build(
        tmp_path / "in.xlsx",
        {"S": {"A1": 1, "A2": 2, "A3": 3}},
        arrays={"S!B1": ("B1", "=SUMPRODUCT(IF(A1:A3>1,1,0))")},
    )
    assert evaluate(source).value("S", "B1") == 2.0
