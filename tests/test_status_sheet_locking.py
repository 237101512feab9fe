"""Locked quarters: Q4 after Q3 leaves Q3 byte for byte; changed locked inputs are reported."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.status_sheet_support import (
    add_settings,
    add_targets,
    both,
    edited,
    example,
    task_only_example,
    write,
)
from xlsrc.cli.main import cli
from xlsrc.core.text import use_language
from xlsrc.status_sheet import check_locked_quarters
from xlsrc.status_sheet.headless import LockedQuarter, generate_file
from xlsrc.status_sheet.package import read_part, sheet_parts

NOW = datetime(2025, 3, 25, 14, 2)
#: The only parts adding a sheet may change; every other part must stay byte-identical.
SHARED_PARTS = {
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "xl/styles.xml",
}


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write(tmp_path, edited(example(), both(add_targets(), add_settings())))


def edit_cell(path: Path, sheet: str, row_key: str, header: str, value: object) -> None:
    """Simulate a user's edit of one input cell (as Excel would save it)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    head = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Nro")
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value == header)
    row = next(r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 1).value == row_key)
    ws.cell(row, column).value = value
    wb.save(path)


def test_q4_after_q3_leaves_q3_and_every_other_part_byte_identical(workbook: Path) -> None:
    before = parts(workbook)
    generate_file(workbook, 3, now=NOW)
    after_q3 = parts(workbook)
    q3_part = sheet_parts(workbook.read_bytes())["Tilanne Q3 2024"]
    unchanged = {n for n in before if n not in SHARED_PARTS}
    assert all(after_q3[n] == before[n] for n in unchanged)

    generate_file(workbook, 4, now=datetime(2025, 4, 2, 9, 0))
    after_q4 = parts(workbook)
    names = sheet_parts(workbook.read_bytes())
    assert names["Tilanne Q3 2024"] == q3_part
    assert after_q4[q3_part] == after_q3[q3_part]
    assert all(after_q4[n] == after_q3[n] for n in after_q3 if n not in SHARED_PARTS)
    assert set(after_q4) > set(after_q3)  # only additions: Q4's sheet, drawing, charts
    assert check_locked_quarters(workbook) == []


def test_regenerating_a_locked_quarter_needs_force(workbook: Path) -> None:
    generate_file(workbook, 3, now=NOW)
    locked = workbook.read_bytes()
    with pytest.raises(LockedQuarter, match="--force"):
        generate_file(workbook, 3, now=NOW)
    assert workbook.read_bytes() == locked  # untouched

    edit_cell(workbook, "KPI-arvot", "G20", "Q3", 0.95)
    result = generate_file(workbook, 3, force=True, now=NOW)
    assert result.replaced
    names = list(sheet_parts(workbook.read_bytes()))
    assert names.count("Tilanne Q3 2024") == 1 and names[-1] == "Tilanne Q3 2024"
    assert check_locked_quarters(workbook) == []
    with zipfile.ZipFile(workbook) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/")]
        drawings = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
    assert len(charts) == len(result.description.charts)  # the old sheet's charts are gone
    assert len(drawings) == 1


def test_a_changed_input_of_a_locked_quarter_is_reported_with_the_goal(workbook: Path) -> None:
    generate_file(workbook, 3, now=NOW)
    edit_cell(workbook, "KPI-arvot", "G07", "Q4", 0.41)  # Q4: not an input of Q3
    assert check_locked_quarters(workbook) == []
    edit_cell(workbook, "KPI-arvot", "G07", "Q2", 0.49)
    findings = check_locked_quarters(workbook)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.sheet == "Tilanne Q3 2024" and finding.rule == "locked_quarter_inputs"
    assert [str(detail) for detail in finding.details] == ["tavoitteen G07 syötteet muuttuneet"]
    assert finding.as_dict()["details"] == ["tavoitteen G07 syötteet muuttuneet"]
    with use_language("sv"):  # the finding is shown in the language of whoever shows it
        assert str(finding.message).startswith(
            "Indata för det låsta kvartalet Tilanne Q3 2024 har ändrats sedan fliken skapades: "
            "indata för mål G07 har ändrats."
        )
    assert finding.stated != finding.computed and len(finding.computed) == 64
    ws = openpyxl.load_workbook(workbook)[finding.sheet]
    assert ws[finding.cell].value == finding.stated
    assert finding.as_dict()["severity"] == "error"


