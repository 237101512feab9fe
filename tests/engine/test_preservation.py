"""The output is the input with cached values filled in: nothing else changes.

Checked on an .xlsm that carries a VBA project and a customUI ribbon part (which
openpyxl would drop), plus conditional formatting, data validation, a table,
defined names, number formats and sheet protection.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.engine.builders import DETAIL_SHEET, PIVOT_SHEET, add_vba_and_ribbon, decorated_workbook
from tests.engine.helpers import cached_values, digest
from xlsrc.engine import evaluate, recalc

_CELL = re.compile(r"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
_VALUE = re.compile(r"<v>.*?</v>|<v/>", re.S)
_TYPE = re.compile(r'\st="[^"]*"')


def _cells(xml: str) -> dict[str, tuple[str, str]]:
    """Each cell's attributes and content with the cached value (v, t) removed."""
    out = {}
    for match in _CELL.finditer(xml):
        attrs = _TYPE.sub("", match.group(1))
        address = re.search(r'r="([A-Z]+\d+)"', attrs)
        assert address is not None
        out[address.group(1)] = (attrs, _VALUE.sub("", match.group(3) or ""))
    return out


@pytest.fixture(scope="module")
def macro_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("xlsm")
    source = add_vba_and_ribbon(decorated_workbook(folder / "plain.xlsx"), folder / "ohjelma.xlsm")
    before = digest(source)
    (folder / "out").mkdir()
    result = recalc(source, folder / "out")
    assert result.ok, result.problems
    return source, Path(result.output or ""), before


def test_input_untouched_and_output_beside_it(macro_book: tuple[Path, Path, str]) -> None:
    source, output, before = macro_book
    assert digest(source) == before
    assert output.name == source.name and output.parent.name == "out"


def test_every_part_but_the_patched_sheets_is_byte_identical(
    macro_book: tuple[Path, Path, str],
) -> None:
    source, output, _ = macro_book
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(output) as after:
        assert after.namelist() == before.namelist()
        changed = [n for n in before.namelist() if before.read(n) != after.read(n)]
        for name in before.namelist():
            assert after.getinfo(name).compress_type == before.getinfo(name).compress_type
        assert after.read("xl/vbaProject.bin") == before.read("xl/vbaProject.bin")
        assert after.read("customUI/customUI14.xml") == before.read("customUI/customUI14.xml")
        assert b"customUI/customUI14.xml" in after.read("_rels/.rels")
        old_book, new_book = before.read("xl/workbook.xml"), after.read("xl/workbook.xml")
    assert changed and all(
        n.startswith("xl/worksheets/sheet") or n == "xl/workbook.xml" for n in changed
    )
    # the workbook part differs only in calcPr's fullCalcOnLoad (the values are current)
    assert b'fullCalcOnLoad="1"' in old_book and b"fullCalcOnLoad" not in new_book
    assert new_book == old_book.replace(b' fullCalcOnLoad="1"', b"")


def test_patched_sheets_differ_only_in_cached_values(macro_book: tuple[Path, Path, str]) -> None:
    source, output, _ = macro_book
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(output) as after:
        for name in before.namelist():
            if before.read(name) == after.read(name) or name == "xl/workbook.xml":
                continue
            old, new = before.read(name).decode(), after.read(name).decode()
            old_head, old_rest = old.split("<sheetData>", 1)
            new_head, new_rest = new.split("<sheetData>", 1)
            assert new_head == old_head
            assert new_rest.split("</sheetData>", 1)[1] == old_rest.split("</sheetData>", 1)[1]
            old_cells, new_cells = _cells(old), _cells(new)
            for address, cell in old_cells.items():
                assert new_cells[address] == cell, address
            added = set(new_cells) - set(old_cells)
            # cells added are only the value-only cells of array formula areas
            assert all(new_cells[a][1] == "" for a in added)
            assert all(a.startswith("J") for a in added), sorted(added)[:5]


def test_any_reader_sees_the_computed_values(macro_book: tuple[Path, Path, str]) -> None:
    source, output, _ = macro_book
    computed = evaluate(source)
    for sheet in (DETAIL_SHEET, PIVOT_SHEET):
        seen = cached_values(output, sheet)
        for address in computed.formula_cells(sheet):
            value = computed.value(sheet, address)
            shown = seen.get(address)
            if isinstance(value, float):
                assert shown == pytest.approx(value, rel=1e-15), address
            elif value == "":
                assert shown in (None, ""), address  # openpyxl reads an empty text as None
            else:
                assert shown == (value.value if hasattr(value, "value") else value), address
