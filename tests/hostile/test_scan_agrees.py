"""The fast text scan and the XML parser read every sheet the same way.

Random sheets are written twice: plainly (the fast path reads them) and in
ways only the parser understands (comments between cells, ``'``-quoted
attributes, CDATA, a namespace prefix).  The odd rendering must be refused by
the fast scan, rewritten by :mod:`xlsrc.engine.sheetcanon`, and then read to
exactly the same values, formulas and cells.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.packages import MAIN
from xlsrc.engine.refs import COL_BITS, cell_name
from xlsrc.engine.sheetcanon import canonical
from xlsrc.engine.sheetscan import NotPlain, Reading, SheetCells, scan
from xlsrc.engine.xmltext import escape

STRINGS = ["alfa", "beta & <gamma>", "  välilyönti ", "_x0041_ ei ole A"]
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_VALUE = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.integers(-(10**9), 10**9),
    st.booleans(),
    st.sampled_from(range(len(STRINGS))).map(lambda i: ("s", i)),
    _TEXT.map(lambda t: ("inline", t)),
    st.sampled_from(["A1*2", "SUM(A1:C3)", 'IF(A1&gt;2,"x","y")', "B1&amp;C1"]).map(
        lambda f: ("f", f)
    ),
)
_SHEET = st.dictionaries(
    st.tuples(st.integers(1, 30), st.integers(1, 8)), _VALUE, min_size=1, max_size=40
)


def _cell(row: int, col: int, value: Any, odd: bool) -> str:
    address = cell_name(row, col)
    quote = "'" if odd else '"'
    if isinstance(value, tuple) and value[0] == "f":  # legal XML lets '>' stand unescaped
        formula = value[1].replace("&gt;", ">") if odd else value[1]
        return f"<c r={quote}{address}{quote}><f>{formula}</f><v>0</v></c>"
    if isinstance(value, tuple) and value[0] == "s":
        return f"<c r={quote}{address}{quote} t={quote}s{quote}><v>{value[1]}</v></c>"
    if isinstance(value, tuple):
        text = f"<![CDATA[{value[1]}]]>" if odd and "]]>" not in value[1] else escape(value[1])
        return (
            f"<c r={quote}{address}{quote} t={quote}inlineStr{quote}>"
            f'<is><t xml:space="preserve">{text}</t></is></c>'
        )
    if isinstance(value, bool):
        return f"<c r={quote}{address}{quote} t={quote}b{quote}><v>{int(value)}</v></c>"
    return f"<c r={quote}{address}{quote}><v>{value!r}</v></c>"


def _render(cells: dict[tuple[int, int], Any], odd: bool) -> str:
    rows = []
    for row in sorted({r for r, _ in cells}):
        inner = [_cell(r, c, cells[(r, c)], odd) for r, c in sorted(cells) if r == row]
        separator = "<!-- väli -->" if odd else ""
        rows.append(f'<row r="{row}">' + separator.join(inner) + "</row>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )


def _read(sheet: SheetCells) -> tuple[Any, ...]:
    formulas = sorted((f.row, f.col, f.text) for f in sheet.formulas)
    return sheet.values, formulas, sheet.present, sheet.max_row, sheet.max_col


@settings(max_examples=60, deadline=None)
@given(_SHEET)
def test_an_odd_rendering_is_read_exactly_as_the_plain_one(cells: dict[Any, Any]) -> None:
    reading = Reading(shared_strings=STRINGS)
    plain = scan(_render(cells, odd=False), reading)
    odd = _render(cells, odd=True)
    with pytest.raises(NotPlain):  # every odd rendering quotes some attribute with '
        scan(odd, reading)
    rewritten = scan(canonical(odd.encode(), "xl/worksheets/sheet1.xml", "testi"), reading)
    assert _read(rewritten) == _read(plain)


@settings(max_examples=30, deadline=None)
@given(_SHEET)
def test_the_parser_rendering_of_a_plain_sheet_reads_the_same(cells: dict[Any, Any]) -> None:
    reading = Reading(shared_strings=STRINGS)
    text = _render(cells, odd=False)
    assert _read(scan(canonical(text.encode(), "sheet", "testi"), reading)) == _read(
        scan(text, reading)
    )


@pytest.mark.parametrize("text", ["xmlns", 'xmlns="x"', "a <b> xmlns:x"])
def test_a_cell_whose_text_says_xmlns_is_read_plainly(text: str) -> None:
    # found by the property above: the word in a cell's text is content, not a namespace
    # declaration, so the fast scan reads it (before, both readers refused the sheet)
    cells = {(1, 1): ("inline", text), (2, 1): 5}
    sheet = scan(_render(cells, odd=False), Reading(shared_strings=STRINGS))
    assert sheet.values[(1 << COL_BITS) | 1] == text
    assert sheet.values[(2 << COL_BITS) | 1] == 5


def test_a_namespace_declared_on_a_cell_tag_is_still_not_plain() -> None:
    text = _render({(1, 1): 5}, odd=False).replace('<c r="A1"', '<c xmlns:x="u" r="A1"')
    with pytest.raises(NotPlain):
        scan(text, Reading(shared_strings=STRINGS))
