"""Budget vs actual vs forecast (seed 003): sub-lines, margin, ratios and the frame difference.

* Toimintatuotot = the lines under it (Myyntituotot ... Muut tuotot),
  Toimintakulut = the lines under it, Toimintakate = Toimintatuotot +
  Toimintakulut — in every amount column, the frame difference included;
* "X vs Y %" columns = X / Y in whole per cents as printed (TOT vs TA,
  ENN vs TA, TAE24 vs TA23, TAE24 vs ENN23); a blank ratio cell is not
  checked (the source leaves some blank);
* "KEHYS24 vs TAE24" = TA-esitys 2024 − Kehys 2024
  (:func:`xlsrc.core.budget.frame_difference`).

The headings are recognised by their labels, in every language the catalogue
has them in (the template prints "Toimintatuotot - Verksamhetsintäkter"; a
Swedish user may keep only "Verksamhetsintäkter").  In a typed workbook a row
with numbers that stands under no heading (above the first, or below
Toimintakate) is reported (``unknown_row``): it is in no subtotal, and a
mistyped heading would otherwise take its whole group and the margin identity
out of the checks unnoticed.  A heading not found at all is reported too
(``missing_row``): the checks that need it do not run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from xlsrc.core.budget import frame_difference
from xlsrc.core.errors import UndefinedRatio
from xlsrc.core.text import LANGUAGES, Msg, translate
from xlsrc.validation.equations import Derived
from xlsrc.validation.model import Row, Table
from xlsrc.validation.rules.base import Checks, direct, normalized, unplaced_row
from xlsrc.workbooks.layouts.budget_forecast import COSTS_HEADING, INCOME_HEADING, MARGIN_HEADING

AMOUNTS = ("ta2023", "tot_1_6_2023", "enn2023", "tae2024", "kehys2024", "kehys24_vs_tae24")
#: ratio column -> (numerator column, denominator column)
RATIOS = {
    "tot_vs_ta_pct": ("tot_1_6_2023", "ta2023"),
    "enn_vs_ta_pct": ("enn2023", "ta2023"),
    "tae24_vs_ta23_pct": ("tae2024", "ta2023"),
    "tae24_vs_enn23_pct": ("tae2024", "enn2023"),
}
#: heading -> its label in the template (a catalogue text)
HEADINGS = {"income": INCOME_HEADING, "costs": COSTS_HEADING, "margin": MARGIN_HEADING}


def checks(table: Table) -> Checks:
    result = Checks()
    groups, outside = _groups(table)
    for row in outside:
        _unplaced(table, row, result)
    margin = next((row for row in table if _heading(row) == "margin"), None)
    _missing_headings(table, result)
    for key in AMOUNTS:
        for total, parts in groups.values():
            result.sum_of(
                total.cell(key),
                [(1.0, p.cell(key)) for p in parts],
                "subtotal_sum",
                Msg(
                    "{name} = alla olevien rivien summa ({header})",
                    name=_name(total),
                    header=table.header(key),
                ),
            )
        if margin is not None and "income" in groups and "costs" in groups:
            result.sum_of(
                margin.cell(key),
                [(1.0, groups["income"][0].cell(key)), (1.0, groups["costs"][0].cell(key))],
                "margin_identity",
                Msg(
                    "Toimintakate = Toimintatuotot + Toimintakulut ({header})",
                    header=table.header(key),
                ),
            )
    for row in table:
        _row_checks(table, row, result)
    return result


def _missing_headings(table: Table, result: Checks) -> None:
    """A typed table without one of the three headings: its checks cannot run, so say so.

    A mistyped Toimintakate ("Toimintakatte") reads as one more line under
    Toimintakulut; the subtotal it breaks is reported, but the margin identity
    would simply not run.  Seed tables (printed text) are not reported.
    """
    if not table.typed or not table.rows:
        return
    found = {_heading(row) for row in table}
    for kind, label in HEADINGS.items():
        if kind in found:
            continue
        result.findings.append(
            direct(
                table.at,
                "missing_row",
                None,
                None,
                Msg(
                    "Taulukosta puuttuu rivi {label}; sen tarkistukset jäävät tekemättä "
                    "(tarkista rivin nimi)",
                    label=Msg(label),
                ),
            )
        )


def _groups(table: Table) -> tuple[dict[str, tuple[Row, list[Row]]], list[Row]]:
    """Toimintatuotot and Toimintakulut, each with the rows printed under it; and the
    rows under neither (above the first heading, below Toimintakate, or without a label)."""
    groups: dict[str, tuple[Row, list[Row]]] = {}
    outside: list[Row] = []
    current: str | None = None
    for row in table:
        heading = _heading(row)
        if heading is not None:
            current = heading if heading != "margin" else None
            if current is not None:
                groups[current] = (row, [])
        elif current is None:
            outside.append(row)
        elif normalized(row.text("item")):
            groups[current][1].append(row)
        else:  # a row without a label is no row of the heading's: placed nowhere
            outside.append(row)
    return {k: v for k, v in groups.items() if v[1]}, outside


def _heading(row: Row) -> str | None:
    """The heading ``row`` is ("income", "costs", "margin"), or None."""
    label = normalized(row.text("item"))
    return next((kind for kind, pattern in _heading_patterns() if pattern.search(label)), None)


@cache
def _heading_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each heading as a pattern on the normalized label: it starts with either half of
    the template's label in any language of the catalogue ("Toimintatuotot",
    "Verksamhetsintäkter", "Toimintatuotot yhteensä").  Taken from the catalogue, so a
    language the template gains is recognised without a second list here."""
    patterns = []
    for kind, label in HEADINGS.items():
        names = {
            normalized(half)
            for language in LANGUAGES
            for half in translate(label, language).split(" - ")  # i18n: the label's halves
        }
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
        patterns.append((kind, re.compile(rf"^(?:{alternatives})\b")))
    return tuple(patterns)


