"""A package the engine has read, as a :class:`~xlsrc.reading.source.WorkbookSource`.

Validation reads a workbook's tables through the one reader
(:mod:`xlsrc.reading`); this source gives it what the engine already holds,
so no file is opened or parsed a second time:

* :meth:`PackageSource.recalculated` - inside ``xlsrc recalc``: the values
  the recalculation computed, exactly as they are written into the output
  (a refused cell has none), and the constants the package already read;
* :meth:`PackageSource.open` - ``xlsrc validate`` of a saved file: the
  constants and the cached values of formula cells, read by the engine's
  exact sheet reader (no formula is compiled).

Sheets, Tables, defined names and shared strings come from the package;
number formats from the styles part, read only when a number cell asks.
Every cell reads as the openpyxl-based source reads the same saved file
(:mod:`xlsrc.reading.openpyxl_source`): a number under a date format is a
``datetime``, a whole number written without a decimal point is an ``int``,
an empty cached text is blank, text that spells an error is that error - the
validation tests run with both sources and must find the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg
from xlsrc.engine.package import Package, open_package
from xlsrc.engine.refs import COL_BITS, cell_name, col_letters, parse_area, quote_sheet, unkey
from xlsrc.engine.sheetcell import child, parse_cell
from xlsrc.engine.sheetcells import SheetCells
from xlsrc.engine.sheetpatch import cached
from xlsrc.engine.sheetread import read_sheet
from xlsrc.engine.sheetscan import attributes, column, iso_moment
from xlsrc.engine.styles import style_formats
from xlsrc.engine.xmltext import unescape
from xlsrc.limits import Limits
from xlsrc.ooxml.strings import decode_escapes
from xlsrc.reading.files import check_workbook_file
from xlsrc.reading.numformats import GENERAL, is_date_format, is_elapsed_format, serial_value
from xlsrc.reading.source import CellValue, TableRef, cell_value

if TYPE_CHECKING:  # a saved file is read without the compiler
    from xlsrc.engine.loader import Loaded
    from xlsrc.engine.sheetstate import SheetState

_MASK = (1 << COL_BITS) - 1
_MERGE = re.compile(r'<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]+)"')
_VALUE_TEXT = re.compile(r"<v>([^<]*)</v>")
#: a number constant as the scan's plain layout writes it: letters, row, attributes, ``<v>``
_PLAIN_NUMBER = re.compile(r'<c r="([A-Z]{1,3})(\d+)"([^>]*)><v>([^<]*)</v></c>')
#: the cell kinds a package reader shows as sheets (openpyxl's: no dialog or macro sheets)
_SHOWN = ("worksheet", "chartsheet")


class PackageSource:
    """The tables, names and cells of a package the engine read (see the module docstring)."""

    def __init__(
        self, name: str, package: Package, sheets: dict[str, _Sheet] | None = None
    ) -> None:
        self.name = name
        self._package = package
        self._sheets: dict[str, _Sheet] = sheets if sheets is not None else {}
        self._formats: list[str] | None = None
        self._dates: dict[int, tuple[bool, bool]] = {}
        #: attributes text of a number element -> its style (a handful per workbook)
        self._number_styles: dict[str, int] = {}

    @classmethod
    def recalculated(cls, name: str, package: Package, loaded: Loaded) -> PackageSource:
        """The workbook as ``xlsrc recalc`` writes it (named ``name``, the output's path)."""
        source = cls(name, package)
        for sheet in loaded.sheets:
            source._sheets[sheet.state.name] = _Sheet(
                source, sheet.state.name, sheet.cells, sheet.state, sheet.formula_keys
            )
        return source

    @classmethod
    def open(cls, path: Path, limits: Limits | None = None) -> PackageSource:
        """A saved workbook; the caller closes it (:meth:`close`, or ``with``) when done."""
        check_workbook_file(path)
        try:
            return cls(str(path), open_package(path, limits))
        except UnreadableWorkbook as error:
            if str(path) in str(error):
                raise
            raise UnreadableWorkbook(f"{path}: {error}") from error

    def close(self) -> None:
        self._package.close()

    def __enter__(self) -> PackageSource:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- WorkbookSource ------------------------------------------------------------
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self._package.sheets if sheet.kind in _SHOWN]

    def tables(self) -> Mapping[str, TableRef]:
        found: dict[str, TableRef] = {}
        for table in self._package.tables:
            r1, c1, r2, c2 = parse_area(table.ref)
            found[table.name] = TableRef(
                table.name, table.sheet, r1, c1, r2, c2, tuple(table.columns),
                table.header_rows, table.totals_rows,
            )  # fmt: skip
        return found

    def defined_names(self) -> Mapping[str, str]:
        return {name: text for name, local, text in self._package.names if local is None}

    def values(
        self, sheet: str, first_row: int, last_row: int, first_col: int, last_col: int
    ) -> list[list[CellValue]]:
        cells = self._sheet(sheet)
        if cells is None:
            return [[None] * (last_col - first_col + 1) for _ in range(first_row, last_row + 1)]
        columns = range(first_col, last_col + 1)
        return [cells.row_values(row, columns) for row in range(first_row, last_row + 1)]

    def number_format(self, sheet: str, row: int, col: int) -> str:
        cells = self._sheet(sheet)
        if cells is None:
            return GENERAL
        return self.format_of(cells.style((row << COL_BITS) | col))

    def bounds(self, sheet: str) -> tuple[int, int]:
        cells = self._sheet(sheet)
        return (1, 1) if cells is None else cells.bounds()

    def has_formula(self, sheet: str, row: int, col: int) -> bool | None:
        cells = self._sheet(sheet)
        return None if cells is None else ((row << COL_BITS) | col) in cells.formula_keys

    # -- styles ----------------------------------------------------------------------
    def format_of(self, style: int) -> str:
        if self._formats is None:
            self._formats = style_formats(self._package)
        return self._formats[style] if 0 <= style < len(self._formats) else GENERAL

    def number_style(self, attrs: str) -> int:
        """The style of a number element with attributes ``attrs``; -1 if not of type "n"."""
        found = self._number_styles.get(attrs)
        if found is None:
            parsed = attributes(attrs[:-1] if attrs.endswith("/") else attrs)
            found = _style(parsed) if parsed.get("t", "n") == "n" else -1
            self._number_styles[attrs] = found
        return found

    def date_kind(self, style: int) -> tuple[bool, bool]:
        """(is a date or time format, is elapsed time) of a style, decided once per style."""
        found = self._dates.get(style)
        if found is None:
            code = self.format_of(style)
            found = self._dates[style] = (is_date_format(code), is_elapsed_format(code))
        return found

    @property
    def date1904(self) -> bool:
        return self._package.date1904

    @property
    def shared_strings(self) -> list[str]:
        return self._package.shared_strings

    def _sheet(self, name: str) -> _Sheet | None:
        found = self._sheets.get(name)
        if found is None:
            part = next((s for s in self._package.sheets if s.name == name), None)
            if part is None:
                raise KeyError(f"Worksheet {name} does not exist.")
            if part.kind != "worksheet":
                return None
            try:
                cells = read_sheet(self._package, part)
            except UnreadableWorkbook as error:
                if self.name in str(error):
                    raise
                raise UnreadableWorkbook(f"{self.name}: {error}") from error
            found = self._sheets[name] = _Sheet(self, name, cells, None, [])
        return found


