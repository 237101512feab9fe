"""Read a workbook file into grids with openpyxl (read-only: never saved through it)."""

from __future__ import annotations

import warnings
from io import BytesIO

from openpyxl import load_workbook

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.status_sheet.tables import Grid


def read_grids(data: bytes, where: str = "työkirja") -> list[Grid]:
    """Every sheet's cached values, formula texts and number formats."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values_book = load_workbook(BytesIO(data), read_only=True, data_only=True)
            formula_book = load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a bad file
        raise UnreadableWorkbook(f"{where}: ei avaudu työkirjana ({error})") from error
    grids = []
    try:
        for ws in values_book.worksheets:
            values, formats = [], []
            for row in ws.iter_rows():
                values.append([cell.value for cell in row])
                formats.append([getattr(cell, "number_format", None) for cell in row])
            formulas = [
                [_formula(v) for v in row]
                for row in formula_book[ws.title].iter_rows(values_only=True)
            ]
            grids.append(Grid(ws.title, values, formulas, formats))
    finally:
        values_book.close()
        formula_book.close()
    return grids


def _formula(value: object) -> str | None:
    """Formula text of a cell value from a data_only=False workbook, else None."""
    if isinstance(value, str) and value.startswith("="):
        return value
    text = getattr(value, "text", None)  # openpyxl ArrayFormula / DataTableFormula
    return text if isinstance(text, str) else None
