"""Where the scan records formula cells, and the patcher's text streamed in pieces.

The scan packs each plainly written formula cell's position into one int
(``SheetCells.slot`` unpacks it); the patcher edits those cells in the
loader's order without a list of edits, and falls back to sorting when the
keys come in another order or a cell could not be packed.  Expected texts
here are written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.helpers import calc
from xlsrc.engine import sheetscan
from xlsrc.engine.refs import COL_BITS
from xlsrc.engine.sheetpatch import patch, patched_text
from xlsrc.engine.sheetscan import Reading, scan

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet(cells: str) -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'


def _key(row: int, col: int) -> int:
    return (row << COL_BITS) | col


A1 = '<c r="A1" s="1"><f>1+1</f><v>7</v></c>'
B1 = '<c r="B1"><f>A1*2</f></c>'
C1 = '<c r="C1" t="str"><f>"x"</f><v/></c>'


def test_slots_locate_the_tag_the_formula_and_the_value() -> None:
    xml = _sheet(A1 + B1 + C1)
    cells = scan(xml, Reading(shared_strings=[]))
    parts = {}
    for col in (1, 2, 3):
        slot = cells.slot(_key(1, col))
        assert slot is not None
        start, attrs_end, value_at, end = slot
        parts[col] = (xml[start:attrs_end], xml[attrs_end:value_at], xml[value_at:end])
    assert parts == {
        1: ('<c r="A1" s="1"', "><f>1+1</f>", "<v>7</v></c>"),
        2: ('<c r="B1"', "><f>A1*2</f>", "</c>"),
        3: ('<c r="C1" t="str"', '><f>"x"</f>', "<v/></c>"),
    }
    assert cells.slot(_key(1, 4)) is None


def test_pieces_join_to_the_same_text_in_any_key_order() -> None:
    xml = _sheet(A1 + B1 + C1)
    cells = scan(xml, Reading(shared_strings=[]))
    values = {_key(1, 1): 2.0, _key(1, 2): 4.0, _key(1, 3): "x"}
    expected = _sheet(
        '<c r="A1" s="1"><f>1+1</f><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c>'
        '<c r="C1" t="str"><f>"x"</f><v>x</v></c>'
    )
    in_order = "".join(patched_text(cells, list(values), values.__getitem__))
    reversed_keys = "".join(patched_text(cells, list(values)[::-1], values.__getitem__))
    assert in_order == expected
    assert reversed_keys == expected
    assert patch(cells, values) == expected


def test_a_cell_too_wide_to_pack_is_located_and_still_written() -> None:
    wide = "x" * 70_000  # an opening tag longer than a packed slot holds
    xml = _sheet(f'<c r="A1" s="1" note="{wide}"><f>1+1</f><v>7</v></c>' + B1)
    cells = scan(xml, Reading(shared_strings=[]))
    assert cells.slot(_key(1, 1)) is None
    assert cells.slot(_key(1, 2)) is not None
    values = {_key(1, 1): 2.0, _key(1, 2): 4.0}
    out = "".join(patched_text(cells, list(values), values.__getitem__))
    assert out == _sheet(
        f'<c r="A1" s="1" note="{wide}"><f>1+1</f><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c>'
    )


def test_many_cells_come_in_several_pieces_that_join_to_the_whole() -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><f>{r}</f></c></row>' for r in range(1, 5001))
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    cells = scan(xml, Reading(shared_strings=[]))
    keys = [_key(r, 1) for r in range(1, 5001)]
    pieces = list(patched_text(cells, keys, lambda key: float(key >> COL_BITS)))
    assert len(pieces) > 1
    assert "".join(pieces) == xml.replace("</f></c>", "</f><v>{}</v></c>").format(*range(1, 5001))


def test_cells_split_across_chunks_are_all_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheetscan, "_SCAN_CHUNK", 30)  # a few cells per chunk
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>t{r}</t></is>'
        f'</c><c r="C{r}"><f>A{r}*2</f><v>0</v></c></row>'
        for r in range(1, 41)
    )
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    cells = scan(xml, Reading(shared_strings=[]))
    assert cells.values == {
        **{_key(r, 1): float(r) for r in range(1, 41)},
        **{_key(r, 2): f"t{r}" for r in range(1, 41)},
    }
    assert [(f.row, f.col, f.text) for f in cells.formulas] == [
        (r, 3, f"A{r}*2") for r in range(1, 41)
    ]
    for r in (1, 17, 40):
        slot = cells.slot(_key(r, 3))
        assert slot is not None
        assert xml[slot[0] : slot[3]] == f'<c r="C{r}"><f>A{r}*2</f><v>0</v></c>'


def test_formulatext_reads_formulas_of_sheets_compiled_before_it(tmp_path: Path) -> None:
    # the loader lets each formula's text go as it compiles it and reads them again
    # only when a formula calls FORMULATEXT
    book = calc(
        tmp_path,
        {
            "Eka": {"A1": "=1+2", "A2": "=_xlfn.FORMULATEXT(Toka!A1)"},
            "Toka": {"A1": "=SUM(Eka!A1,4)", "A2": "=_xlfn.FORMULATEXT(Eka!A1)"},
        },
    )
    assert book.value("Eka", "A2") == "=SUM(Eka!A1,4)"
    assert book.value("Toka", "A2") == "=1+2"
    assert book.value("Toka", "A1") == 7.0
