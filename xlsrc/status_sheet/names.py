"""Which sheets are quarterly status sheets: the one rule, by sheet name.

Kept apart from :mod:`xlsrc.status_sheet.locking` so that a reader that only
asks "does this workbook have status sheets?" - validation asks on every
workbook, and nearly all have none - does not import what reading a locked
sheet needs.
"""

from __future__ import annotations

import re

from xlsrc.core.text import N_, renderings
from xlsrc.reading.source import WorkbookSource

#: The status sheet's name (a catalogue text): a sheet named in any language is found.
SHEET_NAME = N_("Tilanne Q{quarter} {year}")


def _sheet_pattern(index: int, name: str) -> str:
    """The name of a status sheet in one language as a pattern ("Tilanne Q3 2024")."""
    quarter, year = f"(?P<q{index}>[1-4])", f"(?P<y{index}>\\d{{4}})"
    parts = [re.escape(part) for part in name.replace("{year}", "{quarter}").split("{quarter}")]
    assert len(parts) == 3, name  # the catalogue keeps both placeholders in every language
    first_is_quarter = name.index("{quarter}") < name.index("{year}")
    a, b = (quarter, year) if first_is_quarter else (year, quarter)
    return parts[0] + a + parts[1] + b + parts[2]


STATUS_SHEET = re.compile(
    "^(?:" + "|".join(_sheet_pattern(i, n) for i, n in enumerate(renderings(SHEET_NAME))) + ")$"
)


def is_status_sheet(name: str) -> bool:
    return STATUS_SHEET.match(name) is not None


def status_sheets(source: WorkbookSource) -> list[str]:
    """The workbook's quarterly status sheets (never read as inputs)."""
    return [name for name in source.sheet_names() if is_status_sheet(name)]
