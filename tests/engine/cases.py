"""Excel formulas with the value Excel gives, over a small data sheet.

Shared by test_formulas.py (the engine must give these values) and the
LibreOffice oracle test (which puts every case in one workbook and compares
the engine with LibreOffice cell by cell).

Each case names where its expected value comes from:

* ``EXCEL``: a value Microsoft Excel computed (the golden workbooks under
  tests/engine/golden/, cited by file and cell, or another workbook Excel saved,
  cited by project, file and cell);
* ``LIBREOFFICE``: Excel's documented behaviour, checked cell by cell against
  LibreOffice by test_libreoffice_oracle.py;
* ``DOCS``: Excel's documentation (support.microsoft.com), where LibreOffice
  differs from Excel (see LIBREOFFICE_DIFFERS) or the corpus has no case.
"""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import XlError

EXCEL = "Excel"
LIBREOFFICE = "LibreOffice"
DOCS = "documentation"

DATA = {
    "A1": 5, "A2": "5", "A3": "abc", "A5": '=""', "A6": "Valmis", "A7": "valmis",
    "B1": 10, "B2": 20, "B3": 30, "B4": 40, "B5": 50, "B6": 60, "B7": 70,
    "C1": 1, "C2": 2, "C3": 3, "C4": True, "C5": "x",
    "D1": 0.25, "D2": 0.75, "D3": 0.9, "D4": 1.0,
}  # fmt: skip

