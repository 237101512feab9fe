"""What the engine refuses: never a silent wrong value, always the reason and the cell.

A refused workbook gets no output file and its input is left untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.engine.helpers import build, digest
from tests.engine.udfs_for_tests import registry
from xlsrc.engine import recalc

REFUSED: list[tuple[dict[str, Any], str]] = [
    ({"A1": "=FORECAST.ETS(1,A2:A3,B2:B3)"}, "S!A1: function FORECAST.ETS is not supported"),
    ({"A1": 1, "B7": "=A1+INDIRECT(C1)"}, "S!B7: INDIRECT is supported only with a literal"),
    ({"C2": "=XS_NOT_THERE(1)"}, "S!C2: function XS_NOT_THERE is not supported"),
    ({"A1": "=Puuttuva!A1*2"}, "S!A1: reference to sheet 'Puuttuva', which does not exist"),
    ({"A1": "=#REF!+1"}, "S!A1: the formula contains #REF!"),
    ({"A1": "=SUM(Budjetti)"}, "S!A1: name 'Budjetti' is not defined"),
    ({"A1": "=[1]Sheet1!A1"}, "S!A1: reference to another workbook"),
    ({"A1": "=A2", "A2": "=A3+1", "A3": "=A1"}, "circular reference: S!A1 -> S!A2 -> S!A3 -> S!A1"),
    # Excel finds cycles from the formulas: a branch not taken closes one too
    ({"A1": "=IF(TRUE,1,A2)", "A2": "=A1+1"}, "circular reference: S!A1 -> S!A2 -> S!A1"),
    ({"A1": "=IFERROR(1,SUM(A2:A3))", "A2": "=A1"}, "circular reference: S!A1 -> S!A2 -> S!A1"),
    ({"A1": '=CHOOSE(1,"a",B1)', "B1": "=A1"}, "circular reference: S!A1 -> S!B1 -> S!A1"),
    ({"A1": '=TEXT(5,"[>3]0;0")'}, "S!A1: TEXT format code [>3] is not supported"),
    ({"A1": "=XS_T_BOOM(1)"}, "S!A1: XS_T_BOOM raised ValueError: boom"),
    (
        {"A1": "=SUM(A2:A3 B2:B3)"},
        "S!A1: expected ',' or ')' in SUM, found a reference (the intersection operator",
    ),
    ({"A1": "=XS_T_DOUBLE(1,2,3)"}, "S!A1: XS_T_DOUBLE(x) takes 1-1 arguments, got 3"),
    # a text Excel reads by the regional settings: 1234 in the US, 1.234 in Finland
    ({"A1": '="1,234"+0'}, "S!A1: the text '1,234' as a number: Excel reads it by the regional"),
    ({"A1": '=VALUE("2-Feb-2026")'}, "S!A1: the text '2-Feb-2026' as a number"),
    ({"A1": '=_xlfn.XMATCH("a.*",{"ab"},3)'}, "S!A1: match mode 3 (regular expressions)"),
    ({"A1": '=TEXT(12,"00-00")'}, "S!A1: TEXT format '00-00': text between digit placeholders"),
    ({"A1": '=TEXT(1,"[h]:mm")'}, "S!A1: TEXT format code [h] is not supported"),
    # Excel's own renderings of these codes (pycel's Excel-saved text.xlsx) follow rules of
    # their own: 890123.456789 with "#.###.#" is "890123.456.7"
    ({"A1": '=TEXT(1.5,"#.###.#")'}, "S!A1: TEXT format '#.###.#': more than one decimal"),
    ({"A1": '=TEXT(1.5,"#.##0#")'}, "S!A1: TEXT format '#.##0#': 0 after # or ? in the"),
    ({"A1": '=TEXT(0,"w;x;z@")'}, "S!A1: TEXT format 'w;x;z@': @ in number section 3"),
    ({"A1": '=TEXT(-1,"")'}, "S!A1: TEXT of a negative number with an empty format code"),
    ({"A1": "=MATCH(2,{3,1,2},1)"}, "S!A1: approximate or binary-search lookup in unsorted data"),
    ({"A1": '=_xlfn.SWITCH(1,1,,2,"b")'}, "S!A1: SWITCH with an omitted argument"),
    ({"A1": "=_xlfn.IFS(FALSE,1,TRUE,)"}, "S!A1: IFS with an omitted argument"),
]


@pytest.mark.parametrize(("cells", "reason"), REFUSED, ids=[r for _, r in REFUSED])
def test_refused_with_reason_and_cell(tmp_path: Path, cells: dict[str, Any], reason: str) -> None:
    source = build(tmp_path / "in.xlsx", {"S": {**cells, "Z9": "=1+1"}})
    before = digest(source)
    result = recalc(source, tmp_path / "out.xlsx", registry=registry())
    assert not result.ok
    assert any(reason in problem for problem in result.problems), result.problems
    assert result.output is None
    assert not (tmp_path / "out.xlsx").exists()
    assert digest(source) == before


def test_every_unsupported_function_is_listed_not_just_the_first(tmp_path: Path) -> None:
    source = build(tmp_path / "in.xlsx", {"S": {"A1": "=FOO(1)", "B2": "=BAR(2)+FOO(3)"}})
    result = recalc(source, registry=registry())
    assert result.problems == [
        "S!A1: function FOO is not supported by the xlsrc engine",
        "S!B2: function BAR is not supported by the xlsrc engine",
    ]


def test_error_values_are_results_not_refusals(tmp_path: Path) -> None:
    source = build(tmp_path / "in.xlsx", {"S": {"A1": 0, "B1": "=1/A1", "B2": "=NA()"}})
    result = recalc(source, tmp_path / "out.xlsx", registry=registry())
    assert result.ok
    assert result.error_cells == [("S!B1", "#DIV/0!"), ("S!B2", "#N/A")]


def test_output_may_not_overwrite_input_unless_in_place(tmp_path: Path) -> None:
    source = build(tmp_path / "in.xlsx", {"S": {"A1": "=1+1"}})
    result = recalc(source, source, registry=registry())
    assert not result.ok
    assert "in-place" in result.problems[0]
    in_place = recalc(source, in_place=True, registry=registry())
    assert in_place.ok and in_place.output == str(source)


def test_a_cycle_through_an_untaken_branch_of_generated_code_is_found(tmp_path: Path) -> None:
    """A column of IF formulas is compiled to generated code; its untaken branches count too."""
    cells: dict[str, Any] = {f"A{r}": f"=IF(TRUE,{r},B{r})" for r in range(1, 4)}
    cells.update({f"B{r}": f"=A{r}*2" for r in range(1, 4)})
    cells["C1"] = "=IF(FALSE,ROW(C1),1)"  # a reference read without its value is no cycle
    source = build(tmp_path / "in.xlsx", {"S": cells})
    result = recalc(source, registry=registry())
    assert sorted(p for p in result.problems if "circular" in p) == [
        f"S!A{r}: circular reference: S!A{r} -> S!B{r} -> S!A{r}" for r in range(1, 4)
    ]
    assert len(result.problems) == 3
