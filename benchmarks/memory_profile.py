"""Where the memory of one recalculation goes: tracemalloc by line, and whole-process peak RSS.

Run by hand on a workbook the benchmark builds (``recalc_benchmark.py`` or
``workbooks.template_workbook`` / ``tests.engine.builders.programme_workbook``):

    python benchmarks/memory_profile.py FILE [--top 25] [--stage load|evaluate|write]
    python benchmarks/memory_profile.py FILE --rss   # xlsrc recalc as a whole process
    python benchmarks/memory_profile.py FILE --time 5   # median seconds in this process

The first form runs the engine's stages in this process under tracemalloc and
prints, after the stage asked for, the lines holding the most memory (and the
traced peak).  The second runs ``xlsrc recalc --no-validate`` under
``/usr/bin/time`` and prints its peak resident set size, as the benchmark measures it.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xlsrc.engine.loader import load  # noqa: E402
from xlsrc.engine.package import open_package  # noqa: E402
from xlsrc.engine.recalc import default_registry, recalc  # noqa: E402
from xlsrc.engine.sheetpatch import patched_text  # noqa: E402
from xlsrc.limits import Limits  # noqa: E402

#: 100k rows of the old shape hold 600k formulas, over the default limit
_LIMITS = Limits(formula_cells=2_000_000)


def traced(path: Path, stage: str, top: int) -> None:
    """Run the stages up to ``stage`` under tracemalloc; print the largest holders."""
    registry = default_registry()
    gc.disable()
    tracemalloc.start(1)
    package = open_package(path, _LIMITS)
    loaded = load(package, registry)
    _stage("load")
    if stage != "load":
        loaded.book.evaluate_all()
        _stage("evaluate")
    if stage == "write":
        written = 0
        for sheet in loaded.sheets:  # as the writer streams it: piece by piece
            value = sheet.state.values.get
            for piece in patched_text(sheet.cells, sheet.formula_keys, value):
                written += len(piece.encode("utf-8"))
        _stage("patch")
    snapshot = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"after {stage}: traced {current / 2**20:.1f} MiB, peak {peak / 2**20:.1f} MiB")
    for stat in snapshot.statistics("lineno")[:top]:
        frame = stat.traceback[0]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        print(f"{stat.size / 2**20:8.1f} MiB {stat.count:9d} blocks  {where}")
    package.close()


def _stage(name: str) -> None:
    """Print the traced memory now and at its peak since the previous stage."""
    current, peak = tracemalloc.get_traced_memory()
    print(f"{name:>10}: now {current / 2**20:7.1f} MiB, peak during it {peak / 2**20:7.1f} MiB")
    tracemalloc.reset_peak()


def whole_process(path: Path) -> None:
    """Peak RSS (``/usr/bin/time %M``) and seconds of ``xlsrc recalc --no-validate``."""
    with tempfile.TemporaryDirectory(prefix="xlsrc-mem-") as tmp:
        report = Path(tmp) / "time"
        command = [
            "/usr/bin/time", "-f", "%e %U %S %M", "-o", str(report),
            sys.executable, "-m", "xlsrc.cli.main", "recalc", str(path), "--out", tmp,
            "--no-validate", "--max-formula-cells", str(_LIMITS.formula_cells),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        seconds, user, system, kilobytes = report.read_text().split()[-4:]
        cpu = float(user) + float(system)  # less disturbed by a shared machine than wall time
        print(
            f"{path.name}: exit {done.returncode}, {seconds} s ({cpu:.2f} s CPU), "
            f"{int(kilobytes) / 1024:.0f} MB"
        )


def in_process(path: Path, repeat: int) -> None:
    """Median seconds of the recalculation in this process, written to a scratch file."""
    times = []
    with tempfile.TemporaryDirectory(prefix="xlsrc-mem-") as tmp:
        for _ in range(repeat):
            result = recalc(path, Path(tmp) / path.name, limits=_LIMITS)
            assert result.ok, result.problems
            times.append(result.seconds)
    print(f"{path.name}: {result.formulas} formulas, median {statistics.median(times):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--stage", choices=("load", "evaluate", "write"), default="write")
    parser.add_argument("--rss", action="store_true", help="whole process under /usr/bin/time")
    parser.add_argument("--time", type=int, metavar="N", help="median of N in-process runs")
    args = parser.parse_args()
    if args.rss:
        whole_process(args.file)
    elif args.time:
        in_process(args.file, args.time)
    else:
        traced(args.file, args.stage, args.top)


if __name__ == "__main__":
    main()
