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
_ROW = re.compile(r"<(?:(/)(?:\w+:)?row>|(?:\w+:)?row\b([^>]*?)(/?)>)")
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
_FAST_CELL = re.compile(r'<c r="([A-Z]{1,3})(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_REPLACE = 1 << 20
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def unescape(text: str) -> str:
    """XML text to Python text (entities and OOXML's ``_xHHHH_`` escapes)."""
    if "&" in text:
        if "&#" in text:
            text = html.unescape(text)
        else:
            text = (
                text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", '"')
                .replace("&apos;", "'")
                .replace("&amp;", "&")
            )
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
    """A ``<f>`` element: its text, type (normal/shared/array) and attributes.

    ``text`` is the element's raw XML text (entities not yet resolved): the
    compiler recognises repeated formula shapes on it without unescaping.
    """

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
    """Read every cell of a worksheet part (constants, formulas, positions).

    Excel, openpyxl and xlsxwriter all write ``<c r="A1" ...>`` with the
    address first and no namespace prefix; such parts take a fast path.
    Anything else (prefixed elements, cells without addresses) is read by the
    general scanner.
    """
    fast = _scan_fast(xml, shared_strings, date1904)
    if fast is not None:
        return fast
    return _scan_general(xml, shared_strings, date1904)


def _scan_fast(xml: str, shared_strings: list[str], date1904: bool) -> SheetCells | None:
    start = _SHEET_DATA.search(xml)
    if start is None or start.group(1) or start.group(2):
        return None
    end = xml.find("</sheetData>", start.end())
    if end < 0:
        return None
    sheet = SheetCells(xml=xml, data_span=(start.end(), end))
    values, formulas, spans = sheet.values, sheet.formulas, sheet.spans
    column = col_index
    count = 0
    max_row = max_col = 0
    for match in _FAST_CELL.finditer(xml, start.end(), end):
        count += 1
        letters, digits, attrs, inner = match.groups()
        row = int(digits)
        col = column(letters)
        key = (row << COL_BITS) | col
        spans[key] = match.span()
        if row > max_row:
            max_row = row
        if col > max_col:
            max_col = col
        if not inner:
            continue
        if inner.startswith("<f"):
            if inner.startswith("<f>"):
                close = inner.find("</f>")
                formulas.append(FormulaCell(row, col, inner[3:close], "normal", None, None))
                continue
            formula = _FORMULA.match(inner)
            if formula is not None:
                formulas.append(_formula(row, col, formula))
                continue
        cell_type = "n"
        if attrs:
            t_at = attrs.find(' t="')
            if t_at >= 0:
                cell_type = attrs[t_at + 4 : attrs.index('"', t_at + 4)]
        if cell_type == "n" and inner.startswith("<v>") and inner.endswith("</v>"):
            raw = inner[3:-4]
            values[key] = float(raw) if raw else None
        elif cell_type == "s" and inner.startswith("<v>"):
            values[key] = shared_strings[int(inner[3 : inner.index("<", 3)])]
        elif (
            cell_type == "inlineStr"
            and inner.startswith("<is><t>")
            and inner.endswith("</t></is>")
            and inner.count("<") == 4
        ):
            values[key] = unescape(inner[7:-9])
        else:
            values[key] = _constant(cell_type, inner, shared_strings, date1904)
    if count != xml.count("<c ", start.end(), end) + xml.count("<c>", start.end(), end):
        return None
    sheet.max_row, sheet.max_col = max_row, max_col
    return sheet


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
    values, formulas, spans = sheet.values, sheet.formulas, sheet.spans
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
        text=text or None,
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
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text


def _cell_with_value(element: str, value: Any) -> str:
    """``element`` (a whole ``<c>`` element) with its cached value replaced."""
    if element.startswith("<c ") and not element.endswith("/>"):
        # fast path: <c attrs><f ...>...</f>[<v>...</v>]</c> with nothing after <v>
        open_end = element.index(">")
        inner = element[open_end + 1 : -4]
        v_at = inner.find("<v")
        if (
            "<is" not in inner
            and "<extLst" not in inner
            and (v_at < 0 or inner.endswith("</v>") or inner.endswith("<v/>"))
        ):
            attrs = element[2:open_end]
            if " t=" in attrs:
                attrs = _ATTR_T_SPAN.sub("", attrs)
            cell_type, v_xml = _value_xml(value, "")
            if cell_type is not None:
                attrs = f'{attrs} t="{cell_type}"'
            head = inner[:v_at] if v_at >= 0 else inner
            return f"<c{attrs}>{head}{v_xml}</c>"
    return _cell_with_value_general(element, value)


def _cell_with_value_general(element: str, value: Any) -> str:
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
    # (start, order, end, text); at one position insertions (order = column) go before
    # the replacement of the cell that starts there (order _REPLACE)
    edits: list[tuple[int, int, int, str]] = []
    missing: dict[int, list[tuple[int, Any]]] = {}
    for key, value in updates.items():
        span = sheet.spans.get(key)
        if span is not None:
            edits.append(
                (span[0], _REPLACE, span[1], _cell_with_value(xml[span[0] : span[1]], value))
            )
        else:
            row, col = key >> COL_BITS, key & ((1 << COL_BITS) - 1)
            missing.setdefault(row, []).append((col, value))
    if missing:
        edits.extend(_insertions(sheet, missing))
    edits.sort()
    out: list[str] = []
    pos = 0
    for start, _, end, text in edits:
        out.append(xml[pos:start])
        out.append(text)
        pos = end
    out.append(xml[pos:])
    return "".join(out)


def _insertions(
    sheet: SheetCells, missing: dict[int, list[tuple[int, Any]]]
) -> list[tuple[int, int, int, str]]:
    """Edits that add cells the XML lacks (the non-anchor cells of array formulas).

    A cell goes after the last cell of its row to its left (or before the first
    one to its right); a row without any cell needs the row positions, which
    are only then looked up.
    """
    prefix = sheet.prefix
    edits: list[tuple[int, int, int, str]] = []
    mask = (1 << COL_BITS) - 1
    cells_by_row: dict[int, list[tuple[int, int, int]]] = {}
    for key, (start, end) in sheet.spans.items():
        row = key >> COL_BITS
        if row in missing:
            cells_by_row.setdefault(row, []).append((key & mask, start, end))
    empty_rows: list[tuple[int, list[tuple[int, Any]]]] = []
    for row, cells in missing.items():
        existing = sorted(cells_by_row.get(row, []))
        if not existing:
            empty_rows.append((row, sorted(cells)))
            continue
        for col, value in cells:
            left = [end for other, _, end in existing if other < col]
            position = left[-1] if left else existing[0][1]
            edits.append((position, col, position, _new_cell(row, col, value, prefix)))
    if empty_rows:
        edits.extend(_fill_rows(sheet, empty_rows))
    return edits


def _fill_rows(
    sheet: SheetCells, empty_rows: list[tuple[int, list[tuple[int, Any]]]]
) -> list[tuple[int, int, int, str]]:
    """Edits for rows with no cell yet: fill a ``<row/>`` or insert a new ``<row>``."""
    xml, prefix = sheet.xml, sheet.prefix
    rows = sheet.row_spans()
    edits: list[tuple[int, int, int, str]] = []
    new_rows = []
    for row, cells in empty_rows:
        body = "".join(_new_cell(row, col, v, prefix) for col, v in cells)
        span = rows.get(row)
        if span is None:
            new_rows.append((row, body))
            continue
        start, open_end, close_start, end = span
        if close_start is None:  # <row .../> becomes <row ...>cells</row>
            opening = xml[start:open_end]
            edits.append((start, 0, end, opening[:-2].rstrip() + ">" + body + f"</{prefix}row>"))
        else:
            edits.append((close_start, 0, close_start, body))
    if new_rows:
        edits.extend(_new_rows(sheet, new_rows, rows))
    return edits


def _new_rows(
    sheet: SheetCells,
    new_rows: list[tuple[int, str]],
    rows: dict[int, tuple[int, int, int | None, int]],
) -> list[tuple[int, int, int, str]]:
    """Edits inserting whole ``<row>`` elements, each before the first later row."""
    prefix = sheet.prefix
    row_numbers = sorted(rows)
    grouped: dict[int, list[str]] = {}
    for row, body in sorted(new_rows):
        later = next((r for r in row_numbers if r > row), None)
        position = rows[later][0] if later is not None else sheet.data_span[1]
        grouped.setdefault(position, []).append(f'<{prefix}row r="{row}">{body}</{prefix}row>')
    if sheet.data_closed:
        start, end = sheet.data_span
        text = "".join(grouped.popitem()[1])
        return [(start, 0, end, f"<{prefix}sheetData>{text}</{prefix}sheetData>")]
    return [(position, -1, position, "".join(rows)) for position, rows in grouped.items()]


def area_keys(ref: str) -> list[int]:
    """Cell keys of an A1 area such as ``D2:D40``."""
    r1, c1, r2, c2 = parse_area(ref)
    return [(r << COL_BITS) | c for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
