"""The status sheet's inputs from a goal-tracking workbook, read through the one reader.

Goals, KPI values, main tasks, the rules and the settings are the Excel
Tables the layout names (:data:`xlsrc.workbooks.layouts.GOAL_TRACKING`),
found by :mod:`xlsrc.reading.locate` exactly as validation finds them: by
Table name and header, so inserted, sorted or appended rows change nothing.
Several KPI rows of one goal (joined by "Nro") are several KPI series.

Which scheme rates the goals: the setting "Tila-asteikko" if given, else the
scheme the layout's task status uses (the 50/90 year-end rule of 004).  A
missing table or an unknown setting is a :class:`WorkbookLayoutError` that
names where and what was expected; a setting value is refused by the parser
of :mod:`xlsrc.reading.settings`, the one ``xlsrc validate`` reports with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from xlsrc.core.numbers import Blank, Number, read_cell
from xlsrc.core.targets import stated_level
from xlsrc.core.text import N_, Msg
from xlsrc.core.words import parse_method
from xlsrc.reading.locate import (
    LocatedTable,
    TableRow,
    identify,
    locate,
    read_rows,
    rows_below,
    workbook_language,
)
from xlsrc.reading.settings import RuleSettings, read_rule_settings, year_unknown
from xlsrc.reading.settings import WorkbookLayoutError as WorkbookLayoutError
from xlsrc.reading.source import CellValue as SourceValue
from xlsrc.reading.source import WorkbookSource
from xlsrc.status_sheet.model import CellValue, Goal, Quarter, Rules, StatusInputs, Task
from xlsrc.workbooks.layouts import TableLayout
from xlsrc.workbooks.layouts.goal_tracking import GOALS, KPIS, TASKS
from xlsrc.workbooks.layouts.model import as_message

_QUARTERS: tuple[Quarter, ...] = (1, 2, 3, 4)
#: Shown next to a target that is the level a goal states in its own words.
TARGET_FROM_GOAL_TEXT = N_("tavoitteen tekstistä")  # translated where it is shown


def _table(source: WorkbookSource, layout: TableLayout, version: int) -> LocatedTable:
    found = locate(source, layout, version)
    if found is None:
        raise WorkbookLayoutError(
            Msg(
                "{path}: taulukko {table} ({title}) puuttuu; tilannekatsaus tarvitsee "
                "tavoite-, mittari- ja päätehtävätaulukot",
                path=source.name,
                table=layout.name,
                title=as_message(layout.title),
            )
        )
    below = rows_below(source, found)
    if below:
        raise WorkbookLayoutError(
            Msg(
                "{path}: {cell}: rivi on taulukon {table} alapuolella, mutta ei kuulu "
                "taulukkoon (se päättyy riville {last}), joten tilannekatsaus jättäisi sen "
                "pois; lisää rivi taulukon sisään tai laajenna taulukko (LibreOffice ei "
                "laajenna taulukkoa itse)",
                path=source.name,
                cell=f"{found.sheet}!A{below[0].row}",
                table=found.ref.name,
                last=found.ref.last_row,
            )
        )
    return found


def read_inputs(
    source: WorkbookSource,
    quarter: Quarter,
    year: int | None = None,
    year_option: str | None = None,
) -> StatusInputs:
    """The status inputs of ``quarter`` from the workbook's tables; ``year_option``: how the
    caller can be given the year, offered when the workbook does not tell it."""
    version = identify(source).version
    goals = _table(source, GOALS, version)
    kpis = _table(source, KPIS, version)
    tasks = _table(source, TASKS, version)
    language = workbook_language(source)  # first: its refusal names the file and the cell
    settings = read_rule_settings(source)
    rules = read_rules(source, settings)
    the_year = year or settings.year
    if the_year is None:
        raise year_unknown(source.name, year_option=year_option)
    organisation = _text(settings.values.get("organisation"))
    built = _goals(source, goals, read_rows(source, goals), kpis, read_rows(source, kpis))
    task_rows = _tasks(tasks, read_rows(source, tasks))
    inputs = StatusInputs(organisation, the_year, quarter, built, task_rows, rules, language)
    return inputs.as_of(quarter)


def latest_quarter(source: WorkbookSource) -> Quarter | None:
    """The last quarter for which any KPI row has a value (None when none has)."""
    kpis = _table(source, KPIS, identify(source).version)
    filled = [
        quarter
        for row in read_rows(source, kpis)
        for quarter in _QUARTERS
        if _value(row.values.get(f"q{quarter}")) is not None
    ]
    return max(filled) if filled else None


# ---------------------------------------------------------------- settings and rules


def read_rules(source: WorkbookSource, settings: RuleSettings | None = None) -> Rules:
    """Schemes, roll-up, trend tolerance and default method; unset ones named in defaults.

    The settings are parsed by :func:`read_rule_settings`, the reading validation
    reports from, so a value refused here is a finding of ``xlsrc validate`` at its
    cell; the first refused value (other than the year, which ``--year`` may stand
    in for) is raised as its parser raised it.
    """
    settings = read_rule_settings(source) if settings is None else settings
    refused = [problem for problem in settings.problems if problem.key != "year"]
    if refused:  # named by file and cell, as every other refusal of a workbook
        first = refused[0]
        message = (
            Msg("{path}: {message}", path=source.name, message=first.error)  # names its cell
            if first.key == ""
            else Msg("{path} ({cell}): {error}", path=source.name, cell=first.where,
                     error=first.error)
        )  # fmt: skip
        raise WorkbookLayoutError(message) from first.error
    schemes = settings.schemes.schemes
    layout_scheme = TASKS.column("status_calc").rules or "year_end"
    defaults = [
        key
        for key, value in (
            ("rollup", settings.rollup),
            ("trend_tolerance", settings.trend_tolerance),
            ("method", settings.method),
        )
        if value is None
    ]
    return Rules(
        schemes[settings.scheme or layout_scheme],
        schemes[settings.task_scheme or layout_scheme],
        settings.rollup or "worst",
        0.02 if settings.trend_tolerance is None else settings.trend_tolerance,
        settings.method or "ratio",
        tuple(defaults),
    )


# ---------------------------------------------------------------- goals and KPIs


def _goals(
    source: WorkbookSource,
    goals: LocatedTable,
    goal_rows: Sequence[TableRow],
    kpis: LocatedTable,
    kpi_rows: Sequence[TableRow],
) -> tuple[Goal, ...]:
    """One Goal per KPI series of each goal (goal table order); a goal without KPI rows
    is one Goal assessed through its tasks."""
    by_goal: dict[str, list[TableRow]] = {}
    for row in kpi_rows:
        by_goal.setdefault(_text(row.values.get("goal_id")), []).append(row)
    known = {_text(row.values.get("goal_id")) for row in goal_rows}
    for goal_id, rows in by_goal.items():
        if goal_id not in known:
            raise WorkbookLayoutError(
                Msg(
                    "{cell}: Nro {goal!r} ei ole tavoitetaulukossa ({sheet})",
                    cell=f"{kpis.sheet}!{kpis.where('goal_id', rows[0].row)}",
                    goal=goal_id,
                    sheet=goals.sheet,
                )
            )
    result = []
    for info in goal_rows:
        goal_id = _text(info.values.get("goal_id"))
        rows = by_goal.get(goal_id, [])
        candidates: list[TableRow | None] = list(rows) if rows else [None]
        for index, kpi in enumerate(candidates):
            key = goal_id if len(rows) <= 1 else f"{goal_id}.{index + 1}"
            result.append(_goal(source, goals, info, kpis, kpi, goal_id, key))
    return tuple(result)


def _goal(
    source: WorkbookSource,
    goals: LocatedTable,
    info: TableRow,
    kpis: LocatedTable,
    kpi: TableRow | None,
    goal_id: str,
    key: str,
) -> Goal:
    """One goal of the status sheet from its strategic-target row and (optional) KPI row.

    The KPI row wins where it states something (name, series, quarterly
    values, target); the goal row fills the rest, and the target may come from
    the goal's own text.  Each value keeps its cell, so every number on the
    status sheet can be traced back to the cell it was read from.
    """

    def pick(name: str) -> str:
        if kpi is not None and _text(kpi.values.get(name)):
            return _text(kpi.values.get(name))
        return _text(info.values.get(name))

    def cell_of(name: str) -> str:
        """The file and cell :func:`pick` read ``name`` from, for a refusal of its value (the
        method's own cell, not the row's first: the status sheet named A15 for I15)."""
        table, row = (kpis, kpi) if kpi is not None and _text(kpi.values.get(name)) else (
            goals, info)  # fmt: skip
        column = name if name in table.columns else "goal_id"
        return f"{source.name}: {table.sheet}!{table.where(column, row.row)}"

    name = pick("kpi")
    series = _text(kpi.values.get("kpi_series")) if kpi is not None else ""
    if series:
        name = f"{series} ({name})" if name else series
    values: tuple[CellValue, CellValue, CellValue, CellValue] = (None, None, None, None)
    number_format = ""
    if kpi is not None:
        q1, q2, q3, q4 = (_value(kpi.values.get(f"q{q}")) for q in _QUARTERS)
        values = (q1, q2, q3, q4)
        number_format = _number_format(source, kpis, kpi)
    where = (
        f"{kpis.sheet}!{kpis.where('goal_id', kpi.row)}"
        if kpi is not None
        else f"{goals.sheet}!{goals.where('goal_id', info.row)}"
    )
    method = pick("method")
    target, target_source = pick("target"), ""
    if not target:
        level = stated_level(info.values.get("goal"))
        if level is not None:
            target, target_source = level.text, TARGET_FROM_GOAL_TEXT
    return Goal(  # i18n: "title", "goal" are column keys of the goals table, not texts
        key=key,
        goal_id=goal_id,
        theme=pick("theme"),
        title=pick("title") or pick("goal"),
        kpi=name,
        target=target,
        values=values,
        baseline=_value(kpi.values.get("baseline")) if kpi is not None else None,
        method=parse_method(method, cell_of("method")) if method else None,
        weight=_weight(kpi.values.get("weight") if kpi is not None else None, cell_of("weight")),
        responsible=pick("responsible_unit"),
        source=where,
        number_format=number_format,
        target_source=target_source,
    )


def _number_format(source: WorkbookSource, kpis: LocatedTable, row: TableRow) -> str:
    """The first non-General format of the row's quarter cells (display only)."""
    for quarter in _QUARTERS:
        key = f"q{quarter}"
        if key not in kpis.columns:
            continue
        found = source.number_format(kpis.sheet, row.row, kpis.columns[key].index)
        if found and found != "General":
            return found
    return ""


