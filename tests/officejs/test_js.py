"""The JavaScript tests (node's test runner with office-addin-mock), on fixtures made here.

The node tests mock Office.js and the service; what the mocked service answers
and what the commands must write comes from the Python library run on the
demo workbooks, so the JS is checked against the same functions the CLI runs:

- validation findings of ``tulosbudjetti.xlsx`` (it has stated numbers that do
  not add up) and the Tarkistukset rows, summary and highlights they give;
- ``tavoiteseuranta.xlsx`` before and after ``status-sheet --quarter Q3``, and the
  refusal the library gives for the then locked quarter;
- the function help rows.

``scripts/test.sh`` installs node and the npm packages (``npm ci``).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from xlsrc.core.errors import UnusableInput
from xlsrc.excel.udf_help import help_rows
from xlsrc.officejs.bundle import functions_js
from xlsrc.registry import Registry
from xlsrc.status_sheet.headless import generate_file
from xlsrc.validation import report, validate_workbook

ROOT = Path(__file__).resolve().parents[2]
OFFICEJS = ROOT / "officejs"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def sheet_names(workbook: Path) -> list[str]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(workbook, read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def findings_fixture(workbook: Path) -> dict[str, Any]:
    findings = validate_workbook(workbook)
    assert any(f.is_error for f in findings), "the budget example must have findings"
    rows = [list(r.values) for r in report.describe(findings)]
    return {
        "workbook": b64(workbook.read_bytes()),
        "sheets": sheet_names(workbook),
        "findings": [f.as_json() for f in findings],
        "rows": [["" if v is None else v for v in row] for row in rows],
        "links": [r.link.lstrip("#") for r in report.describe(findings)],
        "summary": report.summary(findings),
        "highlights": {
            f"{loc.sheet}!{loc.cell}": f"#{colour}"
            for loc, colour in report.highlights(findings).items()
        },
    }


def status_fixture(workbook: Path, tmp: Path) -> dict[str, Any]:
    before = workbook.read_bytes()
    copy = tmp / "tavoiteseuranta.xlsx"
    shutil.copyfile(workbook, copy)
    generated = generate_file(copy, 3)
    with pytest.raises(UnusableInput) as locked:
        generate_file(copy, 3)
    return {
        "sheets": sheet_names(workbook),
        "before": b64(before),
        "after": b64(copy.read_bytes()),
        "sheet": generated.sheet,
        "locked": str(locked.value),
    }


@pytest.fixture(scope="module")
def fixtures(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("jsfixtures")
    (tmp / "functions.js").write_bytes(functions_js(Registry.default()))
    data = {
        "validation": findings_fixture(demo_dir / "tulosbudjetti.xlsx"),
        "status": status_fixture(demo_dir / "tavoiteseuranta.xlsx", tmp),
        "helpRows": help_rows(Registry.default()),
    }
    (tmp / "fixtures.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return tmp


def test_node_tests_pass(fixtures: Path) -> None:
    node = shutil.which("node")
    assert node, "node is missing: run scripts/test.sh (it installs nodejs and npm)"
    assert (OFFICEJS / "node_modules" / "office-addin-mock").is_dir(), "run: cd officejs && npm ci"
    done = subprocess.run(
        [node, "--test", "tests/"],
        cwd=OFFICEJS,
        env={"PATH": "/usr/bin:/bin", "XLSRC_FIXTURES": str(fixtures)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert "# fail 0" in done.stdout and "# pass " in done.stdout
