"""Writing yhteenveto.xlsx while the files come in: rows stream to disk, roll-ups at the end.

openpyxl's write-only workbook keeps each sheet in a temporary file, so a
collected row is written as soon as its file's result arrives and is not held
in memory; the summary Tables (a few rows per group) are written once every
file is in.  The output is a new file of xlsrc's own (the consolidation
layout, its marker, Excel Tables with calculated columns), written through
:func:`xlsrc.io.atomic.write_atomic`; no user's workbook is ever written.

Formula cells are written without values and the workbook asks Excel to
recalculate on opening (``fullCalcOnLoad``); every roll-up number is also
written as the stated value next to its formula, so a reader without a
calculation engine sees the numbers and ``xlsrc validate`` can check them.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo

from xlsrc.consolidate.model import Cells, FileResult
from xlsrc.consolidate.rollup import Rollup
from xlsrc.core.a1 import MAX_ROW, column_letter
from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Joined, Msg, Num, text_in, tr, translate
from xlsrc.io.atomic import write_atomic
from xlsrc.workbooks.formulas import render
from xlsrc.workbooks.layouts import LAYOUTS, MARKER_NAME, TableLayout
from xlsrc.workbooks.layouts import consolidation as C
from xlsrc.workbooks.sheet import source_line

#: Title, source line and a gap above every table; the header row is the fourth.
HEADER_ROW = 4
_TABLES = {t.key: t for t in C.CONSOLIDATION.tables}
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_STYLE = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)


def _template_name(family: str | None) -> str | None:
    """The template a collected file is, as its reader knows it ("Tulosbudjetti ja
    toimintasuunnitelma 2024"), not the layout's code ("result_budget"); the JSON keeps
    the code for programs.  A file that is no template shows nothing."""
    known = {layout.key: layout.title for layout in LAYOUTS}
    return text_in(known[family]) if family in known else family


class TooManyRows(UnusableInput):
    """A sheet of the roll-up would exceed Excel's 1,048,576 rows."""


@dataclass
class _Sheet:
    """One Table on its own sheet, written row by row."""

    sheet: Any
    """A write-only worksheet (typed loosely: the stubs lack half of its API)."""
    layout: TableLayout
    rows: int = 0
    started: bool = False

    def start(self) -> None:
        layout = self.layout
        for index, column in enumerate(layout.columns, start=1):
            self.sheet.column_dimensions[column_letter(index)].width = column.width
        self.sheet.append([_cell(self.sheet, text_in(layout.title), font=_TITLE)])
        self.sheet.append([source_line(layout)])
        self.sheet.append([])
        self.sheet.append([_cell(self.sheet, c.header, font=_BOLD) for c in layout.columns])
        self.started = True

    def append(self, values: dict[str, object]) -> int:
        """Write one body row (computed columns get their formula); returns its sheet row."""
        if not self.started:
            self.start()
        if HEADER_ROW + self.rows + 1 > MAX_ROW:
            raise TooManyRows(
                Msg(
                    "välilehdelle {sheet} tulisi yli {limit} riviä; jaa koonti osiin (esim. "
                    "--by quarter tai pienempi joukko tiedostoja)",
                    sheet=self.layout.sheet_name,
                    limit=Num(MAX_ROW),
                )
            )
        cells: list[object] = []
        for column in self.layout.columns:
            if column.is_computed:
                assert column.formula is not None
                cells.append(render(column.formula, self.layout, _TABLES))
            else:
                cells.append(_cell(self.sheet, values.get(column.key), column.number_format))
        self.sheet.append(cells)
        self.rows += 1
        return HEADER_ROW + self.rows

    def close(self) -> None:
        """Add the Excel Table over what was written (one empty row if nothing was)."""
        if not self.started:
            self.start()
        if self.rows == 0:
            self.sheet.append([None] * len(self.layout.columns))
        last = HEADER_ROW + max(self.rows, 1)
        table = Table(
            displayName=self.layout.name,
            ref=f"A{HEADER_ROW}:{column_letter(len(self.layout.columns))}{last}",
        )
        table.tableStyleInfo = _STYLE
        table.tableColumns = [
            TableColumn(
                id=index,
                name=column.header,
                calculatedColumnFormula=(
                    TableFormula(attr_text=render(column.formula, self.layout, _TABLES)[1:])
                    if column.formula is not None and self.rows
                    else None
                ),
            )
            for index, column in enumerate(self.layout.columns, start=1)
        ]
        with warnings.catch_warnings():  # the columns are set above, as write-only needs
            warnings.simplefilter("ignore")
            self.sheet.add_table(table)
        self.sheet.freeze_panes = f"A{HEADER_ROW + 1}"


def _cell(
    sheet: WriteOnlyWorksheet,
    value: object,
    number_format: str | None = None,
    font: Font | None = None,
) -> object:
    if number_format is None and font is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
    if number_format is not None and isinstance(value, int | float):
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


class RollupWriter:
    """yhteenveto.xlsx, filled file by file (:meth:`add`) and finished once (:meth:`finish`)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._book = Workbook(write_only=True)
        self._summary: Any = self._book.create_sheet(tr("Yhteenveto"))
        self._sheets = {
            t.key: _Sheet(self._book.create_sheet(t.sheet_name), t) for t in C.CONSOLIDATION.tables
        }
        for key in ("measures", "budget_lines", "kpi_statuses", "findings", "files", "sources"):
            self._sheets[key].start()

    def _link_path(self, path: str) -> str:
        """The input as a link from the output's folder (relative, so the folder may move)."""
        relative = os.path.relpath(Path(path).resolve(), self.out.resolve().parent)
        return relative.replace(os.sep, "/")

    def add(self, result: FileResult) -> None:
        """Write a file's collected rows, sources, findings and its line in Tiedostot."""
        path = self._link_path(result.path)
        common = {"group": result.group, "unit": result.unit, "file": result.file}
        for m in result.measures:
            row = self._sheets["measures"].append(
                {**common, "family": m.family, "key": m.key, "programme": m.programme,
                 "measure": m.measure, "status": m.status, "target_sum": m.target_sum}
            )  # fmt: skip
            self._source(C.MEASURES, row, result, path, m.sheet, m.cells)
        for b in result.budget:
            row = self._sheets["budget_lines"].append(
                {**common, "area": b.area, "service": b.service, "line": b.line,
                 "tb2023": b.tb2023, "tb2024": b.tb2024}
            )  # fmt: skip
            self._source(C.BUDGET_LINES, row, result, path, b.sheet, b.cells)
        for k in result.kpis:
            row = self._sheets["kpi_statuses"].append(
                {**common, "goal_id": k.goal_id, "kpi": k.kpi, "quarter": f"Q{k.quarter}",
                 "state": translate(C.STATE_LABELS[k.state])}
            )  # fmt: skip
            self._source(C.KPI_STATUSES, row, result, path, k.sheet, k.cells)
        for f in result.findings:
            self._sheets["findings"].append(
                {"file": result.file, "path": path, "sheet": f.sheet, "cell": f.cell,
                 "rule": f.rule, "severity": f.severity, "message": f.message}
            )  # fmt: skip
        self._sheets["files"].append(
            {"file": result.file, "path": path, "family": _template_name(result.family),
             "version": result.version, "unit": result.unit, "quarter": result.quarter,
             "group": result.group,
             "state": translate(C.INCLUDED if result.included else C.SKIPPED),
             "reason": result.skipped, "findings": len(result.findings),
             "errors": result.errors}
        )  # fmt: skip

    def _source(
        self, table: TableLayout, row: int, result: FileResult, path: str, sheet: str, cells: Cells
    ) -> None:
        listed = "; ".join(f"{cell} {header}" for cell, header in cells)
        self._sheets["sources"].append(
            {"table": table.name, "row": row, "file": result.file, "path": path,
             "sheet": sheet, "cell": cells[0][0] if cells else "A1", "cells": listed}
        )  # fmt: skip

    def finish(self, rollup: Rollup) -> None:
        """Write the roll-ups and the summary, close every Table, save atomically."""
        self._write_summary(rollup)
        pivot, group_pivot = self._sheets["pivot"], self._sheets["group_pivot"]
        for target, by_group in ((pivot, False), (group_pivot, True)):
            for line in rollup.pivot(by_group):
                values: dict[str, object] = {
                    "group": line.group, "family": line.family, "key": line.key,
                    "programme": line.programme, "total": line.total,
                }  # fmt: skip
                values.update({k: v for (k, _), v in zip(C.STATUS_KEYS, line.cells, strict=True)})
                target.append(values)
        for key, by_group, by_area in (
            ("budget", True, True), ("budget_groups", True, False), ("budget_all", False, False)
        ):  # fmt: skip
            for b in rollup.budget(by_group, by_area):
                pct = b.change_pct
                self._sheets[key].append(
                    {"group": b.group, "area": b.area, "line": b.line, "tb2023": b.tb2023,
                     "tb2024": b.tb2024, "change_eur": b.change_eur,
                     "change_pct": "-" if pct is None else pct}
                )  # fmt: skip
        for group, quarter, counts in rollup.goal_counts():
            self._sheets["goal_counts"].append(
                {"group": group, "quarter": f"Q{quarter}",
                 **{state: counts.get(state, 0) for state in C.STATE_LABELS}}
            )  # fmt: skip
        for sheet in self._sheets.values():
            sheet.close()
        self._book.defined_names[MARKER_NAME] = DefinedName(
            MARKER_NAME, attr_text=f'"{C.CONSOLIDATION.marker}"'
        )
        self._book.calculation.fullCalcOnLoad = True
        self._book.properties.title = text_in(C.CONSOLIDATION.title)

        def save(stream: BinaryIO) -> None:
            self._book.save(stream)

        write_atomic(self.out, save)

    def discard(self) -> None:
        """Close the sheets of a roll-up that stopped (or could not be saved); nothing is written.

        Left open, each write-only sheet's XML writer is closed by the garbage
        collector mid-element, and lxml prints a screenful of "Exception
        ignored" tracebacks under the one-line message.
        """
        for sheet in self._book.worksheets:
            writer = getattr(sheet, "_writer", None)
            if sheet.closed or writer is None:
                continue
            with contextlib.suppress(Exception):
                sheet.close()
            with contextlib.suppress(Exception):
                writer.cleanup()  # its temporary file

    def _write_summary(self, rollup: Rollup) -> None:
        counts = rollup.rows
        data = [
            self._sheets[k].layout.sheet_name
            for k in ("measures", "budget_lines", "kpi_statuses", "findings")
        ]
        lines: list[Sequence[object]] = [
            [_cell(self._summary, text_in(C.CONSOLIDATION.title), font=_TITLE)],
            [tr("Koottu {included} / {files} tiedostoa; ohitettu {skipped}.",
                included=Num(rollup.included), files=Num(rollup.files),
                skipped=Num(len(rollup.skipped)))],
            [tr("Rivejä: {measures} toimenpidettä, {budget} talousriviä, {kpis} mittarin tilaa, "
                "{findings} tarkistushavaintoa (välilehdet {sheets}; jokaisen rivin lähde: "
                "{sources}).",
                measures=Num(counts["measures"]), budget=Num(counts["budget"]),
                kpis=Num(counts["kpis"]), findings=Num(counts["findings"]),
                sheets=Joined.of(data), sources=self._sheets["sources"].layout.sheet_name)],
        ]  # fmt: skip
        if rollup.skipped:
            lines.append([])
            lines.append([_cell(self._summary, tr("Ohitetut tiedostot"), font=_BOLD)])
            lines += [[file, reason] for file, reason in sorted(rollup.skipped)]
        self._summary.column_dimensions["A"].width = 40
        for line in lines:
            self._summary.append(list(line))
