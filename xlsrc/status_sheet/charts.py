"""The KPI values as small tables that native line charts read, on a page of their own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from xlsrc.core.text import tr
from xlsrc.status_sheet.assess import GoalStatus, target_of
from xlsrc.status_sheet.description import ChartSpec, Series
from xlsrc.status_sheet.grid import (
    BODY,
    COL_CHALLENGES,
    COL_GOAL,
    COL_KEY,
    COL_NOTES,
    COL_ON_PLAN,
    COL_STALLED,
    COL_STATUS,
    COL_TASK_NA,
    COL_TREND,
    HEAD,
    LABEL,
    Grid,
)
from xlsrc.status_sheet.model import QUARTERS, StatusInputs
from xlsrc.status_sheet.status_cells import value_format


def charts(
    grid: Grid, row: int, statuses: Sequence[GoalStatus], inputs: StatusInputs
) -> tuple[ChartSpec, ...]:
    """KPI values Q1–Q4 as small tables and one line chart per KPI row.

    One chart per KPI keeps units apart (a share, an index and a count on one
    axis would mislead); the target is drawn as a second, dashed series.  Each
    KPI's values are a contiguous block — quarter labels on top, series names
    on the left, an empty corner — which is what a chart source range needs in
    Excel (``set_source_data``) as well as in openpyxl; the value/symbol pairs of
    the main table are not contiguous.
    """
    kpi_goals = [
        s
        for s in statuses
        if s.basis == "kpi" and any(q.value is not None for q in s.quarters[: inputs.quarter])
    ]
    if not kpi_goals:
        return ()
    grid.merge(
        row,
        COL_KEY,
        COL_NOTES,
        tr("Mittariarvot Q1–Q4 (kaavioiden tiedot)"),
        replace(LABEL, size=11),
    )
    row += 1
    charts: list[ChartSpec] = []
    chart_row = row + 3 * len(kpi_goals) + 1
    for index, status in enumerate(kpi_goals):
        number_format = value_format(status)
        target_value = _target_value(status)
        head, actual, target = row, row + 1, row + 2
        grid.put(head, COL_KEY, status.goal.key, replace(HEAD, horizontal="left"))
        grid.merge(
            head,
            COL_GOAL,
            COL_STATUS,
            short(status.goal.kpi or status.goal.title, 120),
            replace(HEAD, horizontal="left"),
        )
        grid.put(head, CHART_NAMES, None, HEAD)
        for q in QUARTERS:
            grid.put(head, CHART_Q[q], f"Q{q}", HEAD)
        lines = (
            (actual, tr("Toteuma")),
            (target, tr("Tavoite {target}", target=status.goal.target)),
        )
        for line, label in lines:
            grid.put(line, COL_KEY, None, BODY)
            grid.merge(line, COL_GOAL, COL_STATUS, None, BODY)
            grid.put(line, CHART_NAMES, label, BODY)
        for quarter in status.quarters:
            style = replace(BODY, number_format=number_format, horizontal="right")
            shown = quarter.value if quarter.quarter <= inputs.quarter else None
            grid.put(actual, CHART_Q[quarter.quarter], shown, style)
            grid.put(target, CHART_Q[quarter.quarter], target_value, style)
        series = [Series((actual, CHART_NAMES), actual, CHART_Q[1], CHART_Q[4])]
        if target_value is not None:
            series.append(Series((target, CHART_NAMES), target, CHART_Q[1], CHART_Q[4]))
        charts.append(
            ChartSpec(
                title=f"{status.goal.key}: {short(status.goal.kpi or status.goal.title, 48)}",
                categories=(head, CHART_Q[1], CHART_Q[4]),
                series=tuple(series),
                anchor=(chart_row + (index // 2) * 17, COL_GOAL if index % 2 == 0 else COL_STATUS),
                width_cm=15.0,
                height_cm=7.5,
                y_number_format=number_format,
            )
        )
        row += 3
    return tuple(charts)


CHART_NAMES = COL_TREND
CHART_Q = {1: COL_ON_PLAN, 2: COL_CHALLENGES, 3: COL_STALLED, 4: COL_TASK_NA}


def _target_value(status: GoalStatus) -> float | None:
    target = target_of(status.goal)
    return target.value if target is not None else None


def short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
