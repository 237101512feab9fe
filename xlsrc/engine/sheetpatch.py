"""Writing cached values into a worksheet part, changing nothing else.

Only the formula cells' ``<v>`` element and ``t`` attribute are replaced (and
``<c>`` elements are inserted for the cells of an array formula's area that
the file left out), so every other byte of the part - formulas, styles,
conditional formatting, data validation, protection, extension lists - stays
exactly as it was.  Parsing and re-serialising with an XML library would
normalise quoting, namespaces and empty elements.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lxml import etree

from xlsrc.core.errors import XlError
from xlsrc.engine.refs import COL_BITS, col_letters
from xlsrc.engine.sheetcell import child, parse_cell, serialise_cell
from xlsrc.engine.sheetcells import SheetCells
from xlsrc.engine.xmltext import TYPE_ATTR, escape, xml_text

_REPLACE = 1 << 20  # edits at one position: insertions (ordered by column) before a replacement
_MASK = (1 << COL_BITS) - 1

Edit = tuple[int, int, int, str]  # (start, order, end, text)


def storable(value: Any) -> Any:
    """``value`` as a cell can hold it: a number Excel cannot store (inf, nan) is #NUM!.

    Belt and braces: the engine gives #NUM! for overflows itself; ``inf`` in a
    file would make it unreadable to Excel and openpyxl, and count as no error.
    """
    if type(value) is float and value - value != 0.0:
        return XlError.NUM
    return value


def cached(value: Any) -> tuple[str | None, str | None]:
    """(t attribute or None, text of the ``<v>`` element before XML escaping) for a value.

    None is a refused cell: its formula stays, its old value goes (no ``<v>``).
    """
    kind = type(value)
    if value is None:
        return None, None
    if kind is float:
        if value - value != 0.0:  # inf, nan: see storable()
            return "e", XlError.NUM.value
        return None, str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if kind is str:
        return "str", value
    if kind is bool:
        return "b", "1" if value else "0"
    if kind is XlError:
        return "e", value.value
    raise TypeError(f"cannot store {value!r} as a cached value")


def value_xml(value: Any, prefix: str = "") -> tuple[str | None, str]:
    """(t attribute or None, ``<v>`` element) for a computed value."""
    cell_type, text = cached(value)
    if text is None:
        return None, ""
    if cell_type == "str":  # numbers, booleans and error codes need no escaping
        text = escape(text)
    return cell_type, f"<{prefix}v>{text}</{prefix}v>"


def patch(sheet: SheetCells, updates: dict[int, Any]) -> str:
    """The worksheet XML with ``updates`` (cell key -> value) written as cached values."""
    return "".join(patched_text(sheet, updates, updates.__getitem__))


#: edits joined into one piece of output text at a time (a few hundred kilobytes)
_CHUNK = 2048


def patched_text(
    sheet: SheetCells, keys: Iterable[int], value_of: Callable[[int], Any]
) -> Iterator[str]:
    """The worksheet XML with every cell of ``keys`` given ``value_of(key)``, in pieces.

    The text is produced piece by piece, so a writer can compress it as it
    comes and the whole part never exists twice (a 100,000-row sheet is tens
    of megabytes of text).  ``keys`` must not repeat a cell.  The formula cells
    the scan recorded are edited in the order of the keys when those are in
    document order (the loader's order), without a list of their edits; the
    few other edits (cells in rare layouts, missing cells of array formulas)
    are collected, sorted and merged in.  Keys out of document order fall back
    to sorting every edit.
    """
    xml = sheet.xml
    slot_of, spans = sheet.slot, sheet.spans
    others: list[Edit] = []
    missing: dict[int, list[tuple[int, Any]]] = {}
    locate = _Locator(sheet)
    ordered: list[int] = []
    last = -1
    for key in keys:
        slot = slot_of(key)
        if slot is not None:
            if slot[0] <= last:  # not in document order: every edit is sorted instead
                others.extend(_edit(xml, k, slot_of, value_of) for k in ordered)
                ordered.clear()
                last = 1 << 62
                others.append(_slot_edit(xml, slot, value_of(key)))
                continue
            last = slot[0]
            ordered.append(key)
            continue
        span = spans.get(key) or (locate(key) if key in sheet.present else None)
        if span is not None:
            element = xml[span[0] : span[1]]
            others.append((span[0], _REPLACE, span[1], _rewrite(sheet, element, value_of(key))))
        else:
            missing.setdefault(key >> COL_BITS, []).append((key & _MASK, value_of(key)))
    if missing:
        others.extend(_insertions(sheet, missing))
    others.sort()
    in_order = (_edit(xml, key, slot_of, value_of) for key in ordered)
    out: list[str] = []
    pos = 0
    edits = heapq.merge(in_order, others) if others else in_order  # merging costs per edit
    for start, _, end, text in edits:
        out.append(xml[pos:start])
        out.append(text)
        pos = end
        if len(out) >= _CHUNK:
            yield "".join(out)
            out.clear()
    out.append(xml[pos:])
    yield "".join(out)


def _edit(
    xml: str,
    key: int,
    slot_of: Callable[[int], tuple[int, int, int, int] | None],
    value_of: Callable[[int], Any],
) -> Edit:
    """:func:`_slot_edit` of a cell the scan recorded, by its key."""
    slot = slot_of(key)
    assert slot is not None, "only recorded cells are edited by their slot"
    return _slot_edit(xml, slot, value_of(key))


def _slot_edit(xml: str, slot: tuple[int, int, int, int], value: Any) -> Edit:
    """The edit giving a plainly written formula cell (its ``slot``) the cached ``value``."""
    start, attrs_end, value_at, end = slot
    cell_type, v_xml = value_xml(value)
    head = xml[start:attrs_end]
    if " t=" in head:
        head = TYPE_ATTR.sub("", head)
    if cell_type is not None:
        head = f'{head} t="{cell_type}"'
    return start, _REPLACE, end, f"{head}{xml[attrs_end:value_at]}{v_xml}</c>"


def _rewrite(sheet: SheetCells, element: str, value: Any) -> str:
    """A whole ``<c>`` element with its cached value replaced, rebuilt by the XML parser.

    For cells the scan read through the parser too (rare layouts): the new
    ``<v>`` goes after the formula, every other child and attribute stays.
    """
    cell = parse_cell(element, sheet.namespaces)
    main = cell.tag[1:].partition("}")[0]
    cell_type, text = cached(value)
    if cell_type is None:
        if "t" in cell.attrib:
            del cell.attrib["t"]
    else:
        cell.set("t", cell_type)
    for name in ("v", "is"):
        old = child(cell, name)
        if old is not None:
            cell.remove(old)
    if text is not None:
        new = etree.Element(f"{{{main}}}v")
        new.text = xml_text(text)
        formula = child(cell, "f")
        cell.insert(cell.index(formula) + 1 if formula is not None else 0, new)
    return serialise_cell(cell, sheet.namespaces)


def _new_cell(row: int, col: int, value: Any, prefix: str) -> str:
    cell_type, v_xml = value_xml(value, prefix)
    t_attr = f' t="{cell_type}"' if cell_type else ""
    return f'<{prefix}c r="{col_letters(col)}{row}"{t_attr}>{v_xml}</{prefix}c>'


class _Locator:
    """Finds a cell element the scan did not record, searching forward from the last one."""

    def __init__(self, sheet: SheetCells, remember: bool = True) -> None:
        self.sheet = sheet
        self.position = sheet.data_span[0]
        #: keep what was found in ``sheet.spans`` (not for neighbours of inserted cells:
        #: an array formula's column would record a span for every row)
        self.remember = remember
        self.last: tuple[int, tuple[int, int]] | None = None

    def __call__(self, key: int) -> tuple[int, int] | None:
        sheet = self.sheet
        if key in sheet.spans:
            return sheet.spans[key]
        if self.last is not None and self.last[0] == key:  # two cells inserted beside one
            return self.last[1]
        if key not in sheet.present:
            return None
        xml = sheet.xml
        tag = f'<c r="{col_letters(key & _MASK)}{key >> COL_BITS}"'
        start = xml.find(tag, self.position)
        if start < 0:  # not in document order: search from the top
            start = xml.find(tag, sheet.data_span[0])
        close = xml.find(">", start)
        end = close + 1 if xml[close - 1] == "/" else xml.find("</c>", close) + 4
        if self.remember:
            sheet.spans[key] = (start, end)
        self.last = key, (start, end)
        self.position = end
        return start, end


def _insertions(sheet: SheetCells, missing: dict[int, list[tuple[int, Any]]]) -> list[Edit]:
    """Edits adding the cells the XML lacks (the non-anchor cells of array formulas).

    A cell goes after the nearest cell of its row to its left (or before the
    nearest one to its right); a row without any cell needs the row positions,
    which are only then looked up.
    """
    prefix, present = sheet.prefix, sheet.present
    edits: list[Edit] = []
    locate = _Locator(sheet, remember=False)
    empty_rows: list[tuple[int, list[tuple[int, Any]]]] = []
    for row, cells in sorted(missing.items()):
        base = row << COL_BITS
        for col, value in sorted(cells):
            left = next((c for c in range(col - 1, 0, -1) if base | c in present), None)
            right = None
            if left is None:
                right = next(
                    (c for c in range(col + 1, sheet.max_col + 1) if base | c in present), None
                )
                if right is None:
                    empty_rows.append((row, sorted(cells)))
                    break
            span = locate(base | (left if left is not None else right))  # type: ignore[operator]
            assert span is not None
            position = span[1] if left is not None else span[0]
            edits.append((position, col, position, _new_cell(row, col, value, prefix)))
    if empty_rows:
        edits.extend(_fill_rows(sheet, empty_rows))
    return edits


def _fill_rows(
    sheet: SheetCells, empty_rows: list[tuple[int, list[tuple[int, Any]]]]
) -> list[Edit]:
    """Edits for rows with no cell yet: fill a ``<row/>`` or insert a new ``<row>``."""
    xml, prefix = sheet.xml, sheet.prefix
    rows = sheet.row_spans()
    edits: list[Edit] = []
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
) -> list[Edit]:
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
