"""List tables with a stated total row: the total is the sum of the rows above it.

Seed 001 Taulukot 3 and 5 end in "Kaikki yhteensä" (the target sums of all
measures, in euros), seed 002 Taulukko 8 in "Henkilöstömäärä yhteensä" (head
counts).  Both are whole units, not rounded thousands, so the tolerance is 0:
any difference is an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from xlsrc.core.text import Msg, Text
from xlsrc.validation.equations import Equation
from xlsrc.validation.model import Row, Table
from xlsrc.validation.rules.base import Checks, normalized, unusable

_TOTAL_LABEL = re.compile(r"\byhteensä$")  # i18n: a pattern of the label a total row prints


@lru_cache(maxsize=4096)
def is_total_label(text: str) -> bool:
    """Whether a row label says "yhteensä"; remembered, since a table repeats its labels."""
    return _TOTAL_LABEL.search(normalized(text)) is not None


def total_row(table: Table, label_keys: Sequence[str]) -> Row | None:
    """The last row whose label says "yhteensä"."""
    found = None
    for row in table:
        if any(is_total_label(row.text(k)) for k in label_keys):
            found = row
    return found


def list_total(
    table: Table,
    label_keys: Sequence[str],
    columns: Sequence[str],
    what: Text,
    tolerance: float = 0.0,
) -> Checks:
    """``total`` row = Σ the other rows that carry a number, column by column.

    A row whose cell the input rules report (text in the column, a required
    blank: :func:`~xlsrc.validation.rules.base.unusable`) stays among the parts,
    so the total is not judged: its error is that cell's, not the total's.
    """
    result = Checks()
    total = total_row(table, label_keys)
    if total is None:
        return result
    for key in columns:
        target = total.cell(key)
        if target is None or target.number is None:
            continue
        parts = [
            (1.0, cell.at)
            for row in table
            if row is not total
            for cell in [row.cell(key)]
            if cell is not None and (cell.number is not None or unusable(table, row, key))
        ]
        result.equations.append(
            Equation(
                target.at,
                tuple(parts),
                "list_total",
                Msg("{what} = rivien summa ({header})", what=what, header=table.header(key)),
                tolerance,
            )
        )
    return result


def staff(table: Table) -> Checks:
    """002 Taulukko 8: Henkilöstömäärä yhteensä = the areas' head counts."""
    years = [k for k in table.columns if k in table.numeric_columns]
    return list_total(table, ("item", "area"), years, Msg("Henkilöstömäärä yhteensä"))
