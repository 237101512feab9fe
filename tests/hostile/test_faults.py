"""The batch survives its workers: a killed or hung worker fails its own file only.

Issue 11: after one ``--jobs 2`` worker was killed with kill -9 (what the
out-of-memory killer does), 10 of 12 files failed, files that had not started
yet among them.  First the pool itself, with jobs that kill or hang their own
worker; then the real command, with a worker killed from outside while it is
on a large file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.engine.builders import programme_workbook
from tests.engine.helpers import build, cached_values
from xlsrc.engine.pool import Pool


def _work(job: str) -> tuple[str, int]:
    if job == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if job == "hang":
        time.sleep(60)
    return job, os.getpid()


def _failed(job: str, reason: str) -> tuple[str, int]:
    return f"failed: {reason}", -1


def test_a_worker_that_dies_fails_only_its_running_job() -> None:
    jobs = ["a", "b", "kill", "c", "d", "e"]
    pool: Pool[str, tuple[str, int]] = Pool(_work, _failed, workers=2, seconds=30)
    results = pool.run(jobs, [[0, 1, 2, 3], [4, 5]])
    assert [results[i][0] for i in (0, 1, 3, 4, 5)] == ["a", "b", "c", "d", "e"]
    assert "signaali SIGKILL" in results[2][0] and "muisti loppui" in results[2][0]


def test_a_job_past_the_time_limit_is_stopped_and_the_rest_goes_on() -> None:
    jobs = ["a", "hang", "b"]
    pool: Pool[str, tuple[str, int]] = Pool(_work, _failed, workers=1, seconds=1.0)
    started = time.monotonic()
    results = pool.run(jobs, [[0, 1, 2]])
    assert time.monotonic() - started < 30
    assert results[0][0] == "a" and results[2][0] == "b"
    assert "aikaraja ylittyi" in results[1][0]


def test_workers_retire_after_their_share_of_files() -> None:
    jobs = [str(i) for i in range(6)]
    pool: Pool[str, tuple[str, int]] = Pool(_work, _failed, workers=1, tasks_per_child=2)
    results = pool.run(jobs, [[0, 1], [2, 3], [4, 5]])
    workers = [results[i][1] for i in range(6)]
    assert len(set(workers)) == 3 and workers[0] == workers[1] != workers[2] == workers[3]


def _holder_of(path: Path, parent: int) -> int | None:
    """The child of ``parent`` that has ``path`` open, if any."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int((entry / "stat").read_text().split(") ")[1].split()[1]) != parent:
                continue
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) == str(path):
                    return int(entry.name)
        except (OSError, IndexError, ValueError):
            continue
    return None


def test_a_worker_killed_mid_batch_fails_only_its_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    big = programme_workbook(folder / "iso.xlsx", 20_000)
    for i in range(11):
        build(folder / f"pieni_{i:02}.xlsx", {"S": {"A1": i, "B1": "=A1*3"}})
    summary = tmp_path / "summary.json"
    batch = subprocess.Popen(
        [sys.executable, "-m", "xlsrc.cli.main", "recalc", str(folder), "--out",
         str(tmp_path / "out"), "--json", str(summary), "--jobs", "2", "--no-validate"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    victim = None
    while victim is None and time.monotonic() < deadline and batch.poll() is None:
        victim = _holder_of(big, batch.pid)
        time.sleep(0.02)
    assert victim is not None, "the large file was never seen open by a worker"
    os.kill(victim, signal.SIGKILL)
    batch.communicate(timeout=120)
    assert batch.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(summary.read_text())["files"]}
    assert "signaali SIGKILL" in " ".join(files["iso.xlsx"]["problems"])
    for i in range(11):
        name = f"pieni_{i:02}.xlsx"
        assert files[name]["ok"], files[name]
        assert cached_values(tmp_path / "out" / name, "S")["B1"] == 3 * i
    assert not (tmp_path / "out" / "iso.xlsx").exists()


def test_the_time_limit_stops_one_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    programme_workbook(folder / "iso.xlsx", 20_000)
    build(folder / "pieni.xlsx", {"S": {"A1": 2, "B1": "=A1*3"}})
    summary = tmp_path / "summary.json"
    done = subprocess.run(
        [sys.executable, "-m", "xlsrc.cli.main", "recalc", str(folder), "--out",
         str(tmp_path / "out"), "--json", str(summary), "--jobs", "1", "--no-validate",
         "--timeout", "0.5"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(summary.read_text())["files"]}
    assert "aikaraja ylittyi" in " ".join(files["iso.xlsx"]["problems"])
    assert files["pieni.xlsx"]["ok"]
    assert cached_values(tmp_path / "out" / "pieni.xlsx", "S")["B1"] == 6
    assert not (tmp_path / "out" / "iso.xlsx").exists()
