"""Savings and statutory-duties programmes (seed 001 Taulukot 2-5): pivot against detail.

The detail lists measures (programme or division, Toimenpide, Tilannekuva,
Valmiusaste, Tavoitesumma); the pivot sums the target sums by programme and
status.  Checked:

* every pivot cell = the sum of the measures of that programme and status,
  matched by the number prefix ("3."), never by name (the pivot and the detail
  spell programme 3 differently); a cell with no measures must stay empty, and
  an empty cell where measures exist is a finding even if they sum to 0 —
  empty and 0 mean different things in these pivots;
* row totals and the "Kaikki yhteensä" row = the measures they cover;
* a measure's programme has a number, and the pivot has a row for it;
* Tilannekuva is a word of the programme vocabulary; "5. Valmis" has
  Valmiusaste 100 % and "1. Aloittamatta" 0 %; Valmiusaste is within 0-100 %;
* no measure is listed twice under the same programme;
* the detail's "Kaikki yhteensä" = the sum of its measures.

One bad input is reported once, at its cell.  A measure whose target sum is
unreadable or blank, or whose programme or status is blank or unknown, is
that cell's error; a pivot cell it belongs to, or may belong to, is not
judged (its right value is unknown), while the cells it certainly does not
change are.  As ``XS_PIVOT_CELL`` counts it, a measure with an unknown status
is in its programme's total, and every measure is in the "Kaikki yhteensä"
row's total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from xlsrc.core.errors import MissingKey, UnknownStatus
from xlsrc.core.pivot import number_prefix
from xlsrc.core.text import Msg, Num, Text
from xlsrc.core.vocab import PROGRAMME_STATUSES, Status
from xlsrc.validation.equations import Equation
from xlsrc.validation.model import Cell, Row, Table
from xlsrc.validation.rules.base import (
    Checks,
    direct,
    location_of,
    normalized,
    reported_blank,
    unusable,
)
from xlsrc.validation.rules.lists import is_total_label, list_total
from xlsrc.workbooks.layouts.programmes import printed

#: pivot family -> (detail family, label column)
PAIRS = {"001-T2": ("001-T3", "programme"), "001-T4": ("001-T5", "division")}
STATUS_COLUMNS = {f"status_{s.code}": s for s in PROGRAMME_STATUSES.statuses}
DONE, NOT_STARTED = PROGRAMME_STATUSES.parse("5"), PROGRAMME_STATUSES.parse("1")


@dataclass(frozen=True)
class Measure:
    """A detail row the pivot counts, as far as it can be read.

    ``key`` is None when the programme has no number (blank or unnumbered), and
    ``status`` None when the status is blank or unknown: each is reported at
    its cell, and the measure may belong to any pivot row or status column.
    ``usable`` is False when the amount is reported (text, a required blank).
    """

    row: Row
    key: str | None
    status: Status | None
    amount: Cell | None
    usable: bool = True


def cross_checks(tables: Mapping[str, Table]) -> Checks:
    result = Checks()
    for pivot_family, (detail_family, label) in PAIRS.items():
        detail = tables.get(detail_family)
        if detail is None:
            continue
        pivot = tables.get(pivot_family)
        keys = _pivot_keys(pivot, label, result) if pivot is not None else None
        measures = _measures(detail, label, keys, result)
        result.extend(list_total(detail, (label,), ("target_sum",), Msg("Kaikki yhteensä")))
        if pivot is not None:
            _pivot(pivot, label, measures, result)
    return result


def _is_total(row: Row, label: str) -> bool:
    return is_total_label(row.text(label))


def _pivot_keys(pivot: Table, label: str, result: Checks) -> set[str]:
    keys: set[str] = set()
    for row in pivot:
        if not row.text(label) or _is_total(row, label):
            continue
        try:
            key = number_prefix(row.text(label))
        except MissingKey:
            result.findings.append(
                direct(
                    location_of(row, label),
                    "programme_number",
                    row.text(label),
                    None,
                    Msg(
                        "Pivotin rivin '{text}' alusta puuttuu numero (esim. '3.'); toimenpiteet "
                        "yhdistetään riveihin numeron perusteella",
                        text=row.text(label),
                    ),
                )
            )
            continue
        if key in keys:
            result.findings.append(
                direct(
                    location_of(row, label),
                    "programme_number",
                    row.text(label),
                    None,
                    Msg("Pivotissa on kaksi riviä numerolla {key}", key=key),
                )
            )
        keys.add(key)
    return keys


def _measures(detail: Table, label: str, keys: set[str] | None, result: Checks) -> list[Measure]:
    measures: list[Measure] = []
    seen: dict[tuple[str, str], Row] = {}
    for row in detail:
        if _is_total(row, label):
            continue
        counted = any(row.text(k) for k in (label, "status", "target_sum"))  # as XS_PIVOT_CELL
        if not (row.text("measure") or row.text("status") or counted):
            continue
        key = _programme(detail, row, label, keys, result)
        status = _status(detail, row, result)
        _readiness(row, status, result)
        if key is not None and row.text("measure"):
            name = (key, normalized(row.text("measure")))
            if name in seen:
                first = location_of(seen[name], "measure")
                result.findings.append(
                    direct(
                        location_of(row, "measure"),
                        "duplicate_measure",
                        row.text("measure"),
                        None,
                        Msg(
                            "Toimenpide '{text}' on jo solussa {cell} saman ohjelman alla; "
                            "kaksoisrivi lasketaan summiin kahteen kertaan",
                            text=row.text("measure"),
                            cell=first.cell,
                        ),
                    )
                )
            seen.setdefault(name, row)
        if counted:
            amount = row.cell("target_sum")
            usable = not unusable(detail, row, "target_sum")
            measures.append(Measure(row, key, status, amount, usable))
    return measures


def _programme(
    detail: Table, row: Row, label: str, keys: set[str] | None, result: Checks
) -> str | None:
    """The measure's programme number; None when it has none (reported here, or as the
    required column's ``missing_value`` when blank).  A number the pivot has no row for
    is reported and kept: the measure is still in the pivot's "Kaikki yhteensä" row."""
    text = row.text(label)
    try:
        key = number_prefix(text)
    except MissingKey:
        if reported_blank(detail, row, label):
            return None
        result.findings.append(
            direct(
                location_of(row, label),
                "programme_number",
                text or None,
                None,
                Msg(
                    "Toimenpiteen '{text}' ohjelman numero puuttuu ({value}); rivi ei kuulu "
                    "mihinkään pivotin riviin",
                    text=row.text("measure"),
                    value=text or Msg("tyhjä"),
                ),
            )
        )
        return None
    if keys is not None and key not in keys:
        result.findings.append(
            direct(
                location_of(row, label),
                "programme_number",
                text,
                None,
                Msg(
                    "Ohjelmaa numerolla {key} ('{text}') ei ole pivotissa; toimenpide jää "
                    "pivotin ulkopuolelle",
                    key=key,
                    text=text,
                ),
            )
        )
    return key