class _Sheet:
    """One worksheet's cells, and where each one sits in the sheet's XML text.

    With ``state`` (inside a recalculation) a formula cell's value is the one
    computed - the value written for it, none for a refused cell; without it
    (a saved file) its cached ``<v>``.  ``formula_keys`` are the cells the
    recalculation writes (array areas included).  Cells are located in the
    text on demand, searching forward from the last one found (readers go
    row by row).
    """

    def __init__(
        self,
        source: PackageSource,
        name: str,
        cells: SheetCells,
        state: SheetState | None,
        formula_keys: list[int],
    ) -> None:
        self.source = source
        self.name = name
        self.cells = cells
        self.state = state
        #: the cells a recalculation writes (the file holds an element for each)
        self.written = formula_keys
        self.formula_keys = (
            set(formula_keys)
            if state is not None
            else {(f.row << COL_BITS) | f.col for f in cells.formulas}
        )
        self._cursor = cells.data_span[0]
        #: row -> where to search for its cells (at or before its first cell element)
        self._rows: dict[int, int] = {}
        #: the styles of the number cells read so far
        self._styles: dict[int, int] = {}

    def row_values(self, row: int, columns: range) -> list[CellValue]:
        """The cells of ``row`` in ``columns``, as :meth:`value` reads each one.

        A number constant needs its XML (int or float, style): the row's plain
        number elements are read in one pass instead of being searched for one
        by one; a cell that pass does not find is read by :meth:`value`.
        """
        values, formulas, value = self.cells.values, self.formula_keys, self.value
        plain: dict[int, tuple[str, str]] | None = None
        found: list[CellValue] = []
        for col in columns:
            key = (row << COL_BITS) | col
            if key not in formulas:
                constant = values.get(key)
                kind = type(constant)
                if constant is None or (kind is str and constant and constant[0] != "#"):
                    found.append(constant)  # what value() gives: no cell, or plain text
                    continue
                if kind is float:
                    if plain is None:
                        plain = self._plain_numbers(row)
                    element = plain.get(col)
                    if element is not None:
                        style = self._styles[key] = self.source.number_style(element[0])
                        if style >= 0:
                            found.append(self._typed("n", element[1], style))
                            continue
            found.append(value(key))
        return found

    def _plain_numbers(self, row: int) -> dict[int, tuple[str, str]]:
        """Column -> (attributes, ``<v>`` text) of the number elements of ``row``'s element.

        Empty if the row element is not found as Excel writes it (``<row r="..."``):
        then every cell is searched for on its own.
        """
        cells = self.cells
        xml, (begin, finish) = cells.xml, cells.data_span
        tag = f'<row r="{row}"'
        known = self._rows.get(row)
        start = xml.find(tag, self._cursor if known is None else known, finish)
        if start < 0:
            start = xml.find(tag, begin, finish)
        if start < 0:
            return {}
        end = xml.find("</row>", start, finish)
        if end < 0:
            return {}
        self._rows[row] = start
        self._cursor = end
        number = str(row)
        return {
            column(letters): (attrs, text)
            for letters, digits, attrs, text in _PLAIN_NUMBER.findall(xml, start, end)
            if digits == number
        }

    def value(self, key: int) -> CellValue:
        if key in self.formula_keys:
            state = self.state
            if state is None:  # a saved file: the formula's cached value
                return self._from_xml(key)
            cell_type, text = cached(None if key in state.pending else state.values.get(key))
            style = self.style(key) if cell_type is None and text is not None else 0
            return self._typed(cell_type or "n", text, style)
        value = self.cells.values.get(key)
        if type(value) is float:  # its text says int or float, its style whether a date
            return self._from_xml(key)
        if value == "":  # an empty <v> is a blank; an empty string item is text
            element = self._element(key)
            kind = "" if element is None else self._attributes(element).get("t")
            return "" if kind in ("s", "inlineStr") else None
        return cell_value(value)

    def style(self, key: int) -> int:
        found = self._styles.get(key)
        if found is None:
            element = self._element(key)
            found = 0 if element is None else _style(self._attributes(element))
        return found

    def bounds(self) -> tuple[int, int]:
        """(last row, last column) of every cell element the file holds (merged areas too)."""
        cells = self.cells
        rows, cols = cells.max_row, cells.max_col
        if self.written:
            rows = max(rows, max(self.written) >> COL_BITS)
            cols = max(cols, max(key & _MASK for key in self.written))
        start, end = cells.data_span
        for match in _MERGE.finditer(cells.xml, end):
            _, _, r2, c2 = parse_area(match.group(1))
            rows, cols = max(rows, r2), max(cols, c2)
        return max(rows, 1), max(cols, 1)

    # -- reading one cell's XML --------------------------------------------------------
    def _from_xml(self, key: int) -> CellValue:
        """A cell's value as the saved file states it (its ``<v>``, type and style)."""
        element = self._element(key)
        if element is None:
            return None
        attrs = self._attributes(element)
        style = self._styles[key] = _style(attrs)  # kept: its number format is asked next
        cell_type, text = attrs.get("t", "n"), self._value_text(*element)
        try:
            return self._typed(cell_type, text, style)
        except ValueError:  # a formula's cached value (the scan checked every constant)
            where = f"{self.source.name}: {quote_sheet(self.name)}!{cell_name(*unkey(key))}"
            raise UnreadableWorkbook(
                Msg(
                    "{where}: kaavan tallennettu arvo {text!r} ei ole solutyypin {kind!r} arvo",
                    where=where,
                    text=(text or "")[:30],
                    kind=cell_type,
                )
            ) from None

    def _typed(self, cell_type: str, text: str | None, style: int) -> CellValue:
        """A ``<v>`` text of type ``cell_type`` read as the openpyxl source reads it.

        :class:`ValueError` if the text is no value of that type (which
        :meth:`_from_xml` locates).
        """
        if not text:
            return None
        source = self.source
        if cell_type == "n":
            number: int | float = float(text) if "." in text or "e" in text.lower() else int(text)
            is_date, elapsed = source.date_kind(style)
            if not is_date:
                return number
            moment = serial_value(float(number), source.date1904, elapsed)
            if moment is None:
                return cell_value("#VALUE!")
            return str(moment) if isinstance(moment, dt.timedelta) else moment
        if cell_type == "s":
            strings = source.shared_strings
            return (
                cell_value(strings[int(text)])
                if text.isdigit() and int(text) < len(strings)
                else None
            )
        if cell_type == "b":
            return text.strip() in ("1", "true")
        if cell_type == "d":  # a date only is a date (as openpyxl reads it), not midnight
            stated = iso_moment(text)
            if stated is None:
                raise ValueError(text)
            return stated
        return cell_value(text)

    def _attributes(self, element: tuple[int, int, int]) -> dict[str, str]:
        start, close, _ = element
        xml = self.cells.xml
        quote = xml.find('"', xml.find('r="', start) + 3)
        text = xml[quote + 1 : close - 1]
        return attributes(text[:-1] if text.endswith("/") else text)

    def _value_text(self, start: int, close: int, end: int) -> str | None:
        xml = self.cells.xml
        if xml[close - 2] == "/":
            return None
        found = _VALUE_TEXT.search(xml, close, end)
        if found is not None:
            return unescape(found.group(1))
        value = child(parse_cell(xml[start:end], self.cells.namespaces), "v")
        return None if value is None or value.text is None else decode_escapes(value.text)

    def _element(self, key: int) -> tuple[int, int, int] | None:
        """(start, end of the opening tag, end) of ``key``'s element; None if the XML has none.

        Formula cells the scan read plainly have their place recorded; any
        other cell is searched for from the start of its row, once that row
        has been seen, else from the last cell found (readers go row by row).
        """
        cells = self.cells
        if key not in cells.present:
            return None
        slot = cells.slot(key)
        if slot is not None:
            return slot[0], slot[1] + 1, slot[3]
        xml, (begin, finish) = cells.xml, cells.data_span
        row = key >> COL_BITS
        tag = f'<c r="{col_letters(key & _MASK)}{row}"'
        known = self._rows.get(row)
        start = xml.find(tag, self._cursor if known is None else known, finish)
        if start < 0:  # not in reading order: search from the top
            start = xml.find(tag, begin, finish)
        if start < 0:
            return None
        if known is None:
            self._rows[row] = max(begin, xml.rfind("<row", begin, start))
        close = xml.find(">", start) + 1
        end = close if xml[close - 2] == "/" else xml.find("</c>", close) + 4
        self._cursor = end
        return start, close, end


def _style(attrs: Mapping[str, str]) -> int:
    style = attrs.get("s", "")
    return int(style) if style.isdigit() else 0