CASES: list[tuple[str, Any, str]] = [
    # arithmetic, precedence, coercion
    ("=1+2*3", 7.0, LIBREOFFICE),
    ("=-2^2", 4.0, LIBREOFFICE),
    ("=2^3^2", 64.0, LIBREOFFICE),
    ("=(1+2)*3", 9.0, LIBREOFFICE),
    ("=10%", 0.1, LIBREOFFICE),
    ('="3"+1', 4.0, LIBREOFFICE),
    ('="50%"*2', 1.0, LIBREOFFICE),
    ('="abc"+1', XlError.VALUE, LIBREOFFICE),
    ("=TRUE+1", 2.0, LIBREOFFICE),
    ("=A4+1", 1.0, LIBREOFFICE),
    ("=1/0", XlError.DIV0, LIBREOFFICE),
    ("=0^0", XlError.NUM, DOCS),
    ("=(-8)^0.5", XlError.NUM, LIBREOFFICE),
    ("=0.1+0.2=0.3", True, LIBREOFFICE),
    ("=3-2.9-0.1", 0.0, LIBREOFFICE),
    ("=1/0+NA()", XlError.DIV0, LIBREOFFICE),
    ("=NA()+1/0", XlError.NA, LIBREOFFICE),
    # comparison and text
    ('="a"="A"', True, LIBREOFFICE),
    ('=1<"a"', True, LIBREOFFICE),
    ("=TRUE>1", True, DOCS),
    ('="b">"a"', True, LIBREOFFICE),
    ("=A4=0", True, LIBREOFFICE),
    ('=A4=""', True, LIBREOFFICE),
    ('=1/3&""', "0.333333333333333", LIBREOFFICE),
    ('="x"&TRUE', "xTRUE", DOCS),
    ("=1&2", "12", LIBREOFFICE),
    ('=A1&"-"&A3', "5-abc", LIBREOFFICE),
    ('=12345678901234567&""', "1.23456789012346E+16", DOCS),
    # aggregates: ranges ignore text/logicals, direct arguments are coerced
    ("=SUM(A1:A7)", 5.0, LIBREOFFICE),
    ('=SUM("3",1,TRUE)', 5.0, DOCS),
    ("=SUM(B1:B7)", 280.0, LIBREOFFICE),
    ("=AVERAGE(B1:B3)", 20.0, LIBREOFFICE),
    ("=AVERAGE(A3:A5)", XlError.DIV0, LIBREOFFICE),
    ("=MIN(B1:B7)", 10.0, LIBREOFFICE),
    ("=MAX(B1:B7,100)", 100.0, LIBREOFFICE),
    ("=MAX(A3:A5)", 0.0, LIBREOFFICE),
    ("=COUNT(A1:A7,C1:C5)", 4.0, DOCS),
    ("=COUNTA(A1:A7)", 6.0, LIBREOFFICE),
    ("=COUNTBLANK(A1:A7)", 2.0, LIBREOFFICE),
    ("=PRODUCT(C1:C3)", 6.0, LIBREOFFICE),
    ("=SUMPRODUCT(B1:B3,C1:C3)", 140.0, LIBREOFFICE),
    ("=MEDIAN(B1:B4)", 25.0, LIBREOFFICE),
    ("=LARGE(B1:B7,2)", 60.0, LIBREOFFICE),
    ("=SMALL(B1:B7,2)", 20.0, LIBREOFFICE),
    ("=SUM(B1:B3,1/0)", XlError.DIV0, LIBREOFFICE),
    # rounding, Excel style
    ("=ROUND(2.675,2)", 2.68, LIBREOFFICE),
    ("=ROUND(1.005,2)", 1.01, LIBREOFFICE),
    ("=ROUND(-2.5,0)", -3.0, LIBREOFFICE),
    ("=ROUND(1234.5,-2)", 1200.0, LIBREOFFICE),
    ("=ROUNDUP(1.201,2)", 1.21, LIBREOFFICE),
    ("=ROUNDUP(-1.201,2)", -1.21, LIBREOFFICE),
    ("=ROUNDDOWN(-1.29,1)", -1.2, LIBREOFFICE),
    ("=INT(-2.5)", -3.0, LIBREOFFICE),
    ("=TRUNC(-2.57,1)", -2.5, LIBREOFFICE),
    ("=MOD(-3,2)", 1.0, LIBREOFFICE),
    ("=MOD(3,-2)", -1.0, LIBREOFFICE),
    ("=MOD(1,0)", XlError.DIV0, LIBREOFFICE),
    ("=ABS(-4)", 4.0, LIBREOFFICE),
    ("=SIGN(-0.5)", -1.0, LIBREOFFICE),
    ("=SQRT(-1)", XlError.NUM, DOCS),
    ("=POWER(2,10)", 1024.0, LIBREOFFICE),
    ("=CEILING(4.2,0.5)", 4.5, LIBREOFFICE),
    ("=FLOOR(4.7,0.5)", 4.5, LIBREOFFICE),
    # every sign case of CEILING and FLOOR (Excel docs, CEILING function, FLOOR function)
    ("=CEILING(-2.5,2)", -2.0, DOCS),
    ("=CEILING(-2.5,-2)", -4.0, DOCS),
    ("=CEILING(2.5,-2)", XlError.NUM, DOCS),
    ("=CEILING(0,-2)", 0.0, DOCS),
    ("=CEILING(2,0)", 0.0, DOCS),
    ("=CEILING(0.234,0.01)", 0.24, DOCS),
    ("=FLOOR(3.7,2)", 2.0, DOCS),
    ("=FLOOR(-2.5,-2)", -2.0, DOCS),
    ("=FLOOR(-2.5,2)", -4.0, DOCS),
    ("=FLOOR(2.5,-2)", XlError.NUM, DOCS),
    ("=FLOOR(1.58,0.1)", 1.5, DOCS),
    ("=FLOOR(2.5,0)", XlError.DIV0, DOCS),
    # Roman numerals and whole-number arithmetic (Excel docs: ROMAN, ARABIC, GCD, LCM)
    ("=ROMAN(499,0)", "CDXCIX", DOCS),
    ("=ROMAN(499,1)", "LDVLIV", DOCS),
    ("=ROMAN(499,2)", "XDIX", DOCS),
    ("=ROMAN(499,3)", "VDIV", DOCS),
    ("=ROMAN(499,4)", "ID", DOCS),
    ("=ROMAN(4000)", XlError.VALUE, DOCS),
    ('=_xlfn.ARABIC("LVII")', 57.0, DOCS),
    ('=_xlfn.ARABIC("mcmxii")', 1912.0, DOCS),
    ('=_xlfn.ARABIC("ABC")', XlError.VALUE, DOCS),
    ("=GCD(24,36)", 12.0, DOCS),
    ("=GCD(5,0)", 5.0, DOCS),
    ("=LCM(24,36)", 72.0, DOCS),
    # golden/MATH_AND_TRIGONOMETRY/GCD_LCM.xlsx D8, D24, D44: a negative number is #NUM!,
    # texts are coerced, TRUE is not
    ("=LCM(-1,2)", XlError.NUM, EXCEL),
    ("=LCM(A2,4)", 20.0, EXCEL),
    ("=GCD(C4,2)", XlError.VALUE, EXCEL),
    # logic
    ('=IF(B1>5,"iso","pieni")', "iso", LIBREOFFICE),
    ('=IF(B1<5,"iso")', False, LIBREOFFICE),
    ("=IF(1/0,1,2)", XlError.DIV0, LIBREOFFICE),
    ("=IF(TRUE,1,1/0)", 1.0, LIBREOFFICE),
    ('=_xlfn.IFS(B1>50,"a",B1>5,"b")', "b", LIBREOFFICE),
    ('=_xlfn.IFS(B1>50,"a")', XlError.NA, LIBREOFFICE),
    ('=IFERROR(1/0,"x")', "x", LIBREOFFICE),
    ('=IFERROR(B1,"x")', 10.0, LIBREOFFICE),
    ('=_xlfn.IFNA(NA(),"puuttuu")', "puuttuu", LIBREOFFICE),
    ('=_xlfn.IFNA(1/0,"puuttuu")', XlError.DIV0, LIBREOFFICE),
    ("=AND(B1>5,B2>5)", True, LIBREOFFICE),
    ("=AND(B1>5,B2>50)", False, LIBREOFFICE),
    ("=OR(B1>50,B2>50)", False, LIBREOFFICE),
    ("=AND(A3:A5)", XlError.VALUE, LIBREOFFICE),
    ("=NOT(0)", True, LIBREOFFICE),
    ("=_xlfn.XOR(TRUE,TRUE,TRUE)", True, LIBREOFFICE),
    ('=_xlfn.SWITCH(C2,1,"yksi",2,"kaksi","muu")', "kaksi", LIBREOFFICE),
    ('=_xlfn.SWITCH(C3,1,"yksi",2,"kaksi")', XlError.NA, LIBREOFFICE),
    ('=CHOOSE(2,"a","b","c")', "b", LIBREOFFICE),
    ('=CHOOSE(4,"a","b","c")', XlError.VALUE, LIBREOFFICE),
    # an omitted argument is blank: 0 where a value is needed (Excel docs, IF function)
    ("=IF(1,,A1)", 0.0, DOCS),
    ("=IF(FALSE,1,)", 0.0, DOCS),
    ("=IF(FALSE,1,)+1", 1.0, DOCS),
    ('=CHOOSE(2,"a",,"c")', 0.0, DOCS),
    # conditions and cases are met in order: an error met first is the result
    # (Excel: pycel tests/fixtures/logical.xlsx Switch!D3, SWITCH(3,#DIV/0!,...) is #DIV/0!)
    ('=_xlfn.SWITCH(C2,1/0,"a",2,"b")', XlError.DIV0, EXCEL),
    # SWITCH compares a blank as 0: not equal to FALSE or "" (pycel logical.xlsx Switch!C32-C39)
    ('=_xlfn.SWITCH(FALSE,A4,"osui")', XlError.NA, EXCEL),
    ('=_xlfn.SWITCH(A4,0,"osui")', "osui", EXCEL),
    ('=_xlfn.SWITCH(A4,"","osui")', XlError.NA, EXCEL),
    ('=_xlfn.SWITCH(TRUE,1,"osui")', XlError.NA, EXCEL),
    ('=_xlfn.SWITCH(C1,1,"a",1/0,"b")', "a", DOCS),
    ("=_xlfn.IFS(1/0,1,TRUE,2)", XlError.DIV0, DOCS),
    ("=_xlfn.IFS(FALSE,1/0,TRUE,2)", 2.0, DOCS),
    # conditional aggregates and criteria
    ('=SUMIF(B1:B7,">=40")', 220.0, LIBREOFFICE),
    ('=SUMIF(A1:A7,"valmis",B1:B7)', 130.0, LIBREOFFICE),
    ('=SUMIF(A1:A7,"<>valmis",B1:B7)', 150.0, LIBREOFFICE),
    ('=SUMIF(A1:A7,"v*",B1:B7)', 130.0, LIBREOFFICE),
    ('=SUMIF(A1:A7,"?alm?s",B1:B7)', 130.0, LIBREOFFICE),
    ('=COUNTIF(A1:A4,"5")', 2.0, LIBREOFFICE),
    # Excel: golden/STATISTICAL/COUNTIFS.xlsx Rows2!C2 counts the number 23 and the text "23"
    ("=COUNTIF(A1:A4,5)", 2.0, EXCEL),
    # golden/STATISTICAL/COUNTIFS.xlsx Rows2!E2: "<>23" excludes only the number 23
    ('=COUNTIF(A1:A4,"<>5")', 3.0, EXCEL),
    # golden/STATISTICAL/COUNTIFS.xlsx Rows2!M9: an operator with a blank operand matches nothing
    ('=COUNTIF(A1:A7,"<"&A4)', 0.0, EXCEL),
    ('=COUNTIF(A1:A7,"")', 2.0, LIBREOFFICE),
    ('=COUNTIF(B1:B7,"<"&B3)', 2.0, LIBREOFFICE),
    ('=COUNTIFS(A1:A7,"valmis",B1:B7,">60")', 1.0, LIBREOFFICE),
    ('=SUMIFS(B1:B7,A1:A7,"Valmis",B1:B7,"<70")', 60.0, LIBREOFFICE),
    ('=SUMIFS(B1:B7,A1:A3,"x")', XlError.VALUE, LIBREOFFICE),
    ('=AVERAGEIF(B1:B7,">30")', 55.0, LIBREOFFICE),
    ('=AVERAGEIFS(B1:B7,A1:A7,"nope")', XlError.DIV0, LIBREOFFICE),
    ('=_xlfn.MAXIFS(B1:B7,A1:A7,"valmis")', 70.0, LIBREOFFICE),
    ('=_xlfn.MINIFS(B1:B7,B1:B7,">15")', 20.0, LIBREOFFICE),
    ('=COUNTIF(Y:Y,"")', 1048576.0, LIBREOFFICE),
    # lookups
    ("=INDEX(B1:B7,3)", 30.0, LIBREOFFICE),
    ("=INDEX(B1:C3,2,2)", 2.0, LIBREOFFICE),
    ("=INDEX(B1:B7,9)", XlError.REF, DOCS),
    ("=SUM(INDEX(B1:C3,0,1))", 60.0, LIBREOFFICE),
    ('=MATCH("VALMIS",A1:A7,0)', 6.0, LIBREOFFICE),
    ("=MATCH(35,B1:B7,1)", 3.0, LIBREOFFICE),
    ("=MATCH(5,B1:B7,1)", XlError.NA, LIBREOFFICE),
    ("=MATCH(0.8,D1:D4)", 2.0, LIBREOFFICE),
    ('=MATCH("a*",A1:A7,0)', 3.0, LIBREOFFICE),
    ("=INDEX(B1:B7,MATCH(0.9,D1:D4,0))", 30.0, LIBREOFFICE),
    ('=VLOOKUP("abc",A1:B7,2,FALSE)', 30.0, LIBREOFFICE),
    ("=VLOOKUP(0.8,D1:D4,1,TRUE)", 0.75, LIBREOFFICE),
    ('=VLOOKUP("zzz",A1:B7,2,FALSE)', XlError.NA, LIBREOFFICE),
    ('=VLOOKUP("abc",A1:B7,3,FALSE)', XlError.REF, DOCS),
    ("=HLOOKUP(20,B2:B3,2,FALSE)", 30.0, LIBREOFFICE),
    ('=_xlfn.XLOOKUP("abc",A1:A7,B1:B7)', 30.0, LIBREOFFICE),
    ('=_xlfn.XLOOKUP("nope",A1:A7,B1:B7,"ei löydy")', "ei löydy", LIBREOFFICE),
    ("=_xlfn.XLOOKUP(33,B1:B7,A1:A7,,-1)", "abc", LIBREOFFICE),
    ("=_xlfn.XLOOKUP(33,B1:B7,B1:B7,,1)", 40.0, LIBREOFFICE),
    ('=_xlfn.XLOOKUP("valmis",A1:A7,B1:B7,,0,-1)', 70.0, LIBREOFFICE),
    ("=_xlfn.XMATCH(40,B1:B7)", 4.0, LIBREOFFICE),
    ("=ROWS(B1:C3)+COLUMNS(B1:C3)", 5.0, LIBREOFFICE),
    ("=ROW(B3)+COLUMN(C1)", 6.0, LIBREOFFICE),
    ("=SUM(OFFSET(B1,1,0,2,1))", 50.0, LIBREOFFICE),
    # text
    ('=_xlfn.CONCAT(A1:A3,"!")', "55abc!", LIBREOFFICE),
    ('=CONCATENATE("a",1,TRUE)', "a1TRUE", DOCS),
    ('=_xlfn.TEXTJOIN(", ",TRUE,A1:A5)', "5, 5, abc", LIBREOFFICE),
    ('=LEFT("Tampere",3)&RIGHT("Tampere",2)&MID("Tampere",4,2)', "Tamrepe", LIBREOFFICE),
    ('=LEN("äöå")', 3.0, LIBREOFFICE),
    ('=UPPER("säästö")', "SÄÄSTÖ", LIBREOFFICE),
    ('=PROPER("etenee suunnitellusti")', "Etenee Suunnitellusti", LIBREOFFICE),
    ('=TRIM("  a   b ")', "a b", LIBREOFFICE),
    ('=SUBSTITUTE("1.234,5",".","")', "1234,5", LIBREOFFICE),
    ('=SUBSTITUTE("a-a-a","a","b",2)', "a-b-a", LIBREOFFICE),
    ('=FIND("e","Tampere")', 5.0, LIBREOFFICE),
    ('=SEARCH("P","Tampere")', 4.0, LIBREOFFICE),
    ('=FIND("x","abc")', XlError.VALUE, LIBREOFFICE),
    ('=VALUE("12.5")', 12.5, LIBREOFFICE),
    ('=VALUE("abc")', XlError.VALUE, LIBREOFFICE),
    ('=EXACT("a","A")', False, LIBREOFFICE),
    ('=REPT("-",3)', "---", LIBREOFFICE),
    ('=TEXT(1234.567,"#,##0.00")', "1,234.57", LIBREOFFICE),
    ('=TEXT(0.256,"0.0%")', "25.6%", LIBREOFFICE),
    ('=TEXT(-3.5,"0")', "-4", LIBREOFFICE),
    ('=TEXT(7,"000")', "007", LIBREOFFICE),
    ('=TEXT(1234567,"#,##0,")', "1,235", LIBREOFFICE),
    ('=TEXT(45296,"yyyy-mm-dd")', "2024-01-05", LIBREOFFICE),
    ('=TEXT(45296,"d.m.yyyy")', "5.1.2024", LIBREOFFICE),
    ('=TEXT(0.5,"hh:mm")', "12:00", LIBREOFFICE),
    ('=TEXT("abc","0.0")', "abc", LIBREOFFICE),
    ('=TEXT(0.5,"0%")', "50%", LIBREOFFICE),
    ('=TEXT(1234.5,"#,##0")', "1,235", LIBREOFFICE),
    ('=TEXT(-1234.5,"#,##0.00;(#,##0.00)")', "(1,234.50)", LIBREOFFICE),
    ('=TEXT(0,"0.0;-0.0;""nolla""")', "nolla", LIBREOFFICE),
    ('=TEXT(3.14159,"0.000")', "3.142", LIBREOFFICE),
    ('=TEXT(0.0456,"0.00%")', "4.56%", LIBREOFFICE),
    ('=TEXT(12,"#.##")', "12.", DOCS),
    ('=TEXT(45296.75,"dd.mm.yyyy hh:mm")', "05.01.2024 18:00", LIBREOFFICE),
    ('=TEXT(45296,"mmm yyyy")', "Jan 2024", LIBREOFFICE),
    ('=TEXT(5,"0.00 \\€")', "5.00 €", LIBREOFFICE),
    # information
    ("=ISBLANK(A4)", True, LIBREOFFICE),
    ("=ISBLANK(A5)", False, LIBREOFFICE),
    ("=ISNUMBER(A2)", False, LIBREOFFICE),
    ("=ISTEXT(A2)", True, LIBREOFFICE),
    ("=ISERROR(1/0)", True, LIBREOFFICE),
    ("=ISERR(NA())", False, LIBREOFFICE),
    ("=ISNA(NA())", True, LIBREOFFICE),
    ("=ISLOGICAL(C4)", True, LIBREOFFICE),
    ("=ERROR.TYPE(1/0)", 2.0, LIBREOFFICE),
    # dynamic-array functions nested in other functions (golden MATCH_LOOKUP_arrays.xlsx)
    ("=MATCH(7,_xlfn.SEQUENCE(10),0)", 7.0, EXCEL),
    ("=MATCH(15,_xlfn.SEQUENCE(5,1,5,5),0)", 3.0, EXCEL),
    ('=MATCH("banana",_xlfn.UNIQUE({"apple";"banana";"apple";"cherry"}),0)', 2.0, EXCEL),
    ("=MATCH(40,_xlfn._xlws.FILTER({10;20;30;40},{10;20;30;40}>25),0)", 2.0, EXCEL),
    ("=HLOOKUP(20,_xlfn._xlws.SORT({30,10,20;3,1,2},1,1,TRUE),2,FALSE)", 2.0, EXCEL),
    ("=SUM(_xlfn.SEQUENCE(0))", XlError.CALC, DOCS),
    ("=MATCH(1,1/0,0)", XlError.DIV0, LIBREOFFICE),
    ("=VLOOKUP(1,NA(),2,FALSE)", XlError.NA, LIBREOFFICE),
    ("=SUM(_xlfn.ANCHORARRAY(B1))", XlError.REF, DOCS),
    # golden/INFORMATION/FORMULATEXT.xlsx B2, B5: no formula is #N/A; prefixes not shown
    ("=_xlfn.FORMULATEXT(B1)", XlError.NA, EXCEL),
    ("=_xlfn.FORMULATEXT(A5)", '=""', EXCEL),
    ("=LEN(_xlfn.FORMULATEXT(Z1))", 21.0, EXCEL),
    # dates
    ("=DATE(2024,1,31)", 45322.0, LIBREOFFICE),
    ("=DATE(2024,14,1)", 45689.0, LIBREOFFICE),
    ("=YEAR(45322)+MONTH(45322)+DAY(45322)", 2056.0, LIBREOFFICE),
    ("=EDATE(DATE(2024,1,31),1)", 45351.0, LIBREOFFICE),
    ("=EOMONTH(DATE(2024,1,15),0)", 45322.0, LIBREOFFICE),
    ("=WEEKDAY(DATE(2024,1,1),2)", 1.0, LIBREOFFICE),
    # implicit intersection of a range in a scalar formula (formula sits in Z1)
    ("=B1:B7*2", 20.0, LIBREOFFICE),
    ("=B2:B7*2", XlError.VALUE, LIBREOFFICE),
]