def _status(detail: Table, row: Row, result: Checks) -> Status | None:
    """The measure's status; None when blank or unknown (the input rules report an unknown
    word and a blank in the required column; a blank elsewhere is reported here)."""
    text = row.text("status")
    if not text:
        if reported_blank(detail, row, "status"):
            return None
        result.findings.append(
            direct(
                location_of(row, "status"),
                "unknown_status",
                None,
                None,
                Msg(
                    "Toimenpiteeltä '{text}' puuttuu tilannekuva; sallitut: {printed}",
                    text=row.text("measure"),
                    printed=", ".join(PROGRAMME_STATUSES.printed),
                ),
            )
        )
        return None
    try:
        return PROGRAMME_STATUSES.parse(text)
    except UnknownStatus:
        return None  # the input rule reports the word


def _readiness(row: Row, status: Status | None, result: Checks) -> None:
    cell = row.cell("readiness")
    if cell is None or cell.number is None:
        return
    value = cell.number
    if not 0.0 <= value <= 1.0 + 1e-9:
        result.findings.append(
            direct(
                cell.at,
                "readiness_range",
                value,
                None,
                Msg("Valmiusaste {value} ei ole välillä 0–100 %", value=Num(value, 0, "%")),
            )
        )
    expected = {DONE: 1.0, NOT_STARTED: 0.0}.get(status) if status is not None else None
    if expected is not None and abs(value - expected) > 1e-9:
        result.findings.append(
            direct(
                cell.at,
                "readiness_status",
                value,
                expected,
                Msg(
                    "Tilannekuva on '{printed}', mutta valmiusaste on {value}; pitäisi olla "
                    "{expected}",
                    printed=status.printed if status else "",
                    value=Num(value, 0, "%"),
                    expected=Num(expected, 0, "%"),
                ),
            )
        )


