"""What the status sheet says about each goal: pure decisions, no layout.

Per goal and quarter the KPI value is compared with the target by the core
(:func:`xlsrc.core.targets.assess`) under the rules sheet's scheme.  Goals
without KPI values are assessed through their main tasks, as the 004 report
does ("Mikäli mittari tai tavoite eivät ole suoraan mitattavissa, on etenemää
arvioitu päätehtävien toteutumisen kautta"): the mean progress of the tasks
that have a number, banded by the same scheme.

Decisions:
* The current status is the sheet quarter's own; a missing value is
  *pending* with its reason, never the previous quarter's colour.
* Pending and not-assessable never carry a band, so they can never be green;
  roll-ups leave them out and print how many were left out and why.
* Trend compares the sheet quarter with the one before, oriented by the
  target's direction ("lower is better" turns a fall into "parempi") and with
  a tolerance relative to the target value: a change within it is "ennallaan".
* A task's state is its explicit state word when the workbook has one,
  otherwise its progress banded by the task scheme of the rules sheet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from xlsrc.core.errors import InvalidTarget, OutOfRange, UnknownStatus
from xlsrc.core.numbers import Blank, Number, Reading, read_cell
from xlsrc.core.schemes import Band, StatusScheme
from xlsrc.core.targets import Assessment, Target, assess, parse_target
from xlsrc.core.text import N_, Msg, format_number, text_in, tr, translate
from xlsrc.core.vocab import TASK_STATES, Status
from xlsrc.status_sheet.model import QUARTERS, CellValue, Goal, Rules, StatusInputs, Task

Basis = Literal["kpi", "tasks", "none"]
TrendKind = Literal["better", "worse", "same", "none"]

#: How each roll-up method is described on the sheet (catalogue texts, shown translated).
ROLLUP_NAMES: dict[str, str] = {
    "worst": N_("huonoin (heikoin tila ratkaisee)"),
    "mean": N_("keskiarvo (pisteiden keskiarvo asteikolla)"),
    "weighted": N_("painotettu keskiarvo (Paino-sarake, puuttuva paino = 1)"),
}
#: The trend arrows and their words, by kind (catalogue texts).
TREND_TEXTS: dict[str, str] = {
    "better": N_("↗ parempi"),
    "worse": N_("↘ heikompi"),
    "same": N_("→ ennallaan"),
    "none": "–",
}


@dataclass(frozen=True)
class QuarterStatus:
    """One quarter of a goal: its value (if numeric) and its assessment.

    ``assessment`` is None for quarters after the sheet's quarter (not yet due).
    """

    quarter: int
    raw: CellValue
    value: float | None
    assessment: Assessment | None


@dataclass(frozen=True)
class Trend:
    kind: TrendKind
    delta: float | None
    reason: str

    @property
    def text(self) -> str:
        return translate(TREND_TEXTS[self.kind])


@dataclass(frozen=True)
class TaskOutcome:
    """A task's state (None: not assessable, see ``reason``) and its progress number."""

    task: Task
    status: Status | None
    reason: str
    progress: float | None = None


@dataclass(frozen=True)
class TaskSummary:
    outcomes: tuple[TaskOutcome, ...]

    def count(self, colour: str) -> int:
        return sum(1 for o in self.outcomes if o.status is not None and o.status.colour == colour)

    @property
    def on_plan(self) -> int:
        return self.count("green")

    @property
    def challenges(self) -> int:
        return self.count("yellow")

    @property
    def stalled(self) -> int:
        return self.count("red")

    @property
    def unassessed(self) -> tuple[TaskOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status is None)


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    basis: Basis
    unit: str
    quarters: tuple[QuarterStatus, ...]
    current: Assessment
    trend: Trend
    tasks: TaskSummary


@dataclass(frozen=True)
class RollUp:
    """A theme's or the organisation's roll-up over its goals' current statuses."""

    name: str
    assessment: Assessment
    total: int
    assessed: int
    pending: int
    not_assessable: int

    @property
    def coverage(self) -> str:
        left = []
        if self.pending:
            left.append(tr("{count} odottaa", count=self.pending))
        if self.not_assessable:
            left.append(tr("{count} ei arvioitavissa", count=self.not_assessable))
        extra = f" ({', '.join(left)})" if left else ""
        return tr("{assessed}/{total} arvioitu", assessed=self.assessed, total=self.total) + extra


def goal_statuses(inputs: StatusInputs) -> tuple[GoalStatus, ...]:
    return tuple(
        goal_status(g, inputs.tasks_of(g), inputs.quarter, inputs.rules) for g in inputs.goals
    )


