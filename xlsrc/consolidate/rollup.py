"""The roll-up's numbers, accumulated one file at a time (pure: no I/O).

Only sums and counts are kept, keyed by group, programme and status, or by
group, service area and line - never the files' rows, which go straight to
the output sheets - so memory grows with the number of distinct keys, not
with the number of files.  Sums are exact (:class:`fractions.Fraction` of
each float) and turned into floats once, at the end: a total is the correctly
rounded sum of its inputs whatever order the files finished in, so the
process pool and Dask give the same bits.

Groups and areas are matched as Excel's SUMIFS matches them (case and spacing
ignored); a key keeps the label of the first input file that used it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from xlsrc.consolidate.model import FileResult
from xlsrc.consolidate.units import group_key
from xlsrc.core.budget import (
    LINE_NAMES,
    change_eur,
    change_pct,
    line_kind,
    percent_rounded,
)
from xlsrc.core.errors import UndefinedRatio
from xlsrc.core.vocab import PROGRAMME_STATUSES
from xlsrc.workbooks.layouts.consolidation import PROGRAMME_FAMILIES

#: Muutos % is printed with one decimal, as Taulukko 5 prints it.
PCT_DECIMALS = 1
LINE_ORDER: tuple[str, ...] = (LINE_NAMES["income"], LINE_NAMES["expense"], LINE_NAMES["margin"])


class _Labels:
    """Key -> the label of the lowest-numbered input that used it."""

    def __init__(self) -> None:
        self._by_key: dict[str, tuple[int, str]] = {}

    def add(self, key: str, index: int, label: str) -> None:
        known = self._by_key.get(key)
        if known is None or index < known[0]:
            self._by_key[key] = (index, label)

    def __getitem__(self, key: str) -> str:
        return self._by_key[key][1]


@dataclass(frozen=True)
class PivotLine:
    group: str
    family: str
    key: str
    programme: str
    cells: tuple[float | None, ...]
    """Per status of the vocabulary, None where no measure has that status."""
    total: float


@dataclass(frozen=True)
class BudgetLine:
    group: str
    area: str
    line: str
    tb2023: float
    tb2024: float

    @property
    def change_eur(self) -> float:
        return change_eur(self.tb2023, self.tb2024, line_kind(self.line))

    @property
    def change_pct(self) -> float | None:
        """Rounded to :data:`PCT_DECIMALS`; None on a zero base (printed "-")."""
        try:
            pct = change_pct(self.tb2023, self.tb2024, line_kind(self.line))
        except UndefinedRatio:
            return None
        return percent_rounded(pct, PCT_DECIMALS)


@dataclass
class Rollup:
    """Everything the summary sheets print, fed one :class:`FileResult` at a time."""

    files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    internal_errors: int = 0
    _groups: _Labels = field(default_factory=_Labels)
    _areas: _Labels = field(default_factory=_Labels)
    _programmes: _Labels = field(default_factory=_Labels)
    _families: dict[str, str] = field(default_factory=dict)
    _pivot: dict[tuple[str, str, str], Fraction] = field(default_factory=dict)
    _budget: dict[tuple[str, str, str], tuple[Fraction, Fraction]] = field(default_factory=dict)
    _states: Counter[tuple[str, int, str]] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        if not result.included:
            self.skipped.append((result.file, result.skipped or ""))
            self.internal_errors += int(result.internal)
            return
        group = group_key(result.group)
        self._groups.add(group, result.index, result.group)
        for m in result.measures:
            self._programmes.add(m.key, result.index, m.programme)
            self._families[m.key] = m.family
            for status in (m.status, ""):  # "" = the row total
                cell = (group, m.key, status)
                self._pivot[cell] = self._pivot.get(cell, Fraction(0)) + Fraction(m.target_sum)
        for b in result.budget:
            area = group_key(b.area)
            self._areas.add(area, result.index, b.area)
            cell = (group, area, b.line)
            old, new = self._budget.get(cell, (Fraction(0), Fraction(0)))
            self._budget[cell] = (old + Fraction(b.tb2023), new + Fraction(b.tb2024))
        for k in result.kpis:
            self._states[(group, k.quarter, k.state)] += 1
        self.rows.update(
            {"measures": len(result.measures), "budget": len(result.budget),
             "kpis": len(result.kpis), "findings": len(result.findings)}
        )  # fmt: skip

    @property
    def included(self) -> int:
        return self.files - len(self.skipped)

    def group_labels(self) -> list[tuple[str, str]]:
        """(key, label) of every group, sorted by label."""
        keys = {k[0] for k in self._pivot} | {k[0] for k in self._budget}
        keys |= {k[0] for k in self._states}
        return sorted(((k, self._groups[k]) for k in keys), key=lambda kl: (kl[1], kl[0]))

    def pivot(self, by_group: bool) -> Iterator[PivotLine]:
        """Pivot rows: per programme key (and group), in family and number order."""
        sums: dict[tuple[str, str, str], Fraction] = {}
        for (group, key, status), amount in self._pivot.items():
            cell = (group if by_group else "", key, status)
            sums[cell] = sums.get(cell, Fraction(0)) + amount
        rows = sorted(
            {(g, k) for g, k, _ in sums}, key=_pivot_order(self._groups if by_group else None)
        )
        for group, key in rows:
            cells = tuple(
                float(sums[(group, key, s.printed)]) if (group, key, s.printed) in sums else None
                for s in PROGRAMME_STATUSES.statuses
            )
            yield PivotLine(
                self._groups[group] if by_group else "",
                self._families[key],
                key,
                self._programmes[key],
                cells,
                float(sums[(group, key, "")]),
            )

    def budget(self, by_group: bool, by_area: bool) -> Iterator[BudgetLine]:
        """Budget lines per (group, area, line), summed over what is not asked for."""
        sums: dict[tuple[str, str, str], tuple[Fraction, Fraction]] = {}
        for (group, area, line), (old, new) in self._budget.items():
            cell = (group if by_group else "", area if by_area else "", line)
            o, n = sums.get(cell, (Fraction(0), Fraction(0)))
            sums[cell] = (o + old, n + new)

        def order(cell: tuple[str, str, str]) -> tuple[str, str, int]:
            group, area, line = cell
            return (
                self._groups[group] if group else "",
                self._areas[area] if area else "",
                LINE_ORDER.index(line),
            )

        for cell in sorted(sums, key=order):
            group, area, line = cell
            old, new = sums[cell]
            yield BudgetLine(
                self._groups[group] if group else "",
                self._areas[area] if area else "",
                line,
                float(old),
                float(new),
            )

    def goal_counts(self) -> Iterator[tuple[str, int, dict[str, int]]]:
        """(group label, quarter, state -> count) for every group and quarter with KPI states."""
        cells = sorted(
            {(g, q) for g, q, _ in self._states}, key=lambda gq: (self._groups[gq[0]], gq[1])
        )
        for group, quarter in cells:
            counts = {
                state: count for (g, q, state), count in self._states.items()
                if g == group and q == quarter
            }  # fmt: skip
            yield self._groups[group], quarter, counts


_FAMILY_ORDER = [prefix for prefix, _ in PROGRAMME_FAMILIES.values()]


def _pivot_order(groups: _Labels | None) -> Callable[[tuple[str, str]], tuple[str, int, int]]:
    """Sort pivot rows by group label, then family (savings first), then programme number."""

    def order(cell: tuple[str, str]) -> tuple[str, int, int]:
        group, key = cell
        family, _, number = key.partition("-")
        return (
            groups[group] if groups is not None else "",
            _FAMILY_ORDER.index(family),
            int(number),
        )

    return order
