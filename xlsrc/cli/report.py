"""``xlsrc report``: statuses, programme totals and budget deltas of the bundled seed tables.

A quick, workbook-free look at what the core computes from the seed data,
with the stated-versus-computed findings beside each number.  Numbers are
shown in the user's language ("88,3 %", "−3,4 %", "1,0 M€" in Finnish),
whatever convention the source printed them in; names and captions are the
seed tables' own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.errors import InvalidTarget, UnknownStatus
from xlsrc.core.numbers import Number, amount_of, read_number
from xlsrc.core.text import N_, Msg, Num, format_number, tr

# the core and the seeds are imported when the report runs, not for ``xlsrc --help``
if TYPE_CHECKING:
    from xlsrc.core.checks import Finding
    from xlsrc.core.words import Method
    from xlsrc.seeds import SeedRow

_MILLION = 1_000_000


def _shown(value: float | None) -> str:
    """A pivot cell as printed: empty when it has no measures, distinct from 0."""
    return "" if value is None else format_number(value)


def _number(value: float, decimals: int, unit: str, printed: str) -> str:
    """A number in the user's convention, in the scale the source printed ("1,0 M€")."""
    if unit == "€" and "m" in printed.casefold().replace("€", ""):
        return format_number(value / _MILLION, decimals, "M€")
    return format_number(value, decimals, unit)


def _actual(text: str | None) -> str:
    reading = read_number(text)
    if isinstance(reading, Number):
        return _number(reading.value, reading.decimals, reading.unit, reading.text)
    return text or "—"


def _target(text: str | None) -> str:
    """A target as "≥ 90 %": its comparator and its number in the user's convention."""
    from xlsrc.core.targets import parse_target

    try:
        target = parse_target(text)
    except InvalidTarget:
        return text or ""
    if target.value is None:
        return text or ""
    number = read_number(target.text.lstrip("≥≤<>= "))
    decimals = number.decimals if isinstance(number, Number) else 0
    return f"{target.comparator} {_number(target.value, decimals, target.unit, target.text)}"


def _status(text: str) -> str:
    """A status word of the source in the user's language (as printed if it is none)."""
    from xlsrc.core.vocab import TARGET_STATUSES

    try:
        return TARGET_STATUSES.parse(text).label_in()
    except UnknownStatus:
        return text


def _amount(row: SeedRow, key: str) -> float | None:
    return amount_of(read_number(row.cells.get(key)))


def _targets() -> None:
    from xlsrc.core.schemes import TRAFFIC_LIGHT_80_90
    from xlsrc.core.targets import assess
    from xlsrc.seeds import load_table
    from xlsrc.workbooks.fill import example_method

    click.secho(tr("001 Taulukko 1 — strategiset tavoitteet"), bold=True)
    for row in load_table("001-T1").rows:
        method = cast("Method", example_method("001-T1", row))
        outcome = assess(
            row.cells.get("actual"), row.cells.get("target_value"), method, TRAFFIC_LIGHT_80_90
        )
        stated = _status(row.cells.get("status", ""))
        mark = "=" if outcome.label() == stated else "≠"
        metric = row.cells["metric"][:34]
        target, actual = _target(row.cells.get("target_value")), _actual(row.cells.get("actual"))
        click.echo(f"  {metric:34} {target:10} {actual:10} {outcome.label():20} {mark} {stated}")


def _pivots() -> None:
    from xlsrc.core.pivot import build_pivot
    from xlsrc.seeds import load_table

    for pivot_id, detail_id, key in (
        ("001-T2", "001-T3", "programme"),
        ("001-T4", "001-T5", "division"),
    ):
        printed = load_table(pivot_id)
        detail = [
            (r.cells[key], r.cells["status"], _amount(r, "target_sum") or 0.0)
            for r in load_table(detail_id).rows
            if r.kind == "data"
        ]
        labels = [r.cells[key] for r in printed.rows if r.kind == "data"]
        pivot = build_pivot(detail, programmes=labels)
        click.secho(tr("{caption} (laskettu toimenpiteistä)", caption=printed.caption), bold=True)
        for row in pivot.rows:
            cells = " ".join(f"{_shown(c):>11}" for c in row.cells)
            click.echo(f"  {row.label[:38]:38} {cells} {_shown(row.total):>12}")
        totals = " ".join(f"{_shown(c):>11}" for c in pivot.column_totals)
        grand = _shown(pivot.grand_total)
        click.echo(f"  {tr('Kaikki yhteensä'):38} {totals} {grand:>12}")


def _deltas() -> list[Finding]:
    """The budget deltas of seed table 002-T5 recomputed, printed, and returned as findings.

    One pass over the rows prints the heading, checks each row's stated Muutos € and
    Muutos % against the recomputed ones and prints what differs: splitting the euro
    and percent checks apart would walk and label the same rows twice.
    """
    from xlsrc.core.budget import change_eur, change_pct, line_kind
    from xlsrc.core.checks import compare_amount, compare_percent, severity_label
    from xlsrc.core.errors import UndefinedRatio
    from xlsrc.core.numbers import Number
    from xlsrc.seeds import load_table

    findings: list[Finding | None] = []
    table = load_table("002-T5")
    click.secho(tr("{caption}: Muutos € ja % laskettuna", caption=table.caption), bold=True)
    for row in table.rows:
        old, new = _amount(row, "tb2023"), _amount(row, "tb2024")
        if row.kind == "section" or old is None or new is None:
            continue
        kind = line_kind(row.cells["line"])
        where = f"{table.source}:{row.line}"
        label = f"{row.cells.get('service') or row.cells['area']} {row.cells['line']}"
        stated_euro = _amount(row, "change_eur")
        if stated_euro is not None:
            findings.append(
                compare_amount(
                    stated_euro,
                    change_eur(old, new, kind),
                    rule="muutos_eur",
                    where=where,
                    what=Msg("{line} {column}", line=label, column=Msg(_CHANGE_EUR)),
                )
            )
        stated_pct = read_number(row.cells.get("change_pct"))
        if isinstance(stated_pct, Number):
            try:
                pct = change_pct(old, new, kind)
            except UndefinedRatio:
                continue
            findings.append(
                compare_percent(
                    stated_pct.value,
                    pct,
                    decimals=stated_pct.decimals,
                    rule="muutos_pct",
                    where=where,
                    what=Msg("{line} {column}", line=label, column=Msg(_CHANGE_PCT)),
                )
            )
    ok = sum(1 for r in table.rows if r.kind != "section")
    click.echo("  " + tr("{count} riviä laskettu; poikkeamat:", count=Num(ok)))
    found = [f for f in findings if f is not None]
    for finding in found:
        click.echo(f"  [{severity_label(finding.severity)}] {finding.where}: {finding.message}")
    return found


_CHANGE_EUR = N_("Muutos €")
_CHANGE_PCT = N_("Muutos %")


@click.command(
    "report",
    cls=Command,
    help=N_(
        "Tulostaa mukana tulevien lähdetaulukoiden tilat, ohjelmien summat ja talousarvion "
        "muutokset ilman työkirjoja."
    ),
)
@language_option
def command() -> None:
    """Print the seed tables' figures (the help text is the Finnish ``help`` above)."""
    _targets()
    _pivots()
    _deltas()
