"""Programme x status pivots of target sums, as the savings-programme reports print them.

Rows are matched by the number prefix of the programme or division ("3.",
"20") and never by name, because the seed pivots and detail tables spell the
same programme differently ("Palvelutuotannon kehittämisohjelma" /
"...suunnitelma").  A cell with no measures stays ``None`` (printed empty),
distinct from measures that sum to 0 (printed "0"), exactly as the pivots of
seed 001 do: programme 5 has no "3. Haasteita" cell while programme 4 has a 0
in "2. Etenee suunnitellusti".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from xlsrc.core.errors import InvalidNumber, MissingKey, UnknownStatus
from xlsrc.core.numbers import Reading, amount_of
from xlsrc.core.text import Msg
from xlsrc.core.vocab import PROGRAMME_STATUSES, Status, Vocabulary

_PREFIX = re.compile(r"^\s*(\d+)(?:\.|\s|$)")


def number_prefix(label: object) -> str:
    """ "3. Palvelutuotanto..." -> "3"; "20 Ikääntyneiden palvelut" -> "20"."""
    match = _PREFIX.match(str(label if label is not None else ""))
    if not match:
        raise MissingKey(
            Msg(
                "{label!r}: ohjelman tai toimialueen numero puuttuu alusta (esim. '3.')",
                label=label,
            )
        )
    return str(int(match[1]))


@dataclass(frozen=True)
class PivotRow:
    key: str
    label: str
    cells: tuple[float | None, ...]
    total: float | None


@dataclass(frozen=True)
class Pivot:
    statuses: tuple[Status, ...]
    rows: tuple[PivotRow, ...]
    column_totals: tuple[float | None, ...]
    grand_total: float | None

    def cell(self, key: str, status: Status) -> float | None:
        column = self.statuses.index(status)
        for row in self.rows:
            if row.key == key:
                return row.cells[column]
        raise MissingKey(Msg("pivotissa ei ole riviä numerolla {key}", key=key))

    def row(self, key: str) -> PivotRow:
        for row in self.rows:
            if row.key == key:
                return row
        raise MissingKey(Msg("pivotissa ei ole riviä numerolla {key}", key=key))

    def grid(self) -> list[list[float | None]]:
        """Body with the row-total column and the column-total row, no headers."""
        body = [[*row.cells, row.total] for row in self.rows]
        body.append([*self.column_totals, self.grand_total])
        return body


def _sum(values: list[float]) -> float | None:
    return math.fsum(values) if values else None


def build_pivot(
    measures: Iterable[tuple[object, object, float]],
    vocabulary: Vocabulary = PROGRAMME_STATUSES,
    programmes: Sequence[object] | None = None,
) -> Pivot:
    """Sum ``(programme, status, amount)`` triples into a pivot.

    ``programmes`` fixes the rows and their labels (the pivot's own row
    headers); a measure whose number is not among them is an error rather
    than a row silently left out.  Without it, rows follow the numbers.
    """
    statuses = vocabulary.statuses
    buckets: dict[str, dict[Status, list[float]]] = {}
    labels: dict[str, str] = {}
    if programmes is not None:
        for label in programmes:
            key = number_prefix(label)
            buckets.setdefault(key, {})
            labels[key] = str(label)
    for programme, status_text, amount in measures:
        key = number_prefix(programme)
        if programmes is not None and key not in buckets:
            raise MissingKey(
                Msg(
                    "toimenpiteen ohjelmaa {programme!r} (numero {key}) ei ole pivotissa",
                    programme=programme,
                    key=key,
                )
            )
        status = vocabulary.parse(status_text)
        buckets.setdefault(key, {}).setdefault(status, []).append(float(amount))
        labels.setdefault(key, str(programme))

    order = list(buckets) if programmes is not None else sorted(buckets, key=int)
    rows = []
    for key in order:
        cells = tuple(_sum(buckets[key].get(s, [])) for s in statuses)
        present = [c for c in cells if c is not None]
        rows.append(PivotRow(key, labels[key], cells, _sum(present)))
    column_totals = tuple(
        _sum([row.cells[i] for row in rows if row.cells[i] is not None])  # type: ignore[misc]
        for i in range(len(statuses))
    )
    grand = _sum([t for t in column_totals if t is not None])
    return Pivot(statuses, tuple(rows), column_totals, grand)


# --- one pivot cell at a time: a bad measure fails only the cells it belongs to ---------


@dataclass(frozen=True)
class Measure:
    """One detail row as a workbook holds it: its row number and three raw cells.

    ``amount`` is the cell already read (:func:`xlsrc.core.numbers.read_cell`),
    so a number typed as text is seen here as the error it is everywhere else.
    """

    row: int
    programme: object
    status: object
    amount: Reading


def _key(programme: object) -> str | None:
    try:
        return number_prefix(programme)
    except MissingKey:
        return None


def _status(status: object, vocabulary: Vocabulary) -> Status | None:
    try:
        return vocabulary.parse(status)
    except UnknownStatus:
        return None


def pivot_cell(
    measures: Iterable[Measure],
    programme: str | None,
    status: Status | None,
    vocabulary: Vocabulary = PROGRAMME_STATUSES,
) -> float | None:
    """The sum for ``programme`` (a number key; None = every programme) and ``status``
    (None = every status); None when no measure belongs to the cell.

    A measure whose status is unknown belongs to no status column but still to
    its programme's total; a measure without a number prefix belongs only to
    the grand total.  A counted measure whose amount is not a number raises
    :class:`InvalidNumber` naming its row: this cell cannot be computed, and
    only the cells that measure belongs to fail.
    """
    amounts: list[float] = []
    for measure in measures:
        if programme is not None and _key(measure.programme) != programme:
            continue
        if status is not None and _status(measure.status, vocabulary) != status:
            continue
        amount = amount_of(measure.amount)
        if amount is None:
            reason = getattr(measure.amount, "reason", None) or Msg("puuttuu")
            raise InvalidNumber(
                Msg("taulukon rivi {row}: summa {reason}", row=measure.row, reason=reason)
            )
        amounts.append(amount)
    return math.fsum(amounts) if amounts else None


class MeasureIndex:
    """Measures grouped by programme number and status, each group in row order.

    A pivot has a cell per programme and status; each reads only its own
    group, so a pivot over many measures costs one pass, not one per cell.
    :meth:`cell` and :meth:`problems` are :func:`pivot_cell` and
    :func:`pivot_problems` on exactly the measures those would keep, in the
    same order (the same sum, the same first unusable row).
    """

    def __init__(
        self, measures: Iterable[Measure], vocabulary: Vocabulary = PROGRAMME_STATUSES
    ) -> None:
        self.vocabulary = vocabulary
        self.measures = list(measures)
        self._groups: dict[tuple[object, object], list[Measure]] = {}
        every = _EVERY
        for measure in self.measures:
            key, status = _key(measure.programme), _status(measure.status, vocabulary)
            for group in ((key, status), (key, every), (every, status)):
                self._groups.setdefault(group, []).append(measure)

    def _group(self, programme: str | None, status: Status | None) -> list[Measure]:
        if programme is None and status is None:
            return self.measures
        group = (_EVERY if programme is None else programme, _EVERY if status is None else status)
        return self._groups.get(group, [])

    def cell(self, programme: str | None, status: Status | None) -> float | None:
        return pivot_cell(self._group(programme, status), programme, status, self.vocabulary)

    def problems(self, programme: str | None) -> list[Msg]:
        return pivot_problems(self._group(programme, None), programme, self.vocabulary)


#: a group key meaning "any programme" / "any status" (distinct from None: no number,
#: an unknown status)
_EVERY = object()


def pivot_problems(
    measures: Iterable[Measure], programme: str | None, vocabulary: Vocabulary = PROGRAMME_STATUSES
) -> list[Msg]:
    """Why some of ``programme``'s measures are not (fully) counted."""
    problems = []
    for measure in measures:
        if programme is not None and _key(measure.programme) != programme:
            continue
        if _key(measure.programme) is None:
            problems.append(
                Msg("rivi {row}: ohjelman numero puuttuu ({programme!r})", row=measure.row,
                    programme=measure.programme)
            )  # fmt: skip
        if _status(measure.status, vocabulary) is None:
            problems.append(
                Msg("rivi {row}: tuntematon tilannekuva {status!r} (ei mukana tilasarakkeissa, "
                    "mukana yhteensä-sarakkeessa)", row=measure.row, status=measure.status)
            )  # fmt: skip
        if amount_of(measure.amount) is None:
            reason = getattr(measure.amount, "reason", None) or Msg("puuttuu")
            problems.append(Msg("rivi {row}: summa {reason}", row=measure.row, reason=reason))
    return problems
