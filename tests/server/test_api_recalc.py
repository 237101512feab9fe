"""``POST /api/recalc`` on a real server: the same bytes and the same report as ``xlsrc recalc``."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

from tests.server.conftest import Demo, Served
from tests.server.support import wait_for_job, xlsrc

#: Fields of a ``recalc --json`` entry that name where the files were, or how long it took.
_WHERE_AND_WHEN = ("path", "output", "seconds")


def _comparable(entry: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in entry.items() if key not in _WHERE_AND_WHEN}


def test_each_demo_workbook_comes_back_byte_for_byte_as_the_cli_writes_it(
    served: Served, demo: Demo
) -> None:
    with served.server.client(served.alice) as client:
        for path in demo.files:
            answer = client.post("/api/recalc", files={"files": (path.name, path.read_bytes())})
            assert answer.status_code == 200, answer.text
            assert answer.content == (demo.cli_out / path.name).read_bytes(), path.name
            assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
            report = client.get(answer.headers["x-xlsrc-report"]).json()
            (cli_entry,) = [
                e for e in demo.cli_report["files"] if Path(e["path"]).name == path.name
            ]
            assert [_comparable(e) for e in report["files"]] == [_comparable(cli_entry)]
            assert report["files"][0]["path"] == path.name


def test_several_workbooks_come_back_as_a_zip_with_the_cli_report(
    served: Served, demo: Demo
) -> None:
    files = [("files", (path.name, path.read_bytes())) for path in demo.files]
    with served.server.client(served.alice) as client:
        answer = client.post("/api/recalc", files=files)
    assert answer.status_code == 200, answer.text
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        for path in demo.files:
            assert archive.read(path.name) == (demo.cli_out / path.name).read_bytes()
        report = json.loads(archive.read("recalc.json"))
    assert report["recalculated"] == demo.cli_report["recalculated"] == len(demo.files)
    assert report["failed"] == 0
    assert [e["path"] for e in report["files"]] == [p.name for p in demo.files]
    assert [_comparable(e) for e in report["files"]] == [
        _comparable(e) for e in demo.cli_report["files"]
    ]


def test_a_batch_of_fifty_workbooks_on_two_workers_is_right_file_by_file(
    served: Served, demo: Demo, tmp_path: Path
) -> None:
    sources = []
    for copy in range(10):
        for path in demo.files:
            target = tmp_path / f"{path.stem}-{copy:02d}.xlsx"
            shutil.copyfile(path, target)
            sources.append((target, path.name))
    files = [("files", (target.name, target.read_bytes())) for target, _ in sources]
    with served.server.client(served.alice) as client:
        accepted = client.post("/api/recalc", files=files)
        assert accepted.status_code == 202, accepted.text  # a long batch answers at once
        job = accepted.json()["id"]
        state = wait_for_job(client, job)
        assert state["state"] == "done", state
        assert state["progress"] == {"done": 50, "total": 50}
        result = client.get(f"/api/jobs/{job}/result")
    assert result.status_code == 200
    with zipfile.ZipFile(io.BytesIO(result.content)) as archive:
        report = json.loads(archive.read("recalc.json"))
        assert report["recalculated"] == 50 and report["failed"] == 0
        for target, original in sources:
            assert archive.read(target.name) == (demo.cli_out / original).read_bytes()


def test_a_text_file_named_xlsx_is_refused_with_the_reason_the_cli_gives(
    served: Served, tmp_path: Path
) -> None:
    fake = tmp_path / "budjetti.xlsx"
    fake.write_text("Tämä on tekstiä, ei työkirja.\n", encoding="utf-8")
    cli = xlsrc("recalc", str(fake), "--out", str(tmp_path / "out"), check=False)
    assert cli.returncode == 2
    # "FAILED path", then the reason (which names the file itself: path: reason)
    cli_reason = cli.stderr.splitlines()[1].strip().removeprefix(f"{fake}: ")
    with served.server.client(served.alice) as client:
        answer = client.post("/api/recalc", files={"files": (fake.name, fake.read_bytes())})
        assert answer.status_code == 422
        error = answer.json()
        assert error["message"] == f"budjetti.xlsx: {cli_reason}"
        state = client.get(f"/api/jobs/{error['job']}").json()
    assert state["state"] == "failed" and state["error"]["status"] == 422


def _bomb(unpacked_mb: int) -> bytes:
    """A zip that looks like a workbook and inflates one part to ``unpacked_mb`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            for _ in range(unpacked_mb):
                part.write(bytes(1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_any_worker_opens_it(served: Served) -> None:
    bomb = _bomb(64)
    assert len(bomb) < 1024 * 1024
    with served.server.client(served.alice) as client:
        answer = client.post("/api/recalc", files={"files": ("pommi.xlsx", bomb)})
        assert answer.status_code == 422, answer.text
    message = answer.json()["message"]
    assert message.startswith("pommi.xlsx: osa xl/worksheets/sheet1.xml on liian suuri"), message
    assert "zip-pommilta" in message


def test_in_a_batch_a_bad_file_fails_alone(served: Served, demo: Demo) -> None:
    good = demo.files[0]
    files = [
        ("files", ("teksti.xlsx", b"ei ole tyokirja")),
        ("files", (good.name, good.read_bytes())),
    ]
    with served.server.client(served.alice) as client:
        answer = client.post("/api/recalc", files=files)
    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        assert archive.read(good.name) == (demo.cli_out / good.name).read_bytes()
        report = json.loads(archive.read("recalc.json"))
        assert "teksti.xlsx" not in archive.namelist()
    assert (report["recalculated"], report["failed"]) == (1, 1)
    assert report["files"][0]["ok"] is False and report["files"][0]["problems"]
