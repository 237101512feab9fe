"""The hostile-input corpus of issue 11, generated (no binaries are committed).

Each :class:`Case` is one file in a folder and says how it must end: a correct
output (``expect``: cached values of sheet ``S`` that any reader must see) or
a located refusal (``refusal``: a fragment of the Finnish reason).  A case
with both may end either way (a deep formula the engine may one day compile).

Run ``python -m tests.hostile.corpus DIR`` to write the corpus by hand.
"""

from __future__ import annotations

import os
import sys
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tests.hostile.packages import (
    DECLARATION,
    MAIN,
    PKG_REL,
    REL,
    mark_encrypted,
    sheet_xml,
    strings_xml,
    workbook_parts,
    write_package,
)
from xlsrc.engine.refs import col_letters

GIB = 1 << 30


@dataclass(frozen=True)
class Case:
    name: str
    #: the finding of issue 11 (or the limit) this case covers
    covers: str
    expect: Mapping[str, object] = field(default_factory=dict)
    refusal: str | None = None
    #: openpyxl reads Strict packages without finding their sheets: check such a case's
    #: values in the part itself (LibreOffice reads it too)
    openpyxl_reads: bool = True
    #: why LibreOffice computes something else (then it only has to open the output)
    libreoffice_differs: str | None = None

    @property
    def file(self) -> str:
        return f"{self.name}.xlsx"


def _one_sheet(path: Path, rows: str, strings: str | None = None) -> None:
    write_package(path, workbook_parts({"S": sheet_xml(rows)}, strings))


def _cells(*cells: str) -> str:
    return '<row r="1">' + "".join(cells) + "</row>"


def _broken_sheet(path: Path, text: str) -> None:
    write_package(path, workbook_parts({"S": text}))


