"""The status sheet's grid: column numbers, widths, styles, and the cell accumulator.

Shared by the builder and its parts (statuses, legend, charts), so every part
writes the same columns with the same styles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from xlsrc.core.text import tr
from xlsrc.status_sheet.description import Cell, CellStyle, Scalar

PENDING_SYMBOL = "○"
NOT_ASSESSABLE_SYMBOL = "◇"
PENDING_FILL = "D9D9D9"
NOT_ASSESSABLE_FILL = "FFFFFF"
THEME_FILL = "DDEBF7"
HEADER_FILL = "BDD7EE"
ORG_FILL = "B4C6E7"
MUTED = "595959"

# Column numbers of the goal table.
COL_KEY, COL_GOAL, COL_KPI, COL_TARGET = 1, 2, 3, 4
COL_Q = {1: 5, 2: 7, 3: 9, 4: 11}  # value column; its status symbol is the next one
COL_STATUS, COL_TREND = 13, 14
COL_ON_PLAN, COL_CHALLENGES, COL_STALLED, COL_TASK_NA = 15, 16, 17, 18
COL_NOTES, COL_DIGEST = 19, 20
LAST_COL = COL_DIGEST

WIDTHS: dict[int, float] = {
    COL_KEY: 6,
    COL_GOAL: 30,
    COL_KPI: 18,
    COL_TARGET: 11,
    5: 8,
    6: 3,
    7: 8,
    8: 3,
    9: 8,
    10: 3,
    11: 8,
    12: 3,
    COL_STATUS: 17,
    COL_TREND: 10,
    COL_ON_PLAN: 6.5,
    COL_CHALLENGES: 6.5,
    COL_STALLED: 6.5,
    COL_TASK_NA: 6.5,
    COL_NOTES: 32,
    COL_DIGEST: 0,  # hidden: machine data for the locked-quarter check, not for print
}

TITLE = CellStyle(bold=True, size=14)
LABEL = CellStyle(bold=True)
TEXT = CellStyle(wrap=True)
HEAD = CellStyle(
    fill=HEADER_FILL, bold=True, wrap=True, horizontal="center", vertical="center", border="thin"
)
BODY = CellStyle(wrap=True, border="thin")
MUTED_SMALL = CellStyle(size=8, font_colour=MUTED, border="thin")

LINE_HEIGHT = 12.75  # points per wrapped line at 10 pt
#: Characters of 10 pt Arial text per unit of column width (a unit is one "0" of the
#: workbook's default font); measured on the LibreOffice render, a little low on purpose:
#: a row one line too tall is better than a clipped line.
CHARS_PER_WIDTH = 1.25
#: Row height Excel gives a row without its own height (Calibri 11 "Normal" style).
DEFAULT_ROW_HEIGHT = 15.0
#: Sheet points that fit on one A4 landscape page at the fit-to-width scale of this
#: layout (~0.76: 842 pt minus margins over ~1 030 pt of columns; 523 pt / 0.76 ≈ 690).
#: The row heights are generous estimates, so this is the measured page, not less:
#: on the 004 example the header and the first theme (694 estimated) print on page 1.
PAGE_HEIGHT = 700.0


@dataclass
class Grid:
    """Accumulates cells, merges and row heights while the builder walks down."""

    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)

    def put(self, row: int, column: int, value: Scalar, style: CellStyle = TEXT) -> None:
        self.cells[(row, column)] = Cell(row, column, value, style)

    def merge(
        self,
        row: int,
        first: int,
        last: int,
        value: Scalar,
        style: CellStyle,
        last_row: int | None = None,
    ) -> None:
        self.put(row, first, value, style)
        for column in range(first + 1, last + 1):
            self.put(row, column, None, style)
        self.merges.append((row, first, last_row or row, last))

    def height(self, row: int) -> float:
        return self.heights.get(row, DEFAULT_ROW_HEIGHT)

    def fit(self, row: int, text: str, width: float) -> None:
        """Give ``row`` room for ``text`` wrapped in ``width`` characters.

        Neither Excel nor LibreOffice grows a row for wrapped text in merged
        cells, so the builder estimates the line count itself.
        """
        per_line = max(width * CHARS_PER_WIDTH - 1, 1)
        lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        self.heights[row] = max(self.heights.get(row, LINE_HEIGHT), lines * LINE_HEIGHT + 2)


TASK_SYMBOLS = {"green": "●", "yellow": "▲", "red": "■"}


def default_note(rules: object, setting: str) -> str:
    defaults = getattr(rules, "defaults", ())
    return tr(" (oletus: sääntövälilehdellä ei asetusta)") if setting in defaults else ""
