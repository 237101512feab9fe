"""A whole sheet deleted from a template: formulas elsewhere that read its Table.

A finance user sums Taulukko 3's Table on another sheet, then deletes Taulukko 3.
Neither client keeps the Table's name in the formula text it saves:

* Excel writes ``#REF!`` in place of the structured reference
  (``SUM(Palvelut_T3[[Talousarvio 2024]])`` becomes ``SUM(#REF!)``) and
  ``#REF!C11`` for ``'Taulukko 3'!C11``, with ``#REF!`` as the cached value;
* LibreOffice (24.x, headless: ``Sheets.removeByName`` and a save as xlsx)
  writes ``#NAME?`` in place of the Table's name, ``SUM(#NAME?[[Talousarvio
  2024]])``, and ``#REF!`` for the whole sheet reference (``#REF!+1``).

The workbooks are built here from the example's bytes with the XML edits those
saves make (LibreOffice's texts copied from a file it saved), so LibreOffice
does not run in these tests.  Recalculation refuses each such cell by its
address, saying a Table or sheet is gone, and never writes a number there;
validation reports the missing Table on a sheet that exists.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook

from tests.edits import edited
from xlsrc.cli.main import cli
from xlsrc.engine.recalc import recalc
from xlsrc.validation import validate_workbook
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import PROGRAMMES, RESULT_BUDGET

DELETED = "Taulukko 3"
TABLE = "Palvelut_T3"
FIRST = "Taulukko 1"

#: the user's own cells on the first sheet, reading the sheet to be deleted
TYPED = {
    "J2": f"=SUM({TABLE}[[Talousarvio 2024]])",
    "J3": f"={TABLE}[[#Totals],[Talousarvio 2024]]",
    "J4": f"=SUM({TABLE}[Ltk TAE])*2",
    "J5": f"='{DELETED}'!C11+1",
}

#: what each client saved for those cells once the sheet was deleted: (formula, cached value)
EXCEL = {
    "J2": ("SUM(#REF!)", "#REF!"),
    "J3": ("#REF!", "#REF!"),
    "J4": ("SUM(#REF!)*2", "#REF!"),
    "J5": ("#REF!C11+1", "#REF!"),
}
LIBREOFFICE = {
    "J2": ("SUM(#NAME?[[Talousarvio 2024]])", "#NAME?"),
    "J3": ("#NAME?[[#Totals],[Talousarvio 2024]]", "#NAME?"),
    "J4": ("SUM(#NAME?[Ltk TAE])*2", "#NAME?"),
    "J5": ("#REF!+1", "#VALUE!"),
}

GONE_TABLE = "kaava viittaa taulukkoon, jota ei enää ole (välilehti poistettu?)"
GONE_SHEET = "kaava viittaa laskentataulukkoon, jota ei enää ole (välilehti poistettu?)"
LITERAL_REF = "kaavassa on #REF!"


@cache
def typed() -> bytes:
    """The example result budget with the user's cells on its first sheet."""

    def type_cells(book: Workbook) -> None:
        for cell, formula in TYPED.items():
            book[FIRST][cell] = formula

    return edited(build_workbook(RESULT_BUDGET, example=True), type_cells)


