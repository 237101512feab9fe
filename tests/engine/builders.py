"""Workbooks the engine tests (and benchmarks/recalc_benchmark.py) build with openpyxl.

``programme_workbook`` mirrors the template families: a rules sheet, a
savings-programme detail table with native deltas and statuses, range-form
UDF status columns entered as array formulas, scalar UDFs nested inside
native formulas, and a programme x status pivot of SUMIFS/COUNTIFS.
The data is generated deterministically from the row number.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.formula import ArrayFormula

from xlsrc.core.schemes import RULES_HEADERS, TRAFFIC_LIGHT_80_90

PROGRAMMES = [f"{i}. Ohjelma {name}" for i, name in enumerate(
    ["Talous", "Palvelut", "Henkilöstö", "Tilat", "Digi", "Hankinnat",
     "Sote", "Opetus", "Kulttuuri", "Liikenne", "Ympäristö", "Hallinto"], start=1)]  # fmt: skip
STATUSES = ["1. Aloittamatta", "2. Etenee suunnitellusti", "3. Haasteita", "5. Valmis"]
RULES_SHEET = "Säännöt"
DETAIL_SHEET = "Toimenpiteet"
PIVOT_SHEET = "Pivot"
_UI_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
_VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
#: where programme_workbook puts its XS_PIVOT_CELL formula (first programme, first status)
PIVOT_UDF_CELL = f"B{len(PROGRAMMES) + 6}"


def rules_rows() -> list[list[object]]:
    return [list(RULES_HEADERS), *TRAFFIC_LIGHT_80_90.to_rows()]


def _detail_row(i: int) -> tuple[str, str, str, float, float, float]:
    programme = PROGRAMMES[(i * 7) % len(PROGRAMMES)]
    status = STATUSES[(i * 3 + i // 5) % len(STATUSES)]
    readiness = ((i * 37) % 101) / 100.0
    target = float(1000 + (i * 7919) % 90000) / 10.0
    actual = 0.0 if i % 17 == 0 else round(target * (0.7 + ((i * 13) % 60) / 100.0), 1)
    return programme, f"Toimenpide {i}", status, readiness, target, actual


def programme_workbook(path: Path, rows: int, udfs: bool = True) -> Path:
    """The benchmark/oracle workbook with ``rows`` detail rows (see module docstring)."""
    wb = openpyxl.Workbook()
    rules = wb.active
    rules.title = RULES_SHEET
    for line in rules_rows():
        # the inclusive flags as the words a user types (LibreOffice has no TRUE/FALSE type)
        rules.append(
            [{True: "TOSI", False: "EPÄTOSI"}.get(v, v) if isinstance(v, bool) else v for v in line]
        )
    detail = wb.create_sheet(DETAIL_SHEET)
    detail.append(
        ["Ohjelma", "Toimenpide", "Tilannekuva", "Valmiusaste", "Tavoitesumma", "Toteuma",
         "Muutos €", "Muutos %", "Tila", "Tila (sääntö)", "Muutos % (xlsrc)", "Merkintä"]
    )  # fmt: skip
    last = rows + 1
    rules_area = f"'{RULES_SHEET}'!$A$1:$K$4"
    for i in range(2, last + 1):
        detail.append(list(_detail_row(i)))
        detail[f"G{i}"] = f"=F{i}-E{i}"
        detail[f"H{i}"] = f'=IFERROR(ROUND((F{i}-E{i})/E{i}*100,1),"")'
        detail[f"I{i}"] = (
            f'=IF(D{i}>=0.9,"Tavoitteessa",IF(D{i}>=0.8,"Lähellä tavoitetta","Ei tavoitteessa"))'
        )
        if udfs:
            detail[f"K{i}"] = f'=IFERROR(XS_CHANGE_PCT(E{i},F{i},"Menot",1),"")'
            detail[f"L{i}"] = f'=IF(J{i}=I{i},"ok","tarkista "&J{i})'
        else:
            detail[f"K{i}"] = f'=IF(E{i}=0,"",ROUND((F{i}-E{i})/E{i}*100,1))'
            detail[f"L{i}"] = f'=IF(I{i}="Tavoitteessa","ok","tarkista "&I{i})'
    if udfs:
        detail["J2"] = ArrayFormula(f"J2:J{last}", f"=XS_BANDS(D2:D{last},{rules_area})")
    else:
        for i in range(2, last + 1):
            labels = f"'{RULES_SHEET}'!$H$2:$H$4"
            lowers = f"'{RULES_SHEET}'!$B$2:$B$4"
            detail[f"J{i}"] = f"=INDEX({labels},MATCH(D{i},{lowers},-1))"
    pivot = wb.create_sheet(PIVOT_SHEET)
    pivot.append(["Ohjelma", *STATUSES, "Yhteensä", "Lukumäärä", "Keskiarvo"])
    d = f"{DETAIL_SHEET}!"
    for r, programme in enumerate(PROGRAMMES, start=2):
        pivot.cell(r, 1, programme)
        for c in range(2, 2 + len(STATUSES)):
            col = openpyxl.utils.get_column_letter(c)
            pivot.cell(r, c, f"=SUMIFS({d}$E:$E,{d}$A:$A,$A{r},{d}$C:$C,{col}$1)")
        pivot.cell(r, 6, f"=SUM(B{r}:E{r})")
        pivot.cell(r, 7, f"=COUNTIFS({d}$A$2:$A${last},$A{r})")
        pivot.cell(r, 8, f"=IFERROR(F{r}/G{r},0)")
    total = len(PROGRAMMES) + 2
    pivot.cell(total, 1, "Yhteensä")
    for c in range(2, 8):
        col = openpyxl.utils.get_column_letter(c)
        pivot.cell(total, c, f"=SUM({col}2:{col}{total - 1})")
    pivot.cell(total + 1, 1, "Tarkistus")
    pivot.cell(total + 1, 6, f"=ROUND(F{total}-SUM({d}E2:E{last}),6)")
    pivot.cell(total + 2, 1, "Suurin")
    pivot.cell(total + 2, 6, f"=MAX({d}F2:F{last})")
    pivot.cell(total + 3, 1, "Haku")
    pivot.cell(total + 3, 6, f'=VLOOKUP("Toimenpide 7",{d}B2:F{last},4,FALSE)')
    if udfs:
        pivot.cell(total + 4, 1, "xlsrc")
        pivot.cell(
            total + 4, 2,
            f"=XS_PIVOT_CELL($A$2,B$1,{d}$A$2:$A${last},{d}$C$2:$C${last},{d}$E$2:$E${last})",
        )  # fmt: skip
    wb.save(path)
    return path


def add_vba_and_ribbon(xlsx: Path, xlsm: Path) -> Path:
    """An .xlsm copy of ``xlsx`` carrying a vbaProject.bin and a customUI14 ribbon part.

    Done by zip rewrite, as an add-in build would do, because openpyxl would
    drop the customUI relationship.
    """
    customui = (
        '<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui">'
        '<ribbon><tabs><tab id="xlsrcTab" label="xlsrc"><group id="g" label="Laske">'
        '<button id="recalc" label="Laske" onAction="XlsrcRecalc"/>'
        "</group></tab></tabs></ribbon></customUI>"
    )
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8  # opaque bytes, kept as-is
    with zipfile.ZipFile(xlsx) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    content_types = parts["[Content_Types].xml"].decode()
    content_types = content_types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ).replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    parts["[Content_Types].xml"] = content_types.encode()
    rels = (
        parts["_rels/.rels"]
        .decode()
        .replace(
            "</Relationships>",
            f'<Relationship Id="rIdUI" Type="{_UI_REL}" Target="customUI/customUI14.xml"/>'
            "</Relationships>",
        )
    )
    parts["_rels/.rels"] = rels.encode()
    wb_rels = (
        parts["xl/_rels/workbook.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            f'<Relationship Id="rIdVBA" Type="{_VBA_REL}" Target="vbaProject.bin"/>'
            "</Relationships>",
        )
    )
    parts["xl/_rels/workbook.xml.rels"] = wb_rels.encode()
    parts["xl/vbaProject.bin"] = vba
    parts["customUI/customUI14.xml"] = customui.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    xlsm.write_bytes(buffer.getvalue())
    return xlsm


def decorated_workbook(path: Path, rows: int = 20) -> Path:
    """programme_workbook plus what a real template carries: number formats, conditional
    formatting, data validation, an Excel table, defined names and sheet protection."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    programme_workbook(path, rows)
    wb = openpyxl.load_workbook(path)
    detail = wb[DETAIL_SHEET]
    last = rows + 1
    for cell in detail["E"][1:] + detail["F"][1:] + detail["G"][1:]:
        cell.number_format = "#,##0.0 €"
    detail["A1"].font = Font(bold=True)
    detail.conditional_formatting.add(
        f"J2:J{last}",
        CellIsRule(
            operator="equal",
            formula=['"Tavoitteessa"'],
            fill=PatternFill("solid", start_color="63BE7B"),
        ),
    )
    validation = DataValidation(
        type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True
    )
    detail.add_data_validation(validation)
    validation.add(f"C2:C{last}")
    detail.freeze_panes = "A2"
    pivot = wb[PIVOT_SHEET]
    pivot.add_table(
        Table(
            displayName="Pivotti",
            ref=f"A1:H{len(PROGRAMMES) + 1}",
            tableStyleInfo=TableStyleInfo(name="TableStyleMedium2"),
        )
    )
    pivot.protection.sheet = True
    pivot.protection.password = "xlsrc"
    wb.defined_names["Tavoitesummat"] = DefinedName(
        "Tavoitesummat", attr_text=f"{DETAIL_SHEET}!$E$2:$E${last}"
    )
    pivot.cell(len(PROGRAMMES) + 7, 1, "Nimetty")
    pivot.cell(len(PROGRAMMES) + 7, 6, "=SUM(Tavoitesummat)")
    wb.save(path)
    return path
