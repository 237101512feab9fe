"""Validation: every table audits itself, and the seed errors are found (issue 6).

The rules (:mod:`xlsrc.validation.rules`) are small pure functions over typed
rows that know their location; adapters build those rows from the bundled seed
data (:mod:`xlsrc.validation.seed_tables`) or from a workbook
(:mod:`xlsrc.validation.workbook`).  Arithmetic is evaluated together
(:mod:`xlsrc.validation.equations`) so an error is reported once, at the cell
that causes it.  Findings (:class:`CellFinding`) carry sheet, cell, rule,
stated, computed, difference, severity and a Finnish message.
"""

from __future__ import annotations

from xlsrc.validation.findings import JSON_FIELDS, CellFinding, error_count
from xlsrc.validation.rules import validate_tables
from xlsrc.validation.seed_tables import seed_tables

__all__ = [
    "JSON_FIELDS",
    "CellFinding",
    "error_count",
    "validate_seed_tables",
    "validate_tables",
]


def validate_seed_tables() -> list[CellFinding]:
    """Findings of the bundled seed tables (locations ``table id`` / ``column@line``)."""
    return validate_tables(seed_tables())
