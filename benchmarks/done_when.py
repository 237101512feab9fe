"""Issue 13's "Done when" figures: measured together, printed as ratios, written to the README.

The whole-process figures of one size come from :func:`whole_processes`; the
run's other parts (start-up, conditional cases, batch) are filled in by
``recalc_benchmark.py``.  :func:`report` prints every figure beside its bar, and
:func:`write_readme` puts the same text between the README's markers, so the
table there is always one run's output, never figures from different runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import processes
from workbooks import template_workbook

from tests.engine.builders import programme_workbook

#: the README lines between these two are the benchmark's output
START, END = "<!-- recalc-benchmark:start -->", "<!-- recalc-benchmark:end -->"
OLD, TEMPLATE = "old shape", "version-2 template"


@dataclass
class Figures:
    load_before: str
    load_after: str = ""
    startup: dict[str, processes.Timed] = field(default_factory=dict)
    #: rows -> workbook shape -> measurement -> Timed (or seconds)
    sizes: dict[int, dict[str, dict[str, processes.Timed | float]]] = field(default_factory=dict)
    #: function -> (its table, whole-process xlsrc / LibreOffice warm)
    conditions: dict[str, tuple[str, float]] = field(default_factory=dict)
    batch: dict[int, float] = field(default_factory=dict)
    batch_files: int = 0


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def whole_processes(
    rows: int, repeat: int, folder: Path, cold: bool
) -> dict[str, dict[str, processes.Timed | float]]:
    """Both workbook shapes at ``rows``: the default command, ``--no-validate``, and (up to
    20k rows) openpyxl load+save and LibreOffice cold, on the same files."""
    books = {
        OLD: programme_workbook(folder / f"old_{rows}.xlsx", rows, udfs=True),
        TEMPLATE: template_workbook(folder / f"template_{rows}.xlsx", rows),
    }
    #: the old shape has 6 formulas a row: 100k rows are over the default formula limit
    options = ("--max-formula-cells", str(max(400_000, 7 * rows)))
    out: dict[str, dict[str, processes.Timed | float]] = {}
    for shape, book in books.items():
        figures: dict[str, processes.Timed | float] = {}
        if rows <= 20_000:  # the file and the interpreter in the cache (100k: the build did)
            processes.recalc(book, folder / "warm", 1, True, options)
        figures["xlsrc recalc"] = processes.recalc(book, folder / "r", repeat, True, options)
        figures["xlsrc recalc --no-validate"] = processes.recalc(
            book, folder / "n", repeat, False, options
        )
        if rows <= 20_000:
            saved = folder / "openpyxl.xlsx"
            figures["openpyxl load+save"] = processes.openpyxl_load_save(book, saved, repeat)
            if cold:
                cold_folder = folder / "cold"
                figures["LibreOffice cold"] = processes.libreoffice_cold(book, cold_folder, repeat)
        out[shape] = figures
    return out


def _seconds(value: processes.Timed | float) -> float:
    return value.seconds if isinstance(value, processes.Timed) else value


def _ratio_rows(figures: Figures) -> list[str]:
    """The bars of "Done when" whose figures this run has, one table row each."""
    rows = []
    for size, shapes in sorted(figures.sizes.items()):
        for shape, f in shapes.items():
            ours = _seconds(f["xlsrc recalc"])
            for floor, bar in (("openpyxl load+save", 0.6), ("LibreOffice cold", 0.35)):
                if floor in f:
                    ratio = ours / _seconds(f[floor])
                    rows.append(
                        f"| {size:,} rows, {shape}: `xlsrc recalc` / {floor} | <= {bar} "
                        f"| {ratio:.2f} | {'yes' if ratio <= bar else 'NO'} |"
                    )
            bare = _seconds(f["xlsrc recalc --no-validate"])
            share = (ours - bare) / bare
            rows.append(
                f"| {size:,} rows, {shape}: validation / recalculation | <= 0.25 "
                f"| {share:.2f} | {'yes' if share <= 0.25 else 'NO'} |"
            )
    old = {size: shapes[OLD]["xlsrc recalc"] for size, shapes in figures.sizes.items()}
    if len(old) > 1:
        small, large = min(old), max(old)
        growth = (_seconds(old[large]) / _seconds(old[small])) / (large / small)
        rows.append(
            f"| time per row, {large:,} / {small:,} rows (linear = 1) | ~1 | {growth:.2f} "
            f"| {'yes' if growth <= 1.2 else 'NO'} |"
        )
    for shape, f in figures.sizes.get(100_000, {}).items():
        peak = f["xlsrc recalc"]
        assert isinstance(peak, processes.Timed)
        mark = "yes" if peak.peak_mb <= 250 else "NO"
        rows.append(
            f"| peak RSS, 100,000 rows, {shape} | <= 250 MB | {peak.peak_mb:.0f} MB | {mark} |"
        )
    for name, (_, ratio) in figures.conditions.items():
        mark = "yes" if ratio <= 0.5 else "NO"
        rows.append(f"| {name} whole column, whole process / LibreOffice warm | <= 0.5 "
                    f"| {ratio:.2f} | {mark} |")  # fmt: skip
    if figures.batch:
        speed_up = figures.batch[1] / figures.batch[2]
        rows.append(
            f"| {figures.batch_files} demo files, `--jobs 1` / `--jobs 2` (validation on) "
            f"| >= 1.8 | {speed_up:.2f} | {'yes' if speed_up >= 1.8 else 'NO'} |"
        )
    for name, timed in figures.startup.items():
        mark = "yes" if timed.seconds <= 0.15 else "NO"
        rows.append(f"| `{name}` | <= 0.15 s | {timed.seconds:.3f} s | {mark} |")
    return rows


def report(figures: Figures) -> str:
    """Every figure of the run: the bars, then the seconds and peaks they come from."""
    lines = [
        f"Load average (1, 5, 15 min) before the run: {figures.load_before}; "
        f"after: {figures.load_after}.",
        "",
        "| figure | bar | measured | met |",
        "|---|---|---:|---|",
        *_ratio_rows(figures),
        "",
        "| whole process (median s / peak RSS MB) | " + " | ".join(
            f"{size:,} rows" for size in sorted(figures.sizes)) + " |",
        "|---|" + "---:|" * len(figures.sizes),
    ]  # fmt: skip
    names = sorted(
        {(shape, name) for s in figures.sizes.values() for shape in s for name in s[shape]}
    )
    for shape, name in names:
        cells = []
        for size in sorted(figures.sizes):
            value = figures.sizes[size].get(shape, {}).get(name)
            if value is None:
                cells.append("-")
            elif isinstance(value, processes.Timed):
                cells.append(f"{value.seconds:.2f} s / {value.peak_mb:.0f} MB")
            else:
                cells.append(f"{value:.2f} s")
        lines.append(f"| {shape}: {name} | " + " | ".join(cells) + " |")
    if figures.batch:
        lines.append(
            f"| batch of {figures.batch_files}: `--jobs 1` / `--jobs 2` | "
            f"{figures.batch[1]:.2f} s / {figures.batch[2]:.2f} s |"
            + " |"
            * (len(figures.sizes) - 1)
        )
    for table, _ in figures.conditions.values():
        lines += ["", table]
    return "\n".join(lines)


def write_readme(readme: Path, text: str) -> None:
    """Replace what stands between the README's markers with ``text``."""
    content = readme.read_text(encoding="utf-8")
    if START not in content or END not in content:
        raise SystemExit(f"{readme}: markers {START} / {END} not found")
    head, rest = content.split(START, 1)
    tail = rest.split(END, 1)[1]
    readme.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