def _bomb(path: Path, size: int, lie: bool = False) -> None:
    """A sheet part of ``size`` bytes of blanks inside <sheetData>, deflated to almost nothing."""
    parts = workbook_parts({"S": ""})
    del parts["xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
        with out.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(f'{DECLARATION}<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            blanks = b" " * (1 << 20)
            for _ in range(size >> 20):
                part.write(blanks)
            part.write(b"</sheetData></worksheet>")
    if lie:  # the central directory claims a small part; the data says otherwise
        raw = bytearray(path.read_bytes())
        at = raw.rfind(b"PK\x01\x02", 0, raw.rfind(b"xl/worksheets/sheet1.xml"))
        raw[at + 24 : at + 28] = (4096).to_bytes(4, "little")
        path.write_bytes(bytes(raw))


def _table_with(path: Path, ref: str) -> None:
    parts = workbook_parts({"S": sheet_xml(_cells('<c r="A1"><v>1</v></c>'))})
    parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
        f'{DECLARATION}<Relationships xmlns="{PKG_REL}"><Relationship Id="rIdT" '
        f'Type="{REL}/table" Target="../tables/table1.xml"/></Relationships>'
    )
    parts["xl/tables/table1.xml"] = (
        f'{DECLARATION}<table xmlns="{MAIN}" id="1" name="T" displayName="T" ref="{ref}">'
        '<tableColumns count="1"><tableColumn id="1" name="A"/></tableColumns></table>'
    )
    write_package(path, parts)


#: (case, how to write its file)
_BUILDERS: list[tuple[Case, Callable[[Path], None]]] = []


def case(spec: Case) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        _BUILDERS.append((spec, build))
        return build

    return register


# -- the sheet reader, checked against what Excel and LibreOffice read -------------------

_TWO_STRINGS = strings_xml(["<t>a</t>", "<t>b</t>"])
#: (case, the cells of row 1, the shared-strings part or None)
_ONE_ROW: list[tuple[Case, tuple[str, ...], str | None]] = [
    (Case("kommentoitu_solu", "a commented-out cell is read (C1 = 101 vs 1)", {"C1": 1}),
     ('<c r="A1"><v>1</v></c><!-- <c r="B1"><v>100</v></c> -->',
      '<c r="C1"><f>A1+B1</f><v>101</v></c>'), None),
    (Case("cdata", "CDATA is read literally (LEN 17 vs 5)", {"B1": 5}),
     ('<c r="A1" t="inlineStr"><is><t><![CDATA[abcde]]></t></is></c>',
      '<c r="B1"><f>LEN(A1)</f><v>17</v></c>'), None),
    (Case("kommentoitu_jaettu_merkkijono", "a commented-out shared string is read", {"B1": 2}),
     ('<c r="A1" t="s"><v>1</v></c>', '<c r="B1"><f>LEN(A1)</f></c>'),
     f'{DECLARATION}<sst xmlns="{MAIN}"><si><t>a</t></si>'
     "<!-- <si><t>xxxxx</t></si> --><si><t>bb</t></si></sst>"),
    (Case("merkkijono_miinus_yksi", "shared-string index -1 gives the last string",
          refusal="jaetun merkkijonon numero '-1'"),
     ('<c r="A1" t="s"><v>-1</v></c>',), _TWO_STRINGS),
    (Case("merkkijono_yli_taulukon", "shared-string index beyond the table",
          refusal="jaetun merkkijonon numero '5'"),
     ('<c r="A1" t="s"><v>5</v></c>',), _TWO_STRINGS),
    (Case("sarake_32769", "column 32,769 aliases column A (1009 vs 10)",
          refusal="ei ole Excelin ruudukossa"),
     ('<c r="A1"><v>10</v></c>', f'<c r="{col_letters(32769)}1"><v>999</v></c>',
      '<c r="B1"><f>SUM(A1)</f></c>'), None),
    (Case("sarake_xfe", "column 16,385 is outside the grid", refusal="ei ole Excelin ruudukossa"),
     ('<c r="XFE1"><v>1</v></c>',), None),
    (Case("gt_maaritteessa", "a '>' inside an attribute hides a formula (stale value)",
          {"B1": 6}),
     ('<c r="A1"><v>3</v></c>',
      '<c r="B1" xmlns:x="urn:xlsrc:test" x:note="a>b"><f>A1*2</f><v>7</v></c>'), None),
    (Case("v_valilyonti", "valid XML such as <v >1</v > is refused", {"A1": 1, "B1": 2}),
     ('<c r="A1"><v >1</v ></c>', '<c r="B1"><f >A1+1</f ></c>'), None),
    (Case("foneettinen", "phonetic runs are not part of the text", {"B1": 2}),
     ('<c r="A1" t="s"><v>0</v></c>', '<c r="B1"><f>LEN(A1)</f></c>'),
     strings_xml(['<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh>'])),
    (Case("inf_arvo", "a cached value Excel cannot hold (inf)", refusal="ei ole Excelin luku"),
     ('<c r="A1"><v>inf</v></c>',), None),
    (Case("sama_solu_kahdesti", "one cell written twice", refusal="kahdesti"),
     ('<c r="A1"><v>1</v></c><c r="A1"><v>2</v></c>',), None),
    # -- resource exhaustion that a formula asks for
    (Case("koko_taulukon_matriisi", "a 1.7 KB whole-sheet array formula reached 3+ GB",
          refusal="matriisikaavan alue A1:XFD1048576 on liian suuri"),
     ('<c r="A1"><f t="array" ref="A1:XFD1048576">1</f></c>',), None),
    (Case("sarakematriisi", "a whole-column array formula (1,048,576 cells)",
          refusal="matriisikaavan alue B1:B1048576 on liian suuri"),
     ('<c r="A1"><v>1</v></c><c r="B1"><f t="array" ref="B1:B1048576">A1*2</f></c>',), None),
    (Case("liian_pitka_kaava", "formula length beyond Excel's 8,192 characters",
          refusal="kaava on liian pitkä: 8\u00a0193 merkkiä"),
     (f"<c r=\"A1\"><f>{'1+' * 4096}1</f></c>",), None),
    (Case("syvyys_64", "64 nested functions (Excel's limit)", {"B1": 1}),
     ('<c r="A1"><v>-1</v></c>', f"<c r=\"B1\"><f>{'ABS(' * 64}A1{')' * 64}</f></c>"), None),
    (Case("syvyys_65", "65 nested functions", refusal="kaava on liian syvä: 65 sisäkkäistä"),
     ('<c r="A1"><v>-1</v></c>', f"<c r=\"B1\"><f>{'ABS(' * 65}A1{')' * 65}</f></c>"), None),
    (Case("termit_495", "recalc() raised on a 495-term A1+A1+... formula", {"B1": 495}),
     ('<c r="A1"><v>1</v></c>', f'<c r="B1"><f>{"+".join(["A1"] * 495)}</f></c>'), None),
    (Case("termit_2666", "2,666 terms (LibreOffice computes them)", {"B1": 2666},
          refusal="kaava on liian syvä laskettavaksi"),
     ('<c r="A1"><v>1</v></c>', f'<c r="B1"><f>{"+".join(["A1"] * 2666)}</f></c>'), None),
    (Case("sulut_329", "recalc() raised on 329 nested parentheses", {"B1": 1},
          libreoffice_differs="LibreOffice's parser gives #N/A past its own nesting depth; "
          "the value of a parenthesised reference is not in doubt"),
     ('<c r="A1"><v>1</v></c>', f"<c r=\"B1\"><f>{'(' * 329}A1{')' * 329}</f></c>"), None),
    # -- numbers Excel can store
    (Case("ylivuoto", "A1 = 1E308; B1 = A1+A1 wrote <v>inf</v>", {"B1": "#NUM!"}),
     ('<c r="A1"><v>1E308</v></c>', '<c r="B1"><f>A1+A1</f></c>'), None),
    (Case("ylivuoto_eteenpain", "an overflow feeding other formulas",
          {"B1": "#NUM!", "C1": "#NUM!", "D1": True}),
     ('<c r="A1"><v>1E308</v></c>', '<c r="B1"><f>A1+A1</f></c><c r="C1"><f>B1-B1</f></c>',
      '<c r="D1"><f>ISERROR(B1)</f></c>'), None),
    (Case("ylivuoto_summa", "SUM/AVERAGE over overflowing values: 'internal error'",
          {"B1": "#NUM!", "C1": "#NUM!"}),
     ('<c r="A1"><v>1E308</v></c>', '<c r="B1"><f>SUM(A1,A1)</f></c>',
      '<c r="C1"><f>AVERAGE(A1,A1)</f></c>'), None),
    # -- names
    (Case("a" * 245, "a valid 250-byte file name failed (temp name too long)", {"B1": 2}),
     ('<c r="A1"><v>1</v></c><c r="B1"><f>A1+1</f></c>',), None),
]  # fmt: skip


def _one_row(path: Path, row: tuple[str, ...], strings: str | None) -> None:
    _one_sheet(path, _cells(*row), strings)


for _spec, _row, _strings in _ONE_ROW:
    case(_spec)(partial(_one_row, row=_row, strings=_strings))


@case(Case("rivi_yli", "row 1,048,577 is outside the grid", refusal="ei ole Excelin ruudukossa"))
def _(path: Path) -> None:
    write_package(
        path,
        workbook_parts({"S": sheet_xml('<row r="1048577"><c r="A1048577"><v>1</v></c></row>')}),
    )


@case(Case("utf16", "a UTF-16 part is refused", {"B1": 2, "B2": 2}))
def _(path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1+1</f></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>äö</t></is></c>'
        '<c r="B2"><f>LEN(A2)</f></c></row>'
    )
    text = sheet_xml(rows).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    write_package(path, workbook_parts({"S": text.encode("utf-16")}))


@case(Case("ei_osoitteita", "cells without an address", {"C1": 3}))
def _(path: Path) -> None:
    _one_sheet(path, "<row><c><v>1</v></c><c><v>2</v></c><c><f>A1+B1</f></c></row>")


@case(Case("etuliite", "namespace prefixes (<x:c>)", {"B1": 42}))
def _(path: Path) -> None:
    text = (
        f'{DECLARATION}<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1">'
        '<x:c r="A1"><x:v>2</x:v></x:c><x:c r="B1"><x:f>A1*21</x:f></x:c>'
        "</x:row></x:sheetData></x:worksheet>"
    )
    write_package(path, workbook_parts({"S": text}))


@case(Case("rikas_teksti", "rich-text runs are joined", {"B1": 4, "B2": 3}))
def _(path: Path) -> None:
    strings = strings_xml(["<r><t>ab</t></r><r><rPr><b/></rPr><t>cd</t></r>"])
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>LEN(A1)</f></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><r><t>x</t></r><r><t xml:space="preserve"> y'
        '</t></r></is></c><c r="B2"><f>LEN(A2)</f></c></row>'
    )
    _one_sheet(path, rows, strings)


