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
    assert "muistio.xlsx" in run.output and "Virhe: " in run.output
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


@pytest.fixture(scope="module")
def goal_tracking(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from xlsrc.workbooks.build import build_workbook
    from xlsrc.workbooks.layouts import GOAL_TRACKING

    path = tmp_path_factory.mktemp("seuranta") / "seuranta.xlsx"
    path.write_bytes(build_workbook(GOAL_TRACKING, example=True))
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["status-sheet", "{book}", "--quarter", "Q3", "--year", "2024", "--out", "{out}"],
        ["publish", "{book}", "--out", "{out}"],
        ["validate", "{book}", "--xlsx", "{out}"],
    ],
    ids=["status-sheet", "publish", "validate"],
)
def test_a_read_only_output_folder_exits_2_in_finnish(
    goal_tracking: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """A read-only share (EROFS at the rename) is the user's to fix, not a bug in xlsrc."""
    import errno
    import os

    folder = tmp_path / "vain_luku"
    folder.mkdir()
    real_replace = os.replace

    def read_only(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target).parent == folder:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real_replace(source, target)

    real_mkdir = os.mkdir

    def no_folders(path: str | os.PathLike[str], mode: int = 0o777, **kw: object) -> None:
        if Path(path).parent == folder:  # a temporary folder beside the output, say
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real_mkdir(path, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", read_only)
    monkeypatch.setattr(os, "mkdir", no_folders)
    before = goal_tracking.read_bytes()
    args = [a.format(book=goal_tracking, out=folder / "tulos.xlsx") for a in command]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == EXIT_UNUSABLE, run.output
    assert "levy on vain luku -tilassa" in run.output and "sisäinen virhe" not in run.output
    assert list(folder.iterdir()) == [] and goal_tracking.read_bytes() == before


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("cut short", "zip-paketti on rikki: sen hakemisto puuttuu"),
        ("text", "se on tekstitiedosto"),
    ],
)
def test_every_command_refuses_a_broken_file_in_the_same_words(
    tmp_path: Path, kind: str, said: str
) -> None:
    """A user trial got three different reasons (one of them Python's English) for one
    truncated file from validate, recalc and status-sheet."""
    from xlsrc.workbooks.build import build_workbook
    from xlsrc.workbooks.layouts import GOAL_TRACKING

    path = tmp_path / "tavoiteseuranta.xlsx"
    whole = build_workbook(GOAL_TRACKING, example=True)
    path.write_bytes(whole[: len(whole) // 2] if kind == "cut short" else b"Nro;Tilanne\n1;90\n")
    commands = (
        ["validate", str(path)],
        ["recalc", "--out", str(tmp_path / "out"), str(path)],
        ["status-sheet", "-q", "Q1", "--out", str(tmp_path / "s.xlsx"), str(path)],
    )
    for command in commands:
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, (command, result.output)
        assert f"{path}: " in result.output and said in result.output, (command, result.output)
        assert "File is not a zip file" not in result.output


def _proc_refuses_files() -> bool:
    """Whether ``/proc`` is there and cannot hold a new file (as on Linux, even for root)."""
    import os

    try:
        os.close(os.open("/proc/.xlsrc-probe", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        return Path("/proc").is_dir()
    os.unlink("/proc/.xlsrc-probe")
    return False


_UNUSABLE_OUTPUTS = {  # where the output would go -> what the message must say
    "folder is a file": ("tiedosto/tulos.xlsx", "ei ole kansio vaan tiedosto"),
    "missing folder": ("ei_ole/tulos.xlsx", "kansiota {tmp}/ei_ole ei ole"),
    "folder refuses files": ("/proc/tulos.xlsx", "kansioon ei voi luoda tiedostoja"),
}


@pytest.mark.parametrize("case", list(_UNUSABLE_OUTPUTS))
@pytest.mark.parametrize(
    "command",
    [
        ["status-sheet", "{book}", "-q", "Q3", "--year", "2024", "--out", "{out}"],
        ["validate", "{book}", "--xlsx", "{out}"],
        ["publish", "{book}", "--out", "{out}"],
        ["upgrade", "{book}", "--out", "{out}"],
        ["collect", "{folder}", "--out", "{out}", "--jobs", "1"],
        ["collect", "{folder}", "--out", "{tmp}/koonti.xlsx", "--json", "{out}", "--jobs", "1"],
        ["recalc", "{book}", "--out", "{tmp}/laskettu", "--json", "{out}", "--jobs", "1"],
    ],
    ids=[
        "status-sheet",
        "validate",
        "publish",
        "upgrade",
        "collect",
        "collect-json",
        "recalc-json",
    ],  # fmt: skip
)
def test_an_unusable_output_path_exits_2_naming_it_and_why(
    goal_tracking: Path, tmp_path: Path, command: list[str], case: str
) -> None:
    """A user trial met FileExistsError / FileNotFoundError as internal errors (exit 3) for
    an output under a file or in /proc, and publish made a missing folder at the root."""
    if case == "folder refuses files":  # Linux, as CI: a missing /proc fails, never skips
        assert _proc_refuses_files(), "this case needs Linux's /proc, which refuses new files"
    folder = tmp_path / "yksikot"
    folder.mkdir()
    (folder / goal_tracking.name).write_bytes(goal_tracking.read_bytes())
    (tmp_path / "tiedosto").write_text("a file where the folder would be")
    where, said = _UNUSABLE_OUTPUTS[case]
    out = where if where.startswith("/") else f"{tmp_path}/{where}"
    before = goal_tracking.read_bytes()
    args = [a.format(book=goal_tracking, folder=folder, out=out, tmp=tmp_path) for a in command]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == EXIT_UNUSABLE, run.output
    assert f"{out}: " in run.output and said.format(tmp=tmp_path) in run.output, run.output
    assert "sisäinen virhe" not in run.output and "Traceback" not in run.output
    assert not Path(out).exists() and not (tmp_path / "ei_ole").exists()
    assert goal_tracking.read_bytes() == before
    assert (tmp_path / "tiedosto").read_text() == "a file where the folder would be"
