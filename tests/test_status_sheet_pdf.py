"""LibreOffice as the independent reader: the PDF render and the patched package."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from tests.status_sheet_support import add_settings, add_targets, both, edited, example, write
from xlsrc.cli.main import cli
from xlsrc.libreoffice import convert
from xlsrc.status_sheet.headless import generate_file


def test_cli_pdf_renders_the_status_sheet_alone(tmp_path: Path) -> None:
    path = write(tmp_path, edited(example(), both(add_targets(), add_settings())))
    done = CliRunner().invoke(cli, ["status-sheet", str(path), "-q", "Q3", "--pdf"])
    assert done.exit_code == 0, done.output
    pdf = tmp_path / "tavoiteseuranta - Tilanne Q3 2024.pdf"
    assert f"PDF: {pdf}" in done.output
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    # the status sheet only: themes packed whole onto pages (3 on the 004 example),
    # the legend, the charts; more if a font makes a theme overflow. The whole
    # workbook prints 15 pages.
    assert 4 <= pages <= 8


def test_libreoffice_reads_the_patched_workbook(tmp_path: Path) -> None:
    path = write(tmp_path, edited(example(), both(add_targets(), add_settings())))
    result = generate_file(path, 3, now=datetime(2025, 3, 25, 14, 2))
    generate_file(path, 4, now=datetime(2025, 4, 1, 8, 0))
    resaved = convert(path, "xlsx:Calc Office Open XML", tmp_path / "lo")
    wb = openpyxl.load_workbook(resaved)
    assert wb.sheetnames[-2:] == ["Tilanne Q3 2024", "Tilanne Q4 2024"]
    ws = wb["Tilanne Q3 2024"]
    for cell in result.description.cells:
        if isinstance(cell.value, str) and cell.value:
            assert ws.cell(cell.row, cell.column).value == cell.value, (cell.row, cell.column)
    assert ws.protection.sheet
