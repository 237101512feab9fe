"""``/api/validate`` and ``/api/status-sheet`` on a real server, against the CLI's own answers."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl

from tests.server.conftest import Demo, Served
from tests.server.support import xlsrc


def _demo(demo: Demo, name: str) -> Path:
    (path,) = [p for p in demo.files if p.name == name]
    return path


def test_validate_answers_the_findings_the_cli_lists(served: Served, demo: Demo) -> None:
    path = _demo(demo, "tulosbudjetti.xlsx")
    cli = xlsrc("validate", str(path), "--json", check=False)
    assert cli.returncode == 1  # the example keeps the seed's errors
    with served.server.client(served.alice) as client:
        answer = client.post("/api/validate", files={"file": (path.name, path.read_bytes())})
    assert answer.status_code == 200
    body = answer.json()
    assert body["findings"] == json.loads(cli.stdout)
    assert body["errors"] == sum(1 for f in body["findings"] if f["severity"] == "error") > 0


def test_validate_as_a_workbook_gives_the_tarkistukset_sheet_linking_to_the_upload(
    served: Served, demo: Demo, tmp_path: Path
) -> None:
    path = _demo(demo, "tulosbudjetti.xlsx")
    cli_sheet = tmp_path / "cli.xlsx"
    xlsrc("validate", str(path), "--xlsx", str(cli_sheet), check=False)
    with served.server.client(served.alice) as client:
        answer = client.post(
            "/api/validate?format=xlsx", files={"file": (path.name, path.read_bytes())}
        )
    assert answer.status_code == 200
    served_book = openpyxl.load_workbook(io.BytesIO(answer.content))
    cli_book = openpyxl.load_workbook(cli_sheet)
    assert served_book.sheetnames == ["Tarkistukset"]
    served_sheet, cli_sheet_read = served_book["Tarkistukset"], cli_book["Tarkistukset"]
    served_rows = list(served_sheet.iter_rows(values_only=True))
    assert served_rows == list(cli_sheet_read.iter_rows(values_only=True))
    link = served_sheet.cell(4, 2).hyperlink
    assert link is not None and str(link.target).startswith("tulosbudjetti.xlsx#")


def test_validate_refuses_a_text_file_with_422(served: Served) -> None:
    with served.server.client(served.alice) as client:
        answer = client.post("/api/validate", files={"file": ("a.xlsx", b"tekstia\n")})
    assert answer.status_code == 422
    message = answer.json()["message"]
    assert message.startswith("a.xlsx: ")
    assert str(served.server.data) not in message and "/in/" not in message


def _sheet_names(data: bytes) -> list[str]:
    names: list[str] = openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames
    return names


def test_status_sheet_adds_the_quarter_and_keeps_it_locked(served: Served, demo: Demo) -> None:
    path = _demo(demo, "tavoiteseuranta.xlsx")
    with served.server.client(served.bob) as client:
        answer = client.post(
            "/api/status-sheet?quarter=Q3", files={"file": (path.name, path.read_bytes())}
        )
        assert answer.status_code == 200, answer.text
        added = [
            n for n in _sheet_names(answer.content) if n not in _sheet_names(path.read_bytes())
        ]
        assert added == ["Tilanne Q3 2024"]
        again = client.post(
            "/api/status-sheet?quarter=Q3", files={"file": (path.name, answer.content)}
        )
        assert again.status_code == 409
        assert again.json()["type"] == "LockedQuarter"
        forced = client.post(
            "/api/status-sheet?quarter=Q3&force=true", files={"file": (path.name, answer.content)}
        )
        assert forced.status_code == 200
        report = client.get(forced.headers["x-xlsrc-report"]).json()
    assert report["sheet"] == "Tilanne Q3 2024" and report["replaced"] is True


def test_status_sheet_through_the_api_is_the_file_the_cli_writes(
    served: Served, demo: Demo, tmp_path: Path
) -> None:
    """Every part the same as ``xlsrc status-sheet --out`` writes, but the new sheet's own
    part, whose header carries the time it was made."""
    path = _demo(demo, "tavoiteseuranta.xlsx")
    with served.server.client(served.bob) as client:
        answer = client.post(
            "/api/status-sheet?quarter=Q2", files={"file": (path.name, path.read_bytes())}
        )
    cli_out = tmp_path / "cli.xlsx"
    xlsrc("status-sheet", str(path), "--quarter", "Q2", "--out", str(cli_out))
    with zipfile.ZipFile(path) as original:
        before = set(original.namelist())
    with zipfile.ZipFile(io.BytesIO(answer.content)) as api, zipfile.ZipFile(cli_out) as cli:
        assert api.namelist() == cli.namelist()
        differing = {name for name in api.namelist() if api.read(name) != cli.read(name)}
    new_sheets = {n for n in set(cli.namelist()) - before if n.startswith("xl/worksheets/sheet")}
    assert len(new_sheets) == 1 and differing <= new_sheets


def test_status_sheet_as_pdf(served: Served, demo: Demo) -> None:
    path = _demo(demo, "tavoiteseuranta.xlsx")
    with served.server.client(served.bob) as client:
        answer = client.post(
            "/api/status-sheet?quarter=Q1&format=pdf",
            files={"file": (path.name, path.read_bytes())},
        )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
