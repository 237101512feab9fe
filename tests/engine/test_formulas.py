"""Native formula semantics: each case is an Excel formula and the value Excel gives.

The expected values are Excel's documented behaviour (and, for the functions
LibreOffice also has, cross-checked by test_libreoffice_oracle.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.engine.helpers import calc, one
from xlsrc.core.errors import XlError

DATA = {
    "A1": 5, "A2": "5", "A3": "abc", "A5": '=""', "A6": "Valmis", "A7": "valmis",
    "B1": 10, "B2": 20, "B3": 30, "B4": 40, "B5": 50, "B6": 60, "B7": 70,
    "C1": 1, "C2": 2, "C3": 3, "C4": True, "C5": "x",
    "D1": 0.25, "D2": 0.75, "D3": 0.9, "D4": 1.0,
}  # fmt: skip

CASES: list[tuple[str, Any]] = [
    # arithmetic, precedence, coercion
    ("=1+2*3", 7.0),
    ("=-2^2", 4.0),
    ("=2^3^2", 64.0),
    ("=(1+2)*3", 9.0),
    ("=10%", 0.1),
    ('="3"+1', 4.0),
    ('="1,234"+0', 1234.0),
    ('="50%"*2', 1.0),
    ('="abc"+1', XlError.VALUE),
    ("=TRUE+1", 2.0),
    ("=A4+1", 1.0),
    ("=1/0", XlError.DIV0),
    ("=0^0", XlError.NUM),
    ("=(-8)^0.5", XlError.NUM),
    ("=0.1+0.2=0.3", True),
    ("=3-2.9-0.1", 0.0),
    ("=1/0+NA()", XlError.DIV0),
    ("=NA()+1/0", XlError.NA),
    # comparison and text
    ('="a"="A"', True),
    ('=1<"a"', True),
    ("=TRUE>1", True),
    ('="b">"a"', True),
    ("=A4=0", True),
    ('=A4=""', True),
    ('=1/3&""', "0.333333333333333"),
    ('="x"&TRUE', "xTRUE"),
    ("=1&2", "12"),
    ('=A1&"-"&A3', "5-abc"),
    ('=12345678901234567&""', "1.23456789012346E+16"),
    # aggregates: ranges ignore text/logicals, direct arguments are coerced
    ("=SUM(A1:A7)", 5.0),
    ('=SUM("3",1,TRUE)', 5.0),
    ("=SUM(B1:B7)", 280.0),
    ("=AVERAGE(B1:B3)", 20.0),
    ("=AVERAGE(A3:A5)", XlError.DIV0),
    ("=MIN(B1:B7)", 10.0),
    ("=MAX(B1:B7,100)", 100.0),
    ("=MAX(A3:A5)", 0.0),
    ("=COUNT(A1:A7,C1:C5)", 4.0),
    ("=COUNTA(A1:A7)", 6.0),
    ("=COUNTBLANK(A1:A7)", 2.0),
    ("=PRODUCT(C1:C3)", 6.0),
    ("=SUMPRODUCT(B1:B3,C1:C3)", 140.0),
    ("=MEDIAN(B1:B4)", 25.0),
    ("=LARGE(B1:B7,2)", 60.0),
    ("=SMALL(B1:B7,2)", 20.0),
    ("=SUM(B1:B3,1/0)", XlError.DIV0),
    # rounding, Excel style
    ("=ROUND(2.675,2)", 2.68),
    ("=ROUND(1.005,2)", 1.01),
    ("=ROUND(-2.5,0)", -3.0),
    ("=ROUND(1234.5,-2)", 1200.0),
    ("=ROUNDUP(1.201,2)", 1.21),
    ("=ROUNDUP(-1.201,2)", -1.21),
    ("=ROUNDDOWN(-1.29,1)", -1.2),
    ("=INT(-2.5)", -3.0),
    ("=TRUNC(-2.57,1)", -2.5),
    ("=MOD(-3,2)", 1.0),
    ("=MOD(3,-2)", -1.0),
    ("=MOD(1,0)", XlError.DIV0),
    ("=ABS(-4)", 4.0),
    ("=SIGN(-0.5)", -1.0),
    ("=SQRT(-1)", XlError.NUM),
    ("=POWER(2,10)", 1024.0),
    ("=CEILING(4.2,0.5)", 4.5),
    ("=FLOOR(4.7,0.5)", 4.5),
    # logic
    ('=IF(B1>5,"iso","pieni")', "iso"),
    ('=IF(B1<5,"iso")', False),
    ("=IF(1/0,1,2)", XlError.DIV0),
    ("=IF(TRUE,1,1/0)", 1.0),
    ('=IFS(B1>50,"a",B1>5,"b")', "b"),
    ('=IFS(B1>50,"a")', XlError.NA),
    ('=IFERROR(1/0,"x")', "x"),
    ('=IFERROR(B1,"x")', 10.0),
    ('=IFNA(NA(),"puuttuu")', "puuttuu"),
    ('=IFNA(1/0,"puuttuu")', XlError.DIV0),
    ("=AND(B1>5,B2>5)", True),
    ("=AND(B1>5,B2>50)", False),
    ("=OR(B1>50,B2>50)", False),
    ("=AND(A3:A5)", XlError.VALUE),
    ("=NOT(0)", True),
    ("=XOR(TRUE,TRUE,TRUE)", True),
    ('=SWITCH(C2,1,"yksi",2,"kaksi","muu")', "kaksi"),
    ('=SWITCH(C3,1,"yksi",2,"kaksi")', XlError.NA),
    ('=CHOOSE(2,"a","b","c")', "b"),
    ('=CHOOSE(4,"a","b","c")', XlError.VALUE),
    # conditional aggregates and criteria
    ('=SUMIF(B1:B7,">=40")', 220.0),
    ('=SUMIF(A1:A7,"valmis",B1:B7)', 130.0),
    ('=SUMIF(A1:A7,"<>valmis",B1:B7)', 150.0),
    ('=SUMIF(A1:A7,"v*",B1:B7)', 130.0),
    ('=SUMIF(A1:A7,"?alm?s",B1:B7)', 130.0),
    ('=COUNTIF(A1:A4,"5")', 2.0),
    ("=COUNTIF(A1:A4,5)", 1.0),
    ('=COUNTIF(A1:A7,"")', 2.0),
    ('=COUNTIF(B1:B7,"<"&B3)', 2.0),
    ('=COUNTIFS(A1:A7,"valmis",B1:B7,">60")', 1.0),
    ('=SUMIFS(B1:B7,A1:A7,"Valmis",B1:B7,"<70")', 60.0),
    ('=SUMIFS(B1:B7,A1:A3,"x")', XlError.VALUE),
    ('=AVERAGEIF(B1:B7,">30")', 55.0),
    ('=AVERAGEIFS(B1:B7,A1:A7,"nope")', XlError.DIV0),
    ('=MAXIFS(B1:B7,A1:A7,"valmis")', 70.0),
    ('=MINIFS(B1:B7,B1:B7,">15")', 20.0),
    ('=COUNTIF(Y:Y,"")', 1048576.0),
    # lookups
    ("=INDEX(B1:B7,3)", 30.0),
    ("=INDEX(B1:C3,2,2)", 2.0),
    ("=INDEX(B1:B7,9)", XlError.REF),
    ("=SUM(INDEX(B1:C3,0,1))", 60.0),
    ('=MATCH("VALMIS",A1:A7,0)', 6.0),
    ("=MATCH(35,B1:B7,1)", 3.0),
    ("=MATCH(5,B1:B7,1)", XlError.NA),
    ("=MATCH(0.8,D1:D4)", 2.0),
    ('=MATCH("a*",A1:A7,0)', 3.0),
    ("=INDEX(B1:B7,MATCH(0.9,D1:D4,0))", 30.0),
    ('=VLOOKUP("abc",A1:B7,2,FALSE)', 30.0),
    ("=VLOOKUP(0.8,D1:D4,1,TRUE)", 0.75),
    ('=VLOOKUP("zzz",A1:B7,2,FALSE)', XlError.NA),
    ('=VLOOKUP("abc",A1:B7,3,FALSE)', XlError.REF),
    ("=HLOOKUP(20,B2:B3,2,FALSE)", 30.0),
    ('=_xlfn.XLOOKUP("abc",A1:A7,B1:B7)', 30.0),
    ('=_xlfn.XLOOKUP("nope",A1:A7,B1:B7,"ei löydy")', "ei löydy"),
    ("=_xlfn.XLOOKUP(33,B1:B7,A1:A7,,-1)", "abc"),
    ("=_xlfn.XLOOKUP(33,B1:B7,B1:B7,,1)", 40.0),
    ('=_xlfn.XLOOKUP("valmis",A1:A7,B1:B7,,0,-1)', 70.0),
    ("=_xlfn.XMATCH(40,B1:B7)", 4.0),
    ("=ROWS(B1:C3)+COLUMNS(B1:C3)", 5.0),
    ("=ROW(B3)+COLUMN(C1)", 6.0),
    ("=SUM(OFFSET(B1,1,0,2,1))", 50.0),
    # text
    ('=_xlfn.CONCAT(A1:A3,"!")', "55abc!"),
    ('=CONCATENATE("a",1,TRUE)', "a1TRUE"),
    ('=_xlfn.TEXTJOIN(", ",TRUE,A1:A5)', "5, 5, abc"),
    ('=LEFT("Tampere",3)&RIGHT("Tampere",2)&MID("Tampere",4,2)', "Tamrepe"),
    ('=LEN("äöå")', 3.0),
    ('=UPPER("säästö")', "SÄÄSTÖ"),
    ('=PROPER("etenee suunnitellusti")', "Etenee Suunnitellusti"),
    ('=TRIM("  a   b ")', "a b"),
    ('=SUBSTITUTE("1.234,5",".","")', "1234,5"),
    ('=SUBSTITUTE("a-a-a","a","b",2)', "a-b-a"),
    ('=FIND("e","Tampere")', 5.0),
    ('=SEARCH("P","Tampere")', 4.0),
    ('=FIND("x","abc")', XlError.VALUE),
    ('=VALUE("12.5")', 12.5),
    ('=VALUE("abc")', XlError.VALUE),
    ('=EXACT("a","A")', False),
    ('=REPT("-",3)', "---"),
    ('=TEXT(1234.567,"#,##0.00")', "1,234.57"),
    ('=TEXT(0.256,"0.0%")', "25.6%"),
    ('=TEXT(-3.5,"0")', "-4"),
    ('=TEXT(7,"000")', "007"),
    ('=TEXT(1234567,"#,##0,")', "1,235"),
    ('=TEXT(45296,"yyyy-mm-dd")', "2024-01-05"),
    ('=TEXT(45296,"d.m.yyyy")', "5.1.2024"),
    ('=TEXT(0.5,"hh:mm")', "12:00"),
    ('=TEXT("abc","0.0")', "abc"),
    ('=TEXT(5,"0.00 \\€")', "5.00 €"),
    # information
    ("=ISBLANK(A4)", True),
    ("=ISBLANK(A5)", False),
    ("=ISNUMBER(A2)", False),
    ("=ISTEXT(A2)", True),
    ("=ISERROR(1/0)", True),
    ("=ISERR(NA())", False),
    ("=ISNA(NA())", True),
    ("=ISLOGICAL(C4)", True),
    ("=ERROR.TYPE(1/0)", 2.0),
    # dates
    ("=DATE(2024,1,31)", 45322.0),
    ("=DATE(2024,14,1)", 45689.0),
    ("=YEAR(45322)+MONTH(45322)+DAY(45322)", 2056.0),
    ("=EDATE(DATE(2024,1,31),1)", 45351.0),
    ("=EOMONTH(DATE(2024,1,15),0)", 45322.0),
    ("=WEEKDAY(DATE(2024,1,1),2)", 1.0),
    # implicit intersection of a range in a scalar formula (formula sits in Z1)
    ("=B1:B7*2", 20.0),
    ("=B2:B7*2", XlError.VALUE),
]


@pytest.mark.parametrize(("formula", "expected"), CASES, ids=[c[0] for c in CASES])
def test_formula_value(tmp_path: Path, formula: str, expected: Any) -> None:
    got = one(tmp_path, formula, DATA)
    if isinstance(expected, float) and not isinstance(expected, bool):
        assert type(got) is float
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-12)
    else:
        assert type(got) is type(expected)
        assert got == expected


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
