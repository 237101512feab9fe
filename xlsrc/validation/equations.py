"""Stated versus recomputed, with each disagreement placed at the cell that causes it.

A table's arithmetic is a set of checks:

* :class:`Equation` — a *level* identity, linear in stated amounts: a total is
  the sum of its parts, Toimintakate = Tulot + Menot, a combined plan is the
  sum of two plans, a row total is the sum of its years;
* :class:`Derived` — a *computed column*: Muutos €, Muutos %, "X vs Y %"
  ratios, a difference column.  It follows from the levels of its own row.

Why not simply compare every check and report at its target?  Because one
typing slip breaks several identities, and only one cell is wrong.  In seed
002 Taulukko 6 the Sote plan's "Vuotuinen vuokravastuiden muutos" 2025 is
printed 3 576 where the sums around it need 3 567 (two digits transposed): the
column subtotal, the row total and the combined plan all disagree, and none of
their *targets* is the wrong cell.  So :func:`evaluate` works in phases:

1. every level equation on the stated values; those off by more than the
   tolerance fail;
2. *attribution*: a cell that takes part in two or more failing equations, and
   for which one value satisfies all of them (and breaks no equation that
   holds), is reported as the likely wrong cell, with that value — unless
   another cell explains the same failing equations just as well (a measure
   counted twice fits every part of the sum), in which case nobody is blamed;
3. the other failing equations are reported at their target, recomputed from
   the values the inputs should have (an input already found wrong counts with
   its recomputed value, so one error is not reported again downstream);
4. rounding notes: the level equations re-checked with those values, a
   difference within the tolerance being a note;
5. derived columns: compared with the value computed from the row's stated
   numbers *and* from its corrected numbers; if either matches, the cell is
   consistent (a Muutos € that follows from a wrong Toimintakate is the
   Toimintakate's finding, not a second one).

The user's numbers are never changed: corrected values live only here.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from xlsrc.core.checks import Finding, compare_amount, compare_percent, likely_typo
from xlsrc.core.errors import UndefinedRatio
from xlsrc.core.text import Joined, Msg, Num, Text
from xlsrc.validation.findings import CellFinding
from xlsrc.validation.model import Location

Term = tuple[float, Location]
Values = Mapping[Location, float]

#: One unit of the printed amount (1 k€ on tables printed in thousands).
TOLERANCE = 1.0


@dataclass(frozen=True)
class Equation:
    """``target`` = Σ coefficient × term, stated in the table (a sum, an identity)."""

    target: Location
    terms: tuple[Term, ...]
    rule: str
    what: Text
    """Which identity, for whom ("Toimintakate = Tulot + Menot, Vammaistyö, TB 2024")."""
    tolerance: float = TOLERANCE

    def computed(self, values: Values) -> float:
        return math.fsum(coefficient * values[at] for coefficient, at in self.terms)

    def cells(self) -> tuple[Location, ...]:
        return (self.target, *(at for _, at in self.terms))

    def solve_for(self, cell: Location, values: Values) -> float:
        """The value ``cell`` would need for this equation to hold exactly."""
        if cell == self.target:
            return self.computed(values)
        coefficient = math.fsum(c for c, at in self.terms if at == cell)
        rest = math.fsum(c * values[at] for c, at in self.terms if at != cell)
        return (values[self.target] - rest) / coefficient


@dataclass(frozen=True)
class Derived:
    """A computed column: ``target`` = ``formula(inputs)``, compared as amount or per cent.

    ``formula`` raises :class:`UndefinedRatio` where the value has no meaning
    (a per cent on a zero base); a number printed there is a finding.
    """

    target: Location
    inputs: tuple[Location, ...]
    formula: Callable[[Sequence[float]], float]
    rule: str
    what: Text
    kind: Literal["amount", "percent"] = "amount"
    decimals: int = 0
    tolerance: float = TOLERANCE
    undefined_reason: Callable[[Sequence[float]], Text] = field(
        default=lambda values: Msg("arvoa ei voi laskea")
    )


def evaluate(
    equations: Iterable[Equation],
    derived: Iterable[Derived],
    stated: Values,
    blame_inputs: bool = True,
) -> list[CellFinding]:
    """All findings of ``equations`` and ``derived`` over ``stated`` (see the module doc).

    Checks whose target or inputs are not stated numbers are skipped: a blank
    or unreadable cell is the input rules' finding, not an arithmetic one.

    ``blame_inputs=False`` (a workbook, whose input rows a user adds, deletes
    and sorts): an input cell (no check's target) whose failing checks are all
    sums over rows is never named the culprit in place of the stated totals.
    One value of it would fit every failing check, but so would a row deleted
    or added without updating the totals; the totals keep their errors and the
    input gets a note.  When one of its failing checks is not such a sum
    (Toimintakate = Tulot + Menot of its service), no missing row explains
    that, and the cell is blamed as usual.
    """
    values = dict(stated)
    level = [e for e in equations if all(c in values for c in e.cells())]
    computed_columns = [
        d for d in derived if d.target in values and all(i in values for i in d.inputs)
    ]
    findings: list[CellFinding] = []
    attributed: dict[Location, float] = {}

    sums = [e.computed(values) for e in level]  # as printed; phase 4 reuses them
    pairs = zip(level, sums, strict=True)
    failing = [e for e, total in pairs if _off(values[e.target], total, e.tolerance)]
    targets = None if blame_inputs else {e.target for e in level}
    explained = _attribute(failing, level, values, attributed, findings, targets)
    corrected = dict(attributed)
    _at_targets([e for e in failing if e not in explained], values, corrected, findings)
    views = (values, _with(values, attributed), _with(values, corrected))
    _notes(level, sums, views, findings)
    _derived(computed_columns, views, findings)
    return _deduplicated(findings)


def _with(values: Values, corrections: Mapping[Location, float]) -> Values:
    """``values`` with ``corrections`` applied; ``values`` itself when there are none.

    Sharing the mapping lets phase 4 see that a view is the printed one and
    reuse its sums: a clean workbook has no corrections, and its list totals
    sum 20,000 rows each.
    """
    return {**values, **corrections} if corrections else values


def _off(stated: float, computed: float, tolerance: float) -> bool:
    return abs(stated - computed) > tolerance + 1e-9


def _attribute(
    failing: list[Equation],
    level: list[Equation],
    values: Values,
    corrected: dict[Location, float],
    findings: list[CellFinding],
    blamable: set[Location] | None = None,
) -> set[Equation]:
    """Phase 2: cells that explain two or more failing equations with one value.

    A cell is named as the culprit only when one value of it makes all its
    failing checks hold, breaks no check that now holds, and no other cell
    explains the same checks equally well; otherwise the findings stay on the
    checks themselves.  Refusing to guess matters more than naming a culprit.
    With ``blamable`` (the checks' targets, in a workbook) an input whose
    failing checks a missing or added row would explain as well is only
    mentioned, in a note (:func:`_blamable`).
    """
    involving: dict[Location, list[Equation]] = {}
    for equation in failing:
        for cell in dict.fromkeys(equation.cells()):
            involving.setdefault(cell, []).append(equation)
    containing: dict[Location, list[Equation]] = {}
    for equation in level:
        for cell in dict.fromkeys(equation.cells()):
            if cell in involving and len(involving[cell]) > 1:
                containing.setdefault(cell, []).append(equation)
    candidates: list[tuple[int, int, Location, float, list[Equation]]] = []
    for order, (cell, broken) in enumerate(involving.items()):
        if len(broken) < 2:
            continue
        value = _common_solution(cell, broken, values)
        if value is None:
            continue
        trial = _Trial(values, cell, value)
        if any(_off(trial[e.target], e.computed(trial), e.tolerance) for e in containing[cell]):
            continue
        candidates.append((-len(broken), order, cell, value, broken))
    explanations: dict[frozenset[Equation], int] = {}
    for *_, broken in candidates:
        key = frozenset(broken)
        explanations[key] = explanations.get(key, 0) + 1
    explained: set[Equation] = set()
    for _, _, cell, value, broken in sorted(candidates, key=lambda c: (c[0], c[1])):
        if explanations[frozenset(broken)] > 1:
            continue  # several cells explain the same checks equally well: no guess
        if any(e in explained for e in broken):
            continue
        if blamable is not None and not _blamable(cell, broken, blamable):
            findings.append(_possible_culprit(cell, value, broken, values))
            continue
        explained.update(broken)
        corrected[cell] = value
        findings.append(_culprit(cell, value, broken, values))
    return explained


class _Trial(Mapping[Location, float]):
    """``values`` with one cell replaced, without copying the whole mapping."""

    def __init__(self, values: Values, cell: Location, value: float) -> None:
        self._values, self._cell, self._value = values, cell, value

    def __getitem__(self, key: Location) -> float:
        return self._value if key == self._cell else self._values[key]

    def __iter__(self) -> Iterator[Location]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _common_solution(cell: Location, broken: list[Equation], values: Values) -> float | None:
    """One value for ``cell`` that (within tolerance) satisfies every equation in ``broken``."""
    solutions = [e.solve_for(cell, values) for e in broken]
    tolerance = min(e.tolerance for e in broken)
    if max(solutions) - min(solutions) > tolerance + 1e-9:
        return None
    own = [s for e, s in zip(broken, solutions, strict=True) if e.target == cell]
    return own[0] if own else float(statistics.median_low(sorted(solutions)))


def _culprit(cell: Location, value: float, broken: list[Equation], values: Values) -> CellFinding:
    stated = values[cell]
    rule = "+".join(dict.fromkeys(e.rule for e in broken))
    checks = Joined.of((e.what for e in broken), "; ")
    message = Msg(
        "Luku ei täsmää {count} tarkistuksessa ({checks}): ilmoitettu {stated}, kaikki täsmäävät "
        "arvolla {value} (erotus {difference})",
        count=len(broken),
        checks=checks,
        stated=Num(stated),
        value=Num(value),
        difference=Num(stated - value),
    )
    hint = likely_typo(stated, value)
    if hint:
        message = Msg("{message}; {hint}", message=message, hint=hint)
    finding = Finding(rule, str(cell), stated, value, stated - value, "error", message, hint)
    return CellFinding.at(cell, finding)


#: Checks that sum a list's rows: a row deleted or added without updating the stated
#: totals breaks exactly these, as one changed amount in that list would.
ROW_SUMS = frozenset({"list_total", "pivot_cell", "pivot_total", "area_sum"})


def _blamable(cell: Location, broken: list[Equation], targets: set[Location]) -> bool:
    """A target, or an input with a failing check no added or deleted row would break."""
    return cell in targets or any(e.rule not in ROW_SUMS for e in broken)


def _possible_culprit(
    cell: Location, value: float, broken: list[Equation], values: Values
) -> CellFinding:
    """A note at an input row that one value would reconcile: a hint, never the blame."""
    stated = values[cell]
    rule = "+".join(dict.fromkeys(e.rule for e in broken))
    message = Msg(
        "{count} tarkistusta täsmäisi, jos tässä olisi {value} (nyt {stated}); tarkista luku - "
        "tai puuttuuko taulukosta rivi, tai onko rivi lisätty, niin että ilmoitetut summat on "
        "päivitettävä",
        count=len(broken),
        value=Num(value),
        stated=Num(stated),
    )
    finding = Finding(rule, str(cell), stated, value, stated - value, "note", message)
    return CellFinding.at(cell, finding)


def _topological(equations: list[Equation]) -> list[Equation]:
    """Equations whose target feeds another come first (subtotals before totals)."""
    targets = {e.target: e for e in equations}
    done: dict[Equation, None] = {}

    def visit(equation: Equation, path: frozenset[Location]) -> None:
        if equation in done or equation.target in path:
            return
        for _, at in equation.terms:
            if at in targets:
                visit(targets[at], path | {equation.target})
        done[equation] = None

    for equation in equations:
        visit(equation, frozenset())
    return list(done)


def _at_targets(
    remaining: list[Equation],
    values: Values,
    corrected: dict[Location, float],
    findings: list[CellFinding],
) -> None:
    """Phase 3: report at the target, recomputed from the inputs' corrected values."""
    for equation in _topological(remaining):
        effective = {**values, **corrected}
        computed = equation.computed(effective)
        stated = values[equation.target]
        if not _off(stated, computed, equation.tolerance):
            continue  # it followed from an input already found wrong
        finding = compare_amount(
            stated,
            computed,
            rule=equation.rule,
            what=equation.what,
            tolerance=equation.tolerance,
        )
        if finding is not None:
            corrected[equation.target] = computed
            findings.append(
                CellFinding.at(
                    equation.target, _mention_corrected(finding, equation.cells()[1:], corrected)
                )
            )


def _mention_corrected(
    finding: Finding, inputs: Sequence[Location], corrected: Mapping[Location, float]
) -> Finding:
    used = [at for at in inputs if at in corrected]
    if not used:
        return finding
    cells = ", ".join(at.cell for at in used)
    return Finding(
        finding.rule,
        finding.where,
        finding.stated,
        finding.computed,
        finding.difference,
        finding.severity,
        Msg(
            "{message} (laskettu solun {cells} korjatulla arvolla)",
            message=finding.message,
            cells=cells,
        ),
        finding.hint,
    )


def _notes(
    level: list[Equation],
    sums: Sequence[float],
    views: Sequence[Values],
    findings: list[CellFinding],
) -> None:
    """Phase 4: rounding notes, under the reading of the numbers that fits best.

    ``views`` are the printed numbers, those with the attributed cells
    corrected, and those with every correction applied.  An equation that holds
    in any view is consistent: a correction is a likely explanation, not a
    fact, and must not turn a check that held into an error.  ``sums`` are the
    equations' sums in the printed view, reused for every view that is it.
    """
    values = views[0]
    reported = {f.location for f in findings}
    for equation, printed_sum in zip(level, sums, strict=True):
        if equation.target in reported:
            continue
        stated = values[equation.target]
        outcomes = [
            compare_amount(
                stated,
                printed_sum if view is values else equation.computed(view),
                rule=equation.rule,
                what=equation.what,
                tolerance=equation.tolerance,
            )
            for view in views
        ]
        best = min(outcomes, key=_weight)
        if best is not None:
            findings.append(CellFinding.at(equation.target, best))


def _derived(checks: list[Derived], views: Sequence[Values], findings: list[CellFinding]) -> None:
    """Phase 5: computed columns, consistent if they follow from their row in any view."""
    values = views[0]
    for check in checks:
        stated = values[check.target]
        outcomes = []
        for view in views:
            inputs = [view[i] for i in check.inputs]
            outcome = _check_derived(check, stated, inputs)
            corrected = {i: view[i] for i in check.inputs if view[i] != values[i]}
            if outcome is not None and corrected:
                outcome = _mention_corrected(outcome, check.inputs, corrected)
            outcomes.append(outcome)
        best = min(outcomes, key=_weight)
        if best is not None:
            findings.append(CellFinding.at(check.target, best))


def _check_derived(check: Derived, stated: float, inputs: Sequence[float]) -> Finding | None:
    try:
        return _compare(check, stated, check.formula(inputs))
    except UndefinedRatio:
        return _undefined(check, stated, inputs)


def _weight(finding: Finding | None) -> tuple[int, float]:
    if finding is None:
        return (0, 0.0)
    gap = abs(finding.difference) if finding.difference is not None else math.inf
    return (1 if finding.severity == "note" else 2, gap)


def _compare(check: Derived, stated: float, computed: float) -> Finding | None:
    if check.kind == "percent":
        return compare_percent(
            stated, computed, decimals=check.decimals, rule=check.rule, what=check.what
        )
    return compare_amount(
        stated, computed, rule=check.rule, what=check.what, tolerance=check.tolerance
    )


def _undefined(check: Derived, stated: float, inputs: Sequence[float]) -> Finding:
    printed = Num(stated, check.decimals, "%" if check.kind == "percent" else "")
    message = Msg(
        "{what}: arvoa ei voi laskea ({reason}), mutta taulukossa on {printed}; jätä "
        "solu tyhjäksi tai merkitse '-'",
        what=check.what,
        reason=check.undefined_reason(inputs),
        printed=printed,
    )
    return Finding(f"{check.rule}_undefined", "", stated, None, None, "error", message)


def _deduplicated(findings: list[CellFinding]) -> list[CellFinding]:
    """One finding per cell and recomputed value: two rules that agree are one message."""
    seen: dict[tuple[Location, float | str | None], CellFinding] = {}
    for finding in findings:
        key = (finding.location, finding.computed)
        if key not in seen:
            seen[key] = finding
    return list(seen.values())
