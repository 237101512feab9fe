"""Typed inputs of a quarterly status sheet and their checksum.

The sheet is built from three tables of the goal-tracking workbook (goals
with their KPI quarterly values, main tasks, the rules sheet) plus the
organisation and the quarter.  Everything the sheet shows follows from a
:class:`StatusInputs`; its :meth:`StatusInputs.checksum` is the SHA-256 of a
canonical serialisation of exactly those inputs, so a locked quarter can later
be re-read from the workbook and compared: same checksum, same sheet.

Canonical form (why each choice):
* numbers are floats (xlwings reads every number as float, openpyxl reads
  ``46`` as int; the checksum must not depend on the reader);
* strings are NFC-normalised and stripped (an editor re-saving "ä" as
  decomposed characters is not a change of content);
* goals are sorted by key and tasks by (goal, name, responsible, description):
  moving rows around is not a change of input;
* values of quarters after the sheet's quarter are dropped: a Q3 sheet does
  not depend on the Q4 column, so filling Q4 never "changes" Q3;
* cell locations (``source``) are left out for the same reason as row order,
  and so are number formats (presentation; Excel may rewrite a format code).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from xlsrc.core.errors import UnusableInput
from xlsrc.core.schemes import StatusScheme
from xlsrc.core.text import Language, Msg
from xlsrc.core.words import Method, RollUp

CellValue = float | str | bool | None
Quarter = Literal[1, 2, 3, 4]

QUARTERS: tuple[Quarter, ...] = (1, 2, 3, 4)

#: Version of the canonical form; bump it when the form changes so an old
#: checksum is recognisably "other format", not "inputs changed".
CANONICAL_VERSION = 1


@dataclass(frozen=True)
class Goal:
    """One goal row: a goal, its KPI, target and KPI values for Q1..Q4."""

    key: str
    theme: str
    title: str
    kpi: str = ""
    target: str = ""
    values: tuple[CellValue, CellValue, CellValue, CellValue] = (None, None, None, None)
    baseline: CellValue = None
    method: Method | None = None
    weight: float | None = None
    responsible: str = ""
    source: str = field(default="", compare=False)
    """Where the row is ("Tavoitteet!A7"), for located messages; not an input."""
    goal_id: str = ""
    """The goal the row's tasks belong to; a goal with several KPI series has
    several rows ("G02.1", "G02.2") sharing one ``goal_id`` ("G02")."""
    number_format: str = field(default="", compare=False)
    """How the workbook formats the KPI values ("0.0 \"min\""); display only,
    not an input: Excel may normalise a format code without anyone changing it."""
    target_source: str = field(default="", compare=False)
    """Where ``target`` came from when it is not the KPI table's own: "tavoitteen
    tekstistä" for a level the goal states in its words (display only; the
    target itself is an input and in the checksum)."""

    def value(self, quarter: int) -> CellValue:
        return self.values[quarter - 1]

    @property
    def task_key(self) -> str:
        return self.goal_id or self.key


@dataclass(frozen=True)
class Task:
    """One main task (päätehtävä) of a goal with its progress ("Tilanne")."""

    goal_key: str
    name: str
    responsible: str = ""
    description: str = ""
    progress: CellValue = None
    """The task's progress as written: 0.5, "50 %", "Ei mittaria", "alle 10%"."""
    quarterly: tuple[CellValue, CellValue, CellValue, CellValue] | None = None
    """Progress per quarter when the workbook tracks it; overrides ``progress``."""
    state: str | None = None
    """An explicit state word (TASK_STATES) when the workbook records one."""
    source: str = field(default="", compare=False)

    def progress_at(self, quarter: int) -> CellValue:
        if self.quarterly is not None:
            return self.quarterly[quarter - 1]
        return self.progress


