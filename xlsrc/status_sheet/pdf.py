"""The status sheet as PDF: headless through LibreOffice, inside Excel through xlwings.

Headless, LibreOffice converts the one-sheet workbook the openpyxl writer
produced (the same bytes that were transplanted into the user's file), so the
PDF holds exactly the status sheet with its print setup (A4 landscape, fit to
width, header rows repeated) and nothing else of the workbook.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from xlsrc.io.atomic import write_atomic


def pdf_path_for(workbook: Path, sheet: str) -> Path:
    """``<folder>/<workbook stem> - <sheet>.pdf`` beside the workbook."""
    return workbook.with_name(f"{workbook.stem} - {sheet}.pdf")


def export_headless(standalone: bytes, target: Path) -> Path:
    """Render the one-sheet workbook ``standalone`` to ``target`` with LibreOffice."""
    from xlsrc.libreoffice import FINNISH, convert  # late: only --pdf needs LibreOffice

    with tempfile.TemporaryDirectory(prefix="xlsrc-pdf-") as folder:
        source = Path(folder) / "tilanne.xlsx"
        source.write_bytes(standalone)
        produced = convert(source, "pdf", folder, locale=FINNISH)
        write_atomic(target, produced.read_bytes())
    return target


def export_in_excel(book: Any, sheet_name: str, path: str | None = None) -> str:
    """Inside Excel: ``Book.to_pdf(path, include=sheet)`` (xlwings) prints just that sheet."""
    written: str = book.to_pdf(path, include=sheet_name)
    return written
