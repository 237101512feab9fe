"""``POST /api/publish`` on a real server: the values-only copy ``xlsrc publish`` writes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl

from tests.server.conftest import Demo, Served
from tests.server.support import xlsrc


def _values(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_publish_answers_the_copy_the_cli_writes(
    served: Served, demo: Demo, tmp_path: Path
) -> None:
    (path,) = [p for p in demo.files if p.name == "tulosbudjetti.xlsx"]
    cli_out = tmp_path / "julkaistu.xlsx"
    cli = xlsrc("publish", str(path), "--out", str(cli_out), check=False)
    assert cli.returncode == 1 and "tarkistus löysi" in cli.stderr  # the demo's seed errors
    with served.server.client(served.alice) as client:
        answer = client.post("/api/publish", files={"file": (path.name, path.read_bytes())})
        assert answer.status_code == 200, answer.text
        report = client.get(answer.headers["x-xlsrc-report"]).json()
    assert _values(answer.content) == _values(cli_out.read_bytes())
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(re.search(rb"<f[ >]", archive.read(n)) for n in sheets)
    assert report["formulas_removed"] > 0 and len(report["source_sha256"]) == 64
    assert report["validation_errors"] > 0 and report["error_values"]  # as the CLI warned


def test_a_workbook_that_does_not_recalculate_is_not_published(
    served: Served, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "=INDIRECT(B1)"
    book.save(tmp_path / "epäselvä.xlsx")
    data = (tmp_path / "epäselvä.xlsx").read_bytes()
    with served.server.client(served.alice) as client:
        answer = client.post("/api/publish", files={"file": ("epäselvä.xlsx", data)})
    assert answer.status_code == 422
    body = answer.json()
    assert body["type"] == "PublicationRefused"
    assert body["message"].startswith("epäselvä.xlsx: työkirjaa ei julkaista")


def test_publish_as_pdf(served: Served, demo: Demo) -> None:
    (path,) = [p for p in demo.files if p.name == "talousarvio_ennuste.xlsx"]
    with served.server.client(served.bob) as client:
        answer = client.post(
            "/api/publish?format=pdf", files={"file": (path.name, path.read_bytes())}
        )
    assert answer.status_code == 200, answer.text
    assert answer.content.startswith(b"%PDF-")
    assert "talousarvio_ennuste.pdf" in answer.headers["content-disposition"]
