"""The status sheet's legend: the rules, symbols and roll-up that the statuses follow."""

from __future__ import annotations

from dataclasses import replace

from xlsrc.core.schemes import colour_name
from xlsrc.core.targets import NOT_ASSESSABLE_LABEL, PENDING_LABEL
from xlsrc.core.text import Msg, compact, tr
from xlsrc.core.vocab import TASK_STATES
from xlsrc.core.words import METHOD_WORDS
from xlsrc.status_sheet.assess import task_rule_text
from xlsrc.status_sheet.grid import (
    COL_GOAL,
    COL_KEY,
    COL_KPI,
    COL_NOTES,
    LABEL,
    NOT_ASSESSABLE_SYMBOL,
    PENDING_SYMBOL,
    TASK_SYMBOLS,
    TEXT,
    WIDTHS,
    Grid,
    default_note,
)
from xlsrc.status_sheet.model import StatusInputs


def legend(grid: Grid, row: int, inputs: StatusInputs) -> int:
    """Write the rules-and-symbols block below the status table; returns the next free row.

    The text spells out the rules that produced this sheet (method, scheme
    bounds, trend tolerance, task states) from the same :class:`StatusInputs`
    the assessment used, so a reader without the add-in can check every colour;
    a rule the workbook did not state is marked as the default.
    """
    rules = inputs.rules
    grid.merge(row, COL_KEY, COL_NOTES, tr("Säännöt ja merkinnät"), replace(LABEL, size=11))
    row += 1
    tolerance = str(compact(rules.trend_tolerance, "%"))
    task_states = " · ".join(
        f"{TASK_SYMBOLS[s.colour]} {s.label_in()}" for s in TASK_STATES.statuses if s.colour
    )
    lines = [
        (
            tr("Arviointitapa"),
            tr(
                "Mittarin arvo verrataan tavoitearvoon: toteutumisaste = toteuma / tavoite (kun "
                "pienempi on parempi: tavoite / toteuma), luokiteltuna tila-asteikolla "
                "(menetelmä: {method}{default}). Jos tavoitteella ei ole mittariarvoja, tila "
                "arvioidaan päätehtävien keskimääräisestä Tilanne-prosentista samalla asteikolla.",
                method=METHOD_WORDS.label(rules.method),
                default=default_note(rules, "method"),
            ),
        ),
        (
            tr("Trendi"),
            tr(
                "Nuoli kertoo, parantuiko vai heikkenikö tilanne edellisestä neljänneksestä "
                "tavoitteen suuntaan nähden (ei ylös/alas): ↗ parempi, ↘ heikompi, → ennallaan "
                "(muutos enintään {tolerance} tavoitearvosta{default}).",
                tolerance=tolerance,
                default=default_note(rules, "trend_tolerance"),
            ),
        ),
        (
            tr("Päätehtävät"),
            task_rule_text(rules.task_scheme)
            + default_note(rules, "task_scheme")
            + tr(". Merkit: {states}.", states=task_states),
        ),
        (
            tr("Merkit"),
            " · ".join(
                f"{b.symbol} {b.label()} ({colour_name(b.key)})"
                for b in reversed(rules.scheme.bands)
            )
            + " · "
            + tr(
                "{pending_symbol} {pending} (harmaa: arvo puuttuu, syy Peruste-sarakkeessa) · "
                "{na_symbol} {not_assessable} (valkoinen, kursiivi: syy Peruste-sarakkeessa). "
                "Odottavat ja ei-arvioitavat eivät ole mukana koonneissa.",
                pending_symbol=PENDING_SYMBOL,
                pending=Msg(PENDING_LABEL),
                na_symbol=NOT_ASSESSABLE_SYMBOL,
                not_assessable=Msg(NOT_ASSESSABLE_LABEL),
            ),
        ),
        (
            tr("Lukitus"),
            tr(
                "Välilehti on suojattu ja lukittu: myöhemmän neljänneksen luonti ei muuta sitä. "
                "Syötetarkiste (SHA-256) lasketaan syötteistä, joista välilehti on tehty; "
                "xlsrc validate ilmoittaa, jos lukitun neljänneksen syötteet muuttuvat."
            ),
        ),
    ]
    for label, text in lines:
        grid.merge(row, COL_KEY, COL_GOAL, label, LABEL)
        grid.merge(row, COL_KPI, COL_NOTES, text, TEXT)
        grid.fit(row, text, sum(WIDTHS[c] for c in range(COL_KPI, COL_NOTES + 1)))
        row += 1
    return row
