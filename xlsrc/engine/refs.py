"""A1 cell addresses and the reference value that formulas pass around.

Cells are keyed by one int (``row << 15 | col``) instead of a tuple: the
evaluator looks cells up tens of thousands of times per workbook, and int keys
hash and compare faster than tuples.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

MAX_ROW = 1_048_576
MAX_COL = 16_384
COL_BITS = 15

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def key(row: int, col: int) -> int:
    """The int key of a cell (see module docstring)."""
    return (row << COL_BITS) | col


def unkey(cell_key: int) -> tuple[int, int]:
    return cell_key >> COL_BITS, cell_key & ((1 << COL_BITS) - 1)


@cache
def col_index(letters: str) -> int:
    """1-based column number of ``letters`` ("A" -> 1, "XFD" -> 16384)."""
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index


@cache
def col_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"


def parse_cell(text: str) -> tuple[int, int]:
    """(row, col) of an A1 address such as ``B7`` or ``$B$7``."""
    match = _CELL.match(text)
    if not match:
        raise ValueError(f"not a cell address: {text!r}")
    return int(match.group(2)), col_index(match.group(1))


def parse_area(text: str) -> tuple[int, int, int, int]:
    """(r1, c1, r2, c2) of ``A1`` or ``A1:C9`` (normalised so r1<=r2, c1<=c2)."""
    first, _, last = text.partition(":")
    r1, c1 = parse_cell(first)
    r2, c2 = parse_cell(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def quote_sheet(name: str) -> str:
    """The sheet name as a formula spells it (quoted when it must be)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name) and not _CELL.match(name):
        return name
    return "'" + name.replace("'", "''") + "'"


class Ref:
    """A rectangular reference to cells of one sheet: the value of ``A1:C9``.

    ``sheet`` is the evaluator's sheet object (anything with a ``name``).

    Kept distinct from its cell values because functions such as ROW, INDEX,
    SUMIF and OFFSET need the reference itself, and everything else reads the
    values through the evaluator (which computes pending formulas on demand).
    """

    __slots__ = ("sheet", "r1", "c1", "r2", "c2")

    def __init__(self, sheet: Any, r1: int, c1: int, r2: int, c2: int) -> None:
        self.sheet = sheet
        self.r1, self.c1, self.r2, self.c2 = r1, c1, r2, c2

    @property
    def rows(self) -> int:
        return self.r2 - self.r1 + 1

    @property
    def cols(self) -> int:
        return self.c2 - self.c1 + 1

    @property
    def is_cell(self) -> bool:
        return self.r1 == self.r2 and self.c1 == self.c2

    def a1(self) -> str:
        start = cell_name(self.r1, self.c1)
        where = start if self.is_cell else f"{start}:{cell_name(self.r2, self.c2)}"
        return f"{quote_sheet(getattr(self.sheet, 'name', str(self.sheet)))}!{where}"

    def __repr__(self) -> str:
        return f"Ref({self.a1()})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ref) and (
            self.sheet,
            self.r1,
            self.c1,
            self.r2,
            self.c2,
        ) == (other.sheet, other.r1, other.c1, other.r2, other.c2)

    def __hash__(self) -> int:
        return hash((self.sheet, self.r1, self.c1, self.r2, self.c2))