def test_a_changed_rule_is_reported_as_a_rules_change(workbook: Path) -> None:
    generate_file(workbook, 3, now=NOW)
    wb = openpyxl.load_workbook(workbook)
    ws = wb["Säännöt"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Asetus")
    ws.cell(row + 3, 1, "Koontitapa")
    ws.cell(row + 3, 2, "keskiarvo")
    wb.save(workbook)
    (finding,) = check_locked_quarters(workbook)
    assert "säännöt" in finding.details[0]


def test_cli_writes_updates_in_place_or_to_out_and_warns_about_changed_locked_inputs(
    workbook: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    original = workbook.read_bytes()
    out = tmp_path / "kopio.xlsx"
    done = runner.invoke(cli, ["status-sheet", str(workbook), "--quarter", "Q3", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert workbook.read_bytes() == original  # --out leaves the input alone
    assert "Tilanne Q3 2024" in sheet_parts(out.read_bytes())

    done = runner.invoke(cli, ["status-sheet", str(workbook), "-q", "3"])
    assert done.exit_code == 0, done.output
    assert "Tilanne Q3 2024" in sheet_parts(workbook.read_bytes())
    assert list(workbook.parent.glob(".*.tmp")) == []  # the temporary file was moved in place

    again = runner.invoke(cli, ["status-sheet", str(workbook), "-q", "Q3"])
    assert again.exit_code == 2 and "--force" in again.output

    edit_cell(workbook, "KPI-arvot", "G14", "Q1", 70.0)
    q4 = runner.invoke(cli, ["status-sheet", str(workbook), "-q", "Q4"])
    assert q4.exit_code == 0, q4.output
    assert "VAROITUS Tilanne Q3 2024" in q4.output and "G14" in q4.output

    forced = runner.invoke(cli, ["status-sheet", str(workbook), "-q", "Q3", "--force"])
    assert forced.exit_code == 0 and "korvattu" in forced.output
    assert "VAROITUS" not in forced.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-q", "Q5"], "Q1, Q2, Q3 tai Q4"),
        (["-q", "Q3"], "--year"),  # with its settings table emptied the file does not say its year
    ],
)
def test_cli_bad_input_is_a_clear_error(tmp_path: Path, args: list[str], message: str) -> None:
    path = write(tmp_path, task_only_example())
    done = CliRunner().invoke(cli, ["status-sheet", str(path), *args])
    assert done.exit_code == 2 and message in done.output
    assert path.read_bytes() == task_only_example()


def test_cli_refuses_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "not.xlsx"
    path.write_text("hello")
    done = CliRunner().invoke(cli, ["status-sheet", str(path), "-q", "Q1", "--year", "2024"])
    assert done.exit_code == 2 and "not.xlsx" in done.output


def test_the_patched_package_keeps_the_q3_part_readable(workbook: Path) -> None:
    generate_file(workbook, 3, now=NOW)
    data = workbook.read_bytes()
    xml = read_part(data, sheet_parts(data)["Tilanne Q3 2024"]).decode()
    assert 't="s"' not in xml  # inline strings: the shared-strings part was not touched
    assert "<sheetProtection" in xml


def test_validation_reports_a_changed_input_of_a_locked_quarter(workbook: Path) -> None:
    from xlsrc.validation import validate_workbook

    def locked(path: Path) -> list[object]:
        return [f for f in validate_workbook(path) if f.rule == "locked_quarter_inputs"]

    assert locked(workbook) == []  # no status sheet yet: nothing to check
    generate_file(workbook, 3, now=NOW)
    assert locked(workbook) == []
    edit_cell(workbook, "KPI-arvot", "G07", "Q2", 0.49)
    (finding,) = locked(workbook)
    assert (finding.sheet, finding.severity) == ("Tilanne Q3 2024", "error")  # type: ignore[attr-defined]
    assert "G07" in finding.message  # type: ignore[attr-defined]
