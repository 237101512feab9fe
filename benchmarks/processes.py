"""Whole processes, timed the way users run them: the commands of issue 13's "Done when".

Each measurement is a fresh process under ``/usr/bin/time`` (start-up, imports,
reading, writing included), so the figures are what a user waits for, and the
same run gives the peak resident memory of the whole process (``%M``), not a
sample of it.  ``recalc_benchmark.py`` calls these beside its in-process figures.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import batch_benchmark

from xlsrc.libreoffice import convert

#: the command as installed (``pip install -e .`` puts it beside the interpreter)
XLSRC = str(Path(sys.executable).with_name("xlsrc"))
_OPENPYXL = "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])"


@dataclass(frozen=True)
class Timed:
    """Median wall-clock seconds of ``runs`` processes and the highest peak RSS (MB)."""

    seconds: float
    peak_mb: float
    runs: int


def run_timed(command: list[str], repeat: int, ok: tuple[int, ...] = (0,)) -> Timed:
    """``command`` ``repeat`` times, each under ``/usr/bin/time -f %M``."""
    times, peaks = [], []
    with tempfile.TemporaryDirectory(prefix="xlsrc-time-") as tmp:
        report = Path(tmp) / "rss"
        for _ in range(repeat):
            started = time.perf_counter()
            done = subprocess.run(
                ["/usr/bin/time", "-f", "%M", "-o", str(report), *command],
                capture_output=True,
                text=True,
            )
            times.append(time.perf_counter() - started)
            if done.returncode not in ok:
                raise SystemExit(f"{command[:3]} failed ({done.returncode}): {done.stderr[-2000:]}")
            peaks.append(int(report.read_text().split()[-1]) / 1024)
    return Timed(statistics.median(times), max(peaks), repeat)


def recalc(
    path: Path, out: Path, repeat: int, validate: bool = True, options: tuple[str, ...] = ()
) -> Timed:
    """``xlsrc recalc FILE --out DIR [options]`` (validation on unless told: the default)."""
    shutil.rmtree(out, ignore_errors=True)
    flag = [] if validate else ["--no-validate"]
    command = [XLSRC, "recalc", str(path), "--out", str(out), *flag, *options]
    return run_timed(command, repeat, ok=(0, 1))


def openpyxl_load_save(path: Path, out: Path, repeat: int) -> Timed:
    """A Python process that only loads and saves with openpyxl: the I/O floor."""
    return run_timed([sys.executable, "-c", _OPENPYXL, str(path), str(out)], repeat)


def libreoffice_cold(path: Path, folder: Path, repeat: int) -> float:
    """Median seconds of ``soffice --convert-to xlsx`` (a new LibreOffice per file)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        convert(path, "xlsx", folder)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def startup(repeat: int) -> dict[str, Timed]:
    """``xlsrc --help`` and the start of ``xlsrc recalc`` (its own help: parsed, nothing read)."""
    return {
        "xlsrc --help": run_timed([XLSRC, "--help"], repeat),
        "xlsrc recalc --help": run_timed([XLSRC, "recalc", "--help"], repeat),
    }


def batch(files: int, repeat: int) -> dict[int, float]:
    """Median seconds of ``xlsrc recalc FOLDER --jobs 1`` and ``--jobs 2``, validation on."""
    with tempfile.TemporaryDirectory(prefix="xlsrc-batch-") as tmp:
        folder = Path(tmp)
        batch_benchmark.build_folder(folder, files)
        batch_benchmark.timed(folder, 2, True)  # the file cache warm for both
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(repeat):
            for jobs in (1, 2):
                times[jobs].append(batch_benchmark.timed(folder, jobs, True))
    return {jobs: statistics.median(values) for jobs, values in times.items()}
