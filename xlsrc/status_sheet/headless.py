"""Generate a status sheet into a workbook file, headless, and check locked quarters.

The workbook is read with openpyxl (read-only) and written by patching its zip
package (:mod:`xlsrc.status_sheet.package`), so earlier quarters' sheets and
every other part stay byte-identical.  The result is written to a temporary
file in the destination folder and moved into place with :func:`os.replace`:
a crash never leaves a half-written workbook.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from xlsrc.core.errors import UnusableInput
from xlsrc.io.atomic import write_atomic
from xlsrc.status_sheet.builder import build_sheet, sheet_name
from xlsrc.status_sheet.description import SheetDescription
from xlsrc.status_sheet.locking import (
    LockedQuarterFinding,
    compare,
    read_locked,
    split_grids,
)
from xlsrc.status_sheet.model import Quarter, StatusInputs
from xlsrc.status_sheet.openpyxl_writer import standalone_workbook
from xlsrc.status_sheet.package import sheet_parts, transplant_sheet
from xlsrc.status_sheet.tables import Grid, read_inputs
from xlsrc.status_sheet.workbook import read_grids


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


def parse_quarter(text: str | int) -> Quarter:
    raw = str(text).strip().upper().lstrip("Q")
    if raw not in ("1", "2", "3", "4"):
        raise UnusableInput(f"vuosineljännes {text!r}: anna Q1, Q2, Q3 tai Q4")
    quarter = int(raw)
    assert quarter in (1, 2, 3, 4)
    return quarter  # type: ignore[return-value]


def inputs_from_grids(grids: list[Grid], quarter: Quarter, year: int | None) -> StatusInputs:
    data, _ = split_grids(grids)
    return read_inputs(data, quarter, year)


def generate_file(
    workbook: Path,
    quarter: Quarter,
    year: int | None = None,
    out: Path | None = None,
    force: bool = False,
    now: datetime | None = None,
) -> Generated:
    """Add the status sheet of ``quarter`` to ``workbook`` (or to a copy at ``out``)."""
    original = workbook.read_bytes()
    grids = read_grids(original, str(workbook))
    inputs = inputs_from_grids(grids, quarter, year)
    name = sheet_name(quarter, inputs.year)
    exists = name in sheet_parts(original)
    if exists and not force:
        raise LockedQuarter(
            f"{workbook}: välilehti {name!r} on lukittu (aiemmin luotu neljännes); "
            "luo se uudelleen vain tarkoituksella: --force"
        )
    description = build_sheet(inputs, now or datetime.now())
    standalone = standalone_workbook(description)
    patched = transplant_sheet(original, standalone, name, replace=exists)
    target = out or workbook
    write_atomic(target, patched)
    return Generated(target, name, description.checksum, exists, description, standalone)


def check_locked_quarters(workbook_path: str | os.PathLike[str]) -> list[LockedQuarterFinding]:
    """Recompute each status sheet's input checksum; one finding per changed quarter."""
    data = Path(workbook_path).read_bytes()
    return check_grids(read_grids(data, str(workbook_path)))


def check_grids(grids: list[Grid]) -> list[LockedQuarterFinding]:
    data, status = split_grids(grids)
    findings = []
    for grid in status:
        locked = read_locked(grid)
        current = read_inputs(data, locked.quarter, locked.year)
        finding = compare(locked, current)
        if finding is not None:
            findings.append(finding)
    return findings
