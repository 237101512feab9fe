"""A workbook file as a :class:`~xlsrc.validation.workbook.CellSource`, read with openpyxl.

Opened with ``data_only=True``: a stated cell is what the user sees, so a
stated total typed as a formula counts with its cached value.  The file is only
read, never written.  Anything that stops openpyxl (a missing file, a text file
named .xlsx, a corrupt zip, a password-protected or old binary workbook)
becomes :class:`~xlsrc.validation.workbook.UnreadableWorkbook` naming the file
and the reason.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.workbook.workbook import Workbook  # type: ignore[import-untyped]

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.validation.workbook import CellValue

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class OpenpyxlSource:
    """Cells of an .xlsx/.xlsm file."""

    def __init__(self, name: str, book: Workbook) -> None:
        self.name = name
        self._book = book

    @classmethod
    def open(cls, path: Path) -> OpenpyxlSource:
        name = str(path)
        if not path.exists():
            raise UnreadableWorkbook(f"{name}: tiedostoa ei ole")
        if path.is_dir():
            raise UnreadableWorkbook(f"{name}: kansio, ei työkirja")
        with path.open("rb") as handle:
            head = handle.read(8)
        if head == _OLE_MAGIC:
            raise UnreadableWorkbook(
                f"{name}: salasanalla suojattu tai vanha .xls-työkirja; tallenna .xlsx-muodossa "
                "ilman salasanaa"
            )
        if not zipfile.is_zipfile(path):
            raise UnreadableWorkbook(f"{name}: ei Excel-työkirja (.xlsx/.xlsm on zip-paketti)")
        try:
            book = load_workbook(path, data_only=True)
        except Exception as error:  # any parser failure (zip, XML, openpyxl) = unreadable
            kind = type(error).__name__
            raise UnreadableWorkbook(f"{name}: työkirjaa ei voi lukea ({kind}: {error})") from error
        return cls(name, book)

    def sheet_names(self) -> list[str]:
        return list(self._book.sheetnames)

    def table_refs(self) -> dict[str, tuple[str, str]]:
        refs = {}
        for sheet in self._book.worksheets:
            for table in sheet.tables.values():
                refs[table.displayName] = (sheet.title, table.ref)
        return refs

    def values(
        self, sheet: str, first_row: int, last_row: int, columns: int
    ) -> list[list[CellValue]]:
        worksheet = self._book[sheet]
        return [
            [cell.value for cell in row]
            for row in worksheet.iter_rows(
                min_row=first_row, max_row=last_row, min_col=1, max_col=columns
            )
        ]

    def number_format(self, sheet: str, row: int, column: int) -> str | None:
        return str(self._book[sheet].cell(row, column).number_format)
