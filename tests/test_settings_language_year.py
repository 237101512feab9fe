"""The "Kieli" and "Vuosi" settings: refused at their cell, in words the command can act on.

A "Kieli" that names no language ("suomii") was read as Finnish: validation said
nothing, and ``xlsrc status-sheet`` and ``xlsrc upgrade`` wrote Finnish into a
workbook whose user had asked for another language.  Now the value is an
``invalid_setting`` error at its cell, and the commands that write in the
workbook's language refuse it, naming the file and the cell; a blank value is
still Finnish.  A year that cannot be read told ``xlsrc validate``'s user to
"anna --year", an option only ``xlsrc status-sheet`` has.

The workbooks are the goal-tracking example (and the result budget's), edited
as a user edits them: a value typed into the "Arvo" cell of a settings row.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook

from tests.edits import edited, setting
from xlsrc.cli.main import cli
from xlsrc.core.errors import EXIT_UNUSABLE, UnusableInput
from xlsrc.reading.locate import workbook_language
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.status_sheet.headless import generate_file
from xlsrc.validation import CellFinding, validate_workbook
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import WorkbookLayout
from xlsrc.workbooks.layouts.goal_tracking import GOAL_TRACKING
from xlsrc.workbooks.layouts.result_budget import RESULT_BUDGET

#: every test here runs with each workbook reader (the engine's package reader, openpyxl)
pytestmark = pytest.mark.usefixtures("workbook_reader")

_NOW = datetime(2025, 3, 25, 14, 2)
ALLOWED = "sallitut: suomi, svenska, English"


def typed(
    tmp_path: Path, name: str, value: Any, layout: WorkbookLayout = GOAL_TRACKING
) -> tuple[Path, tuple[str, str]]:
    """The example workbook with ``value`` typed into setting ``name``; the file and
    where the value went (sheet, A1), read from the edited sheet."""
    where: list[tuple[str, str]] = []

    def type_value(book: Workbook) -> None:
        where.append(setting(book, name, value))

    path = tmp_path / layout.file_name
    path.write_bytes(edited(build_workbook(layout, example=True), type_value))
    return path, where[0]


def setting_errors(path: Path) -> list[CellFinding]:
    return [f for f in validate_workbook(path) if f.rule == "invalid_setting"]


@pytest.mark.parametrize("value", ["suomii", "ruotsii", "Deutsch", 1])
def test_a_language_setting_that_names_no_language_is_an_error_at_its_cell(
    tmp_path: Path, value: Any
) -> None:
    path, (sheet, cell) = typed(tmp_path, "Kieli", value)
    found = setting_errors(path)
    assert [(f.sheet, f.cell, f.severity) for f in found] == [(sheet, cell, "error")]
    assert found[0].message == f"Kieli {value!r} ei ole tuettu kieli; {ALLOWED}"
    assert found[0].stated == value
    run = CliRunner().invoke(cli, ["validate", str(path)])
    assert run.exit_code == 1, run.output
    assert f"{sheet}!{cell}" in run.output
    assert f"Kieli {value!r} ei ole tuettu kieli" in run.output


def test_every_template_reports_its_language_setting(tmp_path: Path) -> None:
    """The result budget has no settings of its own, but it has "Kieli"."""
    path, (sheet, cell) = typed(tmp_path, "Kieli", "suomii", RESULT_BUDGET)
    found = setting_errors(path)
    assert [(f.sheet, f.cell) for f in found] == [(sheet, cell)]


@pytest.mark.parametrize(
    ("value", "language"),
    [(None, "fi"), ("  ", "fi"), ("svenska", "sv"), ("ruotsi", "sv"), ("English", "en")],
    ids=["blank", "spaces", "svenska", "ruotsi", "english"],
)
def test_a_blank_language_is_finnish_and_a_named_one_is_read(
    tmp_path: Path, value: Any, language: str
) -> None:
    path, _ = typed(tmp_path, "Kieli", value)
    assert setting_errors(path) == []
    assert workbook_language(OpenpyxlSource.open(path)) == language


def test_the_status_sheet_refuses_a_language_it_cannot_write_in(tmp_path: Path) -> None:
    """Not Finnish by default: refused, naming the file, the cell and what is allowed."""
    path, (sheet, cell) = typed(tmp_path, "Kieli", "suomii")
    out = tmp_path / "status.xlsx"
    with pytest.raises(UnusableInput) as refused:  # exit status 2
        generate_file(path, 3, year=2024, out=out, now=_NOW)
    message = str(refused.value)
    assert message == f"{path}: {sheet}!{cell}: Kieli 'suomii' ei ole tuettu kieli; {ALLOWED}"
    assert not out.exists()
    run = CliRunner().invoke(cli, ["status-sheet", str(path), "-q", "Q3", "--out", str(out)])
    assert run.exit_code == EXIT_UNUSABLE, run.output
    assert f"{sheet}!{cell}" in run.output
    assert not out.exists()


def test_upgrade_refuses_a_language_it_cannot_write_in(tmp_path: Path) -> None:
    path, (sheet, cell) = typed(tmp_path, "Kieli", "suomii")
    out = tmp_path / "upgraded.xlsx"
    run = CliRunner().invoke(cli, ["upgrade", str(path), "--out", str(out)])
    assert run.exit_code == EXIT_UNUSABLE, run.output
    assert f"{path}: {sheet}!{cell}: Kieli 'suomii' ei ole tuettu kieli" in run.output
    assert not out.exists()


def test_validate_does_not_offer_an_option_it_does_not_have_for_a_bad_year(
    tmp_path: Path,
) -> None:
    """validate says what the year setting must hold; the status sheet also offers --year."""
    path, (sheet, cell) = typed(tmp_path, "Vuosi", "2O24")
    found = setting_errors(path)
    assert [(f.sheet, f.cell) for f in found] == [(sheet, cell)]
    assert "--year" not in found[0].message
    assert "kirjoita vuosi numeroin (esim. 2025)" in found[0].message
    run = CliRunner().invoke(cli, ["validate", str(path)])
    assert run.exit_code == 1, run.output
    assert "--year" not in run.output
    out = tmp_path / "status.xlsx"
    refused = CliRunner().invoke(cli, ["status-sheet", str(path), "-q", "Q3", "--out", str(out)])
    assert refused.exit_code == EXIT_UNUSABLE, refused.output
    assert f"{found[0].message} tai anna --year" in refused.output


def test_paths_without_a_year_option_do_not_offer_one(tmp_path: Path) -> None:
    """The ribbon button and consolidation read the same inputs as the status sheet but
    have no --year; the service's way is its year= parameter."""
    from xlsrc.core.errors import XlsrcError
    from xlsrc.status_sheet.tables import read_inputs

    path, _ = typed(tmp_path, "Vuosi", "2O24")
    source = OpenpyxlSource.from_bytes(path.read_bytes(), str(path))
    with pytest.raises(XlsrcError) as plain:
        read_inputs(source, 3)
    assert "anna" not in str(plain.value) and "--year" not in str(plain.value)
    with pytest.raises(XlsrcError) as served:
        generate_file(path, 3, out=tmp_path / "s.xlsx", year_option="year=VVVV")
    assert str(served.value).endswith("tai anna year=VVVV")