@case(Case("strict", "Strict OOXML namespaces", {"B1": 6}, openpyxl_reads=False))
def _(path: Path) -> None:
    from tests.hostile.packages import STRICT_MAIN

    rows = '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*3</f></c></row>'
    write_package(path, workbook_parts({"S": sheet_xml(rows, STRICT_MAIN)}, strict=True))


@case(Case("taulukon_alue_rikki", "a table whose ref is not a range", refusal="taulukon osa"))
def _(path: Path) -> None:
    _table_with(path, "ei-alue")


# -- XML that is not well-formed: refused with line and column, never patched --------------

_NOT_WELL_FORMED = {
    "rikki_sulkematon_rivi": sheet_xml('<row r="1"><c r="A1"><v>1</v></c>'),
    "rikki_vaara_lopetus": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></rw>'),
    "rikki_ampersand": sheet_xml('<row r="1"><c r="A1" t="str"><v>a & b</v></c></row>'),
    "rikki_pienempi_kuin": sheet_xml('<row r="1"><c r="A1" t="str"><v>a < b</v></c></row>'),
    "rikki_entiteetti": sheet_xml('<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>'),
    "rikki_roskaa_lopussa": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>') + "<toinen/>",
    "rikki_kaksi_maaritetta": sheet_xml('<row r="1"><c r="A1" r="A2"><v>1</v></c></row>'),
    "rikki_ohjausmerkki": sheet_xml('<row r="1"><c r="A1"><v>1\x01</v></c></row>'),
    "rikki_katkaistu": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')[:70],
}
for _name, _text in _NOT_WELL_FORMED.items():
    case(Case(_name, "sheet XML that is not well-formed", refusal="XML on rikki"))(
        partial(_broken_sheet, text=_text)
    )


