"""Whose a workbook is: its unit, its quarter, and the group a roll-up puts it in.

* The unit is the workbook's own setting when it has one (the rules sheet's
  "Organisaatio", as the status sheet prints it), else the file name without
  the template's name: "Etelä_tavoiteohjelmat.xlsx" and
  "Etelä_tulosbudjetti.xlsx" are both unit "Etelä".
* The quarter is a "Q1"-"Q4" in the file name ("tavoiteseuranta_Q3.xlsx"),
  else - for a goal-tracking workbook - the last quarter with KPI values.
* ``--by unit|quarter|file`` picks the group; a file whose quarter cannot be
  told is skipped under ``--by quarter`` rather than put in a guessed one.
"""

from __future__ import annotations

import re
from pathlib import Path

from xlsrc.core.errors import XlsrcError
from xlsrc.core.text import Msg
from xlsrc.reading.locate import norm, read_settings
from xlsrc.reading.source import WorkbookSource
from xlsrc.workbooks.layouts import WorkbookLayout
from xlsrc.workbooks.layouts.goal_tracking import GOAL_TRACKING

GROUPINGS: tuple[str, ...] = ("unit", "quarter", "file")
#: Settings that name a workbook's unit, most specific first (normalised Finnish names:
#: :func:`read_settings` files a setting named in another language under them too).
UNIT_SETTINGS: tuple[str, ...] = ("yksikkö", "organisaatio")  # i18n: names looked up, never shown
_QUARTER = re.compile(r"(?<![A-Za-z0-9])Q([1-4])(?![0-9])", re.IGNORECASE)
_SEPARATORS = " _-.–"


class UnknownQuarter(XlsrcError):
    """``--by quarter`` and nothing says which quarter a workbook reports."""


def unit_of(source: WorkbookSource, file: Path, layout: WorkbookLayout) -> str:
    """The unit ``file`` reports for (see the module docstring)."""
    settings = read_settings(source)
    for name in UNIT_SETTINGS:
        value = settings.get(name)
        if value is not None and value[0] is not None and str(value[0]).strip():
            return " ".join(str(value[0]).split())
    stem = file.stem
    template = layout.file_name.removesuffix(".xlsx")
    pattern = re.compile(re.escape(template), re.IGNORECASE)
    rest = pattern.sub("", stem).strip(_SEPARATORS)
    return rest or stem


def quarter_of(source: WorkbookSource, file: Path, layout: WorkbookLayout) -> str:
    """ "Q1".."Q4", or "" when neither the file name nor the KPI values say."""
    match = _QUARTER.search(file.stem)
    if match:
        return f"Q{match[1]}"
    if layout is GOAL_TRACKING:
        from xlsrc.status_sheet.tables import latest_quarter

        latest = latest_quarter(source)
        if latest is not None:
            return f"Q{latest}"
    return ""


def group_of(by: str, unit: str, quarter: str, file: Path) -> str:
    """The group label of a workbook under ``--by``."""
    if by == "unit":
        return unit
    if by == "file":
        return file.name
    if by == "quarter":
        if not quarter:
            raise UnknownQuarter(
                Msg(
                    "neljännes ei selviä: kirjoita Q1-Q4 tiedoston nimeen (esim. {example}); "
                    "--by quarter ei arvaa",
                    example=f"{file.stem}_Q3{file.suffix}",
                )
            )
        return quarter
    raise ValueError(f"unknown grouping {by!r}; known: {', '.join(GROUPINGS)}")


def group_key(label: str) -> str:
    """How groups and areas are told apart: as Excel's criteria do, ignoring case and spacing."""
    return norm(label)
