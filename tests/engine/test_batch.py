"""``xlsrc recalc`` over a folder with good and bad files: the batch goes on, each bad
file gets its reason, the exit status says something failed, inputs stay untouched."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.engine.builders import DETAIL_SHEET, programme_workbook
from tests.engine.helpers import build, cached_values, digest
from xlsrc.cli.main import cli


def _encrypted_lookalike(path: Path) -> Path:
    """An OLE compound file holding an "EncryptedPackage" stream name, as Office writes
    for a password-protected workbook (header and directory entry name only)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\x00")
    path.write_bytes(header + entry + b"\x00" * 448)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    programme_workbook(inputs / "ohjelma.xlsx", 30)
    build(
        inputs / "budjetti.xlsx", {"Tulos": {"A1": 100, "A2": 80, "A3": "=A2-A1", "A4": "=A3/A1"}}
    )
    good = inputs / "ohjelma.xlsx"
    (inputs / "rikki.xlsx").write_bytes(good.read_bytes()[:4000])  # truncated zip
    (inputs / "muistio.xlsx").write_text("tämä on tekstiä, ei työkirja\n", encoding="utf-8")
    build(inputs / "viite.xlsx", {"S": {"A1": 1, "B1": "=#REF!*2", "C1": "=A1+1"}})
    build(inputs / "puuttuva.xlsx", {"S": {"A1": "='Q4 2023'!B2"}})
    _encrypted_lookalike(inputs / "salattu.xlsx")
    with zipfile.ZipFile(inputs / "kuva.xlsx", "w") as fake:
        fake.writestr("[Content_Types].xml", "<Types/>")
        fake.writestr("word/document.xml", "<w:document/>")
    (inputs / "~$ohjelma.xlsx").write_bytes(b"lock")  # Excel's lock file: not picked up
    return inputs


def test_bad_files_are_reported_and_the_batch_goes_on(folder: Path, tmp_path: Path) -> None:
    before = {p.name: digest(p) for p in folder.iterdir()}
    out = tmp_path / "out"
    summary = tmp_path / "summary.json"
    run = CliRunner().invoke(
        cli,
        [
            "recalc",
            str(folder),
            "--out",
            str(out),
            "--json",
            str(summary),
            "--jobs",
            "2",
            "--no-validate",
        ],
    )
    assert run.exit_code == 2, run.output  # unusable inputs (exit statuses: core.errors)
    assert {p.name: digest(p) for p in folder.iterdir()} == before

    report = json.loads(summary.read_text(encoding="utf-8"))
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert set(by_name) == {
        "budjetti.xlsx", "kuva.xlsx", "muistio.xlsx", "ohjelma.xlsx",
        "puuttuva.xlsx", "rikki.xlsx", "salattu.xlsx", "viite.xlsx",
    }  # fmt: skip
    assert report["recalculated"] == 2 and report["failed"] == 6
    reasons = {name: " ".join(entry["problems"]) for name, entry in by_name.items()}
    assert "zip-paketti on rikki" in reasons["rikki.xlsx"]
    assert "se on tekstitiedosto" in reasons["muistio.xlsx"]
    assert "S!B1: kaavassa on #REF!" in reasons["viite.xlsx"]
    assert "S!A1: viittaus laskentataulukkoon 'Q4 2023', jota ei ole" in reasons["puuttuva.xlsx"]
    assert "suojattu salasanalla" in reasons["salattu.xlsx"]
    assert "Word- tai PowerPoint" in reasons["kuva.xlsx"]
    for name in by_name:
        if name in ("budjetti.xlsx", "ohjelma.xlsx"):
            assert by_name[name]["ok"] and (out / name).exists()
        else:
            assert not by_name[name]["ok"] and not (out / name).exists()
            assert f"EPÄONNISTUI {folder / name}" in run.output

    budget = by_name["budjetti.xlsx"]
    assert budget["formulas"] == 2 and budget["udf_cells"] == 0 and budget["error_cells"] == []
    assert cached_values(out / "budjetti.xlsx", "Tulos")["A4"] == pytest.approx(-0.2)
    programme = by_name["ohjelma.xlsx"]
    assert programme["udf_cells"] > 30
    assert programme["validation_findings"] is None
    shown = cached_values(out / "ohjelma.xlsx", DETAIL_SHEET)
    assert shown["G2"] == pytest.approx(shown["F2"] - shown["E2"])
    assert shown["J2"] in ("Tavoitteessa", "Lähellä tavoitetta", "Ei tavoitteessa")


def test_in_place_rewrites_only_good_files(folder: Path) -> None:
    good, bad = folder / "budjetti.xlsx", folder / "viite.xlsx"
    bad_before = digest(bad)
    run = CliRunner().invoke(
        cli, ["recalc", str(good), str(bad), "--in-place", "--jobs", "1", "--no-validate"]
    )
    assert run.exit_code == 2  # an unusable input in the batch
    assert digest(bad) == bad_before
    assert cached_values(good, "Tulos")["A3"] == -20


def test_where_results_go_must_be_said(folder: Path) -> None:
    run = CliRunner().invoke(cli, ["recalc", str(folder)])
    assert run.exit_code == 2
    assert "--out KANSIO tai --in-place" in run.output


def test_same_file_names_from_two_folders_are_refused_before_any_work(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        build(tmp_path / sub / "sama.xlsx", {"S": {"A1": f"=1+{ord(sub)}"}})
    run = CliRunner().invoke(
        cli,
        [
            "recalc",
            str(tmp_path / "a"),
            str(tmp_path / "b"),
            "--out",
            str(tmp_path / "o"),
            "--no-validate",
        ],
    )
    assert run.exit_code == 2
    assert "molempien tulos olisi" in run.output and "sama.xlsx" in run.output
    assert list((tmp_path / "o").iterdir()) == []  # refused before any file was written
