"""Build the quarterly status sheet as a :class:`SheetDescription` (pure).

Layout, top to bottom: a header (organisation, quarter, generation time,
input checksum, scheme and roll-up method), the goal table grouped by
strategic theme — each theme with its own column headers and roll-up row,
never split across printed pages where it fits on one — the whole
organisation's roll-up, the rules and symbol legend, and the KPI values as
small tables that native line charts read (on a page of their own).

Every status is shown three ways — fill colour, a shape symbol and a text
label — so the sheet reads the same in black-and-white print and for
colour-blind readers.  Pending and not-assessable cells get grey/white fills
and their own symbols (never a band colour).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from types import MappingProxyType

from xlsrc.core.schemes import StatusScheme
from xlsrc.core.targets import NOT_ASSESSABLE_LABEL, PENDING_LABEL
from xlsrc.core.text import (
    LANGUAGES,
    Language,
    current_language,
    format_number,
    text_in,
    tr,
    translate,
    use_language,
)
from xlsrc.status_sheet.assess import (
    ROLLUP_NAMES,
    GoalStatus,
    RollUp,
    goal_statuses,
    roll_up,
)
from xlsrc.status_sheet.charts import charts as kpi_charts
from xlsrc.status_sheet.charts import short
from xlsrc.status_sheet.description import (
    Scalar,
    SheetDescription,
)
from xlsrc.status_sheet.grid import (
    BODY,
    COL_CHALLENGES,
    COL_DIGEST,
    COL_GOAL,
    COL_KEY,
    COL_KPI,
    COL_NOTES,
    COL_ON_PLAN,
    COL_Q,
    COL_STALLED,
    COL_STATUS,
    COL_TARGET,
    COL_TASK_NA,
    COL_TREND,
    HEAD,
    LABEL,
    LINE_HEIGHT,
    MUTED_SMALL,
    ORG_FILL,
    PAGE_HEIGHT,
    TASK_SYMBOLS,
    TEXT,
    THEME_FILL,
    TITLE,
    WIDTHS,
    Grid,
    default_note,
)
from xlsrc.status_sheet.legend import legend
from xlsrc.status_sheet.locking import CHECKSUM_LABEL, DIGEST_HEADER
from xlsrc.status_sheet.model import QUARTERS, StatusInputs
from xlsrc.status_sheet.names import SHEET_NAME
from xlsrc.status_sheet.status_cells import (
    fill_of,
    format_value,
    status_style,
    status_text,
    symbol,
    value_format,
)
from xlsrc.workbooks.layouts.page import page_footer


def sheet_name(quarter: int, year: int, language: Language | None = None) -> str:
    """The status sheet's name in ``language`` (the current one): "Tilanne Q3 2024"."""
    template = translate(SHEET_NAME, language or current_language())
    return template.format(quarter=quarter, year=year)


def sheet_names(quarter: int, year: int) -> tuple[str, ...]:
    """The sheet's name in every language (an earlier quarter's sheet has one of them)."""
    return tuple(dict.fromkeys(sheet_name(quarter, year, language) for language in LANGUAGES))


def build_sheet(inputs: StatusInputs, generated_at: datetime) -> SheetDescription:
    """The status sheet for ``inputs.quarter``; ``generated_at`` goes in the header only.

    The sheet is a description (cells, merges, page breaks, charts), never a
    workbook, so the Excel and headless writers render the same thing and the
    sheet's content is testable without either.  Blocks are laid out top to
    bottom: header, one table per theme with its roll-up, the organisation's
    roll-up, the legend and the KPI charts.
    """
    with use_language(inputs.language):
        return _build(inputs, generated_at)


def _build(inputs: StatusInputs, generated_at: datetime) -> SheetDescription:
    statuses = goal_statuses(inputs)
    grid = Grid()
    row = _header(grid, inputs, generated_at)
    body_first = row + 2
    digests = inputs.goal_digests()
    sections: list[tuple[int, int]] = []  # (first row, last row) of each printed block
    for theme, members in _themes(statuses):
        start = row
        row = _table_head(grid, row, inputs)
        row = _roll_up_row(grid, row, roll_up(theme, members, inputs.rules), members, THEME_FILL)
        firsts = {id(s) for s in _first_rows(members)}
        for status in members:
            row = _goal_row(grid, row, status, inputs, digests, id(status) in firsts)
        sections.append((start, row - 1))
    organisation = roll_up(tr("Koko organisaatio"), statuses, inputs.rules)
    row = _roll_up_row(grid, row, organisation, statuses, ORG_FILL)
    sections[-1] = (sections[-1][0], row - 1)
    legend_start = row + 1
    row = legend(grid, legend_start, inputs)
    sections.append((legend_start, row - 1))
    charts = kpi_charts(grid, row + 1, statuses, inputs)
    breaks = _page_breaks(grid, sections)
    if charts:
        breaks.append(row)

    return SheetDescription(
        name=sheet_name(inputs.quarter, inputs.year, inputs.language),
        cells=tuple(grid.cells[k] for k in sorted(grid.cells)),
        merges=tuple(grid.merges),
        column_widths=MappingProxyType(dict(WIDTHS)),
        row_heights=MappingProxyType(dict(sorted(grid.heights.items()))),
        charts=charts,
        protected=True,
        freeze=(body_first, COL_KPI),
        print_title_rows=None,
        page_breaks=tuple(breaks),
        landscape=True,
        footer=page_footer(),
        checksum=inputs.checksum(),
    )