#: Array formulas over DATA: (formula, area, Excel's values row by row, source).  IF, IFS
#: and SWITCH apply element by element (Excel docs, "Guidelines and examples of array
#: formulas"; observed in Excel-saved workbooks such as pycel's logical.xlsx).
ARRAY_CASES: list[tuple[str, str, list[list[Any]], str]] = [
    ('=_xlfn.IFS(C1:C3>1,"iso",TRUE,"pieni")', "Y1:Y3", [["pieni"], ["iso"], ["iso"]], DOCS),
    ('=_xlfn.SWITCH(C1:C3,1,"yksi",2,"kaksi","muu")', "Y1:Y3", [["yksi"], ["kaksi"], ["muu"]],
     DOCS),
    ('=_xlfn.SWITCH(2,C1:C3,"osui","ei")', "Y1:Y3", [["ei"], ["osui"], ["ei"]], DOCS),
    ("=_xlfn.SWITCH(A1,A1,B1)", "Y1", [[10.0]], DOCS),
    ('=_xlfn.SWITCH(A6,A7,"sama")', "Y1", [["sama"]], DOCS),
    ("=IF(C1:C3>1,B1:B3)", "Y1:Y3", [[False], [20.0], [30.0]], DOCS),
    ("=IF(1,,A1)", "Y1", [[0.0]], DOCS),
    # dynamic arrays spill over the range the file records (Excel docs, SEQUENCE, SORT,
    # UNIQUE and FILTER functions; golden LOOKUP_AND_REFERENCE/SORT.xlsx for the order)
    ("=_xlfn.SEQUENCE(2,3,10,-1)", "Y1:AA2", [[10.0, 9.0, 8.0], [7.0, 6.0, 5.0]], DOCS),
    ("=_xlfn.SEQUENCE(2,,5)", "Y1:Y2", [[5.0], [6.0]], DOCS),
    ("=_xlfn._xlws.SORT(C1:C5)", "Y1:Y5", [[1.0], [2.0], [3.0], ["x"], [True]], EXCEL),
    ("=_xlfn._xlws.SORT(C1:C5,,-1)", "Y1:Y5", [[True], ["x"], [3.0], [2.0], [1.0]], EXCEL),
    ("=_xlfn._xlws.SORT(A4:A7)", "Y1:Y4", [[""], ["Valmis"], ["valmis"], [0.0]], EXCEL),
    ("=_xlfn.UNIQUE(A6:A7)", "Y1", [["Valmis"]], DOCS),
    ("=_xlfn.UNIQUE({1;2;1;3},FALSE,TRUE)", "Y1:Y2", [[2.0], [3.0]], DOCS),
    ("=_xlfn._xlws.FILTER(B1:B7,B1:B7>40)", "Y1:Y3", [[50.0], [60.0], [70.0]], DOCS),
    ('=_xlfn._xlws.FILTER(B1:B7,B1:B7>99,"ei")', "Y1", [["ei"]], DOCS),
    ("=_xlfn._xlws.FILTER(B1:B7,B1:B7>99)", "Y1", [[XlError.CALC]], DOCS),
]  # fmt: skip