# ---------------------------------------------------------------- tasks


def _tasks(table: LocatedTable, rows: Sequence[TableRow]) -> tuple[Task, ...]:
    tasks = []
    for row in rows:
        name = _text(row.values.get("task"))
        if not name:
            continue
        tasks.append(
            Task(
                goal_key=_text(row.values.get("goal_id")),
                name=name,
                responsible=_text(row.values.get("person")),
                description=_text(row.values.get("description")),
                progress=_value(row.values.get("progress")),
                source=f"{table.sheet}!{table.where('task', row.row)}",
            )
        )
    return tuple(tasks)


# ---------------------------------------------------------------- cells


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[ \t]+", " ", unicodedata.normalize("NFC", str(value))).strip()


def _value(value: object) -> CellValue:
    """A cell as the model keeps it: numbers as floats (the checksum must not depend on
    the reader's int/float), words as their text, blanks as None."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    text = _text(value)
    return text or None


def _weight(value: SourceValue, where: str) -> float | None:
    """A KPI row's weight: a non-negative number (blank: none)."""
    reading = read_cell(_scalar(value))
    if isinstance(reading, Blank):
        return None
    if not isinstance(reading, Number) or reading.value < 0:
        raise WorkbookLayoutError(
            Msg(
                "{where}: Paino {value!r} ei kelpaa; anna nolla tai positiivinen luku (tyhjä: "
                "ei painoa)",
                where=where,
                value=value,
            )
        )
    return reading.value


def _scalar(value: object) -> str | float | int | bool | None:
    if value is None or isinstance(value, str | float | int | bool):
        return value
    return str(value)
