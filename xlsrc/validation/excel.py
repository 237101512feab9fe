"""Validation inside Excel: the ribbon's validate button, on the open book (xlwings).

:func:`validate_in_excel` reads the open book — unsaved edits included —
through :class:`XlwingsSource`, runs the same rules as ``xlsrc validate``, and
:func:`write_findings_sheet` writes the "Tarkistukset" sheet: one row per
finding with a hyperlink to its cell, and the cell itself coloured by
severity.  The user's numbers are never changed; only fills are, and the sheet
remembers each coloured cell's previous fill, so the next run puts it back
before colouring the new findings (a fixed cell does not stay red).

Written against a small part of the xlwings API (``book.sheets``,
``sheets.add``, ``sheet.delete``, ``sheet.range``, ``Range.value``,
``Range.options``, ``Range.add_hyperlink``, ``Range.color``,
``Range.number_format``, ``sheet.tables`` with ``Table.range``,
``Table.header_row_range`` and ``Table.show_totals``, ``book.names``, ``app.alert``), so a recording
fake can test it without Excel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xlsrc.core.text import Msg, tr
from xlsrc.reading.xlwings_source import XlwingsSource
from xlsrc.validation.findings import CellFinding
from xlsrc.validation.model import Location
from xlsrc.validation.report import (
    FIRST_ROW,
    HEADER_ROW,
    HEADERS,
    LINK_COLUMN,
    MEMORY_COLUMN,
    MEMORY_HEADERS,
    SHEET_NAME,
    TITLE,
    describe,
    highlights,
    summary,
)
from xlsrc.validation.workbook import validate_source

ALERT_TITLE = Msg("xlsrc: tarkistukset")


def validate_in_excel(book: Any) -> list[CellFinding]:
    """The validate button: check ``book``, write "Tarkistukset", tell the user the outcome."""
    # a book that cannot be read or is no xlsrc template raises: the ribbon shows it
    findings = validate_source(XlwingsSource(book))
    write_findings_sheet(book, findings)
    book.app.alert(summary(findings), title=str(ALERT_TITLE))
    return findings


def write_findings_sheet(book: Any, findings: Sequence[CellFinding]) -> Any:
    """Create or replace the "Tarkistukset" sheet and colour the findings' cells."""
    names = [str(sheet.name) for sheet in book.sheets]
    if SHEET_NAME in names:
        _restore_fills(book, book.sheets[SHEET_NAME], names)
        book.sheets[SHEET_NAME].delete()
    sheet = book.sheets.add(SHEET_NAME, after=book.sheets[len(book.sheets) - 1])
    sheet.range("A1").value = TITLE
    sheet.range("A2").value = summary(findings) + (
        tr(" Napsauta solun osoitetta siirtyäksesi soluun.") if findings else ""
    )
    sheet.range((HEADER_ROW, 1)).value = [list(HEADERS)]
    rows = describe(findings)
    if rows:
        sheet.range((FIRST_ROW, 1)).value = [list(row.values) for row in rows]
    for offset, row in enumerate(rows):
        number = FIRST_ROW + offset
        sheet.range((number, LINK_COLUMN)).add_hyperlink(row.link, str(row.values[1]), row.tip)
        if row.percent:
            sheet.range((number, 5), (number, 7)).number_format = "0.0 %"
    _colour(book, sheet, highlights(findings))
    sheet.range((HEADER_ROW, 1), (HEADER_ROW, len(HEADERS))).font.bold = True
    sheet.activate()
    return sheet


def _colour(book: Any, sheet: Any, colours: dict[Location, str]) -> None:
    """Fill each finding's cell, remembering its fill before (as "#rrggbb" or empty)."""
    memory: list[list[str]] = [list(MEMORY_HEADERS)]
    for location, colour in colours.items():
        cell = book.sheets[location.sheet].range(location.cell)
        memory.append([str(location), _hex(cell.color)])
        cell.color = f"#{colour}"
    sheet.range((HEADER_ROW, MEMORY_COLUMN)).value = memory


def _restore_fills(book: Any, old: Any, names: list[str]) -> None:
    """Put back the fills the previous run replaced (cells on sheets that still exist)."""
    top = old.range((HEADER_ROW + 1, MEMORY_COLUMN)).expand("down")
    remembered = top.resize(column_size=2).options(ndim=2).value or []
    for where, before in remembered:
        if not where or "!" not in str(where):
            continue
        sheet_name, cell = str(where).rsplit("!", 1)
        if sheet_name in names:
            book.sheets[sheet_name].range(cell).color = before or None


def _hex(colour: Any) -> str:
    if colour is None:
        return ""
    if isinstance(colour, tuple):
        return "#" + "".join(f"{int(part):02x}" for part in colour[:3])
    return str(colour)
