"""Load benchmark of ``xlsrc serve``: single-workbook recalculation at 1, 4 and 16 clients.

Run by hand (not in CI); bounded, about 1.5 minutes with the defaults:

    python benchmarks/serve_benchmark.py [--seconds 20] [--workers N]

It writes the demo workbooks (``xlsrc demo``), starts a real ``xlsrc serve``
on 127.0.0.1 (a free port, a temporary data folder, one token per client as
separate units would have), and for each concurrency level lets that many
clients post one demo workbook after another (``POST /api/recalc``, the
default validation on, as the CLI's default) for ``--seconds``.  Every answer
is checked against the CLI's output byte for byte.  Next to it, the same files
through the CLI: ``xlsrc recalc FILE --out DIR`` as one process per file (what
a script calling the CLI pays) and the engine in-process (the floor: no HTTP,
no process start).  Figures are wall-clock on this machine, which may be
shared: compare the rows of one run, not runs on different days.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.support import RunningServer  # noqa: E402
from xlsrc.engine.batch import default_jobs  # noqa: E402
from xlsrc.engine.recalc import recalc  # noqa: E402
from xlsrc.server.tokens import TokenStore  # noqa: E402
from xlsrc.validation import validate_workbook  # noqa: E402

LEVELS = (1, 4, 16)
#: No run may take longer than this, whatever --seconds says (the brief: 2 minutes).
BUDGET_SECONDS = 120.0


@dataclass
class Level:
    clients: int
    latencies: list[float] = field(default_factory=list)
    wrong: int = 0
    elapsed: float = 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "xlsrc.cli.main", *args], check=True, capture_output=True)


def cli_seconds(files: list[Path], out: Path) -> tuple[float, float]:
    """Median seconds per file: ``xlsrc recalc`` as a process, and the engine in-process."""
    process, engine = [], []
    for path in files:
        started = time.perf_counter()
        cli("recalc", str(path), "--out", str(out))
        process.append(time.perf_counter() - started)
        started = time.perf_counter()
        recalc(path, out / "engine" / path.name, validate=validate_workbook)
        engine.append(time.perf_counter() - started)
    return statistics.median(process), statistics.median(engine)


def load(server: RunningServer, tokens: list[str], files: list[Path], expected: dict[str, bytes],
         seconds: float) -> Level:  # fmt: skip
    """``len(tokens)`` clients posting the files round-robin for ``seconds``."""
    level = Level(len(tokens))
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    bodies = [(path.name, path.read_bytes()) for path in files]

    def client(index: int, token: str) -> None:
        with httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=300
        ) as http:
            turn = index
            while time.monotonic() < deadline:
                name, body = bodies[turn % len(bodies)]
                turn += 1
                started = time.perf_counter()
                answer = http.post("/api/recalc", files={"files": (name, body)})
                took = time.perf_counter() - started
                with lock:
                    level.latencies.append(took)
                    if answer.status_code != 200 or answer.content != expected[name]:
                        level.wrong += 1

    threads = [threading.Thread(target=client, args=(i, t)) for i, t in enumerate(tokens)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.elapsed = time.perf_counter() - started
    return level


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="per concurrency level")
    parser.add_argument("--workers", type=int, default=default_jobs())
    options = parser.parse_args()
    seconds = min(options.seconds, (BUDGET_SECONDS - 30) / len(LEVELS))
    with tempfile.TemporaryDirectory(prefix="xlsrc-serve-bench-") as folder:
        root = Path(folder)
        cli("demo", "--out", str(root / "demo"))
        files = sorted((root / "demo").glob("*.xlsx"))
        per_process, per_engine = cli_seconds(files, root / "cli")
        expected = {path.name: (root / "cli" / path.name).read_bytes() for path in files}
        store = TokenStore(root / "data" / "tokens.json")
        tokens = [store.add(f"yksikko-{i}", f"Yksikkö {i}") for i in range(max(LEVELS))]
        server = RunningServer(root / "data", "--workers", str(options.workers)).start()
        try:
            levels = [load(server, tokens[:n], files, expected, seconds) for n in LEVELS]
        finally:
            server.stop()
    print(f"{len(files)} demo workbooks, {options.workers} workers, {seconds:g} s per level\n")
    print("| clients | requests | throughput (files/s) | p50 latency | p95 latency | wrong |")
    print("|---:|---:|---:|---:|---:|---:|")
    for level in levels:
        print(
            f"| {level.clients} | {len(level.latencies)} | {level.throughput:.2f} | "
            f"{level.percentile(0.5):.3f} s | {level.percentile(0.95):.3f} s | {level.wrong} |"
        )
    print(
        f"\nCLI, same files: `xlsrc recalc FILE --out DIR` {per_process:.3f} s per file "
        f"(one process each, {1 / per_process:.2f} files/s); engine in-process "
        f"{per_engine:.3f} s per file ({1 / per_engine:.2f} files/s on one core)"
    )


if __name__ == "__main__":
    main()
