"""A template workbook's tables as pandas DataFrames, read through the layout description.

One frame per data table of the workbook's family, keyed by the layout's table
key (``"savings_measures"``); columns are the layout's column keys of the
input and stated columns, typed by :mod:`xlsrc.frames.values`, then the
source of each row: ``file``, ``sheet`` and ``row`` (the sheet row, so
``sheet`` + the column's letter + ``row`` is the cell).  Computed columns are
not read: xlsrc recomputes them (``xlsrc validate``, ``xlsrc recalc``) rather
than trusting whatever a formula last cached.

Stated totals ("Kaikki yhteensä (ilmoitettu)") are their own frame, keyed
``"<table key>.total"``, with the totalled columns and the same source columns:
summing a data frame never counts its total twice.

Every cell that holds something the frame cannot use (text in a number column,
an unknown status) is NA in its frame *and* a row of :attr:`TableFrames.problems`,
with its file, sheet, cell and reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from xlsrc.core.a1 import cell_name, parse_cell
from xlsrc.frames.values import Typed, text_of, typed_cell
from xlsrc.reading.locate import LocatedTable, identify, locate, read_rows, stated_total
from xlsrc.reading.source import CellValue, WorkbookSource
from xlsrc.workbooks.layouts import VOCABULARIES, Column, TableLayout

#: Suffix of the key of a table's stated-total frame.
TOTAL_SUFFIX = ".total"
#: The source columns every frame ends with.
SOURCE_COLUMNS: tuple[str, ...] = ("file", "sheet", "row")
#: Columns of :attr:`TableFrames.problems`.
PROBLEM_COLUMNS: tuple[str, ...] = ("file", "sheet", "cell", "table", "column", "value", "reason")

if TYPE_CHECKING:
    _FrameDict = dict[str, pd.DataFrame]
else:
    _FrameDict = dict


class TableFrames(_FrameDict):
    """The frames of one workbook: ``dict`` of table key -> DataFrame, plus what was unusable.

    ``family`` and ``version`` say which template (and template version) the
    workbook is; ``missing_tables`` names the layout's tables the workbook lacks.
    """

    def __init__(
        self,
        frames: dict[str, pd.DataFrame],
        problems: pd.DataFrame,
        family: str,
        version: int,
        missing_tables: Sequence[str] = (),
    ) -> None:
        super().__init__(frames)
        self.problems = problems
        self.family = family
        self.version = version
        self.missing_tables = tuple(missing_tables)


@dataclass(frozen=True)
class Problem:
    """One cell a frame holds as NA because it cannot be used (see :data:`PROBLEM_COLUMNS`)."""

    file: str
    sheet: str
    cell: str
    table: str
    column: str
    value: str
    reason: str


def read_tables(path: str | Path) -> TableFrames:
    """Every data table and stated total of the template workbook at ``path`` as DataFrames.

    Raises :class:`~xlsrc.core.errors.UnreadableWorkbook` for a file that is no
    workbook and :class:`~xlsrc.reading.locate.NotATemplate` for one that is no
    xlsrc template.
    """
    from xlsrc.engine.source import PackageSource  # the package reader validation uses

    file = Path(path)
    with PackageSource.open(file) as source:
        return tables_of(source, file.name)


def tables_of(source: WorkbookSource, file: str) -> TableFrames:
    """:func:`read_tables` of an already opened workbook; ``file`` fills the ``file`` column."""
    identified = identify(source)
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    missing: list[str] = []
    for layout in identified.layout.tables:
        located = locate(source, layout, identified.version)
        if located is None:
            missing.append(layout.key)
            continue
        frames[layout.key] = _data_frame(source, located, file, problems)
        total = _total_frame(source, located, file, problems)
        if total is not None:
            frames[layout.key + TOTAL_SUFFIX] = total
    problem_frame = pd.DataFrame(
        [[getattr(p, c) for c in PROBLEM_COLUMNS] for p in problems],
        columns=list(PROBLEM_COLUMNS),
        dtype="string",
    )
    return TableFrames(
        frames, problem_frame, identified.layout.key, identified.version, tuple(missing)
    )


def _columns(layout: TableLayout) -> tuple[Column, ...]:
    return layout.input_columns


def _data_frame(
    source: WorkbookSource, table: LocatedTable, file: str, problems: list[Problem]
) -> pd.DataFrame:
    columns = _columns(table.layout)
    values: dict[str, list[object]] = {c.key: [] for c in columns}
    words: dict[str, list[object]] = {c.key: [] for c in columns if c.words}
    rows: list[int] = []
    for body in read_rows(source, table):
        rows.append(body.row)
        for column in columns:
            located = table.columns.get(column.key)
            if located is None:  # an optional column an older template lacks
                typed = Typed(None)
            else:
                raw = body.values.get(column.key)
                typed = typed_cell(source, table.sheet, body.row, located.index, column, raw)
                _note(problems, typed, file, table, column, cell_name(body.row, located.index), raw)
            values[column.key].append(typed.value)
            if column.key in words:
                words[column.key].append(typed.word)
    frame = _frame(columns, values, words)
    return _with_source(frame, file, table.sheet, rows)


def _total_frame(
    source: WorkbookSource, table: LocatedTable, file: str, problems: list[Problem]
) -> pd.DataFrame | None:
    total = stated_total(source, table)
    if total is None:
        return None
    layout = table.layout
    assert layout.totals is not None
    columns = tuple(layout.column(key) for key in layout.totals.columns)
    values: dict[str, list[object]] = {c.key: [] for c in columns}
    for column in columns:
        address, raw = total.cells.get(column.key, ("", None))
        typed = Typed(None)
        if address:
            row, col = parse_cell(address)
            typed = typed_cell(source, total.sheet, row, col, column, raw)
            _note(problems, typed, file, table, column, address, raw)
        values[column.key].append(typed.value)
    return _with_source(_frame(columns, values, {}), file, total.sheet, [total.row])


def _note(
    problems: list[Problem],
    typed: Typed,
    file: str,
    table: LocatedTable,
    column: Column,
    cell: str,
    raw: CellValue,
) -> None:
    if typed.problem is not None:
        shown = text_of(raw) or ""
        problems.append(
            Problem(file, table.sheet, cell, table.layout.key, column.key, shown, typed.problem)
        )


def _frame(
    columns: Sequence[Column], values: dict[str, list[object]], words: dict[str, list[object]]
) -> pd.DataFrame:
    """The typed columns in layout order, each word column right after its number column."""
    series: dict[str, pd.Series] = {}
    for column in columns:
        series[column.key] = _series(column, values[column.key])
        if column.key in words:
            series[f"{column.key}_word"] = pd.Series(words[column.key], dtype="string")
    return pd.DataFrame(series)


def _series(column: Column, values: list[object]) -> pd.Series:
    if column.is_numeric:
        return pd.Series(values, dtype="Float64")
    if column.is_status and column.vocabulary in VOCABULARIES:
        assert column.vocabulary is not None
        categories = VOCABULARIES[column.vocabulary].printed
        return pd.Series(pd.Categorical(values, categories=categories))
    if column.kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype="object")), dtype="datetime64[ns]")
    return pd.Series(values, dtype="string")


def _with_source(frame: pd.DataFrame, file: str, sheet: str, rows: list[int]) -> pd.DataFrame:
    frame = frame.copy()
    frame["file"] = pd.Series([file] * len(rows), dtype="string")
    frame["sheet"] = pd.Series([sheet] * len(rows), dtype="string")
    frame["row"] = pd.Series(rows, dtype="int64")
    return frame