def goal_status(goal: Goal, tasks: Sequence[Task], quarter: int, rules: Rules) -> GoalStatus:
    """A goal row's statuses.

    A row with a target text is a KPI row: its quarters are assessed against the
    target (an unreadable target is *not assessable*, so the user sees why).  A
    row without a target is assessed through its tasks; its KPI values, if any,
    are shown without a status.
    """
    summary = summarise_tasks(tasks, quarter, rules.task_scheme)
    numbers = [_number(goal.value(q)) for q in QUARTERS]
    target = target_of(goal)
    unit = _unit(goal, target)
    method = goal.method or rules.method
    has_kpi = bool(goal.target.strip()) and (
        not goal.target_source or any(n is not None for n in numbers[:quarter])
    )

    quarters: list[QuarterStatus] = []
    for q, number in zip(QUARTERS, numbers, strict=True):
        raw = goal.value(q)
        outcome = None
        if q <= quarter and has_kpi:
            outcome = _explained(
                assess(_reading(raw), goal.target, method, rules.scheme, goal.baseline),
                goal.target,
            )
        quarters.append(QuarterStatus(q, raw, number, outcome))

    if has_kpi:
        basis: Basis = "kpi"
        current = quarters[quarter - 1].assessment
        assert current is not None
        if current.state == "pending":
            current = Assessment("pending", None, None, Msg("Q{quarter} {reason}", quarter=quarter,
                                                            reason=current.reason))  # fmt: skip
        trend = trend_of(numbers, quarter, target, rules.trend_tolerance)
    else:
        basis, current = _from_tasks(summary, rules.scheme)
        trend = Trend("none", None, tr("ei tavoitearvoa"))
    return GoalStatus(goal, basis, unit, tuple(quarters), current, trend, summary)


def summarise_tasks(tasks: Sequence[Task], quarter: int, scheme: StatusScheme) -> TaskSummary:
    return TaskSummary(tuple(task_outcome(t, quarter, scheme) for t in tasks))


def task_outcome(task: Task, quarter: int, scheme: StatusScheme) -> TaskOutcome:
    raw = task.progress_at(quarter)
    progress = _number(raw)
    if task.state is not None and str(task.state).strip():
        try:
            return TaskOutcome(task, TASK_STATES.parse(task.state), tr("tila merkitty"), progress)
        except UnknownStatus as error:
            return TaskOutcome(task, None, str(error), progress)
    if progress is None:
        reading = _reading(raw)
        why = (
            tr("tilanne puuttuu")
            if isinstance(reading, Blank)
            else f"{str(raw).strip()}: {getattr(reading, 'reason', None) or tr('ei luku')}"
        )
        return TaskOutcome(task, None, why)
    try:
        band = scheme.classify(progress)
    except OutOfRange as error:
        return TaskOutcome(task, None, str(error), progress)
    why = tr("tilanne {progress}", progress=_pct(progress))
    return TaskOutcome(task, TASK_STATES.by_colour(band.key), why, progress)


def task_rule_text(scheme: StatusScheme) -> str:
    """The task rule as printed on the sheet, highest band first."""
    parts = [
        f"{band.describe()} → {TASK_STATES.by_colour(band.key).label_in()}"
        for band in reversed(scheme.bands)
    ]
    return tr(
        "Päätehtävän tila Tilanne-prosentista ({scheme}): ", scheme=text_in(scheme.name)
    ) + "; ".join(parts)


def trend_of(
    numbers: Sequence[float | None], quarter: int, target: Target | None, tolerance: float
) -> Trend:
    if quarter <= 1:
        return Trend("none", None, tr("ei edellistä neljännestä"))
    now, before = numbers[quarter - 1], numbers[quarter - 2]
    if now is None or before is None:
        return Trend("none", None, tr("Q{before} tai Q{now} arvo puuttuu", before=quarter - 1,
                                      now=quarter))  # fmt: skip
    if target is None:
        return Trend("none", None, tr("tavoitteen suunta ei tiedossa"))
    sign = 1.0 if target.direction == "higher" else -1.0
    delta = (now - before) * sign
    reference = abs(target.value) if target.value is not None else abs(before)
    band = tolerance * reference
    # "enintään" includes the bound; isclose keeps 0.46 - 0.45 (= 0.01000…09) on it.
    if abs(delta) <= band or math.isclose(abs(delta), band, rel_tol=1e-9):
        return Trend("same", delta, tr("muutos enintään {tolerance} tavoitearvosta",
                                       tolerance=_pct(tolerance)))  # fmt: skip
    better = tr("suurempi on parempi") if sign > 0 else tr("pienempi on parempi")
    return Trend("better" if delta > 0 else "worse", delta, better)


