"""Small readers over the bundled seed tables for the core tests."""

from __future__ import annotations

from xlsrc.core.numbers import Nil, Number, read_number
from xlsrc.seeds import SeedRow


def amount(row: SeedRow, key: str) -> float | None:
    """The row's number in ``key``: "-" counts as 0, blank or words as None."""
    reading = read_number(row.cells.get(key))
    if isinstance(reading, Number):
        return reading.value
    if isinstance(reading, Nil):
        return 0.0
    return None


def printed_decimals(row: SeedRow, key: str) -> int:
    reading = read_number(row.cells.get(key))
    return reading.decimals if isinstance(reading, Number) else 0
