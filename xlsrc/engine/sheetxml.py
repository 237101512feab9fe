"""Reading cells out of a worksheet part and splicing new cached values back in.

The worksheet XML is scanned as text, recording where every ``<c>`` element
starts and ends.  Writing back replaces only the formula cells' ``<v>``
element and ``t`` attribute (inserting ``<c>`` elements for the cells of an
array formula's area that the file left out), so every other byte of the part
- formulas, styles, conditional formatting, data validation, protection,
extension lists - stays exactly as it was.  Parsing and re-serialising with
an XML library would normalise quoting, namespaces and empty elements.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.errors import FormulaSyntaxError, UnreadableWorkbook
from xlsrc.engine.refs import COL_BITS, col_index, col_letters, parse_area
from xlsrc.engine.values import date_serial, normalise

_SHEET_DATA = re.compile(r"<(?:(\w+):)?sheetData\b[^>]*?(/?)>")
_ITEM = re.compile(
    r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)|<(?:\w+:)?row\b([^>]*?)(/?)>|(</(?:\w+:)?row>)",
    re.S,
)
_ATTR_R = re.compile(r"""\br\s*=\s*["']([A-Za-z]{1,3})(\d+)["']""")
_ATTR_ROW = re.compile(r"""\br\s*=\s*["'](\d+)["']""")
_ATTR_T = re.compile(r"""\st\s*=\s*["'](\w+)["']""")
_ATTR_T_SPAN = re.compile(r"""\s+t\s*=\s*(?:"[^"]*"|'[^']*')""")
_FORMULA = re.compile(r"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(r"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
_VALUE_SPAN = re.compile(r"<((?:\w+:)?)v\b[^>]*?(?:/>|>.*?</(?:\w+:)?v>)", re.S)
_INLINE = re.compile(r"<(?:\w+:)?is\b.*?</(?:\w+:)?is>|<(?:\w+:)?is\s*/>", re.S)
_TEXT_RUN = re.compile(r"<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", re.S)
_PHONETIC = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_ATTRS = re.compile(r"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_REPLACE = 1 << 20


def unescape(text: str) -> str:
    """XML text to Python text (entities and OOXML's ``_xHHHH_`` escapes)."""
    if "&" in text:
        text = html.unescape(text)
    if "_x" in text:
        text = _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text


def inline_text(xml: str) -> str:
    """The plain text of an ``<si>`` or ``<is>`` element (rich runs joined, phonetics dropped)."""
    if "<rPh" in xml:
        xml = _PHONETIC.sub("", xml)
    return "".join(unescape(m.group(1) or "") for m in _TEXT_RUN.finditer(xml))


@dataclass
class FormulaCell:
    """A ``<f>`` element: its text, type (normal/shared/array) and attributes."""

    row: int
    col: int
    text: str | None
    kind: str
    ref: str | None
    shared_index: str | None


@dataclass
class SheetCells:
    """What a worksheet part holds, plus where each cell sits in the XML text."""

    xml: str
    values: dict[int, Any] = field(default_factory=dict)
    formulas: list[FormulaCell] = field(default_factory=list)
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    rows: dict[int, tuple[int, int, int | None, int]] = field(default_factory=dict)
    data_span: tuple[int, int] = (0, 0)
    data_closed: bool = False
    prefix: str = ""
    max_row: int = 0
    max_col: int = 0


def scan(xml: str, shared_strings: list[str], date1904: bool = False) -> SheetCells:
    """Read every cell of a worksheet part (constants, formulas, positions)."""
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
    values, formulas, spans = sheet.values, sheet.formulas, sheet.spans
    row = 0
    col = 0
    row_start = row_open_end = 0
    max_row = max_col = 0
    for match in _ITEM.finditer(xml, start.end(), end):
        attrs = match.group(1)
        if attrs is None:
            if match.group(5):  # </row>
                sheet.rows[row] = (row_start, row_open_end, match.start(), match.end())
                continue
            row_attrs = match.group(3)
            found = _ATTR_ROW.search(row_attrs)
            row = int(found.group(1)) if found else row + 1
            col = 0
            row_start, row_open_end = match.start(), match.end()
            if match.group(4):  # <row .../>
                sheet.rows[row] = (row_start, row_open_end, None, match.end())
            continue
        address = _ATTR_R.search(attrs)
        if address:
            col = col_index(address.group(1))
            row = int(address.group(2))
        else:
            col += 1
        key = (row << COL_BITS) | col
        spans[key] = (match.start(), match.end())
        if row > max_row:
            max_row = row
        if col > max_col:
            max_col = col
        inner = match.group(2)
        if not inner:
            continue
        type_match = _ATTR_T.search(attrs)
        cell_type = type_match.group(1) if type_match else "n"
        if "<f" in inner or ":f" in inner:
            formula = _FORMULA.search(inner)
            if formula is not None:
                formulas.append(_formula(row, col, formula))
                continue
        values[key] = _constant(cell_type, inner, shared_strings, date1904)
    sheet.max_row, sheet.max_col = max_row, max_col
    return sheet


def _formula(row: int, col: int, match: re.Match[str]) -> FormulaCell:
    attrs = {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _ATTRS.finditer(match.group(1))
    }
    text = match.group(2)
    kind = attrs.get("t", "normal")
    if kind == "dataTable":
        raise FormulaSyntaxError("what-if data tables (TABLE()) are not supported")
    return FormulaCell(
        row=row,
        col=col,
        text=unescape(text).lstrip("=") if text else None,
        kind=kind,
        ref=attrs.get("ref"),
        shared_index=attrs.get("si"),
    )


def _constant(cell_type: str, inner: str, shared_strings: list[str], date1904: bool) -> Any:
    if cell_type == "inlineStr":
        found = _INLINE.search(inner)
        return inline_text(found.group()) if found else ""
    value = _VALUE.search(inner)
    raw = value.group(1) if value else None
    if raw is None:
        return None
    if cell_type == "n":
        return float(raw)
    if cell_type == "s":
        return shared_strings[int(raw)]
    if cell_type == "str":
        return unescape(raw)
    if cell_type == "b":
        return raw.strip() in ("1", "true")
    if cell_type == "e":
        return XlError.from_literal(raw) or XlError.VALUE
    if cell_type == "d":
        return (
            normalise(datetime.fromisoformat(raw))
            if "T" in raw
            else date_serial(datetime.fromisoformat(raw).date(), date1904)
        )
    return unescape(raw)


# -- writing -----------------------------------------------------------------------


def _value_xml(value: Any, prefix: str) -> tuple[str | None, str]:
    """(t attribute or None, ``<v>`` element) for a computed value."""
    kind = type(value)
    if kind is float:
        if value.is_integer() and abs(value) < 1e16:
            text = str(int(value))
        else:
            text = repr(value)
        return None, f"<{prefix}v>{text}</{prefix}v>"
    if kind is str:
        return "str", f"<{prefix}v>{_escape(value)}</{prefix}v>"
    if kind is bool:
        return "b", f"<{prefix}v>{1 if value else 0}</{prefix}v>"
    if kind is XlError:
        return "e", f"<{prefix}v>{_escape(value.value)}</{prefix}v>"
    raise TypeError(f"cannot store {value!r} as a cached value")


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
        text = "".join(
            f"_x{ord(ch):04X}_" if ord(ch) < 32 and ch not in "\t\n\r" else ch for ch in text
        )
    return text


def _cell_with_value(element: str, value: Any) -> str:
    """``element`` (a whole ``<c>`` element) with its cached value replaced."""
    name_end = element.index("c", 1) + 1
    prefix = element[1 : name_end - 1]  # "" or "x:"
    self_closing = element.endswith("/>") and element.index(">") == len(element) - 1
    open_end = element.index(">")
    attrs = element[name_end : open_end - 1 if self_closing else open_end]
    inner = "" if self_closing else element[open_end + 1 : element.rindex("<")]
    cell_type, v_xml = _value_xml(value, prefix)
    attrs = _ATTR_T_SPAN.sub("", attrs)
    if cell_type is not None:
        attrs = f'{attrs} t="{cell_type}"'
    if "<" in inner:
        inner = _VALUE_SPAN.sub("", inner)
        inner = _INLINE.sub("", inner)
        formula = _FORMULA.search(inner)
        cut = formula.end() if formula else 0
        inner = inner[:cut] + v_xml + inner[cut:]
    else:
        inner = v_xml
    return f"<{prefix}c{attrs}>{inner}</{prefix}c>"


def _new_cell(row: int, col: int, value: Any, prefix: str) -> str:
    cell_type, v_xml = _value_xml(value, prefix)
    t_attr = f' t="{cell_type}"' if cell_type else ""
    return f'<{prefix}c r="{col_letters(col)}{row}"{t_attr}>{v_xml}</{prefix}c>'


def patch(sheet: SheetCells, updates: dict[int, Any]) -> str:
    """The worksheet XML with ``updates`` (cell key -> value) written as cached values."""
    xml = sheet.xml
    # (start, end, order, text); at one position insertions (order = column) go before
    # the replacement of the cell that starts there (order _REPLACE)
    edits: list[tuple[int, int, int, str]] = []
    missing: dict[int, list[tuple[int, Any]]] = {}
    for key, value in updates.items():
        span = sheet.spans.get(key)
        if span is not None:
            edits.append(
                (span[0], span[1], _REPLACE, _cell_with_value(xml[span[0] : span[1]], value))
            )
        else:
            row, col = key >> COL_BITS, key & ((1 << COL_BITS) - 1)
            missing.setdefault(row, []).append((col, value))
    if missing:
        edits.extend(_insertions(sheet, missing))
    edits.sort(key=lambda e: (e[0], e[2]))
    out: list[str] = []
    pos = 0
    for start, end, _, text in edits:
        out.append(xml[pos:start])
        out.append(text)
        pos = end
    out.append(xml[pos:])
    return "".join(out)


def _insertions(
    sheet: SheetCells, missing: dict[int, list[tuple[int, Any]]]
) -> list[tuple[int, int, int, str]]:
    """Edits that add cells the XML lacks (the non-anchor cells of array formulas)."""
    xml, prefix = sheet.xml, sheet.prefix
    edits: list[tuple[int, int, int, str]] = []
    cells_by_row: dict[int, list[tuple[int, int]]] = {}
    for key, (_start, end) in sheet.spans.items():
        row = key >> COL_BITS
        if row in missing:
            cells_by_row.setdefault(row, []).append((key & ((1 << COL_BITS) - 1), end))
    row_numbers = sorted(sheet.rows)
    new_rows: list[tuple[int, list[tuple[int, Any]]]] = []
    for row, cells in missing.items():
        cells.sort()
        span = sheet.rows.get(row)
        if span is not None:
            start, open_end, close_start, end = span
            if close_start is None:  # <row .../> becomes <row ...>cells</row>
                opening = xml[start:open_end]
                body = "".join(_new_cell(row, col, v, prefix) for col, v in cells)
                text = opening[:-2].rstrip() + ">" + body + f"</{prefix}row>"
                edits.append((start, end, 0, text))
                continue
            existing = sorted(cells_by_row.get(row, []))
            for col, value in cells:
                position = open_end
                for other_col, other_end in existing:
                    if other_col < col:
                        position = other_end
                edits.append((position, position, col, _new_cell(row, col, value, prefix)))
            continue
        new_rows.append((row, cells))
    if new_rows:
        edits.extend(_new_rows(sheet, new_rows, row_numbers))
    return edits


def _new_rows(
    sheet: SheetCells, new_rows: list[tuple[int, list[tuple[int, Any]]]], row_numbers: list[int]
) -> list[tuple[int, int, int, str]]:
    """Edits inserting whole ``<row>`` elements, each before the first later row."""
    prefix = sheet.prefix
    grouped: dict[int, list[str]] = {}
    for row, cells in sorted(new_rows):
        body = "".join(_new_cell(row, col, v, prefix) for col, v in cells)
        later = next((r for r in row_numbers if r > row), None)
        position = sheet.rows[later][0] if later is not None else sheet.data_span[1]
        grouped.setdefault(position, []).append(f'<{prefix}row r="{row}">{body}</{prefix}row>')
    if sheet.data_closed:
        start, end = sheet.data_span
        text = "".join(grouped.popitem()[1])
        return [(start, end, 0, f"<{prefix}sheetData>{text}</{prefix}sheetData>")]
    return [(position, position, -1, "".join(rows)) for position, rows in grouped.items()]


def area_keys(ref: str) -> list[int]:
    """Cell keys of an A1 area such as ``D2:D40``."""
    r1, c1, r2, c2 = parse_area(ref)
    return [(r << COL_BITS) | c for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
