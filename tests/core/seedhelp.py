"""Small readers over the bundled seed tables for the core tests."""

from __future__ import annotations

from xlsrc.core.numbers import Number, amount_of, read_number
from xlsrc.seeds import SeedRow


def amount(row: SeedRow, key: str) -> float | None:
    """The row's number in ``key``: "-" counts as 0, blank or words as None."""
    return amount_of(read_number(row.cells.get(key)))


def printed_decimals(row: SeedRow, key: str) -> int:
    reading = read_number(row.cells.get(key))
    return reading.decimals if isinstance(reading, Number) else 0
