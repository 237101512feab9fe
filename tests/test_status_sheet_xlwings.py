"""The xlwings writer and the ribbon entry point, against the recording fake.

The fake (``tests/fakes/xlwings_fake.py``) accepts only attribute names that
the real xlwings classes have; the first test checks that claim against the
installed xlwings, so the fake cannot drift into names Excel would reject.
"""

from __future__ import annotations

import inspect
import io
from datetime import datetime
from typing import Any

import openpyxl
import pytest
import xlwings

from tests.fakes.xlwings_fake import (
    BORDER_ATTRIBUTES,
    CHART_ATTRIBUTES,
    FONT_ATTRIBUTES,
    RANGE_ATTRIBUTES,
    FakeBook,
    FakeCharts,
    FakeName,
    FakeRange,
    FakeTable,
)
from tests.status_sheet_support import add_settings, add_targets, both, edited, example
from xlsrc.core.a1 import parse_range
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.status_sheet import generate_in_excel
from xlsrc.status_sheet.builder import build_sheet
from xlsrc.status_sheet.excel import (
    LockedQuarterInExcel,
    check_locked_quarters_in_excel,
    generate,
)
from xlsrc.status_sheet.model import StatusInputs, parse_quarter
from xlsrc.status_sheet.tables import read_inputs

NOW = datetime(2025, 3, 25, 14, 2)


def test_fake_names_exist_in_xlwings() -> None:
    main = xlwings.main
    assert all(hasattr(main.Range, name) for name in RANGE_ATTRIBUTES)
    assert all(hasattr(main.Font, name) for name in FONT_ATTRIBUTES)
    assert all(hasattr(main.Borders, name) for name in BORDER_ATTRIBUTES)
    assert all(hasattr(main.Chart, name) for name in CHART_ATTRIBUTES)
    for name in (
        "value",
        "formula",
        "font",
        "borders",
        "merge",
        "left",
        "top",
        "row",
        "column",
        "options",
        "api",
    ):
        assert hasattr(main.Range, name), name
    for name in ("charts", "api", "used_range", "range", "activate", "delete", "name", "tables"):
        assert hasattr(main.Sheet, name), name
    for name in ("name", "range", "header_row_range", "show_totals"):
        assert hasattr(main.Table, name), name  # what the reader asks of a Table
    assert hasattr(main.Name, "refers_to") and hasattr(main.Book, "names")
    assert hasattr(main.Range, "last_cell")
    assert hasattr(main.Chart, "set_source_data")
    real = inspect.signature(main.Charts.add).parameters
    fake = inspect.signature(FakeCharts.add).parameters
    assert list(fake) == list(real) and all(
        fake[p].default == real[p].default for p in real if p != "self"
    )
    assert list(inspect.signature(FakeRange.merge).parameters) == list(
        inspect.signature(main.Range.merge).parameters
    )
    assert "include" in inspect.signature(main.Book.to_pdf).parameters
    assert "line_markers" in xlwings.constants.chart_types


def fake_book(data: bytes) -> FakeBook:
    """A fake open book holding the workbook's values, formulas, number formats, Tables
    and defined names."""
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    book = FakeBook("tavoiteseuranta.xlsx", "/kansio", values.sheetnames)
    for worksheet in values.worksheets:
        sheet = book.sheets[worksheet.title]
        for row in worksheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    is_int = isinstance(cell.value, int) and not isinstance(cell.value, bool)
                    sheet.cells[(cell.row, cell.column)] = (
                        float(cell.value) if is_int else cell.value
                    )
                formula = formulas[worksheet.title][cell.coordinate].value
                if isinstance(formula, str) and formula.startswith("="):
                    sheet.formulas[(cell.row, cell.column)] = formula
                if cell.number_format and cell.number_format != "General":
                    sheet.styles.setdefault((cell.row, cell.column), {})["number_format"] = (
                        cell.number_format
                    )
        sheet.tables = [
            FakeTable(sheet, t.displayName, parse_range(t.ref)) for t in worksheet.tables.values()
        ]
    book.names = [
        FakeName(name, "=" + str(defined.attr_text))
        for name, defined in values.defined_names.items()
    ]
    return book


def headless_inputs(data: bytes, quarter: int) -> StatusInputs:
    return read_inputs(OpenpyxlSource.from_bytes(data, "kirja.xlsx"), parse_quarter(quarter))


@pytest.fixture
def data() -> bytes:
    return edited(example(), both(add_targets(), add_settings()))


def test_excel_sheet_has_the_same_cells_styles_merges_and_checksum_as_headless(data: bytes) -> None:
    book = fake_book(data)
    assert generate(book, 3, now=NOW) == "Tilanne Q3 2024"
    sheet = book.sheets["Tilanne Q3 2024"]
    assert book.sheets.active is sheet and sheet.index == len(book.sheets)
    expected = build_sheet(headless_inputs(data, 3), NOW)
    for cell in expected.cells:
        assert sheet.cells.get((cell.row, cell.column)) == cell.value, (cell.row, cell.column)
        styles = sheet.styles.get((cell.row, cell.column), {})
        if cell.style.fill:
            assert styles.get("color") == f"#{cell.style.fill}", (cell.row, cell.column)
        if cell.style.number_format != "General":
            assert styles.get("number_format") == cell.style.number_format
        assert styles.get("horizontal_alignment") == cell.style.horizontal
        assert styles.get("wrap_text") == cell.style.wrap
    assert sorted(sheet.merges) == sorted(expected.merges)
    for column, width in expected.column_widths.items():
        assert sheet.styles[(1, column)]["column_width"] == width
    assert sheet.protected == {
        "DrawingObjects": True,
        "Contents": True,
        "Scenarios": True,
        "AllowFormattingColumns": True,
        "AllowFormattingRows": True,
    }
    assert ("api.PageSetup.Orientation", None, 2) in sheet.log
    assert sheet.page_breaks == [row + 1 for row in expected.page_breaks]  # theme pages
    bold = [entry for entry in sheet.log if entry[0] == "font.bold"]
    assert bold and all(value is True for _, _, value in bold)
    # one block write and shared defaults: fewer calls into Excel than cells
    assert len(sheet.log) < len(expected.cells)


