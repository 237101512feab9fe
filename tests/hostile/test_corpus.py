"""Every hostile case of issue 11 ends in a correct output or a located refusal.

The corpus (:mod:`tests.hostile.corpus`) is recalculated the way a server
would, as one ``xlsrc recalc`` folder batch in a subprocess whose address
space is capped at 1 GB (the workers inherit the cap) with a 60 s limit per
file.  Then, for every case: the outcome it must have; no input changed;
every part of every output is well-formed XML, openpyxl loads every output
and LibreOffice opens every output and computes the same values.
"""

from __future__ import annotations

import hashlib
import json
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import etree  # type: ignore[import-untyped]

from tests.hostile.corpus import CASES, LEFTOVER, NOT_UTF8, REPORTED, STALE, Case, build
from xlsrc.core.errors import XlError
from xlsrc.libreoffice import Session
from xlsrc.limits import Limits

MEMORY_CAP = 1 << 30
SECONDS_PER_FILE = 60


@dataclass
class Run:
    folder: Path
    out: Path
    returncode: int
    stderr: str
    results: dict[str, dict[str, Any]]
    skipped: dict[str, str]
    before: dict[str, str]


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every regular file (a FIFO is never opened: that is what would hang)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("hostile") / "in"
    build(folder)
    before = _digests(folder)
    out, summary = folder.parent / "out", folder.parent / "summary.json"
    done = subprocess.run(
        [sys.executable, "-m", "xlsrc.cli.main", "recalc", str(folder), "--out", str(out),
         "--json", str(summary), "--jobs", "2", "--no-validate",
         "--timeout", str(SECONDS_PER_FILE)],
        capture_output=True, text=True, preexec_fn=_cap_memory,
        timeout=SECONDS_PER_FILE * len(CASES),
    )  # fmt: skip
    report = json.loads(summary.read_text(encoding="utf-8"))
    results = {Path(entry["path"]).name: entry for entry in report["files"]}
    skipped = {Path(entry["path"]).name: entry["reason"] for entry in report["skipped"]}
    return Run(folder, out, done.returncode, done.stderr, results, skipped, before)


def _params() -> list[Any]:
    return [pytest.param(c, id=c.name[:40]) for c in CASES]


def _cached_in_part(path: Path, cell: str) -> float:
    """The cached number of ``cell`` in the first worksheet part, read with lxml."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("xl/worksheets/sheet1.xml"))
    (value,) = root.xpath(f"//*[local-name()='c'][@r='{cell}']/*[local-name()='v']/text()")
    return float(value)


def _shown(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


@pytest.mark.parametrize("case", _params())
def test_each_case_ends_in_a_correct_output_or_a_located_refusal(run: Run, case: Case) -> None:
    result = run.results[case.file]
    problems = " ".join(result["problems"])
    assert "internal error" not in problems and "sisäinen" not in problems, problems
    if result["ok"]:
        assert case.expect, f"{case.name} should have been refused: {case.refusal}"
        if case.openpyxl_reads:
            book = openpyxl.load_workbook(run.out / case.file, data_only=True)
            seen = {cell: _shown(book["S"][cell].value) for cell in case.expect}
        else:
            seen = {cell: _cached_in_part(run.out / case.file, cell) for cell in case.expect}
        assert seen == {cell: _shown(value) for cell, value in case.expect.items()}
    else:
        assert case.refusal is not None, f"{case.name} should have worked: {problems}"
        assert case.refusal in problems, problems
        assert not (run.out / case.file).exists()


def test_no_file_took_more_than_the_time_limit_and_no_worker_was_lost(run: Run) -> None:
    assert run.returncode == 2, run.stderr  # unusable inputs; never an internal error (3)
    for name, entry in run.results.items():
        assert entry["seconds"] < SECONDS_PER_FILE, name
        assert not any("työprosessi kaatui" in p for p in entry["problems"]), (name, entry)


def test_no_input_changed(run: Run) -> None:
    assert _digests(run.folder) == {k: v for k, v in run.before.items() if k != STALE}


def test_other_formats_are_reported_and_leftovers_skipped(run: Run) -> None:
    for name, word in REPORTED.items():
        assert word in run.skipped[name] and f"ohitettu {run.folder / name}" in run.stderr
    assert LEFTOVER not in run.results and LEFTOVER not in run.skipped
    assert not (run.folder / STALE).exists()  # a killed run's temporary file, two days old


def test_a_name_that_is_not_utf8_is_reported_escaped(run: Run) -> None:
    assert run.results["caf\\xe9.xlsx"]["ok"]
    assert (run.out / NOT_UTF8).exists()


def test_every_written_part_is_well_formed_and_openpyxl_reads_every_output(run: Run) -> None:
    outputs = sorted(run.out.iterdir())
    assert len(outputs) == sum(1 for entry in run.results.values() if entry["ok"])
    assert not [p for p in outputs if p.name.startswith(".xlsrc-")]  # no temporary file left
    for output in outputs:
        with zipfile.ZipFile(output) as package:
            for name in package.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(package.read(name), etree.XMLParser(resolve_entities=False))
        openpyxl.load_workbook(output).close()


def test_libreoffice_reads_every_output_and_computes_the_same(run: Run, tmp_path: Path) -> None:
    expected = {c.file: c for c in CASES if not c.libreoffice_differs}
    with Session() as office:
        for number, output in enumerate(sorted(run.out.iterdir())):
            plain = tmp_path / f"{number}.xlsx"  # LibreOffice takes only UTF-8 file names
            plain.write_bytes(output.read_bytes())
            values = office.recalculated_values(plain)
            case = expected.get(output.name)
            if case is None:
                continue
            for cell, value in case.expect.items():
                got = values["S"].get(cell)
                if isinstance(value, str) and value.startswith("#"):
                    assert got == XlError.from_literal(value), (output.name, cell)
                else:
                    assert got == _shown(value), (output.name, cell, got)


def test_the_limits_in_force_are_the_defaults() -> None:
    """The corpus is sized against the default limits; a changed default must be looked at."""
    assert Limits().part_bytes < 1 << 30 and Limits().array_area < 1_048_576
