"""Errors are mapped by type: the exit status is the one the error class carries."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlsrc.cli.main import cli
from xlsrc.core.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_UNUSABLE,
    FindingsFound,
    UnreadableWorkbook,
    UnusableInput,
    XlsrcError,
)


def test_every_error_class_descends_from_the_one_root() -> None:
    from xlsrc.engine.errors import EngineError
    from xlsrc.libreoffice import LibreOfficeError
    from xlsrc.status_sheet.headless import LockedQuarter
    from xlsrc.status_sheet.package import PackageError
    from xlsrc.status_sheet.tables import WorkbookLayoutError

    for error in (EngineError, LibreOfficeError, LockedQuarter, PackageError,
                  WorkbookLayoutError, UnreadableWorkbook):  # fmt: skip
        assert issubclass(error, XlsrcError), error
    assert FindingsFound.exit_code == EXIT_FINDINGS
    assert UnusableInput.exit_code == EXIT_UNUSABLE


def test_an_unreadable_workbook_exits_2_with_its_reason(tmp_path: Path) -> None:
    text = tmp_path / "muistio.xlsx"
    text.write_text("ei työkirja")
    run = CliRunner().invoke(cli, ["validate", str(text)])
    assert run.exit_code == EXIT_UNUSABLE
    assert "muistio.xlsx" in run.output and "virhe:" in run.output
    assert "Traceback" not in run.output


def test_a_bug_exits_3_with_a_traceback_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlsrc.status_sheet.headless as headless

    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("injected bug in sheet generation")

    monkeypatch.setattr(headless, "generate_file", broken)
    monkeypatch.delenv("XLSRC_DEBUG", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    book = tmp_path / "seuranta.xlsx"
    openpyxl.Workbook().save(book)  # a sound package, so the injected bug is what is met
    run = CliRunner().invoke(cli, ["status-sheet", str(book), "--quarter", "Q3"])
    assert run.exit_code == EXIT_INTERNAL
    assert "sisäinen virhe" in run.output and "ZeroDivisionError" in run.output
    traces = list(tmp_path.glob("xlsrc-virhe-*.txt"))
    assert len(traces) == 1 and "injected bug" in traces[0].read_text()