@case(Case("rikki_si_sulkematta", "20,000 unclosed <si> (quadratic scan, past 180 s)",
           refusal="XML on rikki"))  # fmt: skip
def _(path: Path) -> None:
    strings = f'{DECLARATION}<sst xmlns="{MAIN}">' + "<si><t>x</t>" * 20_000
    _one_sheet(path, _cells('<c r="A1" t="s"><v>0</v></c>'), strings)


@case(Case("dtd_xxe", "an external entity in a DTD", refusal="DTD"))
def _(path: Path) -> None:
    text = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="str"><v>&x;</v></c>'
        "</row></sheetData></worksheet>"
    )
    _broken_sheet(path, text)


@case(Case("miljardi_naurua", "billion laughs in the shared strings", refusal="DTD"))
def _(path: Path) -> None:
    entities = '<!ENTITY a "hahaha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    strings = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
        f'<sst xmlns="{MAIN}"><si><t>&j;</t></si></sst>'
    )
    _one_sheet(path, _cells('<c r="A1" t="s"><v>0</v></c>'), strings)


# -- the package ------------------------------------------------------------------------


@case(Case("ei_content_types", "a package without [Content_Types].xml was 'ok'",
           refusal="[Content_Types].xml puuttuu"))  # fmt: skip
def _(path: Path) -> None:
    parts = workbook_parts({"S": sheet_xml(_cells('<c r="A1"><v>1</v></c>'))})
    del parts["[Content_Types].xml"]
    write_package(path, parts)


@case(Case("dtd_content_types", "a DTD in [Content_Types].xml passed recalc and publish",
           refusal="[Content_Types].xml on DTD-määrittely"))  # fmt: skip
def _(path: Path) -> None:
    parts = workbook_parts({"S": sheet_xml(_cells('<c r="A1"><v>1</v></c>'))})
    types = str(parts["[Content_Types].xml"])
    declaration, _, rest = types.partition("?>")
    parts["[Content_Types].xml"] = f'{declaration}?><!DOCTYPE Types [<!ENTITY t "x">]>{rest}'
    write_package(path, parts)


@case(Case("kaksoisosa", "duplicate zip entry names: the first part was lost",
           refusal="kaksi osaa nimeltä"))  # fmt: skip
def _(path: Path) -> None:
    first = sheet_xml(_cells('<c r="A1"><v>1</v></c>', '<c r="B1"><f>A1*2</f></c>'))
    second = sheet_xml(_cells('<c r="A1"><v>500</v></c>'))
    parts = workbook_parts({"S": first})
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate, which is the point
        write_package(path, parts, extra=[("xl/worksheets/sheet1.xml", second)])


@case(Case("zip_salasana", "a zip-level password made recalc() raise",
           refusal="zip-paketti on suojattu salasanalla"))  # fmt: skip
def _(path: Path) -> None:
    _one_sheet(path, _cells('<c r="A1"><v>1</v></c>'))
    mark_encrypted(path)