#: Cases where LibreOffice deliberately differs from Excel; the oracle workbook leaves them
#: out (the engine follows Excel, and test_formulas.py holds it to these values).
LIBREOFFICE_DIFFERS = {
    "=COUNTIF(A1:A4,5)": "LibreOffice does not count the text 5 for the number 5; Excel does",
    '=COUNTIF(A1:A4,"<>5")': "Excel's own result (golden corpus), not held to LibreOffice",
    '=COUNTIF(A1:A7,"<"&A4)': "Excel's own result (golden corpus), not held to LibreOffice",
    "=0^0": "LibreOffice gives 1; Excel #NUM!",
    "=TRUE>1": "LibreOffice logical values are numbers (TRUE=1); Excel ranks them above numbers",
    '="x"&TRUE': "LibreOffice joins TRUE as 1",
    '=CONCATENATE("a",1,TRUE)': "LibreOffice joins TRUE as 1",
    '=12345678901234567&""': "LibreOffice writes the exponent with three digits (E+016)",
    '=SUM("3",1,TRUE)': "LibreOffice does not coerce a text argument of SUM",
    "=COUNT(A1:A7,C1:C5)": "LibreOffice counts a TRUE in a range as a number",
    "=SQRT(-1)": "LibreOffice's invalid-argument error is exported as #VALUE!; Excel #NUM!",
    "=CEILING(2.5,-2)": "LibreOffice's invalid-argument error is exported as #VALUE!; Excel #NUM!",
    "=FLOOR(2.5,-2)": "LibreOffice's invalid-argument error is exported as #VALUE!; Excel #NUM!",
    "=FLOOR(2.5,0)": "LibreOffice's invalid-argument error is exported as #VALUE!; Excel #DIV/0!",
    "=LCM(-1,2)": "LibreOffice's invalid-argument error is exported as #VALUE!; Excel #NUM!",
    "=GCD(C4,2)": "LibreOffice logical values are numbers (TRUE=1); Excel's GCD refuses them",
    "=INDEX(B1:B7,9)": "LibreOffice gives #VALUE! for an index outside the range; Excel #REF!",
    '=VLOOKUP("abc",A1:B7,3,FALSE)': "LibreOffice gives #VALUE! for a column outside the table",
    '=TEXT(12,"#.##")': "Excel keeps the decimal point of an integer (12.), LibreOffice drops it",
    '=_xlfn.SWITCH(C2,1/0,"a",2,"b")': "LibreOffice skips a case that is an error; Excel stops",
    '=_xlfn.SWITCH(FALSE,A4,"osui")': "LibreOffice's SWITCH matches a blank to FALSE; Excel not",
    '=_xlfn.SWITCH(A4,0,"osui")': "LibreOffice's SWITCH does not match a blank to 0; Excel does",
    '=_xlfn.SWITCH(A4,"","osui")': 'LibreOffice\'s SWITCH matches a blank to ""; Excel not',
    '=_xlfn.SWITCH(TRUE,1,"osui")': "LibreOffice logical values are numbers (TRUE=1)",
}