def _page_breaks(grid: Grid, sections: Sequence[tuple[int, int]]) -> list[int]:
    """Rows after which a page ends so that no theme (or the legend) is split.

    A section that no longer fits on the current page starts the next one;
    each theme carries its own column headers, so every page starts with them
    (print titles would also repeat above the legend and the charts, where
    there is no table).  Heights are estimates: :data:`PAGE_HEIGHT` is kept low.
    """
    used = sum(grid.height(r) for r in range(1, sections[0][0]))
    breaks = []
    for index, (first, last) in enumerate(sections):
        height = sum(grid.height(r) for r in range(first, last + 1))
        if index and used + height > PAGE_HEIGHT:  # the first theme stays with the header
            breaks.append(first - 1)
            used = 0.0
        used += height
    return breaks


# ---------------------------------------------------------------- header


def _header(grid: Grid, inputs: StatusInputs, generated_at: datetime) -> int:
    q, year = inputs.quarter, inputs.year
    title = tr("Tavoitteiden tilannekatsaus Q{quarter} {year}", quarter=q, year=year)
    grid.merge(1, 1, COL_NOTES, title, TITLE)
    grid.heights[1] = 20
    rules = inputs.rules
    scheme = rules.scheme
    lines: list[tuple[str, str]] = [
        (tr("Organisaatio"), inputs.organisation or tr("(organisaatio puuttuu)")),
        (tr("Vuosineljännes"), f"Q{q} {year} ({_quarter_span(q, year)})"),
        (
            tr("Luotu"),
            tr(
                "{date} klo {time}",
                date=generated_at.strftime("%d.%m.%Y"),
                time=generated_at.strftime("%H.%M"),
            ),
        ),
        (translate(CHECKSUM_LABEL), inputs.checksum()),
        (tr("Tila-asteikko"), _scheme_text(scheme) + default_note(rules, "scheme")),
        (tr("Koontitapa"), translate(ROLLUP_NAMES[rules.rollup]) + default_note(rules, "rollup")),
    ]
    row = 2
    for label, text in lines:
        grid.merge(row, COL_KEY, COL_GOAL, label, LABEL)
        grid.merge(row, COL_KPI, COL_NOTES, text, TEXT)
        grid.fit(row, text, sum(WIDTHS[c] for c in range(COL_KPI, COL_NOTES + 1)))
        row += 1
    return row + 1


def _quarter_span(quarter: int, year: int) -> str:
    first = 3 * quarter - 2
    last_day = {1: 31, 2: 30, 3: 30, 4: 31}[quarter]
    return f"1.{first}.–{last_day}.{3 * quarter}.{year}"


def _scheme_text(scheme: StatusScheme) -> str:
    bands = " · ".join(f"{b.symbol} {b.label()} {b.describe()}" for b in reversed(scheme.bands))
    return f"{text_in(scheme.name)}: {bands}"


# ---------------------------------------------------------------- table


