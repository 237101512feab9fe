"""What the engine refuses: never a silent wrong value, always the reason and the cell.

A refused workbook gets no output file and its input is left untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from tests.engine.helpers import build, digest
from tests.engine.udfs_for_tests import registry
from xlsrc.engine import recalc

REFUSED: list[tuple[dict[str, Any], str]] = [
    ({"A1": "=FORECAST.ETS(1,A2:A3,B2:B3)"}, "S!A1: funktiota FORECAST.ETS ei tueta"),
    ({"A1": 1, "B7": "=A1+INDIRECT(C1)"}, "S!B7: INDIRECT on tuettu vain kirjaimellisella"),
    ({"C2": "=XS_NOT_THERE(1)"}, "S!C2: funktiota XS_NOT_THERE ei tueta"),
    ({"A1": "=Puuttuva!A1*2"}, "S!A1: viittaus laskentataulukkoon 'Puuttuva', jota ei ole"),
    ({"A1": "=#REF!+1"}, "S!A1: kaavassa on #REF!"),
    # a deleted sheet as Excel and LibreOffice save references to it and its Tables
    ({"A1": "=#REF!B2+1"}, "S!A1: kaava viittaa laskentataulukkoon, jota ei enää ole"),
    ({"A1": "=SUM(#NAME?[[Summa]])"}, "S!A1: kaava viittaa taulukkoon, jota ei enää ole"),
    ({"A1": "=SUM(Poistettu_T[Summa])"}, "S!A1: kaava viittaa taulukkoon 'Poistettu_T', jota"),
    ({"A1": "=SUM(Budjetti)"}, "S!A1: nimeä 'Budjetti' ei ole määritetty"),
    ({"A1": "=[1]Sheet1!A1"}, "S!A1: viittausta toiseen työkirjaan"),
    ({"A1": "=A2", "A2": "=A3+1", "A3": "=A1"}, "kehäviittaus: S!A1 -> S!A2 -> S!A3 -> S!A1"),
    # Excel finds cycles from the formulas: a branch not taken closes one too
    ({"A1": "=IF(TRUE,1,A2)", "A2": "=A1+1"}, "kehäviittaus: S!A1 -> S!A2 -> S!A1"),
    ({"A1": "=IFERROR(1,SUM(A2:A3))", "A2": "=A1"}, "kehäviittaus: S!A1 -> S!A2 -> S!A1"),
    ({"A1": '=CHOOSE(1,"a",B1)', "B1": "=A1"}, "kehäviittaus: S!A1 -> S!B1 -> S!A1"),
    ({"A1": '=TEXT(5,"[>3]0;0")'}, "S!A1: TEXT-muotoilukoodia [>3] ei tueta"),
    ({"A1": "=XS_T_BOOM(1)"}, "S!A1: XS_T_BOOM keskeytyi virheeseen ValueError: boom"),
    (
        {"A1": "=SUM(A2:A3 B2:B3)"},
        "S!A1: odotettiin ',' tai ')' funktiossa SUM, löytyi viittaus (leikkausoperaattoria",
    ),
    ({"A1": "=XS_T_DOUBLE(1,2,3)"}, "S!A1: XS_T_DOUBLE(x) ottaa 1-1 argumenttia, sai 3"),
    # a text Excel reads by the regional settings: 1234 in the US, 1.234 in Finland
    ({"A1": '="1,234"+0'}, "S!A1: teksti '1,234' lukuna: Excel lukee sen alueasetusten mukaan"),
    ({"A1": '=VALUE("2-Feb-2026")'}, "S!A1: teksti '2-Feb-2026' lukuna"),
    (
        {"A1": '=_xlfn.XMATCH("a.*",{"ab"},3)'},
        "S!A1: hakutilaa 3 (säännölliset",
    ),
    ({"A1": '=TEXT(12,"00-00")'}, "S!A1: TEXT-muotoilu '00-00': tekstiä numeropaikkojen välissä"),
    ({"A1": '=TEXT(1,"[h]:mm")'}, "S!A1: TEXT-muotoilukoodia [h] ei tueta"),
    # Excel's own renderings of these codes (pycel's Excel-saved text.xlsx) follow rules of
    # their own: 890123.456789 with "#.###.#" is "890123.456.7"
    (
        {"A1": '=TEXT(1.5,"#.###.#")'},
        "S!A1: TEXT-muotoilu '#.###.#': useampi kuin yksi",
    ),
    ({"A1": '=TEXT(1.5,"#.##0#")'}, "S!A1: TEXT-muotoilu '#.##0#': 0 merkin # tai ? jälkeen"),
    ({"A1": '=TEXT(0,"w;x;z@")'}, "S!A1: TEXT-muotoilu 'w;x;z@': @ lukuosassa 3"),
    ({"A1": '=TEXT(-1,"")'}, "S!A1: TEXT negatiiviselle luvulle tyhjällä muotoilukoodilla"),
    (
        {"A1": "=MATCH(2,{3,1,2},1)"},
        "S!A1: likimääräinen tai binäärihaku lajittelemattomasta",
    ),
    ({"A1": '=_xlfn.SWITCH(1,1,,2,"b")'}, "S!A1: SWITCH tyhjällä argumentilla"),
    # N/T take a range's first cell, EDATE/EOMONTH reject one; ISLOGICAL differs too
    ({"A1": "=N(B1:B3)"}, "S!A1: N usean solun alueella argumenttina"),
    ({"A1": "=EOMONTH(B1:B2,0)"}, "S!A1: EOMONTH usean solun alueella argumenttina"),
    ({"A1": "=ISLOGICAL(B1:C1)"}, "S!A1: ISLOGICAL usean solun alueella argumenttina"),
    ({"A1": "=_xlfn.IFS(FALSE,1,TRUE,)"}, "S!A1: IFS tyhjällä argumentilla"),
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
        "S!A1: funktiota FOO ei tueta xlsrc-laskennassa",
        "S!B2: funktiota BAR ei tueta xlsrc-laskennassa",
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
    assert sorted(p for p in result.problems if "kehäviittaus" in p) == [
        f"S!A{r}: kehäviittaus: S!A{r} -> S!B{r} -> S!A{r}" for r in range(1, 4)
    ]
    assert len(result.problems) == 3


def test_a_cycle_through_an_untaken_this_row_reference_is_found(tmp_path: Path) -> None:
    """``[@Column]`` is read as its own row's cell directly; an untaken branch still counts."""
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "S"
    sheet.append(["Arvo", "Ehto", "Tupla"])
    for row in range(2, 5):
        sheet.append([row, "=IF(TRUE,[@Arvo],[@Tupla])", "=[@Ehto]*2"])
    sheet["E1"] = "=IF(TRUE,1,T[[#This Row],[Tupla]])"  # outside the data rows: no cell
    sheet.add_table(Table(displayName="T", ref="A1:C4"))
    source = tmp_path / "in.xlsx"
    wb.save(source)
    result = recalc(source, registry=registry())
    assert sorted(p for p in result.problems if "kehäviittaus" in p) == [
        f"S!B{r}: kehäviittaus: S!B{r} -> S!C{r} -> S!B{r}" for r in range(2, 5)
    ]
    assert len(result.problems) == 3
