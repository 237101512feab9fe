"""The rows a roll-up takes from one workbook, each with the cells it was read from.

Refuse rather than guess: a measure, budget line or KPI whose consolidated
cells cannot be used exactly (a number typed as text, an unknown status, a
programme without its number, a blank amount) makes the whole file skipped,
with every such cell named - a roll-up that quietly left out a measure would
be a wrong total nobody sees.  Other findings of the file (a stated pivot
that disagrees, say) do not stop it: the roll-up uses the inputs, and the
findings are listed with the roll-up.

Budget: the roll-up is by service area, so it takes each area's own lines
(rows without a service); an area that states no line of its own for Tulot,
Menot or Toimintakate contributes that line through its services' rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from xlsrc.consolidate.model import BudgetRow, Cells, KpiRow, MeasureRow
from xlsrc.core.a1 import cell_name, parse_cell
from xlsrc.core.budget import LINE_NAMES, line_kind
from xlsrc.core.errors import MissingKey, UnknownLineKind, XlsrcError
from xlsrc.core.pivot import number_prefix
from xlsrc.core.text import Joined, Msg, Num, text_in
from xlsrc.core.text import located as at_place
from xlsrc.frames import tables_of
from xlsrc.frames.tables import TableFrames
from xlsrc.reading.locate import Identified, LocatedTable, locate
from xlsrc.reading.source import WorkbookSource
from xlsrc.workbooks.layouts import TableLayout
from xlsrc.workbooks.layouts.consolidation import PROGRAMME_FAMILIES
from xlsrc.workbooks.layouts.goal_tracking import KPIS
from xlsrc.workbooks.layouts.result_budget import BUDGET_RESULT

#: How many unusable cells a skip message names before it says "and N more".
SHOWN_PROBLEMS = 5


class UnusableCells(XlsrcError):
    """Cells the roll-up needs cannot be used exactly; the message names them."""


Rows = tuple[tuple[MeasureRow, ...], tuple[BudgetRow, ...], tuple[KpiRow, ...]]


def read_rows_of(source: WorkbookSource, identified: Identified) -> Rows:
    """Measures, budget lines and KPI states of ``source`` (only its family has any)."""
    key = identified.layout.key
    if key == "goal_tracking":
        return (), (), _kpis(source, identified)
    frames = tables_of(source, source.name)
    problems: list[str] = []
    if key == "programmes":
        measures = _measures(source, identified, frames, problems)
        _refuse(problems)
        return measures, (), ()
    budget = _budget(source, identified, frames, problems)
    _refuse(problems)
    return (), budget, ()


def _refuse(problems: Sequence[str]) -> None:
    if not problems:
        return
    shown = Joined.of(problems[:SHOWN_PROBLEMS], "; ")
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        raise UnusableCells(
            Msg.plural(
                "koottavia soluja ei voi käyttää: {cells}; ja {n} muu",
                "koottavia soluja ei voi käyttää: {cells}; ja {n} muuta",
                more,
                cells=shown,
                n=Num(more),
            )
        )
    raise UnusableCells(Msg("koottavia soluja ei voi käyttää: {cells}", cells=shown))


def _located(source: WorkbookSource, identified: Identified, layout: TableLayout) -> LocatedTable:
    located = locate(source, layout, identified.version)
    if located is None:
        raise UnusableCells(
            Msg(
                "taulukko {table} ({title}) puuttuu", table=layout.name, title=text_in(layout.title)
            )
        )
    return located


def _cells(table: LocatedTable, row: int, keys: Sequence[str]) -> Cells:
    return tuple(
        (table.where(key, row), table.layout.column(key).header)
        for key in keys
        if key in table.columns
    )


def _listed(frames: TableFrames, table: str, columns: Sequence[str], problems: list[str]) -> None:
    found = frames.problems
    for _, problem in found[(found["table"] == table) & found["column"].isin(columns)].iterrows():
        problems.append(f"{problem['sheet']}!{problem['cell']}: {problem['reason']}")


def _missing(
    table: LocatedTable,
    row: pd.Series,
    keys: Sequence[str],
    frames: TableFrames,
    problems: list[str],
) -> bool:
    """True when a needed cell of ``row`` is NA; a blank one is added to ``problems``
    (an unusable one is there already)."""
    listed = set(frames.problems["cell"][frames.problems["table"] == table.layout.key])
    missing = False
    for key in keys:
        if not pd.isna(row[key]):
            continue
        missing = True
        cell = table.where(key, int(row["row"]))
        if cell not in listed:
            header = table.layout.column(key).header
            missing_here = Msg("{header} puuttuu", header=header)
            problems.append(str(at_place(f"{table.sheet}!{cell}", missing_here)))
    return missing


def _measures(
    source: WorkbookSource, identified: Identified, frames: TableFrames, problems: list[str]
) -> tuple[MeasureRow, ...]:
    rows: list[MeasureRow] = []
    for table_key, (prefix, family) in PROGRAMME_FAMILIES.items():
        layout = identified.layout.table(table_key)
        located = _located(source, identified, layout)
        frame = frames[table_key]
        _listed(frames, table_key, ("programme", "status", "target_sum"), problems)
        for _, row in frame.iterrows():
            at = f"{located.sheet}!{located.where('programme', int(row['row']))}"
            label, status, amount = row["programme"], row["status"], row["target_sum"]
            if _missing(located, row, ("programme", "status", "target_sum"), frames, problems):
                continue
            try:
                number = number_prefix(label)
            except MissingKey as error:
                problems.append(f"{at}: {error}")
                continue
            rows.append(
                MeasureRow(
                    family=family,
                    key=f"{prefix}-{number}",
                    programme=str(label),
                    measure="" if pd.isna(row["measure"]) else str(row["measure"]),
                    status=str(status),
                    target_sum=float(amount),
                    sheet=located.sheet,
                    cells=_cells(located, int(row["row"]), ("programme", "status", "target_sum")),
                )
            )
    return tuple(rows)


def _budget(
    source: WorkbookSource, identified: Identified, frames: TableFrames, problems: list[str]
) -> tuple[BudgetRow, ...]:
    located = _located(source, identified, BUDGET_RESULT)
    frame = frames[BUDGET_RESULT.key]
    keys = ("area", "service", "line", "tb2023", "tb2024")
    _listed(frames, BUDGET_RESULT.key, keys, problems)
    lines: list[BudgetRow] = []
    for _, row in frame.iterrows():
        at = f"{located.sheet}!{located.where('line', int(row['row']))}"
        if _missing(located, row, ("area", "line", "tb2023", "tb2024"), frames, problems):
            continue
        try:
            line = LINE_NAMES[line_kind(row["line"])]
        except UnknownLineKind as error:
            problems.append(f"{at}: {error}")
            continue
        lines.append(
            BudgetRow(
                area=" ".join(str(row["area"]).split()),
                service="" if pd.isna(row["service"]) else " ".join(str(row["service"]).split()),
                line=line,
                tb2023=float(row["tb2023"]),
                tb2024=float(row["tb2024"]),
                sheet=located.sheet,
                cells=_cells(located, int(row["row"]), keys),
            )
        )
    return _area_lines(lines)


def _area_lines(lines: Sequence[BudgetRow]) -> tuple[BudgetRow, ...]:
    """Each area's own lines; its services' lines only for a line the area does not state."""
    own = {(r.area.casefold(), r.line) for r in lines if not r.service}
    return tuple(r for r in lines if not r.service or (r.area.casefold(), r.line) not in own)


def _kpis(source: WorkbookSource, identified: Identified) -> tuple[KpiRow, ...]:
    from xlsrc.status_sheet.assess import goal_statuses
    from xlsrc.status_sheet.tables import read_inputs

    located = _located(source, identified, KPIS)
    inputs = read_inputs(source, 4)
    rows: list[KpiRow] = []
    for status in goal_statuses(inputs):
        if status.basis != "kpi":
            continue
        sheet, _, anchor = status.goal.source.partition("!")
        row_number = parse_cell(anchor)[0]
        for quarter in status.quarters:
            if quarter.assessment is None:
                continue
            column = located.columns[f"q{quarter.quarter}"]
            state = quarter.assessment.state
            rows.append(
                KpiRow(
                    goal_id=status.goal.goal_id or status.goal.key,
                    kpi=status.goal.kpi,
                    quarter=quarter.quarter,
                    state=state,
                    sheet=sheet,
                    cells=((cell_name(row_number, column.index), column.column.header),),
                )
            )
    return tuple(rows)
