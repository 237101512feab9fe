"""Excel-facing programme totals: programme x status pivots matched by number prefix."""

from __future__ import annotations

import math
from typing import Any

from xlsrc.core.pivot import build_pivot, number_prefix
from xlsrc.core.vocab import PROGRAMME_STATUSES
from xlsrc.functions.cells import blank_if_none, check, flat, is_blank, number, same_length
from xlsrc.registry import excel_function


def _measures(programmes: Any, statuses: Any, amounts: Any) -> list[tuple[object, object, float]]:
    """Detail rows as triples; fully blank rows (unused table space) are skipped."""
    programme_column, status_column, amount_column = flat(programmes), flat(statuses), flat(amounts)
    same_length(programme_column, status_column, amount_column)
    measures = []
    for index, (programme, status, amount) in enumerate(
        zip(programme_column, status_column, amount_column, strict=True), start=1
    ):
        if all(v is None or v == "" for v in (programme, status, amount)):
            continue
        measures.append(
            (check(programme), check(status), number(amount, f"Tavoitesumma, rivi {index}"))
        )
    return measures


@excel_function(
    name="XS_PROGRAMME_KEY",
    category="xlsrc ohjelmat",
    args={"label": 'Ohjelman tai toimialueen nimi numeroineen, esim. "3. Palvelutuotanto"'},
)
def xs_programme_key(label: Any) -> str:
    """The number a programme or division is matched by: "3. ..." gives "3"."""
    return number_prefix(check(label))


@excel_function(
    name="XS_PIVOT",
    category="xlsrc ohjelmat",
    args={
        "programmes": ("Toimenpiteiden ohjelmasarake", "range"),
        "statuses": ("Tilannekuvasarake", "range"),
        "amounts": ("Tavoitesummasarake", "range"),
        "row_labels": ("Pivotin rivien ohjelmat (järjestys ja nimet)", "range"),
    },
    returns="array",
)
def xs_pivot(
    programmes: Any, statuses: Any, amounts: Any, row_labels: Any = None
) -> list[list[Any]]:
    """Programme x status sums with row totals and a total row; no measures = empty cell.

    Columns follow the status codes 1, 2, 3, 5 and then "Kaikki yhteensä".
    Rows follow ``row_labels`` when given, matched by number prefix, one output
    row per label cell (blank labels give blank rows), then the total row.
    """
    measures = _measures(programmes, statuses, amounts)
    if row_labels is None:
        pivot = build_pivot(measures)
        return [[blank_if_none(v) for v in row] for row in pivot.grid()]
    slots = [check(v) for v in flat(row_labels)]
    pivot = build_pivot(measures, programmes=[v for v in slots if not is_blank(v)])
    rows = iter(pivot.grid())
    width = len(pivot.statuses) + 1
    # one output row per label cell, blanks kept in place, so the total row
    # always lands right below the label range however full the table is
    grid = [
        [""] * width if is_blank(label) else [blank_if_none(v) for v in next(rows)]
        for label in slots
    ]
    grid.append([blank_if_none(v) for v in next(rows)])
    return grid


@excel_function(
    name="XS_PIVOT_CELL",
    category="xlsrc ohjelmat",
    args={
        "programme": "Ohjelma (numero riittää)",
        "status": 'Tilannekuva, esim. "3. Haasteita"',
        "programmes": ("Toimenpiteiden ohjelmasarake", "range"),
        "statuses": ("Tilannekuvasarake", "range"),
        "amounts": ("Tavoitesummasarake", "range"),
    },
)
def xs_pivot_cell(
    programme: Any, status: Any, programmes: Any, statuses: Any, amounts: Any
) -> float | str:
    """One pivot cell: the sum for a programme and status, empty when it has no measures."""
    wanted_key = number_prefix(check(programme))
    wanted_status = PROGRAMME_STATUSES.parse(check(status))
    matching = [
        amount
        for label, status_text, amount in _measures(programmes, statuses, amounts)
        if number_prefix(label) == wanted_key
        and PROGRAMME_STATUSES.parse(status_text) == wanted_status
    ]
    return blank_if_none(math.fsum(matching) if matching else None)
