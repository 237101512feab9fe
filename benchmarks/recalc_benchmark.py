"""Benchmark of headless recalculation: xlsrc against LibreOffice and bare openpyxl.

Run by hand (not in CI; it needs LibreOffice, ``pip install -e '.[benchmark]'`` for
IronCalc, and takes minutes):

    python benchmarks/recalc_benchmark.py [--rows 200 2000 20000] [--repeat 5]

For each size it builds the programme workbook of tests/engine/builders.py
(rules sheet; a detail table with native deltas, IF statuses and text checks;
XS_BANDS as an array formula and XS_CHANGE_PCT nested in IFERROR on every row;
a programme x status pivot of SUMIFS/COUNTIFS and an XS_PIVOT_CELL) with and
without the xlsrc UDFs, and times on the *same files in the same run*, as
medians of ``--repeat`` runs, each engine doing load + recalculate + write:

* xlsrc ``recalc`` (this engine; warm Python, registry loaded);
* bare openpyxl ``load_workbook`` + ``save`` (no calculation at all: the I/O floor
  of a Python tool that rewrites the file);
* LibreOffice through one warm UNO process (load, ``calculateAll``, store as
  xlsx).  LibreOffice cannot run Python functions from cells by itself; with
  the Basic shims of ``lo_udf_shims.py`` (Basic function per XS_ name ->
  the same registry function, run by LibreOffice's Python script provider) it
  computes the UDF workbook completely - the run checks that every formula
  cell then equals xlsrc's value.  Without shims it shows #NAME? for the UDF
  cells (a lower bound of its time, also reported);
* LibreOffice cold ``soffice --convert-to xlsx`` (one process per file);
* ironcalc 0.9 (native formulas only; for the record: it has no UDF API).

A second case (``--countif-rows``, default 10,000; ``--countif-rows 0`` skips
it) times ``COUNTIF(A:A, ">"&A1)`` copied down a column of random numbers:
xlsrc in-process and as a whole ``xlsrc recalc`` process, against warm
LibreOffice on the same file in the same run, printed as a ratio (the
conditional aggregates answer from one sorted index per range, issue 13).

Medians are wall-clock seconds; the machine may be shared, so compare ratios
of engines measured together, not absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import done_when  # noqa: E402
import lo_udf_shims  # noqa: E402
import openpyxl  # noqa: E402
import processes  # noqa: E402

from tests.engine.builders import programme_workbook  # noqa: E402
from xlsrc.core.errors import XlError  # noqa: E402
from xlsrc.engine import evaluate, recalc  # noqa: E402
from xlsrc.libreoffice import Session, convert, read_cached_values  # noqa: E402
from xlsrc.registry import FunctionSpec, Registry  # noqa: E402


def median_time(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _stub(spec: FunctionSpec) -> FunctionSpec:
    def unknown(*_args: Any) -> Any:
        return [[XlError.NAME]] if spec.returns == "array" else XlError.NAME

    return replace(spec, func=unknown)


def xlsrc_run(path: Path, out: Path, registry: Registry) -> None:
    result = recalc(path, out, registry=registry)
    if not result.ok:
        raise SystemExit(f"xlsrc refused {path}: {result.problems}")


def openpyxl_run(path: Path, out: Path) -> None:
    openpyxl.load_workbook(path).save(out)


def ironcalc_run(path: Path, out: Path) -> None:
    import ironcalc

    out.unlink(missing_ok=True)  # ironcalc refuses to overwrite
    model = ironcalc.load_from_xlsx(str(path), "en", "UTC")
    model.evaluate()
    model.save_to_xlsx(str(out))


def same_values(path: Path, libreoffice_output: Path) -> int:
    """How many formula cells LibreOffice (with shims) computed differently from xlsrc."""
    ours = evaluate(path)
    theirs = read_cached_values(libreoffice_output)
    different = 0
    for sheet in ours.sheet_names:
        for cell in ours.formula_cells(sheet):
            mine, other = ours.value(sheet, cell), theirs.get(sheet, {}).get(cell)
            if isinstance(mine, float) and isinstance(other, float):
                different += abs(mine - other) > 1e-9 * max(1.0, abs(mine))
            else:
                different += mine != (
                    other
                    if not isinstance(mine, XlError)
                    else XlError.from_literal(str(other)) or other
                )
    return different


def measure(
    rows: int, repeat: int, folder: Path, office: Session, shimmed: Session | None, cold: bool
) -> dict[str, float]:
    """In-process medians of every engine on the old-shape workbook (see the module docstring)."""
    real = Registry.default()
    stubbed = Registry([_stub(spec) for spec in real])
    with_udfs = programme_workbook(folder / f"udf_{rows}.xlsx", rows, udfs=True)
    native = programme_workbook(folder / f"native_{rows}.xlsx", rows, udfs=False)
    out = folder / "out"
    out.mkdir(exist_ok=True)
    runs = repeat if rows < 20_000 else max(3, repeat // 2)
    xlsrc_run(with_udfs, out / "warm.xlsx", real)  # warm-up: imports, registry, caches
    office.recalculate_to(with_udfs, out / "warm_lo.xlsx")
    t: dict[str, float] = {}
    t["xlsrc (UDFs)"] = median_time(lambda: xlsrc_run(with_udfs, out / "x.xlsx", real), runs)
    t["xlsrc, UDFs stubbed"] = median_time(
        lambda: xlsrc_run(with_udfs, out / "s.xlsx", stubbed), runs
    )
    t["xlsrc (no UDFs)"] = median_time(lambda: xlsrc_run(native, out / "n.xlsx", real), runs)
    t["openpyxl load+save (UDFs)"] = median_time(
        lambda: openpyxl_run(with_udfs, out / "o.xlsx"), runs
    )
    t["openpyxl load+save (no UDFs)"] = median_time(
        lambda: openpyxl_run(native, out / "p.xlsx"), runs
    )
    t["LibreOffice warm UNO (UDFs -> #NAME?)"] = median_time(
        lambda: office.recalculate_to(with_udfs, out / "l.xlsx"), runs
    )
    t["LibreOffice warm UNO (no UDFs)"] = median_time(
        lambda: office.recalculate_to(native, out / "m.xlsx"), runs
    )
    if shimmed is not None:
        shimmed.recalculate_to(with_udfs, out / "warm_shim.xlsx")
        t["LibreOffice warm UNO + Python UDF shims"] = median_time(
            lambda: shimmed.recalculate_to(with_udfs, out / "u.xlsx"), runs
        )
        differing = same_values(with_udfs, out / "u.xlsx")
        if differing:
            print(
                f"warning: LibreOffice with shims differs from xlsrc in {differing} cells",
                file=sys.stderr,
            )
    t["UDF work (xlsrc minus stubbed)"] = max(0.0, t["xlsrc (UDFs)"] - t["xlsrc, UDFs stubbed"])
    if cold and rows <= 2000:
        t["LibreOffice cold --convert-to (no UDFs)"] = median_time(
            lambda: convert(native, "xlsx", folder / "cold"), max(1, runs // 2)
        )
    t["ironcalc 0.9 (no UDFs)"] = median_time(lambda: ironcalc_run(native, out / "i.xlsx"), runs)
    return t


def countif_workbook(path: Path, rows: int, formula: str = 'COUNTIF(A:A,">"&A{row})') -> Path:
    """``A``: random whole numbers; ``B``: ``formula`` (``{row}`` its own row) on every row."""
    numbers = random.Random(13)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in range(1, rows + 1):
        ws.cell(row, 1, numbers.randint(1, 1_000_000))
        ws.cell(row, 2, "=" + formula.format(row=row))
    wb.save(path)
    return path


def measure_countif(
    rows: int, repeat: int, folder: Path, office: Session, formula: str = 'COUNTIF(A:A,">"&A{row})'
) -> tuple[str, float]:
    """A whole-column condition down ``rows`` rows: xlsrc in-process and whole-process
    against warm LibreOffice; the table and the whole-process ratio."""
    name = formula.split("(")[0].lower()
    book = countif_workbook(folder / f"{name}_{rows}.xlsx", rows, formula)
    out = folder / f"{name}_out"
    out.mkdir(exist_ok=True)
    real = Registry.default()
    command = [processes.XLSRC, "recalc", str(book), "--out", str(out)]  # the default command
    xlsrc_run(book, out / "warm.xlsx", real)
    office.recalculate_to(book, out / "warm_lo.xlsx")
    inside = median_time(lambda: xlsrc_run(book, out / "x.xlsx", real), repeat)
    whole = median_time(lambda: subprocess.run(command, check=True, capture_output=True), repeat)
    libreoffice = median_time(lambda: office.recalculate_to(book, out / "l.xlsx"), repeat)
    theirs = read_cached_values(out / "l.xlsx")["Data"]
    ours = evaluate(book).values("Data")
    differing = sum(1 for cell, value in ours.items() if theirs.get(cell) != value)
    table = "\n".join(
        [
            f"`{formula.format(row=1)}` down {rows:,} rows (cells differing from LibreOffice: "
            f"{differing})",
            "",
            "| engine | seconds | / LibreOffice warm |",
            "|---|---:|---:|",
            f"| xlsrc in-process | {inside:.3f} | {inside / libreoffice:.3f} |",
            f"| xlsrc recalc, whole process | {whole:.3f} | {whole / libreoffice:.3f} |",
            f"| LibreOffice warm UNO | {libreoffice:.3f} | 1.000 |",
        ]
    )
    return table, whole / libreoffice


def report(results: dict[int, dict[str, float]]) -> str:
    sizes = sorted(results)
    names = list(results[sizes[0]])
    lines = [
        "| engine (load + recalculate + write) | " + " | ".join(f"{n:,} rows" for n in sizes) + " |"
    ]
    lines.append("|---|" + "---:|" * len(sizes))
    for name in names:
        cells = [f"{results[n][name]:.3f} s" if name in results[n] else "-" for n in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| ratio | " + " | ".join(f"{n:,} rows" for n in sizes) + " |")
    lines.append("|---|" + "---:|" * len(sizes))
    ratios = {
        "xlsrc / openpyxl load+save (UDF workbook; bar <= 1.5)": (
            "xlsrc (UDFs)", "openpyxl load+save (UDFs)", False),
        "LibreOffice warm + UDF shims / xlsrc (UDF workbook; bar >= 3)": (
            "LibreOffice warm UNO + Python UDF shims", "xlsrc (UDFs)", False),
        "LibreOffice warm, UDFs not computed / xlsrc (UDF workbook)": (
            "LibreOffice warm UNO (UDFs -> #NAME?)", "xlsrc (UDFs)", False),
        "LibreOffice warm / xlsrc (no-UDF workbook)": (
            "LibreOffice warm UNO (no UDFs)", "xlsrc (no UDFs)", False),
    }  # fmt: skip
    for label, (top, bottom, _) in ratios.items():
        if any(top not in results[n] for n in sizes):
            continue
        cells = [f"{results[n][top] / results[n][bottom]:.2f}" for n in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if 2000 in results and 20_000 in results:
        lines.append("")
        lines.append("Growth 2,000 -> 20,000 rows (10x the rows; linear = 10):")
        for name in (
            "xlsrc (UDFs)",
            "openpyxl load+save (UDFs)",
            "LibreOffice warm UNO (UDFs -> #NAME?)",
        ):
            lines.append(f"- {name}: x{results[20_000][name] / results[2000][name]:.1f}")
    return "\n".join(lines)


def main() -> None:
    """One run: in-process engines, whole processes, the conditional cases, the batch."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 20_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--inside-rows", type=int, nargs="*", default=[2000], help="in-process")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold LibreOffice runs")
    parser.add_argument("--shims", action="store_true", help="also LibreOffice + UDF shims (slow)")
    parser.add_argument("--countif-rows", type=int, default=10_000, help="0 skips the case")
    parser.add_argument("--batch-files", type=int, default=200, help="0 skips the batch")
    parser.add_argument("--readme", type=Path, help="rewrite this README's benchmark table")
    args = parser.parse_args()
    inside: dict[int, dict[str, float]] = {}
    figures = done_when.Figures(load_before=done_when.load())
    with tempfile.TemporaryDirectory(prefix="xlsrc-bench-") as tmp, Session() as office:
        folder = Path(tmp)
        figures.startup = processes.startup(5)
        with Session() as shimmed:
            if args.shims:
                lo_udf_shims.install(shimmed, Registry.default())
            for rows in args.inside_rows:
                print(f"in-process, {rows:,} rows ...", file=sys.stderr, flush=True)
                inside[rows] = measure(
                    rows, args.repeat, folder, office, shimmed if args.shims else None, False
                )
        for rows in args.rows:
            print(f"whole processes, {rows:,} rows ...", file=sys.stderr, flush=True)
            figures.sizes[rows] = done_when.whole_processes(
                rows, args.repeat if rows <= 20_000 else 1, folder, not args.no_cold
            )
        if args.countif_rows:
            for formula in ('COUNTIF(A:A,">"&A{row})', 'SUMIF(A:A,">"&A{row},A:A)'):
                print(f"{formula}, {args.countif_rows:,} rows ...", file=sys.stderr)
                table, ratio = measure_countif(
                    args.countif_rows, args.repeat, folder, office, formula
                )
                figures.conditions[formula.split("(")[0]] = (table, ratio)
    if args.batch_files:
        print(f"batch of {args.batch_files} ...", file=sys.stderr, flush=True)
        figures.batch = processes.batch(args.batch_files, args.repeat)
        figures.batch_files = args.batch_files
    figures.load_after = done_when.load()
    text = done_when.report(figures) + "\n\n" + report(inside)
    print(text)
    if args.readme:
        done_when.write_readme(args.readme, text)


if __name__ == "__main__":
    main()
