"""Reading one worksheet part: proved well-formed, then scanned fast or parsed.

1. libxml2 checks the whole part (no tree, no Python per element): a part
   that is not well-formed is refused with its line and column, so nothing
   broken is ever recalculated or written back.
2. A UTF-8 part is read by the exact text scan (:mod:`sheetscan`).
3. Anything the scan does not fully understand - or a part in another
   encoding - is rewritten by the XML parser into the plain form
   (:mod:`sheetcanon`) and scanned again; if even that trips the scan, the
   reason is the refusal.

Both paths share one reading of each cell, so they cannot disagree, and the
workbook-wide limits (cells, formula cells) are counted across sheets here.
"""

from __future__ import annotations

import re

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import N_, Msg
from xlsrc.engine.package import Package, SheetPart
from xlsrc.engine.refs import quote_sheet
from xlsrc.engine.sheetcanon import canonical
from xlsrc.engine.sheetcells import SheetCells
from xlsrc.engine.sheetscan import NotPlain, Reading, scan
from xlsrc.limits import count_limit
from xlsrc.ooxml.xml import check_wellformed

_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")


def read_sheet(package: Package, sheet: SheetPart) -> SheetCells:
    """The cells of worksheet ``sheet``, every value exactly as Excel would read it."""
    limits = package.limits
    data = package.read(sheet.part)
    reading = Reading(
        shared_strings=package.shared_strings,
        date1904=package.date1904,
        sheet=sheet.name,
        where=package.where,
        limits=limits,
        cells_left=limits.cells - package.cells_read,
        formulas_left=limits.formula_cells - package.formulas_read,
    )
    check_wellformed(data, sheet.part)
    text = utf8_text(data)
    cells = None
    if text is not None:
        del data  # the bytes beside their text while scanning would double the part's size
        try:
            cells = scan(text, reading)
        except NotPlain:
            cells = None
        if cells is None:
            text = None
            data = package.read(sheet.part)  # the parser reads the bytes (a rare layout)
    if cells is None:
        if data.count(b"<") > reading.cells_left:  # might be too many cells for a tree
            found = sum(1 for _ in _CELL_TAG.finditer(data))
            count_limit(N_("solua"), found, reading.cells_left, package.where)
        located = f"{package.where}: {quote_sheet(sheet.name)}"
        text = canonical(data, sheet.part, located)
        try:
            cells = scan(text, reading)
        except NotPlain as reason:
            raise UnreadableWorkbook(
                Msg(
                    "{located}: taulukon soluja ei voi lukea luotettavasti ({reason})",
                    located=located,
                    reason=reason,
                )
            ) from None
    package.cells_read += len(cells.present)
    package.formulas_read += cells.formula_cells
    return cells


def utf8_text(data: bytes) -> str | None:
    """The part as text if it is UTF-8 (a byte-order mark dropped); None for other encodings."""
    head = data[:200]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        return None
    declared = _ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
