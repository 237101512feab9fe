"""The status sheet inside Excel: the ribbon button's entry point.

``generate(book, quarter=None)`` reads the calling workbook's tables through the one reader
(:class:`~xlsrc.reading.xlwings_source.XlwingsSource`), exactly as the headless path reads a
file (so both compute the same checksum), builds the sheet description and writes it with
the xlwings writer. Locked quarters are respected exactly as headless: an existing quarter's
sheet is not touched unless ``force`` is given.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Msg
from xlsrc.reading.xlwings_source import XlwingsSource
from xlsrc.status_sheet.builder import build_sheet, sheet_name
from xlsrc.status_sheet.locking import LockedQuarterFinding
from xlsrc.status_sheet.model import Quarter, parse_quarter
from xlsrc.status_sheet.tables import latest_quarter, read_inputs
from xlsrc.status_sheet.xlwings_writer import write_sheet

ALERT_TITLE = "xlsrc"


class LockedQuarterInExcel(UnusableInput):
    """The quarter's sheet exists; the ribbon never overwrites a locked quarter."""


def generate(
    book: Any,
    quarter: int | None = None,
    year: int | None = None,
    force: bool = False,
    now: datetime | None = None,
) -> str:
    """Add the status sheet to ``book`` (an ``xw.Book``); returns the sheet's name.

    ``quarter`` None means the latest quarter for which the KPI table has a value
    (the current calendar quarter if it has none).
    """
    source = XlwingsSource(book)
    chosen = _quarter(quarter, source, now or datetime.now())
    inputs = read_inputs(source, chosen, year)
    name = sheet_name(chosen, inputs.year, inputs.language)
    names = [s.name for s in book.sheets]
    if name in names:
        if not force:
            raise LockedQuarterInExcel(
                Msg(
                    "Välilehti {sheet!r} on jo luotu ja lukittu. Uudelleenluonti vain "
                    "tarkoituksella: xlsrc status-sheet --force.",
                    sheet=name,
                )
            )
        old = book.sheets[name]
        old.name = f"{name} (korvattu)"[:31]
        sheet = book.sheets.add(name, after=old)  # same position as the sheet it replaces
        old.delete()
    else:
        sheet = book.sheets.add(name, after=book.sheets[len(names) - 1])
    write_sheet(sheet, build_sheet(inputs, now or datetime.now()))
    sheet.activate()
    return name


def check_locked_quarters_in_excel(book: Any) -> list[LockedQuarterFinding]:
    """:func:`xlsrc.status_sheet.headless.check_locked` over an open book."""
    from xlsrc.status_sheet.locking import check_locked

    return check_locked(XlwingsSource(book))


def _quarter(quarter: int | None, source: XlwingsSource, now: datetime) -> Quarter:
    """The quarter asked for, else the latest with a KPI value, else the current one."""
    if quarter is not None:
        return parse_quarter(quarter)
    latest = latest_quarter(source)
    return latest if latest is not None else parse_quarter((now.month - 1) // 3 + 1)