def _unplaced(table: Table, row: Row, result: Checks) -> None:
    unplaced_row(
        result,
        table,
        row,
        "item",
        AMOUNTS,
        "unknown_row",
        Msg(
            "Riviä {label!r} ei tunnisteta otsikoksi eikä se ole otsikon {income} tai "
            "{costs} alla: rivin luvut eivät ole yhdessäkään välisummassa eivätkä "
            "toimintakatteessa",
            label=row.text("item"),
            income=Msg(INCOME_HEADING),
            costs=Msg(COSTS_HEADING),
        ),
    )


def _name(row: Row) -> str:
    return row.text("item").split(" - ")[0]


def _row_checks(table: Table, row: Row, result: Checks) -> None:
    proposal, frame, diff = row.cell("tae2024"), row.cell("kehys2024"), row.cell("kehys24_vs_tae24")
    if proposal is not None and frame is not None and diff is not None:
        result.derived.append(
            Derived(
                diff.at,
                (proposal.at, frame.at),
                lambda v: frame_difference(v[0], v[1]),
                "frame_difference",
                Msg(
                    "{header} = TA-esitys − Kehys ({name})",
                    header=table.header("kehys24_vs_tae24"),
                    name=_name(row),
                ),
            )
        )
    for ratio_key, (numerator_key, denominator_key) in RATIOS.items():
        ratio, numerator, denominator = (
            row.cell(k) for k in (ratio_key, numerator_key, denominator_key)
        )
        if ratio is None or ratio.is_nil or numerator is None or denominator is None:
            continue
        result.derived.append(
            Derived(
                ratio.at,
                (numerator.at, denominator.at),
                _ratio,
                "ratio_pct",
                f"{table.header(ratio_key)} ({_name(row)})",
                kind="percent",
                decimals=ratio.decimals,
                undefined_reason=lambda v: Msg("jakaja on 0"),
            )
        )


def _ratio(values: Sequence[float]) -> float:
    numerator, denominator = values
    if denominator == 0:
        raise UndefinedRatio(Msg("jakaja on 0"))
    return numerator / denominator
