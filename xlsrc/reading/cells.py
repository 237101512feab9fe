"""One number cell of a layout column, read the one way every reader reads it.

:func:`xlsrc.core.numbers.read_cell` decides what a value *is*; a workbook
adds what only its cell knows: a per cent prints its decimals through the
number format, and a value formatted as a per cent in a euro column is not a
euro amount (0.15 shown as "15 %" is no budget line).  Validation, the
DataFrame API and consolidation read number cells through
:func:`read_number_cell`, so a cell is the same number - or the same refusal -
everywhere.
"""

from __future__ import annotations

from xlsrc.core.numbers import NotANumber, Number, Reading, format_decimals, read_cell
from xlsrc.core.text import Msg, Num, compact
from xlsrc.reading.source import WorkbookSource
from xlsrc.workbooks.layouts import Column


def read_number_cell(
    source: WorkbookSource,
    sheet: str,
    row: int,
    col: int,
    column: Column,
    value: str | float | int | bool | None,
) -> Reading:
    """``value`` (the cell at ``sheet``/``row``/``col`` of numeric ``column``) as a reading."""
    reading: Reading = read_cell(value, words=column.words)
    if not isinstance(reading, Number) or reading.from_text:
        return reading
    number_format = source.number_format(sheet, row, col)
    if column.kind == "percent":
        decimals = format_decimals(number_format)
        return Number(reading.value, unit="%", decimals=decimals, text=str(value))
    if column.kind == "amount" and "%" in number_format:
        return NotANumber(
            str(value),
            Msg(
                "prosenttiluku ({shown}) sarakkeessa, jossa pitää olla euromäärä; Excel laskee "
                "sen summiin lukuna {number}",
                shown=Num(reading.value, format_decimals(number_format), "%"),
                number=compact(reading.value),
            ),
            "text",
        )
    return reading
