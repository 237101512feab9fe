"""The one atomic writer: modes, owners, clean-up, long names."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

import pytest

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import use_language
from xlsrc.io.atomic import (
    TEMP_PREFIX,
    OutputNotWritable,
    current_umask,
    write_atomic,
    write_failure,
)


@pytest.fixture()
def umask_022() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_umask_mode(tmp_path: Path, umask_022: object) -> None:
    target = tmp_path / "out" / "raportti.xlsx"
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert _mode(target) == 0o644  # readable by colleagues, as any file the user makes


def test_umask_is_read_without_being_changed(umask_022: object) -> None:
    assert current_umask() == 0o022
    assert current_umask() == 0o022


def test_replaced_file_keeps_its_mode(tmp_path: Path, umask_022: object) -> None:
    target = tmp_path / "budjetti.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o640


def test_as_root_the_owner_of_a_replaced_file_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server running as root must not hand a user's 0640 file over to root."""
    target = tmp_path / "budjetti.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    info = target.stat()
    owners: list[tuple[int, int]] = []
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(os, "chown", lambda path, uid, gid: owners.append((uid, gid)))
    write_atomic(target, b"new")
    assert owners == [(info.st_uid, info.st_gid)]
    assert _mode(target) == 0o640


def test_a_failing_producer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "budjetti.xlsx"
    target.write_bytes(b"old")

    def fail(stream: BinaryIO) -> None:
        stream.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_atomic(target, fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["budjetti.xlsx"]


def test_a_name_at_the_file_system_limit_can_be_written(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250 + ".xlsx")  # 255 bytes, the usual limit
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.xlsx"
    outside.write_bytes(b"precious")
    link = tmp_path / "out" / "link.xlsx"
    link.parent.mkdir()
    link.symlink_to(outside)
    write_atomic(link, b"new")
    assert outside.read_bytes() == b"precious"
    assert not link.is_symlink() and link.read_bytes() == b"new"


@pytest.mark.parametrize(
    ("code", "reason", "swedish"),
    [
        (errno.EROFS, "vain luku", "disken är skrivskyddad"),
        (errno.EACCES, "kirjoitusoikeus puuttuu", "skrivrättighet saknas"),
        (errno.ENOSPC, "levy on täynnä", "disken är full"),
    ],
)
def test_a_refused_write_is_a_located_unusable_output_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str, swedish: str
) -> None:
    """Finnish by default; the same error shown under Swedish is Swedish, reason and all."""
    target = tmp_path / "kohde.xlsx"
    target.write_bytes(b"old")
    _replace_fails(monkeypatch, code)
    with pytest.raises(OutputNotWritable) as raised:
        write_atomic(target, b"new")
    monkeypatch.undo()
    error = raised.value
    assert isinstance(error, OSError) and isinstance(error, UnusableInput)
    assert error.exit_code == 2 and reason in str(error) and str(target) in str(error)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["kohde.xlsx"]
    with use_language("sv"):
        shown, why = str(error), str(write_failure(error))
    assert shown == (
        f"{target}: filen kan inte skrivas: {swedish}; den tidigare filen (om den fanns) är "
        "oförändrad - ange ett annat mål eller rätta mappens rättigheter"
    )
    assert why == swedish


def _replace_fails(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Every rename fails with ``code``, as the file system would refuse it."""

    def refuse(source: object, destination: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuse)


def test_an_unknown_file_system_failure_is_not_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _replace_fails(monkeypatch, errno.EIO)
    with pytest.raises(OSError) as raised:
        write_atomic(tmp_path / "x.bin", b"x")
    assert not isinstance(raised.value, OutputNotWritable) and raised.value.errno == errno.EIO


def test_a_file_where_the_folder_should_be_is_named_and_nothing_changes(tmp_path: Path) -> None:
    """mkdir's FileExistsError was an internal error (exit 3) for ``--out notes.txt/x.xlsx``."""
    blocker = tmp_path / "muistio.txt"
    blocker.write_text("notes")
    for target in (blocker / "x.xlsx", blocker / "alikansio" / "x.xlsx"):
        with pytest.raises(OutputNotWritable) as raised:
            write_atomic(target, b"new")
        error = raised.value
        assert error.exit_code == 2 and str(target) in str(error)
        assert f"{blocker} ei ole kansio vaan tiedosto" in str(error)
    assert blocker.read_text() == "notes" and sorted(tmp_path.iterdir()) == [blocker]


def test_a_folder_that_cannot_hold_files_is_a_located_refusal() -> None:
    """``/proc`` exists, but creating the temporary file fails with ENOENT (was exit 3)."""
    assert Path("/proc/self").is_dir(), "this test needs Linux's /proc (CI runs on Linux)"
    for target, reason in (
        (Path("/proc/tulos.xlsx"), "kansioon ei voi luoda tiedostoja"),
        (Path("/proc/uusi/tulos.xlsx"), "kansiota /proc/uusi ei voi luoda"),
    ):
        with pytest.raises(OutputNotWritable) as raised:
            write_atomic(target, b"new")
        assert raised.value.exit_code == 2
        assert str(raised.value).startswith(f"{target}: ") and reason in str(raised.value)