@dataclass(frozen=True)
class Rules:
    """What the rules sheet says: scheme, roll-up, trend tolerance, defaults.

    ``defaults`` names the settings the rules sheet did not give, so the sheet
    can print "(oletus)" next to them: a rule nobody chose is visible as such.
    """

    scheme: StatusScheme
    task_scheme: StatusScheme
    rollup: RollUp = "worst"
    trend_tolerance: float = 0.02
    method: Method = "ratio"
    defaults: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusInputs:
    """Everything one status sheet is built from."""

    organisation: str
    year: int
    quarter: Quarter
    goals: tuple[Goal, ...]
    tasks: tuple[Task, ...]
    rules: Rules
    #: The language the sheet is written in (the workbook's "Kieli"); not an input of
    #: the assessment, so it is left out of the checksum.
    language: Language = "fi"

    def tasks_of(self, goal: Goal) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.goal_key == goal.task_key)

    def as_of(self, quarter: Quarter) -> StatusInputs:
        """The same inputs seen from ``quarter``: later quarters' values dropped."""
        return replace(
            self,
            quarter=quarter,
            goals=tuple(_goal_as_of(g, quarter) for g in self.goals),
            tasks=tuple(_task_as_of(t, quarter) for t in self.tasks),
        )

    def canonical(self) -> dict[str, object]:
        trimmed = self.as_of(self.quarter)
        return {
            "version": CANONICAL_VERSION,
            "organisation": _text(self.organisation),
            "year": self.year,
            "quarter": self.quarter,
            "rules": canonical_rules(self.rules),
            "goals": [canonical_goal(g, trimmed.tasks_of(g)) for g in _sorted(trimmed.goals)],
        }

    def checksum(self) -> str:
        return digest(self.canonical())

    def goal_digests(self) -> dict[str, str]:
        """A short digest per goal (its row, KPI values and tasks), to say *which* changed."""
        trimmed = self.as_of(self.quarter)
        return {g.key: digest(canonical_goal(g, trimmed.tasks_of(g)))[:16] for g in trimmed.goals}

    def rules_digest(self) -> str:
        return digest(canonical_rules(self.rules))[:16]


def digest(obj: object) -> str:
    """SHA-256 (hex) of the canonical JSON of ``obj``."""
    text = json.dumps(
        obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_goal(goal: Goal, tasks: Sequence[Task]) -> dict[str, object]:
    return {
        "key": _text(goal.key),
        "goal_id": _text(goal.task_key),
        "theme": _text(goal.theme),
        "title": _text(goal.title),
        "kpi": _text(goal.kpi),
        "target": _text(goal.target),
        "values": [_cell(v) for v in goal.values],
        "baseline": _cell(goal.baseline),
        "method": goal.method,
        "weight": None if goal.weight is None else float(goal.weight),
        "responsible": _text(goal.responsible),
        "tasks": sorted(
            (canonical_task(t) for t in tasks),
            key=lambda t: json.dumps(t, sort_keys=True, ensure_ascii=False),
        ),
    }


def canonical_task(task: Task) -> dict[str, object]:
    return {
        "name": _text(task.name),
        "responsible": _text(task.responsible),
        "description": _text(task.description),
        "progress": _cell(task.progress),
        "quarterly": None if task.quarterly is None else [_cell(v) for v in task.quarterly],
        "state": None if task.state is None else _text(task.state),
    }


def canonical_rules(rules: Rules) -> dict[str, object]:
    return {
        "scheme": _scheme(rules.scheme),
        "task_scheme": _scheme(rules.task_scheme),
        "rollup": rules.rollup,
        "trend_tolerance": float(rules.trend_tolerance),
        "method": rules.method,
    }


def _scheme(scheme: StatusScheme) -> list[object]:
    # Bands only: the scheme's id and display name are not part of the rule, and the
    # words are always the Finnish ones, so the sheet's language does not change its checksum.
    return [[_cell(c) for c in row] for row in scheme.to_rows("fi")]  # language-neutral


def _goal_as_of(goal: Goal, quarter: int) -> Goal:
    values = tuple(v if q <= quarter else None for q, v in zip(QUARTERS, goal.values, strict=True))
    return replace(goal, values=values)  # type: ignore[arg-type]


def _task_as_of(task: Task, quarter: int) -> Task:
    if task.quarterly is None:
        return task
    quarterly = tuple(
        v if q <= quarter else None for q, v in zip(QUARTERS, task.quarterly, strict=True)
    )
    return replace(task, quarterly=quarterly)  # type: ignore[arg-type]


def _sorted(goals: Sequence[Goal]) -> list[Goal]:
    return sorted(goals, key=lambda g: _natural(g.key))


def _natural(key: str) -> tuple[object, ...]:
    """Sort "2" before "10" and "T2" before "T10"."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key))


def _text(value: object) -> str:
    return unicodedata.normalize("NFC", str(value if value is not None else "")).strip()


def _cell(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    text = _text(value)
    return text if text else None


def parse_quarter(text: str | int) -> Quarter:
    raw = str(text).strip().upper().lstrip("Q")
    if raw not in ("1", "2", "3", "4"):
        raise UnusableInput(Msg("vuosineljännes {quarter!r}: anna Q1, Q2, Q3 tai Q4", quarter=text))
    quarter = int(raw)
    assert quarter in (1, 2, 3, 4)
    return quarter  # type: ignore[return-value]
