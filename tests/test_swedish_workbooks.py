"""``xlsrc demo --lang sv``: Swedish templates that validate and get status sheets like the Finnish.

Sheet names, headers, titles and the rules sheet are Swedish; Table names and
codes are not, so the one reader finds the same tables and columns and every
check finds the same numbers at the same cells as in the Finnish workbooks.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlsrc.cli.main import cli
from xlsrc.status_sheet.headless import generate_file
from xlsrc.validation import validate_workbook
from xlsrc.workbooks.layouts import WORKBOOKS


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    made = {}
    for language in ("fi", "sv"):
        folder = tmp_path_factory.mktemp(language)
        run = CliRunner().invoke(cli, ["--lang", language, "demo", "--out", str(folder)])
        assert run.exit_code == 0, run.output
        made[language] = folder
    return made


def test_swedish_templates_have_swedish_sheets_and_the_same_tables(demos: dict[str, Path]) -> None:
    for layout in WORKBOOKS:
        finnish = openpyxl.load_workbook(demos["fi"] / layout.file_name)
        swedish = openpyxl.load_workbook(demos["sv"] / layout.file_name)
        tables = {n for ws in finnish.worksheets for n in ws.tables}
        assert tables == {n for ws in swedish.worksheets for n in ws.tables}, layout.key
        assert "Regler" in swedish.sheetnames and "Säännöt" in finnish.sheetnames
    targets = openpyxl.load_workbook(demos["sv"] / "tavoiteseuranta.xlsx")
    assert "Huvuduppgifter" in targets.sheetnames


def test_swedish_workbooks_validate_to_the_finnish_findings(demos: dict[str, Path]) -> None:
    total = 0
    for layout in WORKBOOKS:
        found = {
            language: [
                (f.cell, f.rule, f.stated, f.computed, f.severity)
                for f in validate_workbook(demos[language] / layout.file_name)
            ]
            for language in ("fi", "sv")
        }
        assert found["sv"] == found["fi"], layout.key
        total += len(found["fi"])
    assert total > 10  # the seeds' own errors are found in both


def test_a_swedish_workbook_gets_a_swedish_status_sheet(demos: dict[str, Path]) -> None:
    path = demos["sv"] / "tavoiteseuranta.xlsx"
    result = generate_file(path, 3, year=2024, now=datetime(2025, 3, 25, 14, 2))
    assert result.sheet == "Läge Q3 2024"
    finnish = generate_file(
        demos["fi"] / "tavoiteseuranta.xlsx", 3, year=2024, now=datetime(2025, 3, 25, 14, 2)
    )
    assert finnish.sheet == "Tilanne Q3 2024"
    assert result.checksum == finnish.checksum  # the same inputs, read in either language
