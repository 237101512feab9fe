"""Strategic targets (seed 001 Taulukko 1): the stated status against the recomputed one.

Where a row names its assessment method (the template's "Arviointitapa"
column, read by :func:`xlsrc.core.words.parse_method`), the status is recomputed from the
actual and the target with :func:`xlsrc.core.targets.assess` and the scheme
in force (the workbook's rules sheet, else the built-in 80/90 traffic light),
and compared by colour with the stated word.  A row without a method, or one
that cannot be assessed (no number in the target), is left alone: the check
never guesses how a target was meant.  The seed table itself names no method,
so this check runs on workbooks only.  A method word nobody knows is not this
rule's finding: :mod:`xlsrc.validation.rules.inputs` reports it at its cell in
every table with a method column, with or without a stated status, so a
cell is reported once.
"""

from __future__ import annotations

from xlsrc.core.errors import InvalidTarget, UnknownStatus
from xlsrc.core.schemes import TRAFFIC_LIGHT_80_90
from xlsrc.core.targets import Assessment, assess
from xlsrc.core.text import Msg
from xlsrc.core.vocab import TARGET_STATUSES, Status
from xlsrc.core.words import parse_method
from xlsrc.validation.model import Row, Table
from xlsrc.validation.rules.base import Checks, direct, location_of


def checks(table: Table) -> Checks:
    """Each target row's stated status against the status the core assesses for it.

    One loop because every row needs the same three readings (method word,
    actual, target) before the comparison, and a row whose method or status is
    blank is skipped as a whole; splitting it would pass those readings around.
    """
    result = Checks()
    scheme = table.schemes.get("traffic_light", TRAFFIC_LIGHT_80_90)
    for row in table:
        method, stated_text = row.text("method"), row.text("status")
        if not method or not stated_text:
            continue
        try:
            code = parse_method(method)
        except InvalidTarget:
            continue  # the input rule reports the word, on every row of every target table
        try:
            stated = TARGET_STATUSES.parse(stated_text)
        except UnknownStatus:
            continue  # the input rule reports the word
        outcome = assess(
            _raw(row, "actual"), _raw(row, "target_value"), code, scheme, _raw(row, "baseline")
        )
        if outcome.state == "not_assessable" or _agrees(stated, outcome):
            continue
        result.findings.append(
            direct(
                location_of(row, "status"),
                "target_status",
                stated_text,
                outcome.label(),
                Msg(
                    "Status '{stated_text}' ei vastaa laskettua tilaa '{label}' (toteuma "
                    "{value}, tavoite {text}, arviointitapa {method}: {reason})",
                    stated_text=stated_text,
                    label=outcome.label(),
                    value=row.text("actual") or Msg("puuttuu"),
                    text=row.text("target_value"),
                    method=method,
                    reason=outcome.reason,
                ),
            )
        )
    return result


def _raw(row: Row, key: str) -> object:
    cell = row.cell(key)
    return cell.raw if cell is not None else None


def _agrees(stated: Status, outcome: Assessment) -> bool:
    if stated.kind == "pending":
        return outcome.state == "pending"
    return stated.colour == outcome.state
