"""The validate button in Excel, against a recording fake of the xlwings API it uses.

The fake book is loaded from a real example workbook (values, number formats,
Excel Tables), so validating it must give exactly what ``validate_workbook``
gives for the file; the fake records what the button writes: the
"Tarkistukset" sheet, hyperlinks, fills, the alert.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from tests.test_validation_workbook import in_version_2
from xlsrc.core.a1 import cell_name, parse_cell
from xlsrc.reading.locate import NotATemplate
from xlsrc.validation import validate_in_excel, validate_workbook, write_findings_sheet
from xlsrc.validation.report import COLOURS, FIRST_ROW, HEADER_ROW, HEADERS, SHEET_NAME
from xlsrc.workbooks.build import write_workbooks
from xlsrc.workbooks.layouts import workbook

Cell = tuple[int, int]


def _cell(ref: str | tuple[int, int]) -> Cell:
    if isinstance(ref, tuple):
        return ref
    match = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref.upper())
    assert match, ref
    return int(match[2]), column_index_from_string(match[1])


class FakeFont:
    def __init__(self) -> None:
        self.bold = False


class FakeRange:
    """A rectangle of a fake sheet; reads and writes go to the sheet's dicts."""

    def __init__(self, sheet: FakeSheet, first: Cell, last: Cell) -> None:
        self.sheet, self.first, self.last = sheet, first, last
        self.ndim: int | None = None
        self.font = FakeFont()

    def options(self, ndim: int | None = None, **_: Any) -> FakeRange:
        self.ndim = ndim
        return self

    def _cells(self) -> list[list[Cell]]:
        (r1, c1), (r2, c2) = self.first, self.last
        return [[(r, c) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    @property
    def value(self) -> Any:
        grid = [[self.sheet.values.get(cell) for cell in row] for row in self._cells()]
        if self.ndim == 2:
            return grid
        if self.ndim == 1:
            return [value for row in grid for value in row]
        if len(grid) == 1 and len(grid[0]) == 1:
            return grid[0][0]
        return grid

    @value.setter
    def value(self, data: Any) -> None:
        rows = data if isinstance(data, list) and data and isinstance(data[0], list) else [data]
        rows = [row if isinstance(row, list) else [row] for row in rows]
        r0, c0 = self.first
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                self.sheet.values[(r0 + i, c0 + j)] = value

    @property
    def number_format(self) -> str:
        return self.sheet.formats.get(self.first, "General")

    @number_format.setter
    def number_format(self, fmt: str) -> None:
        for row in self._cells():
            for cell in row:
                self.sheet.formats[cell] = fmt

    @property
    def color(self) -> Any:
        return self.sheet.colors.get(self.first)

    @color.setter
    def color(self, colour: Any) -> None:
        self.sheet.book.log.append(("color", self.sheet.name, self.first, colour))
        if colour is None:
            self.sheet.colors.pop(self.first, None)
        else:
            self.sheet.colors[self.first] = colour

    @property
    def row(self) -> int:
        return self.first[0]

    @property
    def column(self) -> int:
        return self.first[1]

    @property
    def last_cell(self) -> FakeRange:
        return FakeRange(self.sheet, self.last, self.last)

    @property
    def address(self) -> str:
        (r1, c1), (r2, c2) = self.first, self.last
        return f"${get_column_letter(c1)}${r1}:${get_column_letter(c2)}${r2}"

    def add_hyperlink(
        self, address: str, text_to_display: str | None = None, screen_tip: str | None = None
    ) -> None:
        self.sheet.links[self.first] = (address, text_to_display, screen_tip)

    def expand(self, mode: str = "table") -> FakeRange:
        assert mode == "down"
        row, column = self.first
        while self.sheet.values.get((row + 1, column)) is not None:
            row += 1
        return FakeRange(self.sheet, self.first, (row, self.last[1]))

    def resize(self, row_size: int | None = None, column_size: int | None = None) -> FakeRange:
        rows = row_size or self.last[0] - self.first[0] + 1
        columns = column_size or self.last[1] - self.first[1] + 1
        return FakeRange(
            self.sheet, self.first, (self.first[0] + rows - 1, self.first[1] + columns - 1)
        )


class FakeTable:
    def __init__(self, sheet: FakeSheet, name: str, ref: str) -> None:
        first, last = ref.split(":")
        self.name, self.range = name, FakeRange(sheet, _cell(first), _cell(last))
        top, right = _cell(first)[0], _cell(last)[1]
        self.header_row_range = FakeRange(sheet, _cell(first), (top, right))
        self.show_totals = False


class FakeName:
    def __init__(self, name: str, refers_to: str) -> None:
        self.name, self.refers_to = name, refers_to


class FakeSheet:
    def __init__(self, book: FakeBook, name: str) -> None:
        self.book, self.name = book, name
        self.values: dict[Cell, Any] = {}
        self.formats: dict[Cell, str] = {}
        self.colors: dict[Cell, Any] = {}
        self.links: dict[Cell, tuple[str, str | None, str | None]] = {}
        self.tables: list[FakeTable] = []

    def range(self, first: str | Cell, last: str | Cell | None = None) -> FakeRange:
        start = _cell(first)
        return FakeRange(self, start, _cell(last) if last is not None else start)

    @property
    def used_range(self) -> FakeRange:
        """xlwings ``Sheet.used_range``: from A1 to the last cell holding anything."""
        if not self.values:
            return FakeRange(self, (1, 1), (1, 1))
        return FakeRange(
            self, (1, 1), (max(r for r, _ in self.values), max(c for _, c in self.values))
        )

    def delete(self) -> None:
        self.book.log.append(("delete", self.name))
        self.book.sheets.items.remove(self)

    def activate(self) -> None:
        self.book.log.append(("activate", self.name))


class FakeSheets:
    def __init__(self, book: FakeBook) -> None:
        self.book, self.items = book, []  # type: list[FakeSheet]

    def __getitem__(self, key: str | int) -> FakeSheet:
        if isinstance(key, int):
            return self.items[key]
        return next(s for s in self.items if s.name == key)

    def __iter__(self) -> Any:
        return iter(list(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def add(self, name: str | None = None, before: Any = None, after: Any = None) -> FakeSheet:
        assert name not in [s.name for s in self.items], "xlwings refuses a duplicate name"
        sheet = FakeSheet(self.book, name or f"Sheet{len(self.items) + 1}")
        index = self.items.index(after) + 1 if after is not None else 0
        self.items.insert(index, sheet)
        self.book.log.append(("add", sheet.name))
        return sheet


class FakeApp:
    def __init__(self) -> None:
        self.alerts: list[tuple[str, str | None]] = []

    def alert(self, prompt: str, title: str | None = None, **_: Any) -> None:
        self.alerts.append((prompt, title))


class FakeBook:
    def __init__(self, name: str) -> None:
        self.name = name
        self.app = FakeApp()
        self.sheets = FakeSheets(self)
        self.names: list[FakeName] = []
        self.log: list[tuple[Any, ...]] = []

    @classmethod
    def from_file(cls, path: Path) -> FakeBook:
        book = cls(path.name)
        source = load_workbook(path, data_only=True)
        for worksheet in source.worksheets:
            sheet = FakeSheet(book, worksheet.title)
            for row in worksheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        sheet.values[(cell.row, cell.column)] = cell.value
                    sheet.formats[(cell.row, cell.column)] = cell.number_format
            sheet.tables = [
                FakeTable(sheet, t.displayName, t.ref) for t in worksheet.tables.values()
            ]
            book.sheets.items.append(sheet)
        book.names = [
            FakeName(name, "=" + str(defined.attr_text))
            for name, defined in source.defined_names.items()
        ]
        book.log.clear()
        return book


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    [path] = write_workbooks(out, example=True, layouts=(workbook("result_budget"),))
    return path


def at(sheet: str, v1_cell: str) -> tuple[int, int]:
    """(row, column) in the version 2 example of a version 1 example's cell."""
    return parse_cell(str(in_version_2(("tulosbudjetti.xlsx", sheet, v1_cell))[2]))


PERHE = at("Taulukko 5", "E7")  # seed line 118, Toimintakate TB 2024
PERHE_A1 = cell_name(*PERHE)


def test_the_button_finds_what_the_cli_finds_and_writes_tarkistukset(example: Path) -> None:
    book = FakeBook.from_file(example)
    book.sheets["Taulukko 5"].colors[PERHE] = (221, 235, 247)  # a fill the user had
    findings = validate_in_excel(book)
    assert [f.as_json() for f in findings] == [f.as_json() for f in validate_workbook(example)]
    sheet = book.sheets[SHEET_NAME]
    assert book.sheets[len(book.sheets) - 1] is sheet
    assert [sheet.values.get((HEADER_ROW, c)) for c in range(1, len(HEADERS) + 1)] == list(HEADERS)
    first = [sheet.values.get((FIRST_ROW + 1, c)) for c in range(1, 8)]
    assert first == [
        "Taulukko 5",
        PERHE_A1,
        "virhe",
        "Toimintakate = tulot − menot + Palvelualueen summa + Taulukoiden välinen täsmäytys",
        -518358.0,
        -502964.0,
        -15394.0,
    ]
    assert sheet.links[(FIRST_ROW + 1, 2)][:2] == (f"#'Taulukko 5'!{PERHE_A1}", PERHE_A1)
    assert len(sheet.links) == len(findings) == 21
    assert book.sheets["Taulukko 5"].colors[PERHE] == f"#{COLOURS['error']}"
    assert book.sheets["Taulukko 5"].colors[at("Taulukko 5", "D24")] == f"#{COLOURS['note']}"
    assert book.sheets["Taulukko 3"].colors[at("Taulukko 3", "C9")] == f"#{COLOURS['error']}"
    assert sheet.formats[(FIRST_ROW + 15, 5)] == "0.0 %"  # G72 Muutos %: 102,5 % vs 102,6 %
    assert book.app.alerts == [("21 havaintoa: 12 virhettä, 9 huomiota.", "xlsrc: tarkistukset")]
    assert ("activate", SHEET_NAME) in book.log


def test_a_second_run_replaces_the_sheet_and_restores_fixed_cells(example: Path) -> None:
    book = FakeBook.from_file(example)
    budget = book.sheets["Taulukko 5"]
    budget.colors[PERHE] = (221, 235, 247)
    validate_in_excel(book)
    budget.values[PERHE] = -502_964  # the user fixes PERHE Toimintakate TB 2024
    book.log.clear()
    findings = validate_in_excel(book)
    assert ("delete", SHEET_NAME) in book.log and ("add", SHEET_NAME) in book.log
    assert [s.name for s in book.sheets].count(SHEET_NAME) == 1
    assert len(findings) == 20 and not any(
        f.cell == PERHE_A1 and f.sheet == "Taulukko 5" for f in findings
    )
    assert budget.colors[PERHE] == "#ddebf7"  # the fill it had before the first run
    red = at("Taulukko 5", "E40")
    assert budget.colors[red] == f"#{COLOURS['error']}"  # Suun terveydenhuolto still red


def test_write_findings_sheet_with_no_findings(example: Path) -> None:
    book = FakeBook.from_file(example)
    sheet = write_findings_sheet(book, [])
    assert sheet.values[(2, 1)].startswith("Ei havaintoja")
    assert sheet.links == {} and not any(e[0] == "color" for e in book.log)


def test_a_book_that_is_not_an_xlsrc_workbook_gets_an_alert_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The button raises; the ribbon's one handler shows the reason (as for every button)."""
    import types

    import xlsrc.ribbon as ribbon

    book = FakeBook("oma.xlsx")
    book.sheets.add("Taul1")
    with pytest.raises(NotATemplate):
        validate_in_excel(book)
    monkeypatch.setattr(
        ribbon, "xw", types.SimpleNamespace(Book=types.SimpleNamespace(caller=lambda: book))
    )
    ribbon.validate()
    [(message, title)] = book.app.alerts
    assert title == ribbon.ALERT_TITLE
    assert "oma.xlsx" in message and "ei ole xlsrc-mallin työkirja" in message
    assert SHEET_NAME not in [s.name for s in book.sheets]
