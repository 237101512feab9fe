"""Strategic targets (001 Taulukko 1, 000, 002 Taulukko 7, 003): target, actual, status."""

from __future__ import annotations

from xlsrc.core.text import N_
from xlsrc.workbooks.layouts.columns import note_column
from xlsrc.workbooks.layouts.model import DATE, Column, WorkbookLayout, table, table_sheet

_TARGET_STATUS = "XS_TARGET_STATUS({actual},{target},{method},{rules:traffic_light})"
_TARGET_STATUS_WITH_BASELINE = (
    "XS_TARGET_STATUS({actual},{target},{method},{rules:traffic_light},{baseline})"
)


def _status_calc(formula: str, recomputes: str | None = None) -> Column:
    return Column(
        "status_calc", N_("Status (laskettu)"), "computed", "status", rules="traffic_light",
        formula=formula, recomputes=recomputes, width=19, wrap=True,
    )  # fmt: skip


def _actual(seed_key: str | None = None) -> Column:
    return Column("actual", N_("Toteuma"), kind="number", seed_key=seed_key, width=11)


_METHOD = Column("method", N_("Arviointitapa"), kind="method", width=16)

TARGETS_001 = table(
    key="targets_001",
    name="Tavoitteet_T1",
    sheet=table_sheet(1),
    title=N_("Taulukko 1. Hyvinvointialueen strategiset aluevaltuustoon nähden sitovat tavoitteet "
    "ja niiden mittareiden toteuma"),
    source=N_("Lähde 001, Taulukko 1"),
    seed_table="001-T1",
    columns=(
        Column("goal", N_("Hyvinvointialueen strategiset tavoitteet"), seed_key="goal", width=34,
               wrap=True),
        Column("metric", N_("Strateginen mittari"), seed_key="metric", width=18, wrap=True),
        Column("target_text", N_("Mittarin tavoite"), seed_key="target_text", width=44, wrap=True),
        Column("target", N_("Mittarin tavoitearvo"), kind="target", seed_key="target_value",
               width=13),
        _actual("actual"),
        _METHOD,
        Column("status", N_("Status (ilmoitettu)"), "stated", "status", seed_key="status",
               vocabulary="target_status", width=19, wrap=True),
        Column("timestamp", N_("Aikaleima"), kind="date", seed_key="timestamp",
               number_format=DATE, width=11),
        _status_calc(_TARGET_STATUS, recomputes="status"),
        note_column(),
    ),
)  # fmt: skip

_NO_ACTUAL_NOTE = N_(
    "Lähteessä ei ole toteumaa; tila lasketaan, kun Toteuma-sarakkeeseen kirjataan luku, "
    "siihen asti 'Valmistuu myöhemmin'."
)

#: The columns 000 and 002 Taulukko 7 share (the same binding targets, two reports).
_CITY_TARGET_COLUMNS = (
    Column("goal", N_("Tavoite"), seed_key="goal", width=26, wrap=True),
    Column("metric", N_("Mittari"), seed_key="metric", width=30, wrap=True),
    Column("baseline", N_("Lähtöarvo"), seed_key="baseline", width=20, wrap=True),
    Column("target", N_("Tavoitearvo"), kind="target", seed_key="target", width=20, wrap=True),
    Column("actions", N_("Keskeiset toteuttamisen toimenpiteet (1–3 kpl)"), seed_key="actions",
           width=44, wrap=True),
)  # fmt: skip

TARGETS_000 = table(
    key="targets_000",
    note=(
        N_(
            "Lähde ilmoittaa toteuman vain tekstinä (Toteuma 1. ennuste); tila lasketaan, kun "
            "Toteuma-sarakkeeseen kirjataan luku, siihen asti 'Valmistuu myöhemmin'."
        )
    ),
    name="Tavoitteet_ennuste",
    sheet=N_("Tavoitteet 1. ennuste"),
    title=N_("Sitovat toiminnan tavoitteet ja toteuma 1. ennusteessa"),
    source=N_("Lähde 000 (taulukolla ei otsikkoa)"),
    seed_table="000-targets",
    columns=(
        *_CITY_TARGET_COLUMNS,
        Column("forecast_text", N_("Toteuma 1. ennuste"), seed_key="actual", width=30, wrap=True),
        _actual(),
        _METHOD,
        _status_calc(_TARGET_STATUS_WITH_BASELINE),
        note_column(),
    ),
)

TARGETS_002 = table(
    key="targets_002",
    note=_NO_ACTUAL_NOTE,
    name="Tavoitteet_T7",
    sheet=table_sheet(7),
    title=N_("Taulukko 7. Kaupunkiyhteinen tiivistelmä"),
    source=N_("Lähde 002, Taulukko 7"),
    seed_table="002-T7",
    columns=(
        Column("group", N_("Ryhmä"), seed_key="group", width=14, wrap=True),
        *_CITY_TARGET_COLUMNS,
        Column("strategy", N_("Strategian painopiste"), seed_key="strategy", width=24, wrap=True),
        _actual(),
        _METHOD,
        _status_calc(_TARGET_STATUS_WITH_BASELINE),
        note_column(),
    ),
)

TARGETS_003 = table(
    key="targets_003",
    note=_NO_ACTUAL_NOTE,
    name="Tavoitteet_2024",
    sheet=N_("Sitovat tavoitteet 2024"),
    title=N_("Toimialan keskeiset tavoitteet toimintasuunnitelmakaudella 2024–2027"),
    source=N_("Lähde 003"),
    seed_table="003-targets",
    columns=(
        Column("area", N_("Osa-alue"), seed_key="area", width=12),
        Column("goal", N_("Sitova tavoite"), seed_key="goal", width=36, wrap=True),
        Column("metric", N_("Tavoitteen mittari"), seed_key="metric", width=36, wrap=True),
        Column("target", N_("Tavoitetaso 2024"), kind="target", seed_key="target", width=36,
               wrap=True),
        _actual(),
        _METHOD,
        _status_calc(_TARGET_STATUS),
        note_column(),
    ),
)  # fmt: skip

STRATEGIC_TARGETS = WorkbookLayout(
    key="strategic_targets",
    file_name="strategiset_tavoitteet.xlsx",
    title=N_("Sitovat strategiset tavoitteet"),
    tables=(TARGETS_001, TARGETS_000, TARGETS_002, TARGETS_003),
)