def _table_head(grid: Grid, row: int, inputs: StatusInputs) -> int:
    top, second = row, row + 1
    spans: list[tuple[int, int, str]] = [
        (COL_KEY, COL_KEY, tr("Nro")),
        (COL_GOAL, COL_GOAL, tr("Tavoite")),
        (COL_KPI, COL_KPI, tr("Mittari (KPI)")),
        (COL_TARGET, COL_TARGET, tr("Tavoitearvo")),
        (COL_STATUS, COL_STATUS, tr("Tila Q{quarter}", quarter=inputs.quarter)),
        (
            COL_TREND,
            COL_TREND,
            tr("Trendi Q{before}→Q{now}", before=inputs.quarter - 1, now=inputs.quarter)
            if inputs.quarter > 1
            else tr("Trendi"),
        ),
        (COL_NOTES, COL_NOTES, tr("Peruste ja huomiot")),
        (COL_DIGEST, COL_DIGEST, translate(DIGEST_HEADER)),
    ]
    for first, last, text in spans:
        grid.merge(top, first, last, text, HEAD, last_row=second)
        grid.put(second, first, None, HEAD)
    for q in QUARTERS:
        grid.merge(top, COL_Q[q], COL_Q[q] + 1, f"Q{q} {inputs.year}", HEAD)
        grid.put(second, COL_Q[q], tr("Arvo"), HEAD)
        grid.put(second, COL_Q[q] + 1, tr("Tila"), HEAD)
    grid.merge(top, COL_ON_PLAN, COL_TASK_NA, tr("Päätehtävät (kpl)"), HEAD)
    for column, state_colour, text in (
        (COL_ON_PLAN, "green", tr("Suunni-\ntellusti")),
        (COL_CHALLENGES, "yellow", tr("Haas-\nteita")),
        (COL_STALLED, "red", tr("Ei\netene")),
    ):
        symbol = TASK_SYMBOLS[state_colour]
        grid.put(second, column, f"{symbol} {text}", HEAD)
    grid.put(second, COL_TASK_NA, tr("Ei arvioi-\ntavissa"), HEAD)
    grid.heights[second] = 3 * LINE_HEIGHT
    return second + 1


def _themes(statuses: Sequence[GoalStatus]) -> list[tuple[str, list[GoalStatus]]]:
    """Goals grouped by theme, themes in order of first appearance."""
    groups: dict[str, list[GoalStatus]] = {}
    for status in statuses:
        groups.setdefault(status.goal.theme or tr("(teema puuttuu)"), []).append(status)
    return list(groups.items())


def _roll_up_row(
    grid: Grid, row: int, result: RollUp, members: Sequence[GoalStatus], fill: str
) -> int:
    style = replace(BODY, fill=fill, bold=True)
    grid.put(row, COL_KEY, None, style)
    grid.merge(row, COL_GOAL, COL_Q[4] + 1, result.name, style)
    grid.put(
        row, COL_STATUS, status_text(result.assessment), status_style(result.assessment, bold=True)
    )
    grid.put(row, COL_TREND, None, style)
    totals = _task_totals(members)
    for column, count in zip(
        (COL_ON_PLAN, COL_CHALLENGES, COL_STALLED, COL_TASK_NA), totals, strict=True
    ):
        grid.put(row, column, count, replace(style, horizontal="center"))
    note = tr("Koonti: {reason}; {coverage}", reason=result.assessment.reason,
              coverage=result.coverage)  # fmt: skip
    grid.put(row, COL_NOTES, note, replace(style, bold=False))
    grid.put(row, COL_DIGEST, None, style)
    grid.fit(row, note, WIDTHS[COL_NOTES])
    return row + 1


def _task_totals(members: Sequence[GoalStatus]) -> tuple[int, int, int, int]:
    """Task counts over goals; a goal's tasks count once however many KPI rows it has."""
    firsts = _first_rows(members)
    return (
        sum(s.tasks.on_plan for s in firsts),
        sum(s.tasks.challenges for s in firsts),
        sum(s.tasks.stalled for s in firsts),
        sum(len(s.tasks.unassessed) for s in firsts),
    )


def _first_rows(statuses: Sequence[GoalStatus]) -> list[GoalStatus]:
    seen: set[str] = set()
    firsts = []
    for status in statuses:
        if status.goal.task_key not in seen:
            seen.add(status.goal.task_key)
            firsts.append(status)
    return firsts


