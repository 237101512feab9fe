"""What the scan of one worksheet part gives: its cells, formulas and where they sit in the text.

Plain data, apart from :mod:`xlsrc.engine.sheetscan` (which reads the text):
the loader, the patcher and the validation source read it.  Positions are
kept compactly because a 100,000-row sheet has hundreds of thousands of
formula cells: each plainly written one's position is packed into one int.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

_ROW = re.compile(r"<(?:(/)row>|row\b([^>]*?)(/?)>)")
_ATTR_ROW = re.compile(r"""\br\s*=\s*["'](\d+)["']""")
#: bounds of a slot's packed fields (SheetCells.slot); a cell beyond them is located when needed
SLOT_START, SLOT_FIELD = 1 << 32, 1 << 16


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
    #: (row << COL_BITS) | col, the same int the scan's other records hold
    key: int


@dataclass
class SheetCells:
    """What a worksheet part holds, plus where cells sit in the XML text."""

    xml: str
    values: dict[int, Any] = field(default_factory=dict)
    #: the formula elements; the loader empties the list as it compiles them
    formulas: list[FormulaCell] = field(default_factory=list)
    #: cell key -> where a formula cell written plainly sits, packed into one int
    #: (:func:`slot` unpacks it); other cells are located when needed
    slots: dict[int, int] = field(default_factory=dict)
    #: keys of every cell element in the part
    present: set[int] = field(default_factory=set)
    #: cell key -> (start, end) of cell elements located so far
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    data_span: tuple[int, int] = (0, 0)
    data_closed: bool = False
    #: namespace declarations of the root element (to read one cell on its own)
    namespaces: str = ""
    prefix: str = ""
    max_row: int = 0
    max_col: int = 0
    #: formula cells, every cell of an array formula's area counted
    formula_cells: int = 0

    def slot(self, key: int) -> tuple[int, int, int, int] | None:
        """(start, end of the opening tag's attributes, where the value goes, end) of a
        formula cell the scan recorded; None for any other cell."""
        packed = self.slots.get(key)
        if packed is None:
            return None
        start = packed & 0xFFFFFFFF
        attrs_end = start + (packed >> 32 & 0xFFFF)
        value_at = attrs_end + (packed >> 64)
        return start, attrs_end, value_at, value_at + (packed >> 48 & 0xFFFF) + 4

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