def without_sheet(data: bytes, sheet: str, saved: dict[str, tuple[str, str]] | None) -> bytes:
    """``data`` with ``sheet`` and its Tables removed from the package, as a client saves it.

    ``saved`` gives the first sheet's cells the formula text and cached error the
    client wrote (None: the formulas are left as typed, naming what is gone).
    """
    parts = _parts(data)
    book = parts["xl/workbook.xml"].decode()
    entry = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"/>', book)
    assert entry is not None
    position = len(re.findall(r"<sheet ", book[: entry.start()]))
    book = book.replace(entry.group(0), "")

    def local(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index == position:
            return ""
        shifted = index - 1 if index > position else index
        return match.group(0).replace(f'localSheetId="{index}"', f'localSheetId="{shifted}"')

    book = re.sub(r'<definedName [^>]*localSheetId="(\d+)"[^>]*>[^<]*</definedName>', local, book)
    parts["xl/workbook.xml"] = book.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rel = re.search(rf'<Relationship [^>]*Target="/([^"]+)" Id="{entry.group(1)}"/>', rels)
    assert rel is not None
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(rel.group(0), "").encode()
    worksheet = rel.group(1)
    sheet_rels = worksheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
    tables = re.findall(r'Target="/([^"]+)"', parts.pop(sheet_rels).decode())
    types = parts["[Content_Types].xml"].decode()
    for part in (worksheet, *tables):
        del parts[part]
        types = re.sub(rf'<Override PartName="/{re.escape(part)}"[^>]*/>', "", types)
    parts["[Content_Types].xml"] = types.encode()
    if saved is not None:
        first = "xl/worksheets/sheet1.xml"
        parts[first] = _cells_saved(parts[first].decode(), saved).encode()
    return _package(parts)


def _cells_saved(xml: str, saved: dict[str, tuple[str, str]]) -> str:
    for cell, (formula, value) in saved.items():
        xml, count = re.subn(
            rf'<c r="{cell}"[^>]*>.*?</c>',
            f'<c r="{cell}" t="e"><f>{formula}</f><v>{value}</v></c>',
            xml,
        )
        assert count == 1, cell
    return xml


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


CLIENTS: dict[str, tuple[dict[str, tuple[str, str]], dict[str, str]]] = {
    "Excel": (
        EXCEL,
        {"J2": LITERAL_REF, "J3": LITERAL_REF, "J4": LITERAL_REF, "J5": GONE_SHEET},
    ),
    "LibreOffice": (
        LIBREOFFICE,
        {"J2": GONE_TABLE, "J3": GONE_TABLE, "J4": GONE_TABLE, "J5": LITERAL_REF},
    ),
}


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "ilman_taulukkoa_3.xlsx"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("client", list(CLIENTS))
def test_recalc_refuses_each_cell_reading_a_deleted_sheet_by_cell_and_why(
    tmp_path: Path, client: str
) -> None:
    saved, reasons = CLIENTS[client]
    path = _write(tmp_path, without_sheet(typed(), DELETED, saved))
    result = recalc(path, tmp_path / "ulos.xlsx")
    assert not result.ok and result.output is None
    for cell, reason in reasons.items():
        [problem] = [p for p in result.problems if p.startswith(f"'{FIRST}'!{cell}:")]
        assert reason in problem, problem
        assert "leikkausoperaattori" not in problem
    if client == "LibreOffice":  # the text saved in the file is quoted, the column too
        assert any("#NAME?[[Talousarvio 2024]]" in p for p in result.problems)
    else:
        assert any("#REF!C11" in p for p in result.problems)


@pytest.mark.parametrize("client", list(CLIENTS))
def test_a_partial_recalc_writes_no_number_in_those_cells(tmp_path: Path, client: str) -> None:
    saved, _ = CLIENTS[client]
    path = _write(tmp_path, without_sheet(typed(), DELETED, saved))
    result = recalc(path, tmp_path / "ulos.xlsx", partial=True)
    assert result.ok and result.output is not None
    refused = dict(result.refused_cells)
    sheet = _parts(Path(result.output).read_bytes())["xl/worksheets/sheet1.xml"].decode()
    for cell in saved:
        assert f"'{FIRST}'!{cell}" in refused
        written = re.search(rf'<c r="{cell}"[^>]*>(.*?)</c>', sheet)
        assert written is not None
        assert "<v>" not in written.group(1), written.group(0)


def test_a_formula_still_naming_the_deleted_table_is_refused_by_its_name(tmp_path: Path) -> None:
    """A client that keeps the formula text (openpyxl's ``remove``, a script): the name is
    there, so the reason names the Table."""
    path = _write(tmp_path, without_sheet(typed(), DELETED, None))
    result = recalc(path, tmp_path / "ulos.xlsx")
    assert not result.ok
    [problem] = [p for p in result.problems if p.startswith(f"'{FIRST}'!J2:")]
    assert f"kaava viittaa taulukkoon '{TABLE}', jota ei enää ole (välilehti poistettu?)" in problem


@pytest.mark.parametrize("client", list(CLIENTS))
def test_the_missing_table_is_reported_on_a_sheet_that_exists(tmp_path: Path, client: str) -> None:
    saved, _ = CLIENTS[client]
    path = _write(tmp_path, without_sheet(typed(), DELETED, saved))
    [missing] = [f for f in validate_workbook(path) if f.rule == "missing_table"]
    assert (missing.sheet, missing.cell, missing.severity) == (FIRST, "A1", "error")
    assert DELETED in missing.message and TABLE in missing.message
    assert f"välilehti {DELETED}" in missing.message


def test_a_table_removed_from_a_sheet_that_remains_is_reported_on_that_sheet(
    tmp_path: Path,
) -> None:
    """LibreOffice's own save also lost Taulukko 2's Tables while the sheet stayed: such a
    finding stays at A1 of its sheet."""

    def drop_table(book: Workbook) -> None:
        del book[DELETED].tables[TABLE]

    path = _write(tmp_path, edited(typed(), drop_table))
    [missing] = [f for f in validate_workbook(path) if f.rule == "missing_table"]
    assert (missing.sheet, missing.cell) == (DELETED, "A1")
    assert TABLE in missing.message


@pytest.mark.parametrize(
    "formula",
    [
        "SUM(#NAME?[[Talousarvio 2024]])",
        "#NAME?[[#This Row],['#REF!]:['#REF!]]",
        "#REF!$C$11*2",
        "SUM(#REF!A:A)",
    ],
)
def test_an_error_written_in_place_of_a_name_is_never_a_syntax_error(
    tmp_path: Path, formula: str
) -> None:
    parts = _parts(typed())
    parts["xl/worksheets/sheet1.xml"] = _cells_saved(
        parts["xl/worksheets/sheet1.xml"].decode(), {"J2": (formula, "#REF!")}
    ).encode()
    path = _write(tmp_path, _package(parts))
    result = recalc(path, tmp_path / "ulos.xlsx")
    [problem] = [p for p in result.problems if p.startswith(f"'{FIRST}'!J2:")]
    assert "jota ei enää ole (välilehti poistettu?)" in problem, problem


RULES = "Säännöt"


@cache
def programmes() -> bytes:
    return build_workbook(PROGRAMMES, example=True)


def test_a_deleted_rules_sheet_is_an_error_on_a_sheet_that_exists(tmp_path: Path) -> None:
    """The programmes' formulas read the rules sheet's Tables, so recalc refuses the
    workbook; ``xlsrc validate`` said "Ei havaintoja" and exited 0."""
    path = _write(tmp_path, without_sheet(programmes(), RULES, None))
    assert not recalc(path, tmp_path / "ulos.xlsx").ok
    [finding] = validate_workbook(path)
    first = PROGRAMMES.tables[0].sheet_name
    assert (finding.sheet, finding.cell, finding.rule, finding.severity) == (
        first,
        "A1",
        "missing_rules",
        "error",
    )
    assert f"välilehti {RULES}" in finding.message
    assert "sisäänrakennetuilla säännöillä" in finding.message
    run = CliRunner().invoke(cli, ["validate", str(path)])
    assert run.exit_code == 1 and "Ei havaintoja" not in run.output
    assert f"{first}!A1" in run.output


def test_a_rules_sheet_deleted_where_no_formula_reads_it_is_still_reported(
    tmp_path: Path,
) -> None:
    """The result budget computes without it, but its status checks then use the built-in
    rules, not the workbook's: still an error, and nothing else changes."""
    clean = _write(tmp_path, typed())
    path = tmp_path / "ilman_saantoja.xlsx"
    path.write_bytes(without_sheet(typed(), RULES, None))
    before = [f.as_json() for f in validate_workbook(clean)]
    after = validate_workbook(path)
    [missing] = [f for f in after if f.rule == "missing_rules"]
    assert (missing.sheet, missing.cell) == (FIRST, "A1")
    assert [f.as_json() for f in after if f is not missing] == before


def test_a_renamed_rules_sheet_keeps_its_tables_and_is_no_finding(tmp_path: Path) -> None:
    def rename(book: Workbook) -> None:
        book[RULES].title = "Omat säännöt"

    path = _write(tmp_path, edited(programmes(), rename))
    assert validate_workbook(path) == []
