#!/usr/bin/env python3
"""Render example workbooks to PDF (and PNG pages) through LibreOffice, to look at them.

    python scripts/render_pdf.py                      # every example, into ./xlsrc-render
    python scripts/render_pdf.py tulosbudjetti --dpi 80
    python scripts/render_pdf.py path/to/book.xlsx --out /tmp/render

A name is an example (its layout key or file name): it is built from the seed
data and recalculated by the headless engine, as ``xlsrc demo`` does.  The PDF
must show what a user sees once the workbook is calculated, and LibreOffice
does not know the XS_ functions, so the rendered copy holds the computed
values instead of formulas (cached values read with openpyxl); everything
else (formats, colours, column widths, print setup) is the workbook's own.
LibreOffice runs with a Finnish locale (LANG=fi_FI.UTF-8), so numbers show as
a Finnish Excel shows them ("1 234", "4,6 %").  PNG pages need ``pdftoppm``
(poppler-utils).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from xlsrc.cli.demo import recalculate
from xlsrc.libreoffice import convert
from xlsrc.workbooks.build import write_workbooks
from xlsrc.workbooks.layouts import WORKBOOKS, workbook

LOCALE = "fi_FI.UTF-8"


def values_only(path: Path, target: Path) -> Path:
    """A copy of ``path`` with every formula replaced by its cached value."""
    book = openpyxl.load_workbook(path, data_only=True)
    book.save(target)
    return target


def render(path: Path, out_dir: Path, dpi: int) -> list[Path]:
    """PDF of ``path`` (values only) into ``out_dir``, plus PNG pages when dpi > 0."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xlsrc-render-") as scratch:
        copy = values_only(path, Path(scratch) / path.name)
        os.environ["LANG"] = os.environ["LC_ALL"] = LOCALE
        pdf = convert(copy, "pdf", out_dir)
    written = [pdf]
    if dpi > 0:
        if shutil.which("pdftoppm") is None:
            sys.exit("pdftoppm not found (apt-get install poppler-utils); the PDF is written")
        prefix = out_dir / path.stem
        for old in out_dir.glob(f"{path.stem}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
        written += sorted(out_dir.glob(f"{path.stem}-*.png"))
    return written


def examples(names: list[str], folder: Path) -> list[Path]:
    """Build and recalculate the named examples (all when ``names`` is empty)."""
    layouts = tuple(workbook(n) for n in names) if names else WORKBOOKS
    paths = write_workbooks(folder, example=True, layouts=layouts)
    notes = recalculate(paths)
    failed = {p: done.note for p, done in notes.items() if not done.ok}
    if failed:
        sys.exit(f"recalculation failed: {failed}")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workbooks", nargs="*", help="example names or .xlsx paths")
    parser.add_argument("--out", type=Path, default=Path("xlsrc-render"))
    parser.add_argument("--dpi", type=int, default=70, help="PNG resolution; 0 = PDF only")
    args = parser.parse_args()
    files = [Path(w) for w in args.workbooks if w.endswith(".xlsx")]
    names = [w for w in args.workbooks if not w.endswith(".xlsx")]
    with tempfile.TemporaryDirectory(prefix="xlsrc-examples-") as folder:
        if names or not files:
            files += examples(names, Path(folder))
        for path in files:
            for written in render(path, args.out, args.dpi):
                print(written)


if __name__ == "__main__":
    main()
