"""A real HTTP server process on 127.0.0.1 serving the add-in, for the browser and batch tests.

With the service on this branch (``xlsrc.server.app``), this is a real ``xlsrc
serve`` with a token added by ``xlsrc serve token add``.  Without it, uvicorn
runs :func:`tests.officejs.app_support.stand_in_app` (the add-in's routers and
stand-ins of the file endpoints); :attr:`Server.real` says which, so a report
can name it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.officejs.app_support import TOKEN, real_service_available

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60.0


@dataclass(frozen=True)
class Server:
    url: str
    token: str
    real: bool


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _command(port: int, data: Path) -> tuple[list[str], str]:
    if real_service_available():
        add = [sys.executable, "-m", "xlsrc.cli.main", "serve", "token", "add", "officejs"]
        added = subprocess.run(
            [*add, "--organisation", "Testialue", "--data", str(data)],
            capture_output=True, text=True, timeout=120, check=True, cwd=ROOT,
        )  # fmt: skip
        serve = [sys.executable, "-m", "xlsrc.cli.main", "serve", "--port", str(port)]
        return [*serve, "--data", str(data)], added.stdout.strip().splitlines()[0]
    app = "tests.officejs.app_support:stand_in_app"
    uvicorn = [sys.executable, "-m", "uvicorn", app, "--factory", "--port", str(port)]
    return [*uvicorn, "--host", "127.0.0.1", "--log-level", "warning"], TOKEN


@contextlib.contextmanager
def running_server(tmp: Path) -> Iterator[Server]:
    """Start the server, wait until it serves the add-in, stop its process group after."""
    port = free_port()
    data = tmp / "data"
    data.mkdir(parents=True, exist_ok=True)
    command, token = _command(port, data)
    log = tmp / f"server-{port}.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, log.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/addin/functions.json", timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, f"server did not start:\n{log.read_text()}"
            time.sleep(0.1)
        yield Server(url, token, real_service_available())
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
