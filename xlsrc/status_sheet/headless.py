"""Generate a status sheet into a workbook file, headless, and check locked quarters.

The workbook is read once, through the one reader (:mod:`xlsrc.reading`), and written by
patching its zip package (:mod:`xlsrc.status_sheet.package`), so earlier quarters' sheets
and every other part stay byte-identical. The result is written to a temporary file in the
destination folder and moved into place with :func:`os.replace`: a crash never leaves a
half-written workbook.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Msg
from xlsrc.io.atomic import write_atomic
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.status_sheet.builder import build_sheet, sheet_name
from xlsrc.status_sheet.description import SheetDescription
from xlsrc.status_sheet.locking import LockedQuarterFinding, check_locked
from xlsrc.status_sheet.model import Quarter
from xlsrc.status_sheet.openpyxl_writer import standalone_workbook
from xlsrc.status_sheet.package import sheet_parts, transplant_sheet
from xlsrc.status_sheet.tables import read_inputs


class LockedQuarter(UnusableInput):
    """The quarter's sheet exists and is locked; regenerating it needs ``force``."""


@dataclass(frozen=True)
class Generated:
    """What one run produced."""

    path: Path
    sheet: str
    checksum: str
    replaced: bool
    description: SheetDescription
    standalone: bytes
    """The sheet alone as an xlsx (what the PDF is rendered from)."""


def generate_file(
    workbook: Path,
    quarter: Quarter,
    year: int | None = None,
    out: Path | None = None,
    force: bool = False,
    now: datetime | None = None,
    year_option: str | None = None,
) -> Generated:
    """Add the status sheet of ``quarter`` to ``workbook`` (or to a copy at ``out``);
    ``year_option`` as :func:`read_inputs` takes it."""
    original = workbook.read_bytes()
    source = OpenpyxlSource.from_bytes(original, str(workbook))
    inputs = read_inputs(source, quarter, year, year_option)
    name = sheet_name(quarter, inputs.year, inputs.language)
    exists = name in sheet_parts(original)
    if exists and not force:
        raise LockedQuarter(
            Msg(
                "{path}: välilehti {sheet!r} on lukittu (aiemmin luotu neljännes); "
                "luo se uudelleen vain tarkoituksella: --force",
                path=workbook,
                sheet=name,
            )
        )
    description = build_sheet(inputs, now or datetime.now())
    standalone = standalone_workbook(description)
    patched = transplant_sheet(original, standalone, name, replace=exists)
    target = out or workbook
    write_atomic(target, patched)
    return Generated(target, name, description.checksum, exists, description, standalone)


def check_locked_quarters(workbook_path: str | os.PathLike[str]) -> list[LockedQuarterFinding]:
    """Recompute each status sheet's input checksum; one finding per changed quarter."""
    return check_locked(OpenpyxlSource.open(Path(workbook_path)))
