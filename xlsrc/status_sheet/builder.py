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

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType

from xlsrc.core.numbers import format_fi
from xlsrc.core.schemes import StatusScheme
from xlsrc.core.targets import NOT_ASSESSABLE_LABEL, PENDING_LABEL, Assessment
from xlsrc.core.vocab import TASK_STATES
from xlsrc.status_sheet.assess import (
    ROLLUP_NAMES_FI,
    GoalStatus,
    RollUp,
    goal_statuses,
    roll_up,
    target_of,
    task_rule_text,
)
from xlsrc.status_sheet.description import (
    Cell,
    CellStyle,
    ChartSpec,
    Scalar,
    Series,
    SheetDescription,
)
from xlsrc.status_sheet.model import QUARTERS, StatusInputs

PENDING_SYMBOL = "○"
NOT_ASSESSABLE_SYMBOL = "◇"
PENDING_FILL = "D9D9D9"
NOT_ASSESSABLE_FILL = "FFFFFF"
THEME_FILL = "DDEBF7"
HEADER_FILL = "BDD7EE"
ORG_FILL = "B4C6E7"
MUTED = "595959"

# Column numbers of the goal table.
COL_KEY, COL_GOAL, COL_KPI, COL_TARGET = 1, 2, 3, 4
COL_Q = {1: 5, 2: 7, 3: 9, 4: 11}  # value column; its status symbol is the next one
COL_STATUS, COL_TREND = 13, 14
COL_ON_PLAN, COL_CHALLENGES, COL_STALLED, COL_TASK_NA = 15, 16, 17, 18
COL_NOTES, COL_DIGEST = 19, 20
LAST_COL = COL_DIGEST

WIDTHS: dict[int, float] = {
    COL_KEY: 6,
    COL_GOAL: 30,
    COL_KPI: 18,
    COL_TARGET: 11,
    5: 8,
    6: 3,
    7: 8,
    8: 3,
    9: 8,
    10: 3,
    11: 8,
    12: 3,
    COL_STATUS: 17,
    COL_TREND: 10,
    COL_ON_PLAN: 6.5,
    COL_CHALLENGES: 6.5,
    COL_STALLED: 6.5,
    COL_TASK_NA: 6.5,
    COL_NOTES: 32,
    COL_DIGEST: 0,  # hidden: machine data for the locked-quarter check, not for print
}

TITLE = CellStyle(bold=True, size=14)
LABEL = CellStyle(bold=True)
TEXT = CellStyle(wrap=True)
HEAD = CellStyle(
    fill=HEADER_FILL, bold=True, wrap=True, horizontal="center", vertical="center", border="thin"
)
BODY = CellStyle(wrap=True, border="thin")
MUTED_SMALL = CellStyle(size=8, font_colour=MUTED, border="thin")

LINE_HEIGHT = 12.75  # points per wrapped line at 10 pt
#: Characters of 10 pt Arial text per unit of column width (a unit is one "0" of the
#: workbook's default font); measured on the LibreOffice render, a little low on purpose:
#: a row one line too tall is better than a clipped line.
CHARS_PER_WIDTH = 1.25
#: Row height Excel gives a row without its own height (Calibri 11 "Normal" style).
DEFAULT_ROW_HEIGHT = 15.0
#: Sheet points that fit on one A4 landscape page at the fit-to-width scale of this
#: layout (~0.76: 842 pt minus margins over ~1 030 pt of columns; 523 pt / 0.76 ≈ 690).
#: The row heights are generous estimates, so this is the measured page, not less:
#: on the 004 example the header and the first theme (694 estimated) print on page 1.
PAGE_HEIGHT = 700.0


def sheet_name(quarter: int, year: int) -> str:
    """The status sheet's name: "Tilanne Q3 2024"."""
    return f"Tilanne Q{quarter} {year}"


@dataclass
class _Grid:
    """Accumulates cells, merges and row heights while the builder walks down."""

    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)

    def put(self, row: int, column: int, value: Scalar, style: CellStyle = TEXT) -> None:
        self.cells[(row, column)] = Cell(row, column, value, style)

    def merge(
        self,
        row: int,
        first: int,
        last: int,
        value: Scalar,
        style: CellStyle,
        last_row: int | None = None,
    ) -> None:
        self.put(row, first, value, style)
        for column in range(first + 1, last + 1):
            self.put(row, column, None, style)
        self.merges.append((row, first, last_row or row, last))

    def height(self, row: int) -> float:
        return self.heights.get(row, DEFAULT_ROW_HEIGHT)

    def fit(self, row: int, text: str, width: float) -> None:
        """Give ``row`` room for ``text`` wrapped in ``width`` characters.

        Neither Excel nor LibreOffice grows a row for wrapped text in merged
        cells, so the builder estimates the line count itself.
        """
        per_line = max(width * CHARS_PER_WIDTH - 1, 1)
        lines = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        self.heights[row] = max(self.heights.get(row, LINE_HEIGHT), lines * LINE_HEIGHT + 2)


