"""Outputs never touch inputs: every unsafe output is refused before any file is read.

The scenarios of issue 11 in which a file was lost, each run through the real
command line; every input is hashed before and after.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.engine.helpers import build, cached_values, digest
from xlsrc.cli.main import cli


def recalc(*args: str) -> Result:
    return CliRunner().invoke(cli, ["recalc", *args, "--no-validate", "--jobs", "1"])


@pytest.fixture
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    for sub, number in (("a", 1), ("b", 2)):
        (tmp_path / sub).mkdir()
        build(tmp_path / sub / "x.xlsx", {"S": {"A1": number, "B1": "=A1*10"}})
    return tmp_path / "a", tmp_path / "b"


def test_an_output_that_is_an_input_is_refused(two_folders: tuple[Path, Path]) -> None:
    a, b = two_folders
    before = digest(a / "x.xlsx")
    run = recalc(str(b / "x.xlsx"), str(a / "x.xlsx"), "--out", str(a))
    assert run.exit_code == 2
    assert "ei voi olla syötetiedosto" in run.output and str(a / "x.xlsx") in run.output
    assert digest(a / "x.xlsx") == before


def test_the_folder_form_is_refused_too(two_folders: tuple[Path, Path]) -> None:
    a, b = two_folders
    before = digest(a / "x.xlsx"), digest(b / "x.xlsx")
    run = recalc(str(b), str(a), "--out", str(a))
    assert run.exit_code == 2 and "ei voi olla syötetiedosto" in run.output
    assert (digest(a / "x.xlsx"), digest(b / "x.xlsx")) == before


@pytest.mark.parametrize("target", ["input", "output"])
def test_json_onto_a_workbook_is_refused(two_folders: tuple[Path, Path], target: str) -> None:
    a, _ = two_folders
    out = a.parent / "out"
    json_file = a / "x.xlsx" if target == "input" else out / "x.xlsx"
    before = digest(a / "x.xlsx")
    run = recalc(str(a), "--out", str(out), "--json", str(json_file))
    assert run.exit_code == 2 and "JSON-yhteenveto" in run.output
    assert digest(a / "x.xlsx") == before
    assert not out.exists() or not any(out.iterdir())  # refused before any work


def test_a_symlink_inside_out_is_not_followed(two_folders: tuple[Path, Path]) -> None:
    a, _ = two_folders
    out = a.parent / "out"
    out.mkdir()
    elsewhere = a.parent / "muualla.xlsx"
    elsewhere.write_bytes(b"not to be replaced")
    (out / "x.xlsx").symlink_to(elsewhere)
    run = recalc(str(a), "--out", str(out))
    assert run.exit_code == 2 and "symbolinen linkki" in run.output
    assert elsewhere.read_bytes() == b"not to be replaced"
    assert (out / "x.xlsx").is_symlink()


def test_in_place_on_a_symlink_is_refused(two_folders: tuple[Path, Path]) -> None:
    a, _ = two_folders
    link = a.parent / "linkki.xlsx"
    link.symlink_to(a / "x.xlsx")
    before = digest(a / "x.xlsx")
    run = recalc(str(link), "--in-place")
    assert run.exit_code == 2 and "symbolinen linkki" in run.output
    assert link.is_symlink() and digest(a / "x.xlsx") == before


def test_a_folder_that_cannot_be_created_is_a_message(two_folders: tuple[Path, Path]) -> None:
    a, _ = two_folders
    blocker = a.parent / "tiedosto"
    blocker.write_text("a file where the folder would go")
    run = recalc(str(a), "--out", str(blocker / "alikansio"))
    assert run.exit_code == 2, run.output
    assert "tulosten kansiota ei voi luoda" in run.output and "Traceback" not in run.output


def test_a_full_disk_for_json_is_a_message_and_leaves_no_temporary_file(
    two_folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = two_folders
    out, json_folder = a.parent / "out", a.parent / "raportit"
    json_folder.mkdir()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(json_folder)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    run = recalc(str(a), "--out", str(out), "--json", str(json_folder / "yhteenveto.json"))
    assert run.exit_code == 2 and "JSON-yhteenvetoa ei voi kirjoittaa" in run.output
    assert "Traceback" not in run.output
    assert list(json_folder.iterdir()) == []  # neither the summary nor a temporary file
    assert cached_values(out / "x.xlsx", "S")["B1"] == 10  # the workbooks were written


def test_status_sheet_out_onto_its_workbook_is_refused(tmp_path: Path) -> None:
    book = build(tmp_path / "seuranta.xlsx", {"S": {"A1": 1}})
    before = digest(book)
    run = CliRunner().invoke(cli, ["status-sheet", str(book), "-q", "Q3", "--out", str(book)])
    assert run.exit_code == 2 and "ei voi olla syötetiedosto" in run.output
    assert digest(book) == before


def test_validate_xlsx_through_a_symlink_is_refused(tmp_path: Path) -> None:
    book = build(tmp_path / "kirja.xlsx", {"S": {"A1": 1}})
    link = tmp_path / "tulos.xlsx"
    link.symlink_to(book)
    before = digest(book)
    run = CliRunner().invoke(cli, ["validate", str(book), "--xlsx", str(link)])
    assert run.exit_code == 2 and "symbolinen linkki" in run.output
    assert digest(book) == before
