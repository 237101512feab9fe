"""One cell of a layout column -> the value its DataFrame column holds, or why it holds none.

The rules are the workbook's own (:func:`xlsrc.reading.cells.read_number_cell`,
the vocabularies of :mod:`xlsrc.core.vocab`), so a frame never disagrees with
validation about a cell:

* a number column holds floats: a number is its value, "-" (nil) is 0.0 - the
  amount it adds to a sum, as Excel's SUM and :func:`~xlsrc.core.numbers.amount_of`
  count it -, a blank is NA, never 0;
* a word that says there is no value ("Ei mittaria", "Valmistuu myöhemmin"
  where the column allows such words) is NA, and the word is kept beside it;
* anything else in a number column - "1 234,5" typed as text, an error value, a
  per cent in a euro column - is NA *and* a problem with its reason: a frame
  never turns a bad cell into a number;
* a status column holds the status's printed form ("2. Etenee suunnitellusti")
  whatever spelling the cell used; a word outside the vocabulary is NA and a
  problem;
* a date column holds a date; text there is NA and a problem;
* every other column holds text, NA when blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xlsrc.core.errors import UnknownStatus, XlError
from xlsrc.core.numbers import Blank, Nil, NotANumber, Number
from xlsrc.core.text import tr
from xlsrc.reading.cells import read_number_cell
from xlsrc.reading.source import CellValue, WorkbookSource
from xlsrc.workbooks.layouts import VOCABULARIES, Column

Value = float | str | dt.datetime | None


@dataclass(frozen=True)
class Typed:
    """A cell's frame value (None = NA), the non-value word it held, or why it is unusable."""

    value: Value
    word: str | None = None
    problem: str | None = None
    """Why the cell is unusable, in the language of the reading (a frame holds text)."""


def text_of(value: CellValue) -> str | None:
    """A cell as text: None when blank; 12.0 -> "12"; an error value as its code."""
    if value is None:
        return None
    if isinstance(value, XlError):
        return value.value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def typed_cell(
    source: WorkbookSource, sheet: str, row: int, col: int, column: Column, value: CellValue
) -> Typed:
    """``value`` of ``column`` at (``row``, ``col``) of ``sheet`` as its frame value."""
    if column.is_numeric:
        return _number(source, sheet, row, col, column, value)
    if column.is_status and column.vocabulary in VOCABULARIES:
        return _status(column, value)
    if column.kind == "date":
        return _date(value)
    return Typed(text_of(value))


def _number(
    source: WorkbookSource, sheet: str, row: int, col: int, column: Column, value: CellValue
) -> Typed:
    if isinstance(value, XlError):
        return Typed(
            None, problem=tr("virhearvo {error} solussa, jossa pitää olla luku", error=value.value)
        )
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return Typed(
            None,
            problem=tr("päivämäärä {date} solussa, jossa pitää olla luku", date=value.isoformat()),
        )
    reading = read_number_cell(source, sheet, row, col, column, value)
    if isinstance(reading, Number):
        return Typed(reading.value)
    if isinstance(reading, Nil):
        return Typed(0.0)
    if isinstance(reading, Blank):
        return Typed(None)
    assert isinstance(reading, NotANumber)
    if reading.kind in ("not_available", "no_metric", "pending"):
        return Typed(None, word=reading.text.strip())
    return Typed(None, problem=str(reading.reason))


def _status(column: Column, value: CellValue) -> Typed:
    text = text_of(value)
    if text is None:
        return Typed(None)
    assert column.vocabulary is not None
    try:
        return Typed(VOCABULARIES[column.vocabulary].parse(text).printed)
    except UnknownStatus as error:
        return Typed(None, problem=str(error))


def _date(value: CellValue) -> Typed:
    if value is None:
        return Typed(None)
    if isinstance(value, dt.datetime):
        return Typed(value)
    if isinstance(value, dt.date):
        return Typed(dt.datetime(value.year, value.month, value.day))
    text = text_of(value)
    if text is None:
        return Typed(None)
    return Typed(
        None, problem=tr("{text!r} ei ole päivämäärä; kirjoita se päivämääränä", text=text)
    )