def _pivot(pivot: Table, label: str, measures: list[Measure], result: Checks) -> None:
    """Check every pivot row against the measures of its programme (the total: all of them).

    The measures are grouped by programme and status once, so a pivot costs
    one pass over the measures, not one per pivot cell.  Measures whose
    programme or status is unknown are kept apart: a cell they may belong to
    is not judged.
    """
    by_key: dict[str | None, list[Measure]] = {}
    for measure in measures:
        by_key.setdefault(measure.key, []).append(measure)
    homeless = by_key.get(None, [])  # no programme number: may belong to any programme row
    for row in pivot:
        if not row.text(label):
            continue
        name: Text
        if _is_total(row, label):
            chosen, maybe = measures, []
            name = Msg("Kaikki yhteensä")
        else:
            try:
                key = number_prefix(row.text(label))
            except MissingKey:
                continue
            chosen, maybe = by_key.get(key, []), homeless
            name = row.text(label)
        by_status: dict[Status | None, list[Measure]] = {}
        for measure in chosen:
            by_status.setdefault(measure.status, []).append(measure)
        unplaced = by_status.get(None, [])  # blank or unknown status: any status column
        for column, status in STATUS_COLUMNS.items():
            _pivot_cell(
                row,
                column,
                by_status.get(status, []),
                [*unplaced, *(m for m in maybe if m.status in (status, None))],
                Msg("{name}, {status}", name=name, status=printed(status)),
                result,
            )
        _pivot_cell(row, "total", chosen, maybe, Msg("{name}, Kaikki yhteensä", name=name), result)


def _pivot_cell(
    row: Row,
    column: str,
    measures: list[Measure],
    maybe: list[Measure],
    what: Text,
    result: Checks,
) -> None:
    """Check one pivot cell of the programme summary against the measures it sums.

    Three findings are possible and they exclude each other: a number where
    no measure exists (the cell must be blank), a blank where measures exist,
    or a stated sum that differs from the measures' total beyond the tolerance.
    The SUMIFS semantics (blank amounts skipped) are those of XS_PIVOT_CELL.

    The cell is not judged when ``maybe`` holds a measure (one whose programme
    or status is unknown, and which may belong here) or a measure's amount is
    unusable: its right value is unknown, and the cause is reported at its cell.
    """
    if maybe or not all(m.usable for m in measures):
        return
    cell = row.cell(column)
    stated_blank = cell is None or cell.is_blank
    amounts = [m.amount for m in measures if m.amount is not None and m.amount.number is not None]
    at = location_of(row, column)
    if not measures:
        if not stated_blank and cell is not None:
            result.findings.append(
                direct(
                    at,
                    "pivot_empty",
                    cell.number if cell.number is not None else cell.text,
                    None,
                    Msg(
                        "Pivotissa on luku ({what}), mutta ohjelmalla ei ole yhtään tämän tilan "
                        "toimenpidettä: solun pitää olla tyhjä",
                        what=what,
                    ),
                )
            )
        return
    computed = sum(a.number for a in amounts if a.number is not None)
    if stated_blank:
        result.findings.append(
            direct(
                at,
                "pivot_cell",
                None,
                float(computed),
                Msg(
                    "Pivotin solu on tyhjä ({what}), mutta {count} toimenpiteen summa on "
                    "{computed}; tyhjä ja 0 tarkoittavat eri asiaa",
                    what=what,
                    count=len(measures),
                    computed=Num(computed),
                ),
            )
        )
        return
    assert cell is not None
    rule = "pivot_total" if column == "total" or _is_label_total(row) else "pivot_cell"
    result.equations.append(
        Equation(
            cell.at,
            tuple((1.0, a.at) for a in amounts),
            rule,
            Msg("Pivot = toimenpiteiden summa ({what})", what=what),
            0.0,
        )
    )


def _is_label_total(row: Row) -> bool:
    return any(_is_total(row, key) for key in ("programme", "division"))
