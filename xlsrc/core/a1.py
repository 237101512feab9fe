"""A1 addresses: the one place column letters and cell names are converted."""

from __future__ import annotations

import re

#: Excel's grid: 16,384 columns (XFD) and 1,048,576 rows.
MAX_COLUMN = 16_384
MAX_ROW = 1_048_576

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def column_letter(index: int) -> str:
    """1 -> "A", 27 -> "AA", 16384 -> "XFD"."""
    if not 1 <= index <= MAX_COLUMN:
        raise ValueError(f"column {index} is outside Excel's grid")
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """ "A" -> 1, "xfd" -> 16384."""
    index = 0
    for char in letters.upper():
        if not "A" <= char <= "Z":
            raise ValueError(f"{letters!r} is not a column")
        index = index * 26 + ord(char) - 64
    if not 1 <= index <= MAX_COLUMN:
        raise ValueError(f"column {letters!r} is outside Excel's grid")
    return index


def cell_name(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def parse_cell(text: str) -> tuple[int, int]:
    """ "B7" / "$B$7" -> (7, 2); ValueError for anything else or outside the grid."""
    match = _CELL.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a cell address")
    row = int(match[2])
    if not 1 <= row <= MAX_ROW:
        raise ValueError(f"row {row} is outside Excel's grid")
    return row, column_index(match[1])


def parse_range(text: str) -> tuple[int, int, int, int]:
    """ "A4:K150" -> (4, 1, 150, 11); a single cell is a one-cell range."""
    first, _, last = text.strip().partition(":")
    r1, c1 = parse_cell(first)
    r2, c2 = parse_cell(last) if last else (r1, c1)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def sort_key(cell: str) -> tuple[int, int]:
    """(row, column) of an A1 address, for listing in reading order ((0, 0) if not one)."""
    try:
        return parse_cell(cell)
    except ValueError:
        return (0, 0)