def _goal_row(
    grid: Grid,
    row: int,
    status: GoalStatus,
    inputs: StatusInputs,
    digests: Mapping[str, str],
    first_of_goal: bool = True,
) -> int:
    """One goal/KPI row; a goal's task counts go on its first KPI row only.

    Each column of the row is filled in the order of the sheet, quarters after
    the report's quarter blank (not "–"), so the row reads as the printed
    sheet does.  A goal assessed through its tasks has values but no quarterly
    status symbols, and the counts are not repeated on later KPI rows because
    the roll-up rows sum them.
    """
    goal = status.goal
    grid.put(row, COL_KEY, goal.key, replace(BODY, horizontal="center"))
    title, kpi = short(goal.title, 150), short(goal.kpi, 90) or "–"
    grid.put(row, COL_GOAL, title, BODY)
    grid.put(row, COL_KPI, kpi, BODY)
    source = translate(goal.target_source) if goal.target_source else ""
    target = f"{goal.target} ({source})" if source else goal.target
    grid.put(row, COL_TARGET, target or "–", BODY)
    number_format = value_format(status)
    for quarter in status.quarters:
        column = COL_Q[quarter.quarter]
        outcome = quarter.assessment
        if quarter.quarter > inputs.quarter:
            grid.put(row, column, None, BODY)
            grid.put(row, column + 1, None, BODY)
            continue
        if quarter.value is not None:
            value: Scalar = quarter.value
        elif quarter.raw not in (None, ""):
            value = str(quarter.raw)
        else:
            value = "–"
        value_style = replace(BODY, number_format=number_format, horizontal="right", wrap=False)
        if outcome is None:  # assessed through tasks: no quarterly status
            grid.put(row, column, value, value_style)
            grid.put(row, column + 1, None, BODY)
            continue
        grid.put(row, column, value, replace(value_style, fill=fill_of(outcome)))
        grid.put(
            row, column + 1, symbol(outcome), replace(status_style(outcome), horizontal="center")
        )
    grid.put(row, COL_STATUS, status_text(status.current), status_style(status.current))
    grid.put(row, COL_TREND, status.trend.text, replace(BODY, horizontal="center"))
    tasks = status.tasks
    if first_of_goal and tasks.outcomes:
        counts = (tasks.on_plan, tasks.challenges, tasks.stalled, len(tasks.unassessed))
        for column, count in zip(
            (COL_ON_PLAN, COL_CHALLENGES, COL_STALLED, COL_TASK_NA), counts, strict=True
        ):
            grid.put(row, column, count, replace(BODY, horizontal="center"))
    else:
        for column in (COL_ON_PLAN, COL_CHALLENGES, COL_STALLED, COL_TASK_NA):
            grid.put(row, column, None, BODY)
    notes = goal_notes(status, inputs, first_of_goal)
    grid.put(row, COL_NOTES, notes, BODY)
    grid.put(row, COL_DIGEST, digests[goal.key], MUTED_SMALL)
    grid.fit(row, title, WIDTHS[COL_GOAL])
    grid.fit(row, kpi, WIDTHS[COL_KPI])
    grid.fit(row, notes, WIDTHS[COL_NOTES])
    return row + 1


def goal_notes(status: GoalStatus, inputs: StatusInputs, first_of_goal: bool = True) -> str:
    """The "Peruste ja huomiot" text: why the status is what it is."""
    parts = [_current_reason(status, inputs.quarter)]
    if status.trend.kind != "none":
        parts.append(tr("Trendi {trend} ({reason})", trend=status.trend.text,
                        reason=status.trend.reason))  # fmt: skip
    reasons: dict[str, list[str]] = {}  # one line per reason, not per quarter
    for quarter in status.quarters[: inputs.quarter - 1]:
        outcome = quarter.assessment
        if outcome is not None and outcome.state == "not_assessable":
            reasons.setdefault(str(outcome.reason), []).append(f"Q{quarter.quarter}")
    for reason, quarters in reasons.items():
        parts.append(f"{', '.join(quarters)} {text_in(NOT_ASSESSABLE_LABEL).lower()}: {reason}")
    if not first_of_goal:
        parts.append(tr("Päätehtävät: ks. tavoitteen {key} ensimmäinen rivi",
                        key=status.goal.task_key))  # fmt: skip
        return "\n".join(parts)
    if not status.tasks.outcomes:
        parts.append(tr("Ei päätehtäviä"))
    for task in status.tasks.unassessed:
        parts.append(tr("Päätehtävä ei arvioitavissa: {task} ({reason})", task=task.task.name,
                        reason=task.reason))  # fmt: skip
    return "\n".join(parts)


def _current_reason(status: GoalStatus, quarter: int) -> str:
    current = status.current
    if current.band is None:
        label = PENDING_LABEL if current.state == "pending" else NOT_ASSESSABLE_LABEL
        return f"{text_in(label)}: {current.reason}"
    if status.basis == "tasks" and status.goal.target.strip():
        # a level read from the goal's text, but no KPI values to hold against it
        return tr("Tavoitetasolle ei ole mittariarvoja; arvioitu {reason}", reason=current.reason)
    if status.basis == "tasks":
        return tr("Ei tavoitearvoa; arvioitu {reason}", reason=current.reason)
    value = status.quarters[quarter - 1].value
    shown = format_value(value, status.unit) if value is not None else "–"
    score = format_number(current.score, 0, "%") if current.score is not None else "–"
    return tr("Q{quarter} {value}, tavoite {target}: toteutumisaste {score}", quarter=quarter,
              value=shown, target=status.goal.target, score=score)  # fmt: skip
