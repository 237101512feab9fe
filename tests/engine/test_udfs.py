"""Registry functions (XS_...) inside the engine: nested in native formulas and feeding them,
range forms as array formulas, results written as cached values, checked against the
plain Python functions."""

from __future__ import annotations

from pathlib import Path

from tests.engine import udfs_for_tests as udfs
from tests.engine.builders import (
    DETAIL_SHEET,
    PIVOT_SHEET,
    PIVOT_UDF_CELL,
    programme_workbook,
    rules_rows,
)
from tests.engine.helpers import build, cached_values, calc
from xlsrc.core.errors import XlError
from xlsrc.engine import evaluate, recalc
from xlsrc.engine.recalc import default_registry
from xlsrc.functions.programme import xs_pivot_cell
from xlsrc.functions.status import xs_bands
from xlsrc.registry import invoke

COLUMN = {"A1": 1.5, "A2": 2.0, "A3": None, "A4": 4.0}


def test_udf_nested_in_native_and_native_nested_in_udf(tmp_path: Path) -> None:
    book = calc(
        tmp_path,
        {
            "S": {
                **{k: v for k, v in COLUMN.items() if v is not None},
                "B1": "=ROUND(XS_T_DOUBLE(SUM(A1:A4))/3,2)",
                "B2": '=IF(XS_T_DOUBLE(A2)>3,"iso","pieni")',
                "B3": '=XS_T_LABEL(A1*2," €")&"!"',
                "B4": "=XS_T_DOUBLE(XS_T_DOUBLE(A4))",
                "C1": "=XS_T_TOTAL(A1:B4)",
                "C2": "=SUM(D1:D4)",
                "C3": '=IFERROR(XS_T_DOUBLE("x"),-1)',
            }
        },
        arrays={"S!D1": ("D1:D4", "=XS_T_SCALE(A1:A4,10)")},
    )
    assert book.value("S", "B1") == round(udfs.double(7.5) / 3, 2)
    assert book.value("S", "B2") == "iso"
    assert book.value("S", "B3") == udfs.label(3.0, " €") + "!"
    assert book.value("S", "B4") == udfs.double(udfs.double(4.0))
    # the UDF sees the numbers of A and B, the texts of B are ignored by the function
    assert book.value("S", "C1") == udfs.total(
        [[1.5, 5.0], [2.0, "iso"], [None, "n=3 €!"], [4.0, 16.0]]
    )
    expected_column = udfs.scale([[v] for v in COLUMN.values()], 10)
    assert [book.value("S", f"D{i}") for i in range(1, 5)] == [row[0] for row in expected_column]
    assert book.value("S", "C2") == sum(v for (v,) in expected_column if isinstance(v, float))
    assert book.value("S", "C3") == -1.0


def test_udf_error_values_propagate_like_native_errors(tmp_path: Path) -> None:
    book = calc(
        tmp_path,
        {"S": {"A1": "abc", "B1": "=XS_T_DOUBLE(A1)", "B2": "=B1+1", "B3": "=ISERROR(B1)"}},
    )
    assert book.value("S", "B1") is XlError.VALUE
    assert book.value("S", "B2") is XlError.VALUE
    assert book.value("S", "B3") is True


def test_array_udf_cached_values_reach_other_readers(tmp_path: Path) -> None:
    source = build(
        tmp_path / "in.xlsx",
        {"S": {"A1": 1, "A2": 2, "A3": 3, "C1": "=SUM(B1:B3)"}},
        arrays={"S!B1": ("B1:B3", "=XS_T_SCALE(A1:A3,2)")},
    )
    result = recalc(source, tmp_path / "out.xlsx", registry=udfs.registry())
    assert result.ok, result.problems
    assert result.udf_cells == 3
    assert result.formulas == 4
    seen = cached_values(tmp_path / "out.xlsx", "S")
    assert [seen["B1"], seen["B2"], seen["B3"], seen["C1"]] == [2, 4, 6, 12]


def test_real_registry_functions_match_the_pure_functions(tmp_path: Path) -> None:
    """The programme workbook with xlsrc's own UDFs: every UDF cell equals the plain call."""
    rows = 40
    path = programme_workbook(tmp_path / "ohjelma.xlsx", rows)
    book = evaluate(path)
    last = rows + 1
    detail = {
        c: [book.value(DETAIL_SHEET, f"{c}{r}") for r in range(2, last + 1)] for c in "ACDEFIJKL"
    }
    rules = rules_rows()
    bands = xs_bands([[v] for v in detail["D"]], rules)
    assert detail["J"] == [row[0] for row in bands]
    # K is IFERROR(XS_CHANGE_PCT(E, F, "Menot", 1), ""): the plain call as a cell would make
    # it (a typed core error becomes an error value), then IFERROR's fallback
    change = default_registry().get("XS_CHANGE_PCT")
    expected_k = [
        "" if isinstance(direct, XlError) else direct
        for direct in (
            invoke(change, old, new, "Menot", 1.0)
            for old, new in zip(detail["E"], detail["F"], strict=True)
        )
    ]
    assert detail["K"] == expected_k
    assert any(isinstance(v, float) for v in expected_k)
    expected_l = [
        "ok" if j == i else "tarkista " + j for i, j in zip(detail["I"], detail["J"], strict=True)
    ]
    assert detail["L"] == expected_l
    pivot_cell = book.value(PIVOT_SHEET, PIVOT_UDF_CELL)
    assert pivot_cell == xs_pivot_cell(
        book.value(PIVOT_SHEET, "A2"),
        book.value(PIVOT_SHEET, "B1"),
        [[v] for v in detail["A"]],
        [[v] for v in detail["C"]],
        [[v] for v in detail["E"]],
    )
