"""Structured references to Excel tables: ``T[Summa]``, ``T[[#This Row],[Arvo]]``, ``T``.

Excel's rules (support.microsoft.com, "Using structured references with
Excel tables"):

* a table name alone, or ``T[]``, is the data body (no header, no totals);
* a column specifier ``[Col]`` is that column's data; ``[A]:[B]`` the columns
  from A to B; a name with special characters is written in double brackets
  (``T[[Tulot->Menot]]``), a plain one in either form;
* item specifiers ``#All``, ``#Data``, ``#Headers``, ``#Totals`` and
  ``#This Row`` (``@``) pick rows; ``[#Headers],[#Data]`` and
  ``[#Data],[#Totals]`` combine; a part the table does not have (``#Totals``
  without a totals row, ``#Headers`` without a header row) is #REF!;
* ``'`` escapes ``[``, ``]``, ``#`` and ``'`` in a column name
  (``T['#Kpl]`` is the column "#Kpl", not an item specifier).

LibreOffice reads a bare table name differently (it does not accept it as
a reference); the engine follows Excel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import BrokenReference, FormulaSyntaxError, UnsupportedFeature
from xlsrc.engine.refs import Ref
from xlsrc.engine.sheetstate import Table

#: rows of a structured reference: (first, last), THIS_ROW, or None for a part the table lacks
Rows = tuple[int, int] | str | None
THIS_ROW = "this"


class _Item:
    """One bracketed item: an item specifier (``#Data``) or a column / column span."""

    __slots__ = ("names", "special")

    def __init__(self, names: tuple[str, ...], special: bool) -> None:
        self.names = names
        self.special = special


def struct_reference(table: Table, body: str) -> Callable[[int, int], Any]:
    """A closure ``(row, col) -> Ref`` (or an error value) for ``table[body]``."""
    rows, first, last = struct_parts(table, body)
    sheet = table.sheet
    if rows is None:
        return lambda r, c: XlError.REF
    if rows == THIS_ROW:
        top, bottom = data_rows(table)

        def this_row(r: int, c: int) -> Any:
            if not top <= r <= bottom:
                return XlError.VALUE
            return Ref(sheet, r, first, r, last)

        return this_row
    assert isinstance(rows, tuple)
    fixed = Ref(sheet, rows[0], first, rows[1], last)
    return lambda r, c: fixed


def this_row_column(table: Table, body: str) -> tuple[int, int, int] | None:
    """(first data row, last data row, column) of a one-column ``[@Column]``; else None.

    Such a reference in a scalar formula is the one cell of its own row, so
    the compiler reads that cell directly instead of building a Ref and
    intersecting it on every evaluation: a Table's calculated column refers to
    its own row on every row, 100,000 times in a large table.
    """
    rows, first, last = struct_parts(table, body)
    if rows != THIS_ROW or first != last:
        return None
    return (*data_rows(table), first)


def data_rows(table: Table) -> tuple[int, int]:
    """(first, last) sheet row of ``table``'s data: between its header and totals rows."""
    return table.r1 + table.header_rows, table.r2 - table.totals_rows


def data_body(table: Table) -> Ref:
    """What a bare table name refers to in Excel: the data rows, every column."""
    top, bottom = data_rows(table)
    return Ref(table.sheet, top, table.c1, bottom, table.c2)


def struct_parts(table: Table, body: str) -> tuple[Rows, int, int]:
    """(rows, first column, last column) of a structured reference body."""
    items = _items(body)
    specials = sorted(item.names[0].lower() for item in items if item.special)
    columns = [item for item in items if not item.special]
    rows = _rows(table, body, specials)
    if not columns:
        return rows, table.c1, table.c2
    if len(columns) > 1:
        raise UnsupportedFeature(messages.unsupported_structured_reference(table.name, body))
    found = [_column(table, name) for name in columns[0].names]
    return rows, min(found), max(found)


def _rows(table: Table, body: str, specials: list[str]) -> Rows:
    header = (table.r1, table.r1) if table.header_rows else None
    totals = (table.r2, table.r2) if table.totals_rows else None
    data = data_rows(table)
    if not specials or specials == ["#data"]:
        return data
    if specials == ["#all"]:
        return (table.r1, table.r2)
    if specials == ["#headers"]:
        return header
    if specials == ["#totals"]:
        return totals
    if specials == ["#this row"]:
        return THIS_ROW
    if specials == ["#data", "#headers"] and header is not None:
        return (table.r1, data[1])
    if specials == ["#data", "#totals"] and totals is not None:
        return (data[0], table.r2)
    raise UnsupportedFeature(messages.unsupported_structured_reference(table.name, body))


def _column(table: Table, name: str) -> int:
    """The sheet column of ``name``: Excel matches column names case-insensitively."""
    wanted = name.casefold()
    for i, column in enumerate(table.columns):
        if column.casefold() == wanted:
            return table.c1 + i
    loose = [
        i for i, column in enumerate(table.columns) if column.strip().casefold() == wanted.strip()
    ]
    if len(loose) == 1:
        return table.c1 + loose[0]
    raise BrokenReference(messages.missing_column(table.name, name))


def _items(body: str) -> list[_Item]:
    """The items of a structured reference body, escapes resolved."""
    text = body.strip()
    if text.startswith("@"):  # [@Col], [@[Col]], [@[A]:[B]], [@]: the formula's own row
        rest = text[1:].strip()
        this = _Item(("#this row",), True)
        if not rest:
            return [this]
        return [this, *(_bracketed_items(rest) if rest.startswith("[") else [_single(rest)])]
    if not text:
        return []
    if not text.startswith("["):
        return [_single(text)]
    return _bracketed_items(text)


def _single(text: str) -> _Item:
    """``T[Col]`` or ``T[#Totals]``: a body without inner brackets."""
    if text.startswith("#"):
        return _Item((text.lower(),), True)
    return _Item((_read_name(text, 0, bracketed=False)[0],), False)


def _bracketed_items(text: str) -> list[_Item]:
    """``[#This Row],[A]:[B]``: bracketed items separated by commas, spans joined by ``:``."""
    items: list[_Item] = []
    span: list[tuple[str, bool]] = []
    pos = 0
    while True:
        pos = _skip_spaces(text, pos)
        if pos >= len(text) or text[pos] != "[":
            raise FormulaSyntaxError(messages.unreadable_structured_reference(text))
        name, special, pos = _bracketed(text, pos)
        span.append((name, special))
        pos = _skip_spaces(text, pos)
        if pos < len(text) and text[pos] == ":":
            pos += 1
            continue
        if len(span) > 1 and any(is_special for _, is_special in span):
            raise FormulaSyntaxError(messages.unreadable_structured_reference(text))
        items.append(_Item(tuple(name for name, _ in span), span[0][1]))
        span = []
        if pos >= len(text):
            return items
        if text[pos] != ",":
            raise FormulaSyntaxError(messages.unreadable_structured_reference(text))
        pos += 1


def _bracketed(text: str, start: int) -> tuple[str, bool, int]:
    """(name, whether an item specifier, position after ``]``) of the item at ``start``."""
    special = text[start + 1 : start + 2] == "#"
    name, pos = _read_name(text, start + 1, bracketed=True)
    if pos >= len(text) or text[pos] != "]":
        raise FormulaSyntaxError(messages.unreadable_structured_reference(text))
    return (name.lower() if special else name), special, pos + 1


def _read_name(text: str, pos: int, bracketed: bool) -> tuple[str, int]:
    """The name from ``pos`` to an unescaped bracket (or the end), and where it stopped.

    ``'`` takes the next character literally (``'[``, ``']``, ``'#``, ``''``).
    """
    out: list[str] = []
    while pos < len(text):
        char = text[pos]
        if char == "'" and pos + 1 < len(text):
            out.append(text[pos + 1])
            pos += 2
        elif bracketed and char in "[]":
            break
        else:
            out.append(char)
            pos += 1
    return "".join(out), pos


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos
