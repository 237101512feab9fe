"""Excel-facing programme totals: programme x status pivots matched by number prefix.

Each pivot cell is computed on its own (:func:`xlsrc.core.pivot.pivot_cell`),
so one measure with an unknown status or a number typed as text fails only the
cells it belongs to, and ``XS_PIVOT_NOTE`` says which measure and why on the
affected programme's row.  The measures are read once per detail table and
grouped (:class:`~xlsrc.core.pivot.MeasureIndex`): in the headless engine every
pivot cell over the same columns shares them (:func:`~xlsrc.functions.cells.derived`).
"""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import XlsrcError
from xlsrc.core.pivot import Measure, MeasureIndex, number_prefix
from xlsrc.core.text import N_
from xlsrc.core.vocab import PROGRAMME_STATUSES, Status
from xlsrc.functions.cells import (
    blank_if_none,
    cell_reading,
    check,
    derived,
    flat,
    is_blank,
    same_length,
)
from xlsrc.registry import excel_function

#: "Every programme" / "every status" in XS_PIVOT_CELL.
ALL = "*"


def _measures(programmes: Any, statuses: Any, amounts: Any) -> MeasureIndex:
    """Detail rows, grouped; fully blank rows (unused table space) are skipped."""
    return derived(_read_measures, programmes, statuses, amounts)


def _read_measures(programmes: Any, statuses: Any, amounts: Any) -> MeasureIndex:
    programme_column, status_column, amount_column = flat(programmes), flat(statuses), flat(amounts)
    same_length(programme_column, status_column, amount_column)
    return MeasureIndex(
        Measure(row, check(programme), check(status), cell_reading(amount))
        for row, (programme, status, amount) in enumerate(
            zip(programme_column, status_column, amount_column, strict=True), start=1
        )
        if not is_blank(programme, status, amount)
    )


def _programme(value: Any) -> str | None:
    text = check(value)
    return None if str(text).strip() == ALL else number_prefix(text)


def _status(value: Any) -> Status | None:
    text = check(value)
    return None if is_blank(text) or str(text).strip() == ALL else PROGRAMME_STATUSES.parse(text)


@excel_function(
    name="XS_PROGRAMME_KEY",
    category=N_("xlsrc ohjelmat"),
    description=N_(
        'Numero, jolla ohjelma tai toimialue yhdistetään: "3. Palvelutuotanto" antaa "3".'
    ),
    args={"label": N_('Ohjelman tai toimialueen nimi numeroineen, esim. "3. Palvelutuotanto"')},
)
def xs_programme_key(label: Any) -> str:
    """The number a programme or division is matched by: "3. ..." gives "3"."""
    return number_prefix(check(label))


@excel_function(
    name="XS_PIVOT_CELL",
    category=N_("xlsrc ohjelmat"),
    description=N_(
        "Yksi pivot-solu: ohjelman ja tilannekuvan summa, tyhjä kun toimenpiteitä ei ole."
    ),
    args={
        "programme": N_('Ohjelma (numero riittää); "*" = kaikki ohjelmat'),
        "status": N_('Tilannekuva, esim. "3. Haasteita"; "*" = kaikki tilat'),
        "programmes": (N_("Toimenpiteiden ohjelmasarake"), "range"),
        "statuses": (N_("Tilannekuvasarake"), "range"),
        "amounts": (N_("Tavoitesummasarake"), "range"),
    },
)
def xs_pivot_cell(
    programme: Any, status: Any, programmes: Any, statuses: Any, amounts: Any
) -> float | str:
    """One pivot cell: the sum for a programme and status, empty when it has no measures.

    A blank programme (an unused pivot row) stays blank.
    """
    if is_blank(check(programme)):
        return ""
    measures = _measures(programmes, statuses, amounts)
    return blank_if_none(measures.cell(_programme(programme), _status(status)))


@excel_function(
    name="XS_PIVOT_NOTE",
    category=N_("xlsrc ohjelmat"),
    description=N_(
        "Miksi osaa ohjelman toimenpiteistä ei "
        "laskettu pivot-soluihin (tyhjä, kun kaikki laskettiin)."
    ),
    args={
        "programme": N_("Ohjelma (numero riittää)"),
        "programmes": (N_("Toimenpiteiden ohjelmasarake"), "range"),
        "statuses": (N_("Tilannekuvasarake"), "range"),
        "amounts": (N_("Tavoitesummasarake"), "range"),
    },
)
def xs_pivot_note(programme: Any, programmes: Any, statuses: Any, amounts: Any) -> str:
    """Why some of the programme's measures are not counted ("" when all are)."""
    if is_blank(check(programme)):
        return ""
    measures = _measures(programmes, statuses, amounts)
    return "; ".join(str(p) for p in measures.problems(_programme(programme)))


@excel_function(
    name="XS_PIVOT",
    category=N_("xlsrc ohjelmat"),
    description=N_(
        "Ohjelma × tilannekuva -summat rivisummineen ja "
        "summarivein; ohjelma ilman toimenpiteitä jää tyhjäksi."
    ),
    args={
        "programmes": (N_("Toimenpiteiden ohjelmasarake"), "range"),
        "statuses": (N_("Tilannekuvasarake"), "range"),
        "amounts": (N_("Tavoitesummasarake"), "range"),
        "row_labels": (N_("Pivotin rivien ohjelmat (järjestys ja nimet)"), "range"),
    },
    returns="array",
)
def xs_pivot(
    programmes: Any, statuses: Any, amounts: Any, row_labels: Any = None
) -> list[list[Any]]:
    """Programme x status sums with row totals and a total row; no measures = empty cell.

    Columns follow the status codes 1, 2, 3, 5 and then "Kaikki yhteensä".
    Rows follow ``row_labels`` when given (one output row per label cell,
    blank labels give blank rows), else the programme numbers; then the total
    row.  Every cell is computed alone, so a bad measure fails only its cells.
    """
    measures = _measures(programmes, statuses, amounts)
    if row_labels is None:
        keys = sorted({k for m in measures.measures if (k := _safe_key(m.programme))}, key=int)
        slots: list[Any] = list(keys)
    else:
        slots = [check(v) for v in flat(row_labels)]
    columns: list[Status | None] = [*PROGRAMME_STATUSES.statuses, None]

    def cell(key: str | None, status: Status | None) -> Any:
        try:
            return blank_if_none(measures.cell(key, status))
        except XlsrcError as error:
            return error.xl_error

    grid: list[list[Any]] = []
    for label in slots:
        if is_blank(label):
            grid.append([""] * len(columns))
            continue
        try:
            key = number_prefix(label)
        except XlsrcError as error:
            grid.append([error.xl_error] * len(columns))
            continue
        grid.append([cell(key, status) for status in columns])
    grid.append([cell(None, status) for status in columns])
    return grid


def _safe_key(programme: object) -> str | None:
    try:
        return number_prefix(programme)
    except XlsrcError:
        return None
