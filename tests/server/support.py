"""A real ``xlsrc serve`` process on 127.0.0.1 for the tests, and the CLI to compare it with.

:class:`RunningServer` starts ``python -m xlsrc.cli.main serve`` in its own
process group on a free port with a fresh data folder, adds tokens with the
real ``xlsrc serve token add`` command, waits for ``/healthz`` and stops the
server with SIGTERM (graceful) or SIGKILL to the whole group (a crash).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

#: How long a server may take to answer /healthz after it was started.
START_SECONDS = 60.0


def xlsrc(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The real ``xlsrc`` command (this interpreter), captured."""
    done = subprocess.run(
        [sys.executable, "-m", "xlsrc.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def add_token(data: Path, name: str, organisation: str) -> str:
    command = ("serve", "token", "add", name, "--organisation", organisation)
    added = xlsrc(*command, "--data", str(data))
    return added.stdout.strip()


class RunningServer:
    def __init__(self, data: Path, *options: str) -> None:
        self.data = data
        self.options = options
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data.parent / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> RunningServer:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "xlsrc.cli.main", "serve", "--port", str(self.port)]
        command += ["--data", str(self.data), *self.options]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            time.sleep(0.1)
        raise AssertionError(f"server did not start:\n{self.log.read_text()}")

    def client(self, token: str | None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=300)

    def stop(self) -> int:
        """SIGTERM, as systemd or ``docker stop`` sends it; the exit status."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(120)

    def crash(self) -> None:
        """SIGKILL to the server and every process it started (a power cut, the OOM killer)."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def request_line(self, request_id: str, seconds: float = 30) -> dict[str, Any]:
        """The request log's line for ``request_id`` (written just after the answer was sent)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for line in self.log_text().splitlines():
                if line.startswith('{"event"'):
                    entry: dict[str, Any] = json.loads(line)
                    if entry["request_id"] == request_id:
                        return entry
            time.sleep(0.05)
        raise AssertionError(f"no log line for request {request_id}")


@contextlib.contextmanager
def running(data: Path, *options: str) -> Iterator[RunningServer]:
    server = RunningServer(data, *options).start()
    try:
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.stop()


def wait_for_job(client: httpx.Client, job: str, *, seconds: float = 600) -> dict[str, object]:
    """Poll ``/api/jobs/{job}`` until it is done or failed; its last state."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state: dict[str, object] = client.get(f"/api/jobs/{job}").json()
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.2)
    raise AssertionError(f"job {job} did not finish")
