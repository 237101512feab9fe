"""The status sheet inside Excel: the ribbon button's entry point.

``generate(book, quarter=None)`` reads the calling workbook's tables through
xlwings into the same grids the headless reader produces (so both compute the
same checksum), builds the sheet description and writes it with the xlwings
writer.  Locked quarters are respected exactly as headless: an existing
quarter's sheet is not touched unless ``force`` is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from xlsrc.core.errors import UnusableInput
from xlsrc.status_sheet.builder import build_sheet, sheet_name
from xlsrc.status_sheet.locking import LockedQuarterFinding, split_grids
from xlsrc.status_sheet.model import Quarter
from xlsrc.status_sheet.tables import Grid, kpi_table, read_inputs
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
    grids = read_book(book)
    data, _ = split_grids(grids)
    chosen = _quarter(quarter, data, now or datetime.now())
    inputs = read_inputs(data, chosen, year)
    name = sheet_name(chosen, inputs.year)
    names = [s.name for s in book.sheets]
    if name in names:
        if not force:
            raise LockedQuarterInExcel(
                f"Välilehti {name!r} on jo luotu ja lukittu. Uudelleenluonti vain "
                "tarkoituksella: xlsrc status-sheet --force."
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
    """:func:`xlsrc.status_sheet.headless.check_grids` over an open book."""
    from xlsrc.status_sheet.headless import check_grids

    return check_grids(read_book(book))


def read_book(book: Any) -> list[Grid]:
    """Every sheet's used range as a grid (values, formula texts, lazy number formats)."""
    return [_grid(sheet) for sheet in book.sheets]


def _grid(sheet: Any) -> Grid:
    used = sheet.used_range
    top, left = int(used.row) - 1, int(used.column) - 1
    values = used.options(ndim=2).value or [[]]
    formulas = used.formula
    if not isinstance(formulas, tuple | list) or (
        formulas and not isinstance(formulas[0], tuple | list)
    ):
        formulas = ((formulas,),)
    width = left + len(values[0])
    pad_values: list[list[object]] = [[None] * width for _ in range(top)]
    pad_values += [[None] * left + list(row) for row in values]
    pad_formulas: list[list[str | None]] = [[None] * width for _ in range(top)]
    for row in formulas:
        texts: list[str | None] = [None] * left
        texts += [f if isinstance(f, str) and f.startswith("=") else None for f in row]
        pad_formulas.append(texts)
    return Grid(sheet.name, pad_values, pad_formulas, _LazyFormats(sheet, len(pad_values)))


class _LazyFormats(Sequence[Sequence[str | None]]):
    """Number formats read from Excel only for the cells the reader asks about."""

    def __init__(self, sheet: Any, rows: int) -> None:
        self._sheet = sheet
        self._rows = rows

    def __len__(self) -> int:
        return self._rows

    def __getitem__(self, row: Any) -> Any:
        return _LazyRow(self._sheet, int(row))


class _LazyRow(Sequence[str | None]):
    def __init__(self, sheet: Any, row: int) -> None:
        self._sheet = sheet
        self._row = row

    def __len__(self) -> int:
        return 16_384

    def __getitem__(self, column: Any) -> Any:
        found = self._sheet.range((self._row + 1, int(column) + 1)).number_format
        return found if isinstance(found, str) else None


def _quarter(quarter: int | None, grids: list[Grid], now: datetime) -> Quarter:
    if quarter is not None:
        if quarter not in (1, 2, 3, 4):
            raise UnusableInput(f"vuosineljännes {quarter!r}: 1–4")
        return quarter  # type: ignore[return-value]
    kpis, columns, _ = kpi_table(grids)
    latest = 0
    for r in kpis.rows():
        for q, c in columns.items():
            if kpis.grid.value(r, c) not in (None, ""):
                latest = max(latest, q)
    chosen = latest or (now.month - 1) // 3 + 1
    return chosen  # type: ignore[return-value]
