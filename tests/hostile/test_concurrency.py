"""One writer per workbook: status-sheet and recalc --in-place at once lose nothing.

Issue 11: ``status-sheet F`` and ``recalc --in-place F`` run at once both
exited 0 and recalc's values were lost.  Here both are started while the test
itself holds the workbook lock, so they really meet; after it lets go, both
must finish and the file must have the new status sheet *and* current values.
Excel's owner file refuses a workbook unless ``--force``; a replaced file
keeps its mode (and, as root, its owner).
"""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.engine.helpers import build, cached_values
from tests.status_sheet_support import example
from xlsrc.cli.main import cli
from xlsrc.io.locks import workbook_lock
from xlsrc.status_sheet.package import sheet_parts

STALE = "-987654321"
_CACHED = re.compile(r'<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f><v>([^<]*)</v>')


def _with_a_stale_value(data: bytes, path: Path) -> tuple[Path, str, str]:
    """``data`` written to ``path`` with one formula cell's cached value made wrong."""
    where = ("", "")
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            part = source.read(info.filename)
            found = _CACHED.search(part.decode()) if info.filename.endswith(".xml") else None
            if found and not where[0] and info.filename.startswith("xl/worksheets/"):
                where = (info.filename, found.group(1))
                part = part.replace(found.group().encode(), found.group(0).replace(
                    f"<v>{found.group(2)}</v>", f"<v>{STALE}</v>").encode(), 1)  # fmt: skip
            out.writestr(info, part)
    return path, where[0], where[1]


def _command(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "xlsrc.cli.main", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_status_sheet_and_recalc_in_place_at_once_lose_nothing(tmp_path: Path) -> None:
    book, part, cell = _with_a_stale_value(example(), tmp_path / "tavoiteseuranta.xlsx")
    assert cell, "the example has a formula cell with a cached value"
    before = book.read_bytes()
    with workbook_lock(book):
        status = _command("status-sheet", str(book), "-q", "Q3")
        recalc = _command("recalc", str(book), "--in-place", "--no-validate")
        for _ in range(40):  # 4 s: long enough for either to finish if it did not wait
            time.sleep(0.1)
            assert book.read_bytes() == before, "a command wrote while the lock was held"
        assert status.poll() is None and recalc.poll() is None
    for process in (status, recalc):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert "Tilanne Q3 2024" in sheet_parts(book.read_bytes())
    with zipfile.ZipFile(book) as package:
        assert STALE not in package.read(part).decode()  # the recalculated value survived


def test_a_workbook_open_in_excel_is_refused_unless_forced(tmp_path: Path) -> None:
    book = build(tmp_path / "budjetti.xlsx", {"S": {"A1": 2, "B1": "=A1*5"}})
    (tmp_path / "~$budjetti.xlsx").write_bytes(b"\x05Maija")
    before = book.read_bytes()
    refused = CliRunner().invoke(cli, ["recalc", str(book), "--in-place", "--no-validate"])
    assert refused.exit_code == 2
    assert "auki Excelissä" in refused.output and "--force" in refused.output
    assert book.read_bytes() == before
    forced = CliRunner().invoke(
        cli, ["recalc", str(book), "--in-place", "--no-validate", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert cached_values(book, "S")["B1"] == 10


def test_status_sheet_on_a_workbook_open_in_excel_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "tavoiteseuranta.xlsx"
    book.write_bytes(example())
    (tmp_path / "~$tavoiteseuranta.xlsx").write_bytes(b"\x05Maija")
    done = CliRunner().invoke(cli, ["status-sheet", str(book), "-q", "Q3"])
    assert done.exit_code == 2 and "auki Excelissä" in done.output
    assert book.read_bytes() == example()


def test_a_second_writer_gives_up_after_waiting(tmp_path: Path) -> None:
    book = build(tmp_path / "kirja.xlsx", {"S": {"A1": 1}})
    with workbook_lock(book), pytest.raises(Exception, match="toinen xlsrc-ajo"):
        with workbook_lock(book, wait=0.2):
            pass


def test_in_place_keeps_the_mode_and_as_root_the_owner(tmp_path: Path) -> None:
    book = build(tmp_path / "kirja.xlsx", {"S": {"A1": 2, "B1": "=A1*5"}})
    os.chmod(book, 0o640)
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if as_root:  # a server running as root must not hand a user's file over to root
        os.chown(book, 4321, 4321)
    done = CliRunner().invoke(cli, ["recalc", str(book), "--in-place", "--no-validate"])
    assert done.exit_code == 0, done.output
    after = os.stat(book)
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == ((4321, 4321) if as_root else (os.getuid(), os.getgid()))
    assert cached_values(book, "S")["B1"] == 10
