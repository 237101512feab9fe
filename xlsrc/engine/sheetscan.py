"""Reading the cells of a worksheet part: constants, formulas, and where formula cells are.

The part is scanned as text.  Excel, openpyxl and xlsxwriter all write cells
as ``<c r="A1" ...>`` without a namespace prefix, so the fast path splits the
text at each ``<c r="`` and reads every piece with string methods (a regular
expression per cell costs more on a 20,000-row sheet than the whole
evaluation).  Anything written differently - prefixed elements, cells without
an address - is read by the general, regex-based scanner.

Besides values and formulas, the scan records for every formula cell the
offsets :mod:`sheetpatch` needs to write its cached value without parsing the
cell again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import accumulate
from typing import Any, NamedTuple

from xlsrc.core.errors import XlError
from xlsrc.engine.errors import FormulaSyntaxError, UnreadableWorkbook
from xlsrc.engine.refs import COL_BITS, col_index
from xlsrc.engine.values import date_serial, normalise
from xlsrc.engine.xmltext import FORMULA, INLINE, VALUE, attributes, inline_text, unescape

_SHEET_DATA = re.compile(r"<(?:(\w+):)?sheetData\b[^>]*?(/?)>")
_ITEM = re.compile(
    r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)|<(?:\w+:)?row\b([^>]*?)(/?)>|(</(?:\w+:)?row>)",
    re.S,
)
_ATTR_R = re.compile(r"""\br\s*=\s*["']([A-Za-z]{1,3})(\d+)["']""")
_ATTR_ROW = re.compile(r"""\br\s*=\s*["'](\d+)["']""")
_ATTR_T = re.compile(r"""\st\s*=\s*["'](\w+)["']""")
_ROW = re.compile(r"<(?:(/)(?:\w+:)?row>|(?:\w+:)?row\b([^>]*?)(/?)>)")
_DIGITS = "0123456789"
_CELL_START = '<c r="'


class FormulaCell(NamedTuple):
    """A ``<f>`` element: its text, type (normal/shared/array) and attributes.

    ``text`` is the element's raw XML text (entities not yet resolved): the
    compiler recognises repeated formula shapes on it without unescaping.
    (A named tuple: a sheet has tens of thousands of them.)
    """

    row: int
    col: int
    text: str | None
    kind: str
    ref: str | None
    shared_index: str | None


@dataclass
class SheetCells:
    """What a worksheet part holds, plus where cells sit in the XML text."""

    xml: str
    values: dict[int, Any] = field(default_factory=dict)
    formulas: list[FormulaCell] = field(default_factory=list)
    #: cell key -> (start, end of the opening tag's attributes, where the value goes, end)
    #: for formula cells written plainly; other cells are located when needed
    slots: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    #: keys of every cell element in the part
    present: set[int] = field(default_factory=set)
    #: cell key -> (start, end) of every cell element (general scanner only)
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    data_span: tuple[int, int] = (0, 0)
    data_closed: bool = False
    prefix: str = ""
    max_row: int = 0
    max_col: int = 0

    def row_spans(self) -> dict[int, tuple[int, int, int | None, int]]:
        """Row number -> (start, end of opening tag, start of closing tag or None, end)."""
        rows: dict[int, tuple[int, int, int | None, int]] = {}
        row = 0
        opening = (0, 0)
        start, end = self.data_span
        for match in _ROW.finditer(self.xml, start, end):
            if match.group(1):  # </row>
                rows[row] = (opening[0], opening[1], match.start(), match.end())
                continue
            found = _ATTR_ROW.search(match.group(2))
            row = int(found.group(1)) if found else row + 1
            opening = match.span()
            if match.group(3):  # <row .../>
                rows[row] = (match.start(), match.end(), None, match.end())
        return rows


def scan(xml: str, shared_strings: list[str], date1904: bool = False) -> SheetCells:
    """Read every cell of a worksheet part (constants, formulas, positions)."""
    fast = _scan_fast(xml, shared_strings, date1904)
    if fast is not None:
        return fast
    return _scan_general(xml, shared_strings, date1904)


def _scan_fast(xml: str, shared_strings: list[str], date1904: bool) -> SheetCells | None:
    start = _SHEET_DATA.search(xml)
    if start is None or start.group(1) or start.group(2):
        return None
    begin = start.end()
    end = xml.find("</sheetData>", begin)
    if end < 0:
        return None
    pieces = xml[begin:end].split(_CELL_START)
    if len(pieces) - 1 != xml.count("<c ", begin, end) or xml.count("<c>", begin, end):
        return None  # some cell is written differently: use the general scanner
    sheet = SheetCells(xml=xml, data_span=(begin, end))
    values, present, slots = sheet.values, sheet.present, sheet.slots
    formulas_append = sheet.formulas.append
    new_tuple = tuple.__new__  # FormulaCell without the named tuple's Python-level __new__
    column = col_index
    max_col = 0
    starts = accumulate((len(p) + 6 for p in pieces), initial=begin)
    next(starts)  # the text before the first cell
    for piece, offset in zip(pieces[1:], starts, strict=False):
        quote = piece.index('"')
        address = piece[:quote]
        letters = address.rstrip(_DIGITS)
        col = column(letters)
        key = (int(address[len(letters) :]) << COL_BITS) | col
        present.add(key)
        if col > max_col:
            max_col = col
        close = piece.index(">", quote)
        if piece[close - 1] == "/":
            continue  # <c r=".." s=".."/>: a styled blank
        attrs = piece[quote + 1 : close]
        kind = piece[close + 2]
        if kind == "v" and ('t="' not in attrs or ' t="n"' in attrs):
            value_end = piece.index("<", close + 4)
            values[key] = float(piece[close + 4 : value_end]) if value_end > close + 4 else None
        elif kind == "v" and ' t="s"' in attrs:
            values[key] = shared_strings[int(piece[close + 4 : piece.index("<", close + 4)])]
        elif kind == "f" and piece[close + 3] == ">":  # <f>text</f>, the usual formula
            formula_end = piece.index("</f>", close) + 4
            formulas_append(
                new_tuple(
                    FormulaCell,
                    (
                        key >> COL_BITS,
                        col,
                        piece[close + 4 : formula_end - 4],
                        "normal",
                        None,
                        None,
                    ),
                )
            )
            finish = piece.find("</c>", formula_end)
            if finish == formula_end or (
                piece.startswith("<v>", formula_end)
                and piece.find("<", formula_end + 3) == finish - 4
            ):
                slots[key] = (offset - 6, offset + close, offset + formula_end, offset + finish + 4)
            else:
                _formula_cell(piece, offset, close, key, sheet, recorded=True)
        elif kind == "f":
            _formula_cell(piece, offset, close, key, sheet)
        else:
            finish = piece.find("</c>", close)
            inner = piece[close + 1 : finish]
            if inner.startswith("<is><t>") and inner.find("<", 7) == len(inner) - 9:
                values[key] = unescape(inner[7:-9])
            else:
                t_at = attrs.find(' t="')
                cell_type = attrs[t_at + 4 : attrs.index('"', t_at + 4)] if t_at >= 0 else "n"
                values[key] = _constant(cell_type, inner, shared_strings, date1904)
    sheet.max_row = max(present) >> COL_BITS if present else 0
    sheet.max_col = max_col
    return sheet


def _formula_cell(
    piece: str, offset: int, close: int, key: int, sheet: SheetCells, recorded: bool = False
) -> None:
    """Record the formula of a cell piece and, when its layout is plain, its patch slot."""
    row, col = key >> COL_BITS, key & ((1 << COL_BITS) - 1)
    inner_start = close + 1
    if piece.startswith("<f>", inner_start):
        formula_end = piece.index("</f>", inner_start) + 4
        if not recorded:
            sheet.formulas.append(
                FormulaCell(
                    row, col, piece[inner_start + 3 : formula_end - 4], "normal", None, None
                )
            )
    else:
        match = FORMULA.match(piece, inner_start)
        if match is None:
            raise UnreadableWorkbook(
                f"unreadable formula element in cell {piece[: piece.index(chr(34))]}"
            )
        sheet.formulas.append(_formula(row, col, match))
        formula_end = match.end()
    finish = piece.find("</c>", formula_end)
    # plain layout: nothing after the formula but one <v> element
    if (
        finish == formula_end
        or piece.startswith("<v/>", formula_end)
        and finish == formula_end + 4
        or (piece.startswith("<v>", formula_end) and piece.find("<", formula_end + 3) == finish - 4)
    ):
        sheet.slots[key] = (offset - 6, offset + close, offset + formula_end, offset + finish + 4)


def _scan_general(xml: str, shared_strings: list[str], date1904: bool) -> SheetCells:
    sheet = SheetCells(xml=xml)
    start = _SHEET_DATA.search(xml)
    if start is None:
        return sheet
    sheet.prefix = f"{start.group(1)}:" if start.group(1) else ""
    if start.group(2):  # <sheetData/>
        sheet.data_span = (start.start(), start.end())
        sheet.data_closed = True
        return sheet
    end = xml.find(f"</{sheet.prefix}sheetData>", start.end())
    if end < 0:
        raise UnreadableWorkbook("worksheet XML is truncated (no </sheetData>)")
    sheet.data_span = (start.end(), end)
    values, formulas = sheet.values, sheet.formulas
    row = 0
    col = 0
    max_row = max_col = 0
    for match in _ITEM.finditer(xml, start.end(), end):
        attrs = match.group(1)
        if attrs is None:
            if match.group(3) is not None:  # <row ...>
                found = _ATTR_ROW.search(match.group(3))
                row = int(found.group(1)) if found else row + 1
                col = 0
            continue
        address = _ATTR_R.search(attrs)
        if address:
            col = col_index(address.group(1))
            row = int(address.group(2))
        else:
            col += 1
        key = (row << COL_BITS) | col
        sheet.present.add(key)
        sheet.spans[key] = match.span()
        max_row, max_col = max(max_row, row), max(max_col, col)
        inner = match.group(2)
        if not inner:
            continue
        type_match = _ATTR_T.search(attrs)
        cell_type = type_match.group(1) if type_match else "n"
        if "<f" in inner or ":f" in inner:
            formula = FORMULA.search(inner)
            if formula is not None:
                formulas.append(_formula(row, col, formula))
                continue
        values[key] = _constant(cell_type, inner, shared_strings, date1904)
    sheet.max_row, sheet.max_col = max_row, max_col
    return sheet


def _formula(row: int, col: int, match: re.Match[str]) -> FormulaCell:
    attrs = attributes(match.group(1))
    kind = attrs.get("t", "normal")
    if kind == "dataTable":
        raise FormulaSyntaxError("what-if data tables (TABLE()) are not supported")
    return FormulaCell(row, col, match.group(2) or None, kind, attrs.get("ref"), attrs.get("si"))


def _constant(cell_type: str, inner: str, shared_strings: list[str], date1904: bool) -> Any:
    if cell_type == "inlineStr":
        found = INLINE.search(inner)
        return inline_text(found.group()) if found else ""
    value = VALUE.search(inner)
    raw = value.group(1) if value else None
    if raw is None:
        return None
    if cell_type == "n":
        return float(raw)
    if cell_type == "s":
        return shared_strings[int(raw)]
    if cell_type == "b":
        return raw.strip() in ("1", "true")
    if cell_type == "e":
        return XlError.from_literal(raw) or XlError.VALUE
    if cell_type == "d":
        moment = datetime.fromisoformat(raw)
        return normalise(moment) if "T" in raw else date_serial(moment.date(), date1904)
    return unescape(raw)  # "str" and anything unknown: text
