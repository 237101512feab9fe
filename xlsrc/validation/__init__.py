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

* :func:`validate_workbook` (``xlsrc validate``) — raises
  :class:`UnreadableWorkbook` for a file it cannot read;
* :func:`xlsrc.validation.hook.validate_recalculated` (the batch
  recalculation's findings, on the values it has just computed);
* :func:`validate_in_excel` (the ribbon's validate button);
* :func:`write_findings_sheet` (the "Tarkistukset" sheet in an open book).

The names are imported on first use, so a process that recalculates files
that are no templates never loads the rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xlsrc.core.errors import UnreadableWorkbook
    from xlsrc.validation.findings import JSON_FIELDS, CellFinding, error_count
    from xlsrc.validation.rules import validate_tables
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

#: name -> the module that defines it (imported when the name is first asked for)
_LAZY = {
    "UnreadableWorkbook": "xlsrc.core.errors",
    "JSON_FIELDS": "xlsrc.validation.findings",
    "CellFinding": "xlsrc.validation.findings",
    "error_count": "xlsrc.validation.findings",
    "validate_tables": "xlsrc.validation.rules",
    "validate_workbook": "xlsrc.validation.workbook",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'xlsrc.validation' has no attribute {name!r}")


def validate_seed_tables() -> list[CellFinding]:
    """Findings of the bundled seed tables (locations ``table id`` / ``column@line``)."""
    from xlsrc.validation.rules import validate_tables
    from xlsrc.validation.seed_tables import seed_tables

    return validate_tables(seed_tables())


def validate_in_excel(book: Any) -> list[CellFinding]:
    """The ribbon's validate button on an open xlwings book (see :mod:`.excel`)."""
    from xlsrc.validation.excel import validate_in_excel as run

    return run(book)


def write_findings_sheet(book: Any, findings: list[CellFinding]) -> Any:
    """Create or replace "Tarkistukset" in an open xlwings book (see :mod:`.excel`)."""
    from xlsrc.validation.excel import write_findings_sheet as run

    return run(book, findings)
