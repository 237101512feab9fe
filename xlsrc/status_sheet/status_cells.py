"""How a status, a KPI value and its unit are shown in a status-sheet cell."""

from __future__ import annotations

from dataclasses import replace

from xlsrc.core.targets import Assessment
from xlsrc.core.text import format_number
from xlsrc.status_sheet.assess import GoalStatus
from xlsrc.status_sheet.description import CellStyle
from xlsrc.status_sheet.grid import (
    BODY,
    NOT_ASSESSABLE_FILL,
    NOT_ASSESSABLE_SYMBOL,
    PENDING_FILL,
    PENDING_SYMBOL,
)


def symbol(outcome: Assessment) -> str:
    if outcome.band is not None:
        return outcome.band.symbol
    return PENDING_SYMBOL if outcome.state == "pending" else NOT_ASSESSABLE_SYMBOL


def status_text(outcome: Assessment) -> str:
    """Symbol and label in one cell: "● Toteutui", "○ Valmistuu myöhemmin"."""
    return f"{symbol(outcome)} {outcome.label()}"


def fill_of(outcome: Assessment) -> str:
    if outcome.band is not None:
        return outcome.band.colour
    return PENDING_FILL if outcome.state == "pending" else NOT_ASSESSABLE_FILL


def status_style(outcome: Assessment, bold: bool = False) -> CellStyle:
    return replace(
        BODY,
        fill=fill_of(outcome),
        bold=bold,
        italic=outcome.band is None and outcome.state != "pending",
    )


#: Finnish locale tag: LibreOffice (and the PDF) then print "72,1", not "72.1";
#: Excel shows numbers in the user's own locale either way.
LOCALE = "[$-40B]"


def value_format(status: GoalStatus) -> str:
    """Number format of a goal's values: the workbook's own, else derived from the unit."""
    own = status.goal.number_format
    if own and own != "General":
        return own if own.startswith("[") else LOCALE + own
    if status.unit == "%":
        return f"{LOCALE}0 %"
    values = [q.value for q in status.quarters if q.value is not None]
    digits = "0" if values and all(float(v).is_integer() for v in values) else "0.0"
    unit = f' "{status.unit}"' if status.unit else ""
    return f"{LOCALE}{digits}{unit}"


def format_value(value: float, unit: str) -> str:
    if unit == "%":
        return format_number(value, 0, "%")
    return format_number(value, 0 if float(value).is_integer() else 1, unit)
