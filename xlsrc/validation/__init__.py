"""Validation: every workbook audits itself, and the seed errors are found (issue 6).

The rules (:mod:`xlsrc.validation.rules`) are small pure functions over typed
rows that know their location; adapters build those rows from the bundled seed
data (:mod:`xlsrc.validation.seed_tables`), from a workbook file
(:mod:`xlsrc.validation.workbook`) or from a book open in Excel
(:mod:`xlsrc.validation.excel`).  Arithmetic is evaluated together
(:mod:`xlsrc.validation.equations`) so an error is reported once, at the cell
that causes it.  Findings (:class:`CellFinding`) carry sheet, cell, rule,
stated, computed, difference, severity and a Finnish message.

Entry points for the other parts of xlsrc:

* :func:`validate_workbook` (``xlsrc validate``, the batch recalculation's
  findings count) — raises :class:`UnreadableWorkbook` for a file it cannot read;
* :func:`validate_in_excel` (the ribbon's validate button);
* :func:`write_findings_sheet` (the "Tarkistukset" sheet in an open book).
"""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.validation.findings import JSON_FIELDS, CellFinding, error_count
from xlsrc.validation.rules import validate_tables
from xlsrc.validation.seed_tables import seed_tables
from xlsrc.validation.workbook import validate_workbook

__all__ = [
    "JSON_FIELDS",
    "CellFinding",
    "UnreadableWorkbook",
    "error_count",
    "validate_in_excel",
    "validate_seed_tables",
    "validate_tables",
    "validate_workbook",
    "write_findings_sheet",
]


def validate_seed_tables() -> list[CellFinding]:
    """Findings of the bundled seed tables (locations ``table id`` / ``column@line``)."""
    return validate_tables(seed_tables())


def validate_in_excel(book: Any) -> list[CellFinding]:
    """The ribbon's validate button on an open xlwings book (see :mod:`.excel`)."""
    from xlsrc.validation.excel import validate_in_excel as run

    return run(book)


def write_findings_sheet(book: Any, findings: list[CellFinding]) -> Any:
    """Create or replace "Tarkistukset" in an open xlwings book (see :mod:`.excel`)."""
    from xlsrc.validation.excel import write_findings_sheet as run

    return run(book, findings)
