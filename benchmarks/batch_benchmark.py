"""Batch throughput: ``xlsrc recalc`` over 200 demo workbooks, ``--jobs 1`` against ``--jobs 2``.

Run by hand (not in CI; about a minute):

    python benchmarks/batch_benchmark.py [--files 200] [--repeat 3] [--validate]

Builds the demo workbooks once (``xlsrc demo``), copies them to ``--files``
files, and times the whole command as a user runs it (a fresh process each
time, start-up included), as medians of ``--repeat`` runs, alternating the two
job counts so both see the same machine.  Prints the times and the speed-up.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_folder(folder: Path, files: int) -> None:
    demo = folder / "demo"
    subprocess.run([sys.executable, "-m", "xlsrc.cli.main", "demo", "--out", str(demo)],
                   check=True, capture_output=True)  # fmt: skip
    books = sorted(p for p in demo.glob("*.xlsx"))
    target = folder / "in"
    target.mkdir()
    for index in range(files):
        source = books[index % len(books)]
        shutil.copy(source, target / f"{index:03}_{source.name}")


def timed(folder: Path, jobs: int, validate: bool) -> float:
    out = folder / f"out{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    validation = "--validate" if validate else "--no-validate"
    command = [sys.executable, "-m", "xlsrc.cli.main", "recalc", str(folder / "in"), "--out",
               str(out), "--jobs", str(jobs), validation]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"recalc failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--validate", action="store_true", help="validation on (default off)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xlsrc-batch-") as tmp:
        folder = Path(tmp)
        build_folder(folder, args.files)
        times: dict[int, list[float]] = {1: [], 2: []}
        timed(folder, 2, args.validate)  # warm the file cache
        for _ in range(args.repeat):
            for jobs in (1, 2):
                times[jobs].append(timed(folder, jobs, args.validate))
    one, two = (statistics.median(times[j]) for j in (1, 2))
    mode = "validation on" if args.validate else "--no-validate"
    print(f"{args.files} demo workbooks, {mode}, medians of {args.repeat} whole-process runs:")
    print(
        f"| --jobs 1 | {one:.2f} s |\n| --jobs 2 | {two:.2f} s |\n| speed-up | {one / two:.2f}x |"
    )


if __name__ == "__main__":
    main()