#: Microsoft's pages the structured-reference and array-argument cases follow
STRUCTURED_REFERENCES_DOC = (
    "Excel docs, Using structured references with Excel tables "
    "(support.microsoft.com/office/f5ed2452-2337-4f71-bed3-c8ae6d2b276e)"
)
SUMPRODUCT_DOC = (
    "Excel docs, SUMPRODUCT function: arguments are arrays, non-numeric entries count as "
    "zeros, arrays of different sizes are #VALUE! "
    "(support.microsoft.com/office/16753e75-9f68-4874-94ac-4d2145a2fd2e)"
)

#: Formulas over the tables of tests/engine/tables.py: (sheet!cell, formula, Excel's value,
#: source).  The formulas are the forms the templates use; each source is a documented rule.
#: A calculated column's formula is given in its first case; "" repeats it (the same
#: formula fills the column's data rows, as in an Excel table).
TABLE_CASES: list[tuple[str, str, Any, str]] = [
    # SUMPRODUCT's arguments are arrays in an ordinary formula
    ('Laskenta!B1', '=SUMPRODUCT(((T[Erä]="Tulot")+(T[Erä]="Menot"))*ISTEXT(T[TB 2023])'
     '*(T[TB 2023]<>"-"))', 1.0, SUMPRODUCT_DOC),
    ('Laskenta!B2', '=SUMPRODUCT((T[Erä]="Tulot")*1,T[Summa €])', 40.0, SUMPRODUCT_DOC),
    ('Laskenta!B3', '=SUMPRODUCT((T[Erä]="Tulot")*T[Summa €])', XlError.VALUE, SUMPRODUCT_DOC),
    ('Laskenta!B4', '=SUMPRODUCT(T[Erä]="Tulot",T[Summa €])', 0.0, SUMPRODUCT_DOC),
    ('Laskenta!B5', '=SUMPRODUCT(T[Summa €],T[[#All],[Summa €]])', XlError.VALUE, SUMPRODUCT_DOC),
    ('Laskenta!B6', '=SUMPRODUCT(--(T[Palvelu]="B"),T[Osuus %])', 1.4, SUMPRODUCT_DOC),
    ('Laskenta!B7', '=SUMPRODUCT(LEN(T[Erä]))', 28.0, SUMPRODUCT_DOC),
    # counting texts other than "-" before summing
    ('Laskenta!B8', '=IF(COUNTA(T[TB 2023])-COUNT(T[TB 2023])-COUNTIF(T[TB 2023],"-")>0,'
     'NA(),SUM(T[TB 2023]))', XlError.NA, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!B9', '=IF(COUNTA(T[Summa €])-COUNT(T[Summa €])-COUNTIF(T[Summa €],"-")>0,'
     'NA(),SUM(T[Summa €]))', 100.0, STRUCTURED_REFERENCES_DOC),
    # column specifiers: data rows only, single or double brackets, special characters
    ('Laskenta!C1', '=SUM(T[Summa €])', 100.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!C2', '=SUM(T[[Summa €]])', 100.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!C3', '=SUM(T[Osuus %])', 2.1, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!C4', '=SUM(T[Netto (k€)])', 21.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!C5', '=SUM(T[[Tulot->Menot]])', 45.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!C6', '=COUNTIF(T[[Laji \'[#1\']]],"x")', 3.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!C7', "=SUM(T[[O''Brien]])", 21.0, STRUCTURED_REFERENCES_DOC),
    ("Laskenta!C8", "=SUM(T['#Kpl])", 27.0, STRUCTURED_REFERENCES_DOC),
    ("Laskenta!C9", "=SUM(t[summa €])", 100.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!C10', '=SUM(T[ [Osuus %] ])', 2.1, STRUCTURED_REFERENCES_DOC),
    # item specifiers and column spans
    ('Laskenta!D1', '=SUM(T[[#Data],[Osuus %]:[Netto (k€)]])', 23.1, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D2', '=T[[#Headers],[Netto (k€)]]', "Netto (k€)", STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D3', '=COUNTA(T[#Headers])', 14.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D4', '=SUM(T[#Totals])', 109.1, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D5', '=T[[#Totals],[Summa €]]', 100.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D6', '=ROWS(T[#All])', 8.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D7', '=ROWS(T[[#Headers],[#Data],[Erä]])', 7.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D8', '=ROWS(T[[#Data],[#Totals],[Erä]])', 7.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D9', '=SUM(T[[#All],[Summa €]])', 200.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D10', '=SUM(U[#Totals])', XlError.REF, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D12', '=ROWS(U[#Totals])', XlError.REF, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!D11', '=ROWS(U[[#Headers],[Määrä]])', 1.0, STRUCTURED_REFERENCES_DOC),
    # a table name alone is the data body (LibreOffice does not read it; Excel does)
    ('Laskenta!E1', '=ROWS(T)', 6.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!E2', '=COLUMNS(T)', 14.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!E3', '=SUM(U)', 6.0, STRUCTURED_REFERENCES_DOC),
    ('Laskenta!E4', '=ROWS(T[])', 6.0, STRUCTURED_REFERENCES_DOC),
    # lookups over table columns
    ('Laskenta!F1', '=INDEX(S[Merkintä],MATCH("green",S[Väri],0))', "G", STRUCTURED_REFERENCES_DOC),
    ('Laskenta!F2', '=INDEX(S[Merkintä],MATCH("musta",S[Väri],0))', XlError.NA,
     STRUCTURED_REFERENCES_DOC),
    # calculated columns inside T (rows 2-7, the same formula on every row), #This Row forms
    ("Tiedot!K2", '=SUMPRODUCT((T[Erä]="Tulot")*(T[Palvelu]=T[[#This Row],[Palvelu]]),'
     'T[TB 2023])', 125.0, SUMPRODUCT_DOC),
    ("Tiedot!K4", "", 0.0, SUMPRODUCT_DOC),
    ("Tiedot!K5", "", 125.0, SUMPRODUCT_DOC),
    ("Tiedot!L2", "=[@[Summa €]]*2", 20.0, STRUCTURED_REFERENCES_DOC),
    ("Tiedot!L4", "", XlError.VALUE, STRUCTURED_REFERENCES_DOC),
    ("Tiedot!L7", "", 0.0, STRUCTURED_REFERENCES_DOC),
    ("Tiedot!M2", "=SUM(T[[#This Row],[Osuus %]:[Netto (k€)]])", 1.1, STRUCTURED_REFERENCES_DOC),
    ("Tiedot!M7", "", 6.6, STRUCTURED_REFERENCES_DOC),
    ("Tiedot!N2", '=COUNTIFS(T[Erä],T[[#This Row],[Erä]],T[Palvelu],"A")', 2.0,
     STRUCTURED_REFERENCES_DOC),
    ("Tiedot!N3", "", 1.0, STRUCTURED_REFERENCES_DOC),
    ("Tiedot!N7", "", 0.0, STRUCTURED_REFERENCES_DOC),
    # #This Row in a row outside the table's data rows is #VALUE!
    ("Tiedot!P9", "=T[[#This Row],[Summa €]]", XlError.VALUE, STRUCTURED_REFERENCES_DOC),
]  # fmt: skip
