"""Jobs survive the service: a crash fails the unfinished job and keeps the finished ones.

Each test runs its own server on its own data folder, with one worker so a
batch of demo workbooks is certainly still running when the server goes.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import httpx

from tests.server.conftest import Demo
from tests.server.support import RunningServer, add_token, running, wait_for_job

#: uvicorn exits through the signal it stopped for, after its graceful shutdown (as systemd expects)
STOPPED_CLEANLY = (0, -signal.SIGTERM)


def _batch(demo: Demo, copies: int) -> list[tuple[str, tuple[str, bytes]]]:
    return [
        ("files", (f"{path.stem}-{copy}.xlsx", path.read_bytes()))
        for copy in range(copies)
        for path in demo.files
    ]


def _started_batch(client: httpx.Client, demo: Demo, copies: int) -> str:
    """A batch job answered 202, returned once its first file is done (so it is mid-job)."""
    accepted = client.post("/api/recalc?wait=false", files=_batch(demo, copies))
    assert accepted.status_code == 202, accepted.text
    job: str = accepted.json()["id"]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        state = client.get(f"/api/jobs/{job}").json()
        if state["progress"]["done"] >= 1:
            assert state["state"] == "running", state
            return job
        time.sleep(0.05)
    raise AssertionError("the batch did not start")


def test_a_killed_server_reports_the_running_job_failed_and_keeps_finished_ones(
    tmp_path: Path, demo: Demo
) -> None:
    data = tmp_path / "data"
    token = add_token(data, "alice", "Kanta-Häme")
    path = demo.files[0]
    server = RunningServer(data, "--workers", "1").start()
    with server.client(token) as client:
        finished = client.post("/api/recalc", files={"files": (path.name, path.read_bytes())})
        assert finished.status_code == 200
        running_job = _started_batch(client, demo, copies=10)
    server.crash()
    half_written = data / "jobs" / running_job / "out" / ".xlsrc-0123456789ab.tmp"
    half_written.parent.mkdir(parents=True, exist_ok=True)
    half_written.write_bytes(b"PK")  # what a write cut by SIGKILL leaves
    with running(data, "--workers", "1") as restarted, restarted.client(token) as client:
        failed = client.get(f"/api/jobs/{running_job}").json()
        assert failed["state"] == "failed"
        assert failed["error"]["status"] == 503 and failed["error"]["type"] == "JobInterrupted"
        assert client.get(f"/api/jobs/{running_job}/result").status_code == 503
        kept = client.get(f"/api/jobs/{finished.headers['x-xlsrc-job']}/result")
        assert kept.status_code == 200
        assert kept.content == finished.content == (demo.cli_out / path.name).read_bytes()
    assert not half_written.exists()


def _stopped_mid_batch(
    tmp_path: Path, demo: Demo, grace: str, copies: int
) -> tuple[Path, str, str]:
    """Data folder, token and job of a server stopped (SIGTERM) while a batch was running."""
    data = tmp_path / "data"
    token = add_token(data, "alice", "Kanta-Häme")
    server = RunningServer(data, "--workers", "1", "--grace", grace).start()
    with server.client(token) as client:
        job = _started_batch(client, demo, copies=copies)
    assert server.stop() in STOPPED_CLEANLY
    return data, token, job


def test_a_graceful_stop_lets_the_running_job_finish(tmp_path: Path, demo: Demo) -> None:
    data, token, job = _stopped_mid_batch(tmp_path, demo, grace="600", copies=2)
    with running(data, "--workers", "1") as restarted, restarted.client(token) as client:
        state = wait_for_job(client, job, seconds=5)
    assert state["state"] == "done" and state["progress"] == {"done": 10, "total": 10}


def test_a_stop_without_grace_fails_the_running_job_at_once(tmp_path: Path, demo: Demo) -> None:
    data, token, job = _stopped_mid_batch(tmp_path, demo, grace="0", copies=10)
    with running(data, "--workers", "1") as restarted, restarted.client(token) as client:
        state = client.get(f"/api/jobs/{job}").json()
    assert state["state"] == "failed" and state["error"]["type"] == "JobInterrupted"
    assert state["error"]["message"] == "palvelu pysäytettiin ennen kuin työ valmistui"
