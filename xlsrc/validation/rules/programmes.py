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
from xlsrc.validation.rules.base import Checks, direct, location_of, normalized
from xlsrc.validation.rules.lists import is_total_label, list_total
from xlsrc.workbooks.layouts.programmes import printed

#: pivot family -> (detail family, label column)
PAIRS = {"001-T2": ("001-T3", "programme"), "001-T4": ("001-T5", "division")}
STATUS_COLUMNS = {f"status_{s.code}": s for s in PROGRAMME_STATUSES.statuses}
DONE, NOT_STARTED = PROGRAMME_STATUSES.parse("5"), PROGRAMME_STATUSES.parse("1")


@dataclass(frozen=True)
class Measure:
    row: Row
    key: str
    status: Status
    amount: Cell | None


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
        if _is_total(row, label) or not (row.text("measure") or row.text("status")):
            continue
        key = _programme(row, label, keys, result)
        status = _status(row, result)
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
        if key is not None and status is not None:
            measures.append(Measure(row, key, status, row.cell("target_sum")))
    return measures


def _programme(row: Row, label: str, keys: set[str] | None, result: Checks) -> str | None:
    text = row.text(label)
    try:
        key = number_prefix(text)
    except MissingKey:
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
        return None
    return key


def _status(row: Row, result: Checks) -> Status | None:
    text = row.text("status")
    if not text:
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
    one pass over the measures, not one per pivot cell.
    """
    by_key: dict[str, list[Measure]] = {}
    for measure in measures:
        by_key.setdefault(measure.key, []).append(measure)
    for row in pivot:
        if not row.text(label):
            continue
        name: Text
        if _is_total(row, label):
            chosen = measures
            name = Msg("Kaikki yhteensä")
        else:
            try:
                key = number_prefix(row.text(label))
            except MissingKey:
                continue
            chosen = by_key.get(key, [])
            name = row.text(label)
        by_status: dict[Status, list[Measure]] = {}
        for measure in chosen:
            by_status.setdefault(measure.status, []).append(measure)
        for column, status in STATUS_COLUMNS.items():
            _pivot_cell(
                row,
                column,
                by_status.get(status, []),
                Msg("{name}, {status}", name=name, status=printed(status)),
                result,
            )
        _pivot_cell(row, "total", chosen, Msg("{name}, Kaikki yhteensä", name=name), result)


def _pivot_cell(row: Row, column: str, measures: list[Measure], what: Text, result: Checks) -> None:
    """Check one pivot cell of the programme summary against the measures it sums.

    Three findings are possible and they exclude each other: a number where
    no measure exists (the cell must be blank), a blank where measures exist,
    or a stated sum that differs from the measures' total beyond the tolerance.
    The SUMIFS semantics (blank amounts skipped) are those of XS_PIVOT_CELL.
    """
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
