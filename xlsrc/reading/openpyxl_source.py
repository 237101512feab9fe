"""A workbook file as a :class:`~xlsrc.reading.source.WorkbookSource`, read with openpyxl.

Opened with ``data_only=True``: a stated cell is what the user sees, so a
stated total typed as a formula counts with its cached value.  The file is
only read, never written.  Anything that stops openpyxl (a missing file, a
text file named .xlsx, a corrupt zip, a password-protected or old binary
workbook) becomes :class:`~xlsrc.core.errors.UnreadableWorkbook` naming the
file and the reason.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from xlsrc.core.a1 import parse_range
from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg
from xlsrc.reading.files import check_workbook_file, check_workbook_stream
from xlsrc.reading.source import CellValue, TableRef, cell_value


class OpenpyxlSource:
    """Cells of an .xlsx/.xlsm file."""

    def __init__(self, name: str, book: Workbook) -> None:
        self.name = name
        self._book = book
        self._tables: dict[str, TableRef] | None = None

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> OpenpyxlSource:
        """A workbook already read into memory (read once, used for reading and patching)."""
        buffer = io.BytesIO(data)
        check_workbook_stream(buffer, name)
        return cls(name, _load(buffer, name))

    @classmethod
    def open(cls, path: Path) -> OpenpyxlSource:
        check_workbook_file(path)
        return cls(str(path), _load(path, str(path)))

    def sheet_names(self) -> list[str]:
        return list(self._book.sheetnames)

    def tables(self) -> Mapping[str, TableRef]:
        if self._tables is None:
            self._tables = {}
            for sheet in self._book.worksheets:
                for table in sheet.tables.values():
                    r1, c1, r2, c2 = parse_range(table.ref)
                    columns = tuple(str(c.name) for c in table.tableColumns)
                    self._tables[str(table.displayName)] = TableRef(
                        str(table.displayName), sheet.title, r1, c1, r2, c2, columns,
                        int(table.headerRowCount if table.headerRowCount is not None else 1),
                        int(table.totalsRowCount or 0),
                    )  # fmt: skip
        return self._tables

    def defined_names(self) -> Mapping[str, str]:
        return {
            str(name): str(defined.attr_text) for name, defined in self._book.defined_names.items()
        }

    def values(
        self, sheet: str, first_row: int, last_row: int, first_col: int, last_col: int
    ) -> list[list[CellValue]]:
        worksheet = self._book[sheet]
        return [
            [cell_value(cell.value) for cell in row]
            for row in worksheet.iter_rows(
                min_row=first_row, max_row=last_row, min_col=first_col, max_col=last_col
            )
        ]

    def number_format(self, sheet: str, row: int, col: int) -> str:
        return str(self._book[sheet].cell(row, col).number_format or "General")

    def bounds(self, sheet: str) -> tuple[int, int]:
        worksheet = self._book[sheet]
        return int(worksheet.max_row), int(worksheet.max_column)

    def has_formula(self, sheet: str, row: int, col: int) -> bool | None:
        return None  # loaded with cached values only (data_only): formulas are not kept


def _load(file: Path | io.BytesIO, name: str) -> Workbook:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(file, data_only=True)
    except Exception as error:  # any parser failure (zip, XML, openpyxl) = unreadable
        kind = type(error).__name__
        raise UnreadableWorkbook(
            Msg(
                "{name}: työkirjaa ei voi lukea ({kind}: {error})",
                name=name,
                kind=kind,
                error=str(error),
            )
        ) from error
