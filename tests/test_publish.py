"""``xlsrc publish``: values only, no XS_ anywhere, the same numbers in LibreOffice."""

from __future__ import annotations

import hashlib
import math
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from xlsrc.cli.main import cli
from xlsrc.core.errors import XlError
from xlsrc.core.text import use_language
from xlsrc.libreoffice import Session
from xlsrc.publish import PublicationRefused, publish
from xlsrc.validation import validate_workbook
from xlsrc.validation.findings import error_count
from xlsrc.workbooks.layouts import WORKBOOKS


@pytest.fixture(scope="module")
def published(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("published")
    paths = {}
    for layout in WORKBOOKS:
        source = demo_dir / layout.file_name
        before = source.read_bytes()
        run = CliRunner().invoke(cli, ["publish", str(source), "--out", str(out / source.name)])
        # the demo carries the seed reports' own errors: published, and the exit status says so
        errors = error_count(validate_workbook(source))
        assert run.exit_code == (1 if errors else 0), run.output
        assert (f"tarkistus löysi {errors} virhe" in run.output) == bool(errors), run.output
        assert source.read_bytes() == before  # the source is never written
        paths[layout.file_name] = out / source.name
    return paths


@pytest.fixture(scope="module")
def office() -> Iterator[Session]:
    with Session() as session:
        yield session


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(b, XlError):
        return a == b.value
    if a in ("", None) and b in ("", None):
        return True
    return bool(a == b) or hasattr(a, "year")  # dates: LibreOffice gives serials


@pytest.mark.parametrize("name", [w.file_name for w in WORKBOOKS])
def test_the_copy_has_no_formula_and_no_xs_function(published: dict[str, Path], name: str) -> None:
    book = openpyxl.load_workbook(published[name])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), (
                    f"{sheet.title}!{cell.coordinate}"
                )
    with zipfile.ZipFile(published[name]) as archive:
        for part in archive.namelist():
            assert b"XS_" not in archive.read(part), part
            assert part != "xl/calcChain.xml"


@pytest.mark.parametrize("name", [w.file_name for w in WORKBOOKS])
def test_libreoffice_shows_no_name_error_and_the_same_numbers(
    office: Session, demo_dir: Path, published: dict[str, Path], name: str
) -> None:
    shown = office.recalculated_values(published[name])
    assert not [
        f"{s}!{c}" for s, cells in shown.items() for c, v in cells.items() if v is XlError.NAME
    ]
    cached = openpyxl.load_workbook(demo_dir / name, data_only=True)
    compared = 0
    for sheet in cached.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                got = shown.get(sheet.title, {}).get(cell.coordinate)
                assert _same(cell.value, got), f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                compared += 1
    assert compared > 100


def test_the_copy_says_it_is_published_and_from_which_file(
    demo_dir: Path, published: dict[str, Path]
) -> None:
    source = demo_dir / "tavoiteohjelmat.xlsx"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    book = openpyxl.load_workbook(published["tavoiteohjelmat.xlsx"])
    for sheet in book.worksheets:
        header = sheet.oddHeader.left.text or ""
        assert "Julkaistu kopio" in header and digest[:16] in header, sheet.title
        margins = sheet.page_margins  # the stamp and the footer stay clear of the table
        assert margins.top - margins.header >= 0.3 and margins.bottom - margins.footer >= 0.3
    assert digest in (book.properties.description or "")
    original = openpyxl.load_workbook(source)
    for sheet in original.worksheets:  # tables, formats, validation and panes are kept
        copy = book[sheet.title]
        assert set(copy.tables) == set(sheet.tables)
        assert copy.freeze_panes == sheet.freeze_panes
        assert len(copy.conditional_formatting) == len(sheet.conditional_formatting)
        assert len(copy.data_validations.dataValidation) == len(
            sheet.data_validations.dataValidation
        )


def test_a_workbook_the_engine_cannot_compute_is_not_published(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = '=INDIRECT("B"&2)'
    source = tmp_path / "epäselvä.xlsx"
    book.save(source)
    with pytest.raises(PublicationRefused, match="INDIRECT"):
        publish(source, tmp_path / "julkaistu.xlsx")
    assert not (tmp_path / "julkaistu.xlsx").exists()


def test_a_swedish_run_stamps_and_refuses_in_swedish(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet["A1"] = 2
    sheet["A2"] = "=A1*3"
    source = tmp_path / "källa.xlsx"
    book.save(source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    with use_language("sv"):
        publish(source, tmp_path / "publicerad.xlsx")
    copy = openpyxl.load_workbook(tmp_path / "publicerad.xlsx")
    stamped = copy.worksheets[0]
    assert stamped.oddHeader is not None
    header = stamped.oddHeader.left.text or ""
    assert header.startswith("Publicerad kopia (endast värden) · källa.xlsx · ")
    assert header.endswith(f" · SHA-256 {digest[:16]}")
    assert copy.properties.description is not None
    assert copy.properties.description.startswith(
        "Publicerad kopia (endast värden) av arbetsboken källa.xlsx, "
    )
    assert copy.properties.description.endswith(f"; källfilens SHA-256 {digest}")
    assert stamped["A2"].value == 6

    sheet["A2"] = '=INDIRECT("B"&2)'
    book.save(source)
    with use_language("sv"), pytest.raises(PublicationRefused) as refused:
        publish(source, tmp_path / "ej.xlsx")
    with use_language("sv"):
        shown = str(refused.value)
    assert shown.startswith(
        f"{source}: arbetsboken publiceras inte, eftersom den inte kan räknas om helt: "
    )
    assert "INDIRECT" in shown


def test_pdf_is_rendered_beside_the_copy_with_finnish_numbers(
    demo_dir: Path, tmp_path: Path
) -> None:
    import re
    import subprocess

    done = publish(demo_dir / "tulosbudjetti.xlsx", tmp_path / "tb.xlsx", pdf=True)
    assert done.pdf is not None and done.pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(done.pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    book = openpyxl.load_workbook(done.path)
    first = book.worksheets[0]
    amounts = [
        c.value
        for row in first.iter_rows()
        for c in row
        if isinstance(c.value, int | float)
        and abs(c.value) >= 1000
        and c.number_format != "General"
    ]
    assert amounts
    # "#,##0" prints with a space between thousands for a Finnish reader, never a comma
    grouped = re.sub(r"(?<=\d)(?=(\d{3})+$)", " ", str(abs(int(amounts[0]))))
    assert grouped in text.replace("\u00a0", " ").replace("\u202f", " ")
    assert not re.search(r"\d,\d{3}\b", text)


def test_error_values_in_the_copy_are_named(demo_dir: Path, tmp_path: Path) -> None:
    done = publish(demo_dir / "tulosbudjetti.xlsx", tmp_path / "tb.xlsx")
    book = openpyxl.load_workbook(done.path)

    def where(title: str, cell: str) -> str:
        return f"'{title}'!{cell}" if " " in title else f"{title}!{cell}"

    shown = {
        (where(ws.title, c.coordinate), c.value)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("#") and c.data_type == "e"
    }
    assert shown and set(done.error_values) == shown
