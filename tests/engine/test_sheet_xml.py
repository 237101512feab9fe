"""Worksheet parts written the way Excel (and other tools) write them, not only openpyxl.

Excel uses shared strings, shared formulas (``<f t="shared" si="0"/>``), cached
values typed ``t="str"``/``"e"``/``"b"``, dynamic arrays with ``cm`` attributes,
empty ``<row/>`` elements; other writers use a namespace prefix (``<x:c>``).
Each package here is built by hand so the exact XML is known, then
recalculated; the test reads the result back with openpyxl and checks that
only cached values changed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.engine.helpers import cached_values
from tests.engine.udfs_for_tests import registry
from xlsrc.engine import recalc

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def package(path: Path, sheet_xml: str, shared: list[str] | None = None) -> Path:
    """A minimal, valid .xlsx around one worksheet part (and optional shared strings)."""
    strings = shared or []
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        '<sheets><sheet name="Laskelma" sheetId="1" r:id="rId1"/></sheets>'
        '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>'
    )
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
        '<fonts count="1"><font/></fonts><fills count="2">'
        '<fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="3"><xf xfId="0"/><xf xfId="0"/>'
        '<xf xfId="0" numFmtId="2" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="1"><dxf><font><b/></font></dxf></dxfs></styleSheet>'
    )
    sst = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{s}</t></si>" for s in strings)
        + "</sst>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", content_types)
        out.writestr("_rels/.rels", root_rels)
        out.writestr("xl/workbook.xml", workbook)
        out.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        out.writestr("xl/sharedStrings.xml", sst)
        out.writestr("xl/styles.xml", styles)
        out.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def _sheet(body: str, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<{p}worksheet {ns}><{p}dimension ref="A1:E6"/><{p}sheetData>{body}</{p}sheetData>'
        f'<{p}conditionalFormatting sqref="C1:C5"><{p}cfRule type="cellIs" dxfId="0" priority="1" '
        f'operator="greaterThan"><{p}formula>10</{p}formula></{p}cfRule></{p}conditionalFormatting>'
        f"</{p}worksheet>"
    )


EXCEL_BODY = (
    '<row r="1" spans="1:5"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>4</v></c>'
    '<c r="C1" s="2"><f t="shared" ref="C1:C4" si="0">B1*2</f><v>999</v></c>'
    '<c r="D1" t="str"><f>A1&amp;"-"&amp;B1</f><v>vanha</v></c>'
    '<c r="E1" t="e"><f>B1/0</f><v>#N/A</v></c></row>'
    '<row r="2" spans="1:5"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>5</v></c>'
    '<c r="C2" s="2"><f t="shared" si="0"/><v>999</v></c>'
    '<c r="D2" t="b"><f>B2&gt;4</f><v>0</v></c></row>'
    '<row r="3"><c r="B3"><v>6</v></c><c r="C3" s="2"><f t="shared" si="0"/></c>'
    '<c r="D3" cm="1"><f t="array" ref="D3:D5">B1:B3*10</f><v>0</v></c></row>'
    '<row r="4" spans="1:5"/>'
    '<row r="6"><c r="A6"><f>SUM(C1:C4)+COUNTIF(A1:A2,"Valmis")</f></c></row>'
)


def test_excel_style_part_recalculates_and_keeps_everything_else(tmp_path: Path) -> None:
    source = package(tmp_path / "excel.xlsx", _sheet(EXCEL_BODY), ["Valmis", "Kesken"])
    result = recalc(source, tmp_path / "out.xlsx", registry=registry())
    assert result.ok, result.problems
    seen = cached_values(tmp_path / "out.xlsx", "Laskelma")
    assert [seen["C1"], seen["C2"], seen["C3"]] == [8, 10, 12]
    assert "C4" not in seen  # inside the shared formula's ref, but no <f si="0"/>: not a formula
    assert seen["D1"] == "Valmis-4"
    assert seen["D2"] is True
    assert seen["E1"] == "#DIV/0!"
    assert [seen["D3"], seen["D4"], seen["D5"]] == [40, 50, 60]
    assert seen["A6"] == 8 + 10 + 12 + 1
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(tmp_path / "out.xlsx") as after:
        for name in before.namelist():
            if name == "xl/workbook.xml":  # only fullCalcOnLoad="1" goes: the values are current
                expected = before.read(name).replace(b' fullCalcOnLoad="1"', b"")
                assert after.read(name) == expected != before.read(name)
            elif name != "xl/worksheets/sheet1.xml":
                assert after.read(name) == before.read(name), name
        old = before.read("xl/worksheets/sheet1.xml").decode()
        new = after.read("xl/worksheets/sheet1.xml").decode()
    head, tail = old.split("<sheetData>")[0], old.split("</sheetData>")[1]
    assert new.startswith(head) and new.endswith(tail)
    # formulas and attributes other than t are untouched
    assert re.findall(r"<f[^>]*>[^<]*</f>|<f[^>]*/>", new) == re.findall(
        r"<f[^>]*>[^<]*</f>|<f[^>]*/>", old
    )
    assert '<c r="C1" s="2"><f t="shared" ref="C1:C4" si="0">B1*2</f><v>8</v></c>' in new
    assert '<c r="D1" t="str"><f>A1&amp;"-"&amp;B1</f><v>Valmis-4</v></c>' in new
    assert '<c r="E1" t="e"><f>B1/0</f><v>#DIV/0!</v></c>' in new
    assert '<c r="D3" cm="1"><f t="array" ref="D3:D5">B1:B3*10</f><v>40</v></c>' in new
    assert '<row r="4" spans="1:5"><c r="D4"><v>50</v></c></row>' in new  # was <row .../>
    assert '<row r="5"><c r="D5"><v>60</v></c></row><row r="6">' in new


def test_prefixed_namespace_is_read_by_the_parser_and_written_plainly(tmp_path: Path) -> None:
    body = (
        '<x:row r="1"><x:c r="A1"><x:v>2</x:v></x:c>'
        '<x:c r="B1"><x:f>A1*21</x:f><x:v>0</x:v></x:c></x:row>'
        '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>teksti</x:t></x:is></x:c>'
        '<x:c r="B2" t="str"><x:f>UPPER(A2)</x:f></x:c></x:row>'
    )
    source = package(tmp_path / "prefixed.xlsx", _sheet(body, prefix="x"))
    result = recalc(source, tmp_path / "out.xlsx", registry=registry())
    assert result.ok, result.problems
    seen = cached_values(tmp_path / "out.xlsx", "Laskelma")
    assert seen["B1"] == 42 and seen["B2"] == "TEKSTI"
    with zipfile.ZipFile(tmp_path / "out.xlsx") as after:
        new = after.read("xl/worksheets/sheet1.xml").decode()
    # the same part in the plain form: default namespace, nothing else lost
    assert new.startswith("<?xml") and f'<worksheet xmlns="{MAIN}"' in new and "x:" not in new
    assert '<c r="B1"><f>A1*21</f><v>42</v></c>' in new
    assert '<c r="B2" t="str"><f>UPPER(A2)</f><v>TEKSTI</v></c>' in new
    assert '<dimension ref="A1:E6"/>' in new
    assert '<conditionalFormatting sqref="C1:C5"><cfRule type="cellIs" dxfId="0"' in new


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ('A1&amp;"&lt;&amp;&gt;"', "x<&>"),
        ('"rivi"&amp;CHAR(10)&amp;"2"', "rivi\n2"),
        ("1/3", 1 / 3),
    ],
)
def test_cached_text_is_escaped_and_numbers_round_trip(
    tmp_path: Path, formula: str, shown: object
) -> None:
    body = f'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>{formula}</f></c></row>'
    source = package(tmp_path / "text.xlsx", _sheet(body), ["x"])
    assert recalc(source, tmp_path / "out.xlsx", registry=registry()).ok
    assert cached_values(tmp_path / "out.xlsx", "Laskelma")["B1"] == shown
