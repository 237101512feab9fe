"""Savings and statutory-duties programmes (001 Taulukot 2-5): pivots and their measures.

A pivot row's computed cells are ``XS_PIVOT_CELL`` calls on the detail
table's columns, matched by the programme's number prefix; the programme's
"Huomio" (``XS_PIVOT_NOTE``) names the measures that could not be counted (an
unknown status, a number typed as text), so one bad measure shows on its own
programme's row and every other programme stays right.
"""

from __future__ import annotations

from xlsrc.core.text import N_, Msg, Text
from xlsrc.core.vocab import PROGRAMME_STATUSES, Status
from xlsrc.workbooks.layouts.columns import computed, note_column
from xlsrc.workbooks.layouts.model import (
    AMOUNT,
    PERCENT,
    Column,
    TableLayout,
    Totals,
    WorkbookLayout,
    table,
    table_sheet,
)

_TOTAL_LABEL = N_("Kaikki yhteensä")


def printed(status: Status) -> Text:
    """A status as the reports print it ("2. Etenee suunnitellusti"), in any language."""
    if status.code.isdigit():
        return Msg("{code}. {label}", code=status.code, label=Msg(status.label))
    return status.label


#: The stated pivot columns: one per status of the vocabulary, then the row total.
_STATUSES: tuple[tuple[str, Text], ...] = tuple(
    (f"status_{s.code}", printed(s)) for s in PROGRAMME_STATUSES.statuses
)
_PIVOT_KEYS: tuple[tuple[str, Text], ...] = (*_STATUSES, ("total", _TOTAL_LABEL))


def _cell_formula(programme: str, key: str, detail: str) -> str:
    """The pivot cell of status column ``key`` ("total": every status): the status is
    written as the workbook's language prints it (placeholder ``{status:...}``)."""
    status = '"*"' if key == "total" else f'"{{status:programme_status:{key[7:]}}}"'
    return (
        f"XS_PIVOT_CELL({programme},{status},{{{detail}.programme:col}},"
        f"{{{detail}.status:col}},{{{detail}.target_sum:col}})"
    )


def _pivot_columns(label_header: Text, seed_label: str, detail: str) -> tuple[Column, ...]:
    """Stated pivot (label, one column per status, total) and its recomputation per cell."""
    stated = [
        Column(key, header, "stated", "amount", seed_key=key, number_format=AMOUNT, width=13,
               wrap=True)
        for key, header in _PIVOT_KEYS
    ]  # fmt: skip
    recomputed = [
        Column(
            f"{key}_calc",
            computed(header),
            "computed",
            "amount",
            number_format=AMOUNT,
            width=13,
            wrap=True,
            recomputes=key,
            formula=_cell_formula("{programme}", key, detail),
        )  # fmt: skip
        for key, header in _PIVOT_KEYS
    ]
    note = Column(
        "note", N_("Huomio"), "computed", "note", width=30, wrap=True, since=2,
        formula=(
            f"XS_PIVOT_NOTE({{programme}},{{{detail}.programme:col}},{{{detail}.status:col}},"
            f"{{{detail}.target_sum:col}})"
        ),
    )  # fmt: skip
    label = Column("programme", label_header, seed_key=seed_label, width=34, wrap=True)
    return (label, *stated, *recomputed, note)


def _pivot_totals(name: str, detail: str) -> Totals:
    """The pivot's "Kaikki yhteensä": stated, and recomputed over every measure."""
    return Totals(
        name=name,
        label=_TOTAL_LABEL,
        columns=tuple(key for key, _ in _PIVOT_KEYS),
        v1_placement="last_row",
        formulas=tuple((key, _cell_formula('"*"', key, detail)) for key, _ in _PIVOT_KEYS),
    )


def _measure_columns(label_header: Text, seed_label: str) -> tuple[Column, ...]:
    return (
        Column("programme", label_header, seed_key=seed_label, width=30, wrap=True,
               required=True),
        Column("measure", N_("Toimenpide"), seed_key="measure", width=52, wrap=True),
        Column("status", N_("Tilannekuva"), kind="status", seed_key="status",
               vocabulary="programme_status", width=22, required=True),
        Column("readiness", N_("Valmiusaste"), kind="percent", seed_key="readiness",
               number_format=PERCENT, width=11),
        Column("target_sum", N_("Tavoitesumma"), kind="amount", seed_key="target_sum",
               number_format=AMOUNT, width=13, required=True),
        note_column(),
    )  # fmt: skip


def _title(number: int) -> Msg:
    return Msg("Taulukko {n}. {title}", n=number, title=Msg(_TITLES[number]))


def _pivot(
    number: int, name: str, label: tuple[str, str], detail: str, what: str, lower: str
) -> TableLayout:
    """001 Taulukko 2 or 4: the stated pivot over detail table ``detail``."""
    header, seed_label = label
    return table(
        key=f"{detail.split('_')[0]}_pivot",
        note=Msg(
            "Laskettu pivot summaa Taulukon {n} toimenpiteet {what} numeron ja tilannekuvan "
            "mukaan; tyhjä solu = ei toimenpiteitä.",
            n=number + 1,
            what=Msg(what),
        ),
        name=name,
        sheet=table_sheet(number),
        title=_title(number),
        source=Msg("Lähde 001, Taulukko {n} ({what} × tilannekuva)", n=number, what=Msg(lower)),
        unit="€",
        seed_table=f"001-T{number}",
        columns=_pivot_columns(header, seed_label, detail),
        template_rows=8,
        totals=_pivot_totals(f"{name}_yhteensa", detail),
    )


def _measures(number: int, name: str, label: tuple[str, str]) -> TableLayout:
    """001 Taulukko 3 or 5: the measures the pivot sums."""
    return table(
        key=("savings" if number == 3 else "statutory") + "_measures",
        name=name,
        sheet=table_sheet(number),
        title=_title(number),
        source=Msg("Lähde 001, Taulukko {n}", n=number),
        unit="€",
        seed_table=f"001-T{number}",
        columns=_measure_columns(*label),
        template_rows=20,
        totals=Totals(f"{name}_yhteensa", _TOTAL_LABEL, ("target_sum",)),
    )


_TITLES = {
    2: N_("Talouden tavoiteohjelman toteutumisarvio ohjelmittain"),
    3: N_("Talouden tavoiteohjelman toteutumisarvio TA24-kirjan toimenpiteittäin"),
    4: N_("Lakisääteisyyden turvaamisen toteutumisarvio"),
    5: N_("Lakisääteisyyden turvaamisen toteutumisarvio TA24-kirjan toimenpiteittäin"),
}
_PROGRAMME, _DIVISION = (N_("Ohjelma"), "programme"), (N_("Toimialue"), "division")
PIVOT_SAVINGS = _pivot(
    2, "Ohjelmat_T2", _PROGRAMME, "savings_measures", N_("ohjelman"), N_("ohjelma")
)
SAVINGS_MEASURES = _measures(3, "Toimenpiteet_T3", _PROGRAMME)
PIVOT_STATUTORY = _pivot(
    4, "Toimialueet_T4", _DIVISION, "statutory_measures", N_("toimialueen"), N_("toimialue")
)
STATUTORY_MEASURES = _measures(5, "Toimenpiteet_T5", _DIVISION)

PROGRAMMES = WorkbookLayout(
    key="programmes",
    file_name="tavoiteohjelmat.xlsx",
    title=N_("Talouden tavoiteohjelma ja lakisääteisyyden turvaaminen"),
    tables=(PIVOT_SAVINGS, SAVINGS_MEASURES, PIVOT_STATUTORY, STATUTORY_MEASURES),
)