@case(Case("ole_salattu", "an encrypted (password-protected) workbook",
           refusal="suojattu salasanalla"))  # fmt: skip
def _(path: Path) -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le").ljust(64, b"\x00"))


@case(Case("xlsb_nimella_xlsx", "a binary workbook named .xlsx", refusal=".xlsb"))
def _(path: Path) -> None:
    parts = workbook_parts({"S": sheet_xml("")})
    parts["_rels/.rels"] = str(parts["_rels/.rels"]).replace("xl/workbook.xml", "xl/workbook.bin")
    parts["xl/workbook.bin"] = b"\x83\x01\x00"
    write_package(path, parts)


@case(Case("tyhja", "an empty file", refusal="tiedosto on tyhjä"))
def _(path: Path) -> None:
    path.write_bytes(b"")


@case(Case("katkaistu_zip", "a truncated zip", refusal="zip-paketti on rikki"))
def _(path: Path) -> None:
    _one_sheet(path, _cells('<c r="A1"><v>1</v></c>'))
    path.write_bytes(path.read_bytes()[:300])


# -- resource exhaustion: refused before the memory or the time is spent ---------------------


@case(Case("zip_pommi", "1 MB zip bomb, a sheet inflating to 1 GiB (3.1 GB used, 'ok')",
           refusal="liian suuri"))  # fmt: skip
def _(path: Path) -> None:
    _bomb(path, GIB)


@case(Case("pommi_valehtelee", "a bomb whose zip directory claims a small size",
           refusal="rikki"))  # fmt: skip
def _(path: Path) -> None:
    _bomb(path, 64 << 20, lie=True)


@case(Case("suhdepommi", "a part inflating 1000-fold, under the size limit",
           refusal="zip-pommilta"))  # fmt: skip
def _(path: Path) -> None:
    _bomb(path, 100 << 20)


@case(Case("sum_rivit", "SUM(2:1048576) reached 3+ GB", {"A1": 4, "B1": 7}))
def _(path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1"><f>SUM(C:XFD)</f></c><c r="B1"><f>SUM(2:1048576)</f></c></row>'
        '<row r="5"><c r="A5"><v>3</v></c></row><row r="7"><c r="D7"><v>4</v></c></row>'
    )
    _one_sheet(path, rows)


@case(Case("harva_valtava_alue", "a huge range between two far-apart cells",
           refusal="on liian suuri laskettavaksi"))  # fmt: skip
def _(path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>SUM(A1:XFC1048575)</f></c></row>'
        '<row r="1048575"><c r="XFC1048575"><v>2</v></c></row>'
    )
    _one_sheet(path, rows)


CASES: list[Case] = [spec for spec, _ in _BUILDERS]
#: files in the corpus folder that are not workbooks, and the word the report gives for each
REPORTED = {
    "vanha.xls": ".xls",
    "taulukko.ods": ".ods",
    "binaari.xlsb": ".xlsb",
    "putki.xlsx": "FIFO",
}
#: a temporary file left by a killed writer: never taken for a workbook
LEFTOVER = ".xlsrc-0123456789ab.tmp"
STALE = ".xlsrc-ba9876543210.tmp"
#: a file name that is not UTF-8 (a Latin-1 é)
NOT_UTF8 = os.fsdecode(b"caf\xe9.xlsx")


def build(folder: Path) -> list[Case]:
    """Write every case into ``folder`` (plus the files a folder run must report or skip)."""
    folder.mkdir(parents=True, exist_ok=True)
    for spec, make in _BUILDERS:
        make(folder / spec.file)
    (folder / "vanha.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (folder / "taulukko.ods").write_bytes(b"PK\x03\x04 not really")
    (folder / "binaari.xlsb").write_bytes(b"PK\x03\x04 not really")
    os.mkfifo(folder / "putki.xlsx")
    _one_sheet(folder / LEFTOVER, _cells('<c r="A1"><v>1</v></c>'))
    (folder / STALE).write_bytes(b"left by a killed run")
    two_days_ago = os.stat(folder / STALE).st_mtime - 2 * 86400
    os.utime(folder / STALE, (two_days_ago, two_days_ago))
    _one_sheet(folder / NOT_UTF8, _cells('<c r="A1"><v>1</v></c><c r="B1"><f>A1+1</f></c>'))
    return list(CASES)


if __name__ == "__main__":  # pragma: no cover - by hand
    target = Path(sys.argv[1])
    print(f"{len(build(target))} cases in {target}")