def build_sheet(inputs: StatusInputs, generated_at: datetime) -> SheetDescription:
    """The status sheet for ``inputs.quarter``; ``generated_at`` goes in the header only."""
    statuses = goal_statuses(inputs)
    grid = _Grid()
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
    organisation = roll_up("Koko organisaatio", statuses, inputs.rules)
    row = _roll_up_row(grid, row, organisation, statuses, ORG_FILL)
    sections[-1] = (sections[-1][0], row - 1)
    legend_start = row + 1
    row = _legend(grid, legend_start, inputs)
    sections.append((legend_start, row - 1))
    charts = _charts(grid, row + 1, statuses, inputs)
    breaks = _page_breaks(grid, sections)
    if charts:
        breaks.append(row)

    return SheetDescription(
        name=sheet_name(inputs.quarter, inputs.year),
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
        checksum=inputs.checksum(),
    )


def _page_breaks(grid: _Grid, sections: Sequence[tuple[int, int]]) -> list[int]:
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


def _header(grid: _Grid, inputs: StatusInputs, generated_at: datetime) -> int:
    q, year = inputs.quarter, inputs.year
    title = f"Tavoitteiden tilannekatsaus {sheet_name(q, year)[len('Tilanne ') :]}"
    grid.merge(1, 1, COL_NOTES, title, TITLE)
    grid.heights[1] = 20
    rules = inputs.rules
    scheme = rules.scheme
    lines: list[tuple[str, str]] = [
        ("Organisaatio", inputs.organisation or "(organisaatio puuttuu)"),
        ("Vuosineljännes", f"Q{q} {year} ({_quarter_span(q, year)})"),
        ("Luotu", generated_at.strftime("%d.%m.%Y klo %H.%M")),
        ("Syötteiden tarkiste (SHA-256)", inputs.checksum()),
        ("Tila-asteikko", _scheme_text(scheme) + _default(rules, "scheme")),
        ("Koontitapa", f"{ROLLUP_NAMES_FI[rules.rollup]}" + _default(rules, "rollup")),
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
    bands = " · ".join(f"{b.symbol} {b.label_fi} {b.describe()}" for b in reversed(scheme.bands))
    return f"{scheme.name}: {bands}"


def _default(rules: object, setting: str) -> str:
    defaults = getattr(rules, "defaults", ())
    return " (oletus: sääntövälilehdellä ei asetusta)" if setting in defaults else ""


# ---------------------------------------------------------------- table


def _table_head(grid: _Grid, row: int, inputs: StatusInputs) -> int:
    top, second = row, row + 1
    spans: list[tuple[int, int, str]] = [
        (COL_KEY, COL_KEY, "Nro"),
        (COL_GOAL, COL_GOAL, "Tavoite"),
        (COL_KPI, COL_KPI, "Mittari (KPI)"),
        (COL_TARGET, COL_TARGET, "Tavoitearvo"),
        (COL_STATUS, COL_STATUS, f"Tila Q{inputs.quarter}"),
        (
            COL_TREND,
            COL_TREND,
            f"Trendi Q{inputs.quarter - 1}→Q{inputs.quarter}" if inputs.quarter > 1 else "Trendi",
        ),
        (COL_NOTES, COL_NOTES, "Peruste ja huomiot"),
        (COL_DIGEST, COL_DIGEST, "Syötetarkiste"),
    ]
    for first, last, text in spans:
        grid.merge(top, first, last, text, HEAD, last_row=second)
        grid.put(second, first, None, HEAD)
    for q in QUARTERS:
        grid.merge(top, COL_Q[q], COL_Q[q] + 1, f"Q{q} {inputs.year}", HEAD)
        grid.put(second, COL_Q[q], "Arvo", HEAD)
        grid.put(second, COL_Q[q] + 1, "Tila", HEAD)
    grid.merge(top, COL_ON_PLAN, COL_TASK_NA, "Päätehtävät (kpl)", HEAD)
    for column, state_colour, text in (
        (COL_ON_PLAN, "green", "Suunni-\ntellusti"),
        (COL_CHALLENGES, "yellow", "Haas-\nteita"),
        (COL_STALLED, "red", "Ei\netene"),
    ):
        symbol = TASK_SYMBOLS[state_colour]
        grid.put(second, column, f"{symbol} {text}", HEAD)
    grid.put(second, COL_TASK_NA, "Ei arvioi-\ntavissa", HEAD)
    grid.heights[second] = 3 * LINE_HEIGHT
    return second + 1


TASK_SYMBOLS = {"green": "●", "yellow": "▲", "red": "■"}


def _themes(statuses: Sequence[GoalStatus]) -> list[tuple[str, list[GoalStatus]]]:
    """Goals grouped by theme, themes in order of first appearance."""
    groups: dict[str, list[GoalStatus]] = {}
    for status in statuses:
        groups.setdefault(status.goal.theme or "(teema puuttuu)", []).append(status)
    return list(groups.items())


def _roll_up_row(
    grid: _Grid, row: int, result: RollUp, members: Sequence[GoalStatus], fill: str
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
    note = f"Koonti: {result.assessment.reason}; {result.coverage}"
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
    grid: _Grid,
    row: int,
    status: GoalStatus,
    inputs: StatusInputs,
    digests: Mapping[str, str],
    first_of_goal: bool = True,
) -> int:
    """One goal/KPI row; a goal's task counts go on its first KPI row only."""
    goal = status.goal
    grid.put(row, COL_KEY, goal.key, replace(BODY, horizontal="center"))
    title, kpi = _short(goal.title, 150), _short(goal.kpi, 90) or "–"
    grid.put(row, COL_GOAL, title, BODY)
    grid.put(row, COL_KPI, kpi, BODY)
    target = f"{goal.target} ({goal.target_source})" if goal.target_source else goal.target
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
        grid.put(row, column, value, replace(value_style, fill=_fill(outcome)))
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
        parts.append(f"Trendi {status.trend.text} ({status.trend.reason})")
    reasons: dict[str, list[str]] = {}  # one line per reason, not per quarter
    for quarter in status.quarters[: inputs.quarter - 1]:
        outcome = quarter.assessment
        if outcome is not None and outcome.state == "not_assessable":
            reasons.setdefault(outcome.reason, []).append(f"Q{quarter.quarter}")
    for reason, quarters in reasons.items():
        parts.append(f"{', '.join(quarters)} {NOT_ASSESSABLE_LABEL.lower()}: {reason}")
    if not first_of_goal:
        parts.append(f"Päätehtävät: ks. tavoitteen {status.goal.task_key} ensimmäinen rivi")
        return "\n".join(parts)
    if not status.tasks.outcomes:
        parts.append("Ei päätehtäviä")
    for task in status.tasks.unassessed:
        parts.append(f"Päätehtävä ei arvioitavissa: {task.task.name} ({task.reason})")
    return "\n".join(parts)


def _current_reason(status: GoalStatus, quarter: int) -> str:
    current = status.current
    if current.band is None:
        label = PENDING_LABEL if current.state == "pending" else NOT_ASSESSABLE_LABEL
        return f"{label}: {current.reason}"
    if status.basis == "tasks":
        return f"Ei tavoitearvoa; arvioitu {current.reason}"
    value = status.quarters[quarter - 1].value
    shown = format_value(value, status.unit) if value is not None else "–"
    score = f"{current.score * 100:.0f} %" if current.score is not None else "–"
    return f"Q{quarter} {shown}, tavoite {status.goal.target}: toteutumisaste {score}"


# ---------------------------------------------------------------- statuses


def symbol(outcome: Assessment) -> str:
    if outcome.band is not None:
        return outcome.band.symbol
    return PENDING_SYMBOL if outcome.state == "pending" else NOT_ASSESSABLE_SYMBOL


def status_text(outcome: Assessment) -> str:
    """Symbol and label in one cell: "● Toteutui", "○ Valmistuu myöhemmin"."""
    return f"{symbol(outcome)} {outcome.label()}"


def _fill(outcome: Assessment) -> str:
    if outcome.band is not None:
        return outcome.band.colour
    return PENDING_FILL if outcome.state == "pending" else NOT_ASSESSABLE_FILL


def status_style(outcome: Assessment, bold: bool = False) -> CellStyle:
    return replace(
        BODY,
        fill=_fill(outcome),
        bold=bold,
        italic=outcome.band is None and outcome.state != "pending",
    )


#: Finnish locale tag: LibreOffice (and the PDF) then print "72,1", not "72.1";
#: Excel shows numbers in the user's own locale either way.
LOCALE = "[$-40B]"


def value_format(status: GoalStatus) -> str:
    """Number format of a goal's values: the workbook's own, else derived from the unit."""
    own = status.goal.number_format
    if own and own != "General":
        return own if own.startswith("[") else LOCALE + own
    if status.unit == "%":
        return f"{LOCALE}0 %"
    values = [q.value for q in status.quarters if q.value is not None]
    digits = "0" if values and all(float(v).is_integer() for v in values) else "0.0"
    unit = f' "{status.unit}"' if status.unit else ""
    return f"{LOCALE}{digits}{unit}"


def format_value(value: float, unit: str) -> str:
    if unit == "%":
        return format_fi(value, 0, "%")
    return format_fi(value, 0 if float(value).is_integer() else 1, unit)


# ---------------------------------------------------------------- legend


def _legend(grid: _Grid, row: int, inputs: StatusInputs) -> int:
    rules = inputs.rules
    grid.merge(row, COL_KEY, COL_NOTES, "Säännöt ja merkinnät", replace(LABEL, size=11))
    row += 1
    tolerance = f"{rules.trend_tolerance * 100:g} %"
    task_states = " · ".join(
        f"{TASK_SYMBOLS[s.colour]} {s.label_fi}" for s in TASK_STATES.statuses if s.colour
    )
    lines = [
        (
            "Arviointitapa",
            f"Mittarin arvo verrataan tavoitearvoon: toteutumisaste = toteuma / tavoite "
            f"(kun pienempi on parempi: tavoite / toteuma), luokiteltuna tila-asteikolla "
            f"(menetelmä: {rules.method}{_default(rules, 'method')}). Jos tavoitteella ei ole "
            f"mittariarvoja, tila arvioidaan päätehtävien keskimääräisestä Tilanne-prosentista "
            f"samalla asteikolla.",
        ),
        (
            "Trendi",
            f"Nuoli kertoo, parantuiko vai heikkenikö tilanne edellisestä neljänneksestä "
            f"tavoitteen suuntaan nähden (ei ylös/alas): ↗ parempi, ↘ heikompi, → ennallaan "
            f"(muutos enintään {tolerance} tavoitearvosta{_default(rules, 'trend_tolerance')}).",
        ),
        (
            "Päätehtävät",
            task_rule_text(rules.task_scheme)
            + _default(rules, "task_scheme")
            + f". Merkit: {task_states}.",
        ),
        (
            "Merkit",
            " · ".join(
                f"{b.symbol} {b.label_fi} ({_colour_fi(b.key)})"
                for b in reversed(rules.scheme.bands)
            )
            + f" · {PENDING_SYMBOL} {PENDING_LABEL} (harmaa: arvo puuttuu, syy Peruste-sarakkeessa)"
            + f" · {NOT_ASSESSABLE_SYMBOL} {NOT_ASSESSABLE_LABEL} (valkoinen, kursiivi: syy "
            "Peruste-sarakkeessa). Odottavat ja ei-arvioitavat eivät ole mukana koonneissa.",
        ),
        (
            "Lukitus",
            "Välilehti on suojattu ja lukittu: myöhemmän neljänneksen luonti ei muuta sitä. "
            "Syötetarkiste (SHA-256) lasketaan syötteistä, joista välilehti on tehty; "
            "xlsrc validate ilmoittaa, jos lukitun neljänneksen syötteet muuttuvat.",
        ),
    ]
    for label, text in lines:
        grid.merge(row, COL_KEY, COL_GOAL, label, LABEL)
        grid.merge(row, COL_KPI, COL_NOTES, text, TEXT)
        grid.fit(row, text, sum(WIDTHS[c] for c in range(COL_KPI, COL_NOTES + 1)))
        row += 1
    return row


def _colour_fi(key: str) -> str:
    return {"green": "vihreä", "yellow": "keltainen", "red": "punainen"}[key]


# ---------------------------------------------------------------- charts


def _charts(
    grid: _Grid, row: int, statuses: Sequence[GoalStatus], inputs: StatusInputs
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
        row, COL_KEY, COL_NOTES, "Mittariarvot Q1–Q4 (kaavioiden tiedot)", replace(LABEL, size=11)
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
            _short(status.goal.kpi or status.goal.title, 120),
            replace(HEAD, horizontal="left"),
        )
        grid.put(head, CHART_NAMES, None, HEAD)
        for q in QUARTERS:
            grid.put(head, CHART_Q[q], f"Q{q}", HEAD)
        lines = ((actual, "Toteuma"), (target, f"Tavoite {status.goal.target}"))
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
                title=f"{status.goal.key}: {_short(status.goal.kpi or status.goal.title, 48)}",
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


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
