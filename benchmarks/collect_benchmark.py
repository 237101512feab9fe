"""Benchmark ``xlsrc collect``: time and whole-process peak memory, pool and Dask, in one run.

    python benchmarks/collect_benchmark.py --files 200 2000

For each size, generated unit workbooks (the demo examples with varied
numbers, :mod:`xlsrc.consolidate.samples`; a third each of programmes,
result budgets and goal tracking) are collected with ``--jobs 1``,
``--jobs 2`` and ``--dask local --jobs 2``.  Each run is a separate
``xlsrc collect`` process; its peak memory is the largest sum of the resident
memory of it and all its children (pool workers, Dask scheduler and workers),
sampled every 50 ms with psutil.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from xlsrc.consolidate.samples import unit_workbook
from xlsrc.workbooks.layouts import GOAL_TRACKING, PROGRAMMES, RESULT_BUDGET

FAMILIES = (PROGRAMMES, RESULT_BUDGET, GOAL_TRACKING)
MODES: tuple[tuple[str, list[str]], ...] = (
    ("--jobs 1", ["--jobs", "1"]),
    ("--jobs 2", ["--jobs", "2"]),
    ("Dask local, 2 workers", ["--dask", "local", "--jobs", "2"]),
)
XLSRC = Path(sys.executable).with_name("xlsrc")


def generate(folder: Path, count: int) -> None:
    """``count`` unit workbooks; 21 distinct contents (7 factors x 3 families), renamed per unit."""
    cache: dict[tuple[int, int], bytes] = {}
    for i in range(count):
        family, unit = i % 3, i // 3
        layout = FAMILIES[family]
        name = f"yksikko{unit:04d}"
        key = (family, unit % 7)
        if key not in cache or family == 2:  # goal tracking carries the unit's name inside
            cache[key] = unit_workbook(layout, unit, name)
        (folder / f"{name}_{layout.file_name}").write_bytes(cache[key])


def measure(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MiB of the process tree, exit status) of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        total = 0
        try:
            for member in [root, *root.children(recursive=True)]:
                try:
                    total += member.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
        except psutil.NoSuchProcess:
            break
        peak = max(peak, total)
        time.sleep(0.05)
    return time.perf_counter() - started, peak / 2**20, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, nargs="+", default=[200, 2000])
    args = parser.parse_args()
    print("| workbooks | mode | time | files/s | peak memory (whole process tree) |")
    print("|---:|---|---:|---:|---:|")
    for count in args.files:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            generate(folder, count)
            for label, options in MODES:
                out = Path(tmp) / "yhteenveto.xlsx"
                seconds, peak, status = measure(
                    [str(XLSRC), "collect", str(folder), "--out", str(out), *options]
                )
                if status != 0:
                    raise SystemExit(f"{label}, {count} files: xlsrc collect exited {status}")
                print(
                    f"| {count:,} | {label} | {seconds:.1f} s | {count / seconds:.1f} | "
                    f"{peak:.0f} MiB |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
