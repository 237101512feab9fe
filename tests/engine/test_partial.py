"""Partial results: one refused cell costs that cell and its dependents, not the whole file.

The refused cells are listed with their reasons and written *without* a cached
value (the stale one would look current), and the file asks Excel to
recalculate on opening; a complete recalculation clears that request.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner

from tests.engine.helpers import cached_values
from tests.engine.test_sheet_xml import package
from tests.engine.udfs_for_tests import registry
from xlsrc.cli.main import cli
from xlsrc.engine import recalc
from xlsrc.engine.writer import calc_on_load

# every formula carries a stale cached value, as in a file Excel saved earlier
STALE = (
    '<sheetData><row r="1">'
    '<c r="A1"><v>5</v></c>'
    '<c r="B1"><f>FORECAST.ETS(1,A1:A2,A1:A2)</f><v>111</v></c>'
    '<c r="C1"><f>B1+1</f><v>112</v></c>'
    '<c r="D1"><f>SUM(A1:C1)</f><v>228</v></c>'
    '<c r="E1"><f>A1*2</f><v>999</v></c>'
    '<c r="F1"><f>IF(A1&gt;100,B1,A1)</f><v>5</v></c>'
    "</row></sheetData>"
)


def _sheet(body: str) -> str:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">{body}</worksheet>'


def test_refused_cell_and_its_dependents_lose_their_value_the_rest_is_written(
    tmp_path: Path,
) -> None:
    source = package(tmp_path / "in.xlsx", _sheet(STALE))
    result = recalc(source, tmp_path / "out.xlsx", registry=registry(), partial=True)
    assert result.ok and result.partial
    refused = dict(result.refused_cells)
    assert refused["Laskelma!B1"] == "funktiota FORECAST.ETS ei tueta xlsrc-laskennassa"
    assert refused["Laskelma!C1"].startswith("riippuu solusta Laskelma!B1, jota ei lasketa")
    assert refused["Laskelma!D1"].startswith("riippuu solusta Laskelma!B1, jota ei lasketa")
    assert set(refused) == {"Laskelma!B1", "Laskelma!C1", "Laskelma!D1"}
    seen = cached_values(tmp_path / "out.xlsx", "Laskelma")
    assert seen["E1"] == 10  # computed, replacing the stale 999
    assert seen["F1"] == 5  # the branch reading B1 was not taken: Excel computes it too
    assert "B1" not in seen and "C1" not in seen and "D1" not in seen
    with zipfile.ZipFile(tmp_path / "out.xlsx") as out:
        assert b'fullCalcOnLoad="1"' in out.read("xl/workbook.xml")
        sheet = out.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>FORECAST.ETS(1,A1:A2,A1:A2)</f></c>" in sheet  # the formula itself stays


def test_all_or_nothing_is_the_default_and_writes_nothing(tmp_path: Path) -> None:
    source = package(tmp_path / "in.xlsx", _sheet(STALE))
    result = recalc(source, tmp_path / "out.xlsx", registry=registry())
    assert not result.ok and not result.partial
    assert result.problems == ["Laskelma!B1: funktiota FORECAST.ETS ei tueta xlsrc-laskennassa"]
    assert not (tmp_path / "out.xlsx").exists()


def test_cycle_refuses_its_members_and_dependents_in_partial_mode(tmp_path: Path) -> None:
    body = (
        '<sheetData><row r="1"><c r="A1"><f>B1+1</f></c><c r="B1"><f>A1+1</f></c>'
        '<c r="C1"><f>A1*2</f></c><c r="D1"><f>2+2</f></c></row></sheetData>'
    )
    source = package(tmp_path / "in.xlsx", _sheet(body))
    result = recalc(source, tmp_path / "out.xlsx", registry=registry(), partial=True)
    refused = dict(result.refused_cells)
    assert refused["Laskelma!A1"].startswith("kehäviittaus: ")
    assert refused["Laskelma!B1"] == refused["Laskelma!A1"]
    assert refused["Laskelma!C1"].startswith("riippuu solusta Laskelma!")
    assert cached_values(tmp_path / "out.xlsx", "Laskelma")["D1"] == 4


def test_complete_recalculation_clears_full_calc_on_load_and_nothing_else() -> None:
    book = b'<workbook><sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>'
    assert (
        calc_on_load(book, complete=True)
        == b'<workbook><sheets/><calcPr calcId="191029"/></workbook>'
    )
    assert calc_on_load(book, complete=False) == book
    plain = b'<workbook><sheets><sheet name="S"/></sheets><calcPr calcId="1"/></workbook>'
    assert calc_on_load(plain, complete=True) == plain
    assert calc_on_load(plain, complete=False) == (
        b'<workbook><sheets><sheet name="S"/></sheets>'
        b'<calcPr calcId="1" fullCalcOnLoad="1"/></workbook>'
    )


def test_partial_output_without_calc_pr_gets_one_in_schema_order() -> None:
    book = (
        b'<x:workbook xmlns:x="m"><x:sheets><x:sheet name="S"/></x:sheets>'
        b"<x:definedNames><x:definedName>S!A1</x:definedName></x:definedNames>"
        b"<x:extLst/></x:workbook>"
    )
    assert calc_on_load(book, complete=True) == book
    assert calc_on_load(book, complete=False) == book.replace(
        b"</x:definedNames>", b'</x:definedNames><x:calcPr fullCalcOnLoad="1"/>'
    )


def test_cli_partial_option_lists_refused_cells_and_exits_1(tmp_path: Path) -> None:
    source = package(tmp_path / "in.xlsx", _sheet(STALE))
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["recalc", str(source), "--out", str(out), "--partial", "--no-validate"]
    )
    assert result.exit_code == 1, result.output
    assert "Laskelma!B1 hylätty: funktiota FORECAST.ETS" in result.output
    assert (out / "in.xlsx").exists()
    default = runner.invoke(cli, ["recalc", str(source), "--out", str(tmp_path / "o2")])
    assert default.exit_code == 2  # a refused file: unusable input
    assert not (tmp_path / "o2" / "in.xlsx").exists()
