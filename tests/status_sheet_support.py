"""Shared by the status-sheet tests: the bundled 004 example and ways to vary it.

The example is the goal-tracking workbook filled with the bundled 004 seed
data (``xlsrc.workbooks.build``).  Variants are made with openpyxl on that
*fixture* (never on a user's file): a target column for the KPI table, a
settings table on the rules sheet, a changed input.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import GOAL_TRACKING

#: Targets printed in the 004 goal texts, by (Nro, KPI series): G07 line 297, G14 line
#: ~560 ("Tavoitetaso NPS-suosittelemisindeksille on >60"), G20 line 779, G21 line 809.
SEED_TARGETS: dict[tuple[str, str], str] = {
    ("G07", ""): "≥ 50 %",
    ("G14", "NPS-indeksi"): "> 60",
    ("G20", ""): "≥ 96 %",
    ("G21", "lkm"): "vähintään 10",
    ("G21", "%"): "vähintään 25 %",
}
SETTINGS: dict[str, object] = {
    "Organisaatio": "Kanta-Hämeen hyvinvointialue",
    "Vuosi": 2024,
}


@cache
def example() -> bytes:
    """The bundled 004 example as built by the template builder."""
    return build_workbook(GOAL_TRACKING, example=True)


@cache
def task_only_example() -> bytes:
    """The example without KPI targets, without KPI values and with an empty settings table:
    every goal is then assessed through its main tasks and every setting is the default (the
    004 fallback).  The values go too because a level a goal states in its own words ("50 %
    hoituu") is its KPI's target whenever the KPI has values."""
    return edited(example(), clear_targets_and_settings())


def clear_targets_and_settings() -> Any:
    """Blank "Tavoitearvo", "Arviointitapa" and the quarter values of the KPI table and
    every "Arvo" of the settings table, where the layout has them."""

    def edit(workbook: Any) -> None:
        kpis = workbook["KPI-arvot"]
        header = _header_row(kpis, "Nro")
        for text in ("Tavoitearvo", "Arviointitapa", "Q1", "Q2", "Q3", "Q4"):
            try:
                column = _column(kpis, header, text)
            except AssertionError:
                continue
            for row in range(header + 1, kpis.max_row + 1):
                kpis.cell(row, column).value = None
        rules = workbook["Säännöt"]
        for top in range(1, rules.max_row + 1):
            if rules.cell(top, 1).value == "Asetus" and rules.cell(top, 2).value == "Arvo":
                for row in range(top + 1, rules.max_row + 1):
                    rules.cell(row, 2).value = None

    return edit


def edited(data: bytes, edit: Any) -> bytes:
    """``data`` after ``edit(workbook)`` (openpyxl; fixtures only)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def add_targets(targets: Mapping[tuple[str, str], str] = SEED_TARGETS) -> Any:
    """Fill "Tavoitearvo" of the KPI table (added as a column if the layout lacks it)."""

    def edit(workbook: Any) -> None:
        sheet = workbook["KPI-arvot"]
        header = _header_row(sheet, "Nro")
        try:
            column = _column(sheet, header, "Tavoitearvo")
        except AssertionError:
            column = sheet.max_column + 1
            sheet.cell(header, column, "Tavoitearvo")
        series = _column(sheet, header, "Mittarin arvo / tilanne")
        for row in range(header + 1, sheet.max_row + 1):
            key = (sheet.cell(row, 1).value, sheet.cell(row, series).value or "")
            sheet.cell(row, column, targets.get(key))  # type: ignore[arg-type]

    return edit


def add_settings(settings: Mapping[str, object] = SETTINGS) -> Any:
    """Set rows of the rules sheet's "Asetus | Arvo" table (added if the layout lacks it)."""

    def edit(workbook: Any) -> None:
        sheet = workbook["Säännöt"]
        top = next(
            (
                r
                for r in range(1, sheet.max_row + 1)
                if sheet.cell(r, 1).value == "Asetus" and sheet.cell(r, 2).value == "Arvo"
            ),
            None,
        )
        if top is None:
            top = sheet.max_row + 3
            sheet.cell(top, 1, "Asetus")
            sheet.cell(top, 2, "Arvo")
        rows = {
            sheet.cell(r, 1).value: r for r in range(top + 1, top + 30) if sheet.cell(r, 1).value
        }
        free = top + 1 + len(rows)
        for key, value in settings.items():
            row = rows.get(key)
            if row is None:
                row, free = free, free + 1
                sheet.cell(row, 1, key)
            sheet.cell(row, 2, value)

    return edit


def both(*edits: Any) -> Any:
    def edit(workbook: Any) -> None:
        for one in edits:
            one(workbook)

    return edit


def write(tmp: Path, data: bytes, name: str = "tavoiteseuranta.xlsx") -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def sheet(path: Path, name: str, data_only: bool = False) -> Worksheet:
    return openpyxl.load_workbook(path, data_only=data_only)[name]


def _header_row(sheet: Worksheet, text: str) -> int:
    for row in range(1, 40):
        if sheet.cell(row, 1).value == text:
            return row
    raise AssertionError(f"{sheet.title}: no header {text!r} in column A")


def _column(sheet: Worksheet, row: int, text: str) -> int:
    for column in range(1, sheet.max_column + 1):
        if sheet.cell(row, column).value == text:
            return column
    raise AssertionError(f"{sheet.title}: no column {text!r} on row {row}")


class StatusTable:
    """The goal table of a generated status sheet, located by its headers (not by layout)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.header = _header_row(ws, "Nro")
        second = self.header + 1
        self.columns: dict[str, int] = {}
        for column in range(1, ws.max_column + 1):
            top = ws.cell(self.header, column).value
            if top is not None:
                self.columns[str(top)] = column
        self.quarter_value = {
            q: self.columns[next(k for k in self.columns if k.startswith(f"Q{q} "))]
            for q in range(1, 5)
        }
        for column in self.quarter_value.values():
            assert ws.cell(second, column).value == "Arvo"
            assert ws.cell(second, column + 1).value == "Tila"
        self.rows: dict[str, int] = {}
        self.roll_ups: dict[str, int] = {}
        for row in range(second + 1, ws.max_row + 1):
            key = ws.cell(row, 1).value
            label = ws.cell(row, 2).value
            if key == "Nro" or ws.cell(row, 1 + 4).value == "Arvo":
                continue  # the column headers repeated above each theme
            if isinstance(key, str) and key and ws.cell(row, self.status_column).value:
                self.rows[key] = row
            elif key is None and label and ws.cell(row, self.status_column).value:
                self.roll_ups[str(label)] = row
            if label == "Koko organisaatio":
                break

    @property
    def status_column(self) -> int:
        return next(c for k, c in self.columns.items() if k.startswith("Tila Q"))

    def status(self, key: str) -> tuple[str, str | None]:
        """(text, fill hex) of a goal row's current status cell."""
        cell = self.ws.cell(self.rows[key], self.status_column)
        return cell.value, fill_of(cell)

    def task_counts(self, key: str) -> tuple[Any, ...]:
        first = self.columns["Päätehtävät (kpl)"]
        return tuple(self.ws.cell(self.rows[key], first + i).value for i in range(4))


def fill_of(cell: Any) -> str | None:
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return None
    return str(fill.fgColor.rgb)[-6:].upper()
