"""Structured references to Excel tables: ``Taulu[Summa]``, ``Taulu[@Arvo]``, ``[#Totals]``."""

from __future__ import annotations

import re
from typing import Any

from xlsrc.engine.errors import BrokenReference, FormulaSyntaxError, UnsupportedFeature
from xlsrc.engine.evaluator import Table


def struct_parts(table: Table, body: str) -> tuple[Any, int, int]:
    """(rows, first column, last column) of a structured reference body.

    ``rows`` is (r1, r2) or ``"this"`` for the formula's own row.
    """
    text = body.strip()
    if text.startswith("@"):
        text = "[#This Row]," + (text[1:] if text[1:].startswith("[") else f"[{text[1:]}]")
        if text.endswith(",[]"):
            text = "[#This Row]"
    items = struct_items(text)
    specials = [i.lower() for i in items if i.startswith("#")]
    columns = [i for i in items if not i.startswith("#")]
    data = (table.r1 + table.header_rows, table.r2 - table.totals_rows)
    if not specials or specials == ["#data"]:
        rows: Any = data
    elif specials == ["#all"]:
        rows = (table.r1, table.r2)
    elif specials == ["#headers"]:
        rows = (table.r1, table.r1)
    elif specials == ["#totals"]:
        rows = (table.r2, table.r2)
    elif sorted(specials) == ["#data", "#headers"]:
        rows = (table.r1, data[1])
    elif sorted(specials) == ["#data", "#totals"]:
        rows = (data[0], table.r2)
    elif specials == ["#this row"]:
        rows = "this"
    else:
        raise UnsupportedFeature(f"structured reference {table.name}[{body}]")
    if not columns:
        return rows, table.c1, table.c2
    found = []
    for name in columns[0].split("\x00"):
        index = table.column(name)
        if index is None:
            raise BrokenReference(f"table {table.name} has no column {name!r}")
        found.append(index)
    if len(columns) > 1:
        raise UnsupportedFeature(f"structured reference {table.name}[{body}]")
    return rows, min(found), max(found)


def struct_items(text: str) -> list[str]:
    """Items of a structured reference body; a column span [A]:[B] is joined by NUL."""
    if "[" not in text:
        return [_unescape_column(text)] if text else []
    items: list[str] = []
    pos = 0
    pattern = re.compile(r"\s*\[((?:[^\]']|'.)*)\]\s*(:)?\s*,?")
    span: list[str] = []
    while pos < len(text):
        match = pattern.match(text, pos)
        if match is None:
            raise FormulaSyntaxError(f"cannot read structured reference [{text}]")
        span.append(_unescape_column(match.group(1)))
        if not match.group(2):
            items.append("\x00".join(span))
            span = []
        pos = match.end()
    if span:
        items.append("\x00".join(span))
    return items


def _unescape_column(name: str) -> str:
    return re.sub(r"'(.)", r"\1", name)
