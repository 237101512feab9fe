"""The roll-up ``xlsrc collect`` writes (yhteenveto.xlsx): every stated number against its data.

Families are the consolidation layout's table keys
(:mod:`xlsrc.workbooks.layouts.consolidation`).  Checked, exactly (the inputs
are the units' own numbers, nothing is rounded):

* each pivot cell = the collected measures of its programme key, status (and
  group); an empty cell with measures, or a number without any, is a finding;
* each budget line = the collected lines of its group, area and line, per
  TB year; its Muutos €/% follow from its TB values by the result budget's
  rules (:mod:`.budget`);
* each goal count = the number of collected KPI states of its group, quarter
  and state.

Groups and areas are matched as the workbook's SUMIFS criteria match them:
ignoring case and spacing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from xlsrc.core.budget import line_kind
from xlsrc.core.errors import UnknownLineKind
from xlsrc.core.text import Msg, renderings
from xlsrc.reading.locate import norm
from xlsrc.validation.equations import Equation
from xlsrc.validation.model import Row, Table
from xlsrc.validation.rules.base import Checks, direct
from xlsrc.validation.rules.budget import Block, _changes
from xlsrc.workbooks.layouts.consolidation import STATE_LABELS, STATUS_KEYS


def cross_checks(tables: Mapping[str, Table]) -> Checks:
    result = Checks()
    measures, lines, states = (tables.get(k) for k in ("measures", "budget_lines", "kpi_statuses"))
    if measures is not None:
        for family, by_group in (("pivot", False), ("group_pivot", True)):
            if family in tables:
                _pivot(tables[family], measures, by_group, result)
    if lines is not None:
        for family, keys in (("budget", ("group", "area")), ("budget_groups", ("group",)),
                             ("budget_all", ())):  # fmt: skip
            if family in tables:
                _budget(tables[family], lines, keys, result)
    if states is not None and "goal_counts" in tables:
        _counts(tables["goal_counts"], states, result)
    return result


def _key(row: Row, keys: Sequence[str]) -> tuple[str, ...]:
    return tuple(norm(row.text(k)) for k in keys)


def _index(table: Table, keys: Sequence[str]) -> dict[tuple[str, ...], list[Row]]:
    found: dict[tuple[str, ...], list[Row]] = {}
    for row in table:
        found.setdefault(_key(row, keys), []).append(row)
    return found


def _pivot(pivot: Table, measures: Table, by_group: bool, result: Checks) -> None:
    """Every pivot cell of a roll-up = the sum of its measures, per status and in total.

    The measures are indexed once by their key (and group); the loop then adds
    one equation per pivot cell, so a consolidated pivot is checked the way a
    unit's own pivot is, and its findings land at the roll-up's own cells.
    """
    keys = ("group", "key") if by_group else ("key",)
    by_key = _index(measures, keys)
    for row in pivot:
        mine = by_key.get(_key(row, keys), [])
        for column, status in (*STATUS_KEYS, ("total", None)):
            cell = row.cell(column)
            if cell is None:
                continue
            parts = [m for m in mine if status is None or norm(m.text("status")) == norm(status)]
            amounts = [m.cell("target_sum") for m in parts]
            if cell.is_blank:
                if parts:
                    result.findings.append(
                        direct(cell.at, "rollup_empty", None, None,
                               Msg("Solu on tyhjä, mutta koonnissa on {count} toimenpidettä "
                                   "({header}, {programme})", count=len(parts),
                                   header=pivot.header(column),
                                   programme=row.text("programme")))
                    )  # fmt: skip
                continue
            if not parts:
                result.findings.append(
                    direct(cell.at, "rollup_no_rows", cell.number, None,
                           Msg("Solussa on luku, mutta koonnissa ei ole yhtään toimenpidettä "
                               "({header}, {programme})", header=pivot.header(column),
                               programme=row.text("programme")))
                )  # fmt: skip
                continue
            result.equations.append(
                Equation(
                    cell.at,
                    tuple((1.0, a.at) for a in amounts if a is not None),
                    "rollup_sum",
                    Msg(
                        "{header} = koottujen toimenpiteiden tavoitesummat ({programme})",
                        header=pivot.header(column),
                        programme=row.text("programme"),
                    ),
                    0.0,
                )
            )


def _budget(table: Table, lines: Table, keys: tuple[str, ...], result: Checks) -> None:
    by_key = _index(lines, (*keys, "line"))
    for row in table:
        mine = by_key.get(_key(row, (*keys, "line")), [])
        for year in ("tb2023", "tb2024"):
            cell = row.cell(year)
            if cell is None:
                continue
            result.equations.append(
                Equation(
                    cell.at,
                    tuple((1.0, c.at) for b in mine if (c := b.cell(year)) is not None),
                    "rollup_sum",
                    Msg(
                        "{header} = koottujen talousrivien summa ({items})",
                        header=table.header(year),
                        items=", ".join(row.text(k) for k in (*keys, "line")),
                    ),
                    0.0,
                )
            )
        try:
            kind = line_kind(row.text("line"))
        except UnknownLineKind:
            continue
        name = " / ".join(row.text(k) for k in keys) or "kaikki"
        _changes(table, Block(name, ""), kind, row, result)


def _counts(table: Table, states: Table, result: Checks) -> None:
    """The per-quarter state counts against the collected states (each state's word read in
    any language, as the roll-up may be written in any)."""
    words = {norm(w): key for key, label in STATE_LABELS.items() for w in renderings(label)}
    counted = Counter(
        (*_key(s, ("group", "quarter")), words.get(norm(s.text("state")), norm(s.text("state"))))
        for s in states
    )
    for row in table:
        for state, source in STATE_LABELS.items():
            cell = row.cell(state)
            if cell is None:
                continue
            label = Msg(source)
            expected = counted[(*_key(row, ("group", "quarter")), state)]
            if cell.number != expected:
                result.findings.append(
                    direct(cell.at, "rollup_count", cell.number, float(expected),
                           Msg("{label}: koonnissa on {expected} mittarin tilaa ({group}, "
                               "{quarter})", label=label, expected=expected,
                               group=row.text("group"), quarter=row.text("quarter")))
                )  # fmt: skip