def test_excel_charts_are_native_line_charts_over_each_kpi_block(data: bytes) -> None:
    book = fake_book(data)
    generate(book, 3, now=NOW)
    sheet = book.sheets["Tilanne Q3 2024"]
    expected = build_sheet(headless_inputs(data, 3), NOW)
    charts = sheet.charts.items
    assert len(charts) == len(expected.charts) == 4
    for chart, spec in zip(charts, expected.charts, strict=True):
        assert chart.chart_type == "line_markers" and chart.title == spec.title
        assert chart.source.bounds() == spec.source_block
        first_row, first_col, _, last_col = spec.source_block
        assert sheet.cells.get((first_row, first_col)) is None  # empty corner
        assert [sheet.cells[(first_row, c)] for c in range(first_col + 1, last_col + 1)] == [
            "Q1",
            "Q2",
            "Q3",
            "Q4",
        ]
        anchor = sheet.range(spec.anchor)
        assert (chart.placement["left"], chart.placement["top"]) == (anchor.left, anchor.top)


def test_excel_checksum_equals_headless_and_locked_inputs_are_checked(data: bytes) -> None:
    book = fake_book(data)
    generate(book, 3, now=NOW)
    sheet = book.sheets["Tilanne Q3 2024"]
    headless = headless_inputs(data, 3).checksum()
    assert sheet.cells[(5, 3)] == headless  # "Syötteiden tarkiste (SHA-256)"
    assert check_locked_quarters_in_excel(book) == []
    kpis = book.sheets["KPI-arvot"]
    g07 = next(r for (r, c), v in kpis.cells.items() if c == 1 and v == "G07")
    q2 = next(c for (r, c), v in kpis.cells.items() if v == "Q2")
    kpis.cells[(g07, q2)] = 0.49
    (finding,) = check_locked_quarters_in_excel(book)
    assert finding.sheet == "Tilanne Q3 2024" and "G07" in finding.message


def test_excel_never_overwrites_a_locked_quarter_unless_forced(data: bytes) -> None:
    book = fake_book(data)
    generate(book, 3, now=NOW)
    first = book.sheets["Tilanne Q3 2024"]
    with pytest.raises(LockedQuarterInExcel):
        generate(book, 3, now=NOW)
    with pytest.raises(LockedQuarterInExcel):  # the ribbon shows it (test below)
        generate_in_excel(book, 3)
    assert book.sheets["Tilanne Q3 2024"] is first

    generate(book, 4, now=NOW)
    generate(book, 3, force=True, now=NOW)
    names = [s.name for s in book.sheets]
    assert names[-2:] == ["Tilanne Q3 2024", "Tilanne Q4 2024"]  # replaced in place
    assert book.sheets["Tilanne Q3 2024"] is not first


def test_ribbon_default_quarter_is_the_latest_with_kpi_values(data: bytes) -> None:
    book = fake_book(data)
    assert generate_in_excel(book) == "Tilanne Q4 2024"  # the example has Q4 values


def test_writer_uses_only_documented_names() -> None:
    book = FakeBook()
    sheet: Any = book.sheets[0]
    with pytest.raises(AttributeError):
        sheet.range("A1").fill = "#ffffff"  # not an xlwings name: the fake refuses it
    with pytest.raises(AttributeError):
        sheet.range("A1").font.weight = "bold"
    with pytest.raises(TypeError):
        sheet.api.Protect(Contents=True, Locked=True)


@pytest.mark.parametrize(
    ("settings", "shown"),
    [
        ({"Koontitapa": "keskiarvoton"}, "keskiarvoton"),  # a bad roll-up setting
        ({}, "lukittu"),  # a locked quarter (the second click)
    ],
)
def test_the_ribbon_button_shows_why_no_sheet_was_made_in_an_alert(
    monkeypatch: pytest.MonkeyPatch, settings: dict[str, object], shown: str
) -> None:
    """Not a traceback: the message, in the alert every ribbon error gets."""
    import types

    import xlsrc.ribbon as ribbon

    book = fake_book(edited(example(), both(add_targets(), add_settings(settings))))
    monkeypatch.setattr(ribbon, "xw", types.SimpleNamespace(Book=type(book)))
    book.make_caller()
    names = [s.name for s in book.sheets]
    if not settings:
        generate(book, 4, now=NOW)
        names = [s.name for s in book.sheets]
    ribbon.generate_status_sheet()
    [(kind, message, title)] = [call for call in book.app.calls if call[0] == "alert"]
    assert shown in message and title == ribbon.ALERT_TITLE
    assert [s.name for s in book.sheets] == names