def roll_up(name: str, statuses: Sequence[GoalStatus], rules: Rules) -> RollUp:
    scheme = rules.scheme
    assessed = [s for s in statuses if s.current.band is not None and s.current.score is not None]
    pending = sum(1 for s in statuses if s.current.state == "pending")
    not_assessable = sum(1 for s in statuses if s.current.state == "not_assessable")
    counts = (len(statuses), len(assessed), pending, not_assessable)
    if not assessed:
        result = Assessment("pending", None, None, Msg("ei yhtään arvioitua tavoitetta"))
        return RollUp(name, result, *counts)
    if rules.rollup == "worst":
        rank = {b.key: i for i, b in enumerate(scheme.bands)}
        worst = min(assessed, key=lambda s: rank[_band(s).key])
        band = scheme.band(_band(worst).key)
        result = Assessment(
            band.key,
            worst.current.score,
            band,
            Msg("huonoin tila ratkaisee ({label}: {key})", label=band.label(), key=worst.goal.key),
        )
        return RollUp(name, result, *counts)
    low, high = scheme.bands[0].lower, scheme.bands[-1].upper
    pairs = [
        (
            1.0 if rules.rollup == "mean" or s.goal.weight is None else float(s.goal.weight),
            min(max(float(s.current.score or 0.0), low), high),
        )
        for s in assessed
    ]
    total_weight = sum(w for w, _ in pairs)
    if total_weight <= 0:
        result = Assessment("not_assessable", None, None, Msg("painojen summa on nolla"))
        return RollUp(name, result, *counts)
    score = sum(w * v for w, v in pairs) / total_weight
    band = scheme.classify(score)
    label = tr("keskiarvo") if rules.rollup == "mean" else tr("painotettu keskiarvo")
    return RollUp(name, Assessment(band.key, score, band, f"{label} {_pct(score)}"), *counts)


def _from_tasks(summary: TaskSummary, scheme: StatusScheme) -> tuple[Basis, Assessment]:
    # a task that is not assessable (120 % is outside the scale, an unknown state word)
    # takes no part in the mean: its number would move the goal's status
    numbers = [o.progress for o in summary.outcomes if o.progress is not None and o.status]
    if not summary.outcomes:
        return "none", Assessment("pending", None, None, Msg("ei mittariarvoja eikä päätehtäviä"))
    if not numbers:
        reason = Msg("ei tavoitearvoa; päätehtävillä ei lukuarvoista tilannetta")
        return "tasks", Assessment("not_assessable", None, None, reason)
    mean = sum(numbers) / len(numbers)
    try:
        band = scheme.classify(min(max(mean, scheme.bands[0].lower), scheme.bands[-1].upper))
    except OutOfRange as error:
        return "tasks", Assessment("not_assessable", None, None, str(error))
    reason = Msg("päätehtävien kautta: keskiarvo {mean} ({count}/{total})", mean=_pct(mean),
                 count=len(numbers), total=len(summary.outcomes))  # fmt: skip
    return "tasks", Assessment(band.key, mean, band, reason)


def _explained(outcome: Assessment, target: str) -> Assessment:
    if outcome.band is None:
        return outcome
    return Assessment(
        outcome.state,
        outcome.score,
        outcome.band,
        Msg("{reason}; tavoite {target}", reason=outcome.reason, target=target),
    )


def _band(status: GoalStatus) -> Band:
    assert status.current.band is not None
    return status.current.band


def target_of(goal: Goal) -> Target | None:
    """The goal's parsed target, or None when it is blank or cannot be read."""
    try:
        return parse_target(goal.target, _number(goal.baseline))
    except InvalidTarget:
        return None


def _unit(goal: Goal, target: Target | None) -> str:
    """The unit values are shown in: "%" when the target is a share, else the values' own."""
    if (target is not None and target.unit == "%") or "%" in goal.number_format:
        return "%"
    unit = re.search(r'"\s*([^"]+?)\s*"', goal.number_format)
    if unit:
        return unit[1]
    for value in goal.values:
        reading = _reading(value)
        if isinstance(reading, Number) and reading.unit:
            return reading.unit
    return target.unit if target is not None else ""


def _reading(value: CellValue) -> Reading:
    """A KPI value or task progress as every path reads a workbook's number cell
    (:func:`read_cell`): a number typed as text is not a number here either."""
    return read_cell(_scalar(value), words=True)


def _number(value: CellValue) -> float | None:
    reading = _reading(value)
    return reading.value if isinstance(reading, Number) else None


def _scalar(value: object) -> str | float | int | bool | None:
    if value is None or isinstance(value, str | float | int | bool):
        return value
    return str(value)


def _pct(value: float) -> str:
    return format_number(value, 0, "%")
