"""The committed templates are build output: rebuilding them from code gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from click.testing import CliRunner

from tests.templates_support import TEMPLATES_DIR
from xlsrc.cli.main import cli
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import WORKBOOKS


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_two_builds_are_byte_identical() -> None:
    for layout in WORKBOOKS:
        for example in (False, True):
            assert build_workbook(layout, example) == build_workbook(layout, example)


def test_build_templates_reproduces_the_committed_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build-templates", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    committed = sorted(p.name for p in TEMPLATES_DIR.glob("*.xlsx"))
    assert committed == sorted(layout.file_name for layout in WORKBOOKS)
    for name in committed:
        rebuilt = (tmp_path / name).read_bytes()
        original = (TEMPLATES_DIR / name).read_bytes()
        rebuilt_parts, original_parts = _members(rebuilt), _members(original)
        assert list(rebuilt_parts) == list(original_parts), name
        for part, payload in original_parts.items():
            assert rebuilt_parts[part] == payload, f"{name}: {part} differs; run build-templates"
        assert rebuilt == original, f"{name}: same parts but different zip bytes"


def test_built_files_carry_fixed_timestamps() -> None:
    data = (TEMPLATES_DIR / WORKBOOKS[0].file_name).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2024-01-01T00:00:00Z" in core and "xlsrc" in core


def test_build_templates_refuses_a_file_as_folder(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = CliRunner().invoke(cli, ["build-templates", "--out", str(target)])
    assert result.exit_code == 2 and "Kansio " in result.output and "on tiedosto" in result.output
    assert target.read_text() == "x"
