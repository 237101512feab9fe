"""Quarterly goal tracking (004): goal cards, KPI values per quarter, main tasks."""

from __future__ import annotations

from xlsrc.core.schemes import YEAR_END_50_90, ColourKey
from xlsrc.core.text import N_, Msg
from xlsrc.workbooks.layouts.columns import note_column
from xlsrc.workbooks.layouts.model import (
    COUNT,
    PERCENT,
    Column,
    Setting,
    WorkbookLayout,
    table,
)


def _task_count(colour: ColourKey) -> Column:
    label = YEAR_END_50_90.band(colour).label_fi
    return Column(
        f"tasks_{colour}", Msg("Päätehtäviä: {label}", label=label), "computed", "number",
        number_format=COUNT,
        width=12, wrap=True,
        formula=(
            "COUNTIFS({tasks.goal_id:col},{goal_id},"
            f"{{tasks.status_calc:col}},{{label:year_end:{colour}}})"
        ),
    )  # fmt: skip


GOALS = table(
    key="goals",
    name="Tavoitteet_004",
    sheet=N_("Tavoitteet"),
    title=N_("Sitovat strategiset tavoitteet: tavoitekortit"),
    source=N_("Lähde 004, tavoitekortit (Nro lisätty kortin järjestyksessä)"),
    seed_table="004-goals",
    distinct_by="goal_id",
    template_rows=10,
    columns=(
        Column("goal_id", N_("Nro"), seed_key="goal_id", width=6, required=True),
        Column("theme", N_("Strateginen painopiste"), seed_key="theme", width=16, wrap=True),
        Column("focus", N_("Painopiste"), seed_key="focus", width=24, wrap=True),
        Column("title", N_("Otsikko"), seed_key="title", width=26, wrap=True),
        Column("goal", N_("Tavoite"), seed_key="goal", width=44, wrap=True),
        Column("kpi", N_("Mittari (KPI)"), seed_key="kpi", width=26, wrap=True),
        Column("responsible_unit", N_("Mittarin vastuutaho"), seed_key="responsible_unit",
               width=16, wrap=True),
        Column("responsible_person", N_("Mittarin vastuuhenkilö"), seed_key="responsible_person",
               width=18, wrap=True),
        Column("tasks_total", N_("Päätehtäviä"), "computed", "number", number_format=COUNT,
               width=11, wrap=True, formula="COUNTIFS({tasks.goal_id:col},{goal_id})"),
        _task_count("green"),
        _task_count("yellow"),
        _task_count("red"),
    ),
)  # fmt: skip

KPIS = table(
    key="kpis",
    name="KPI_arvot_004",
    sheet=N_("KPI-arvot"),
    title=N_("Mittarin arvo / tilanne neljännesvuosittain"),
    source=N_("Lähde 004, tavoitekorttien mittariarvot"),
    seed_table="004-goals",
    template_rows=10,
    columns=(
        Column("goal_id", N_("Nro"), seed_key="goal_id", width=6, required=True),
        Column("kpi", N_("Mittari (KPI)"), seed_key="kpi", width=40, wrap=True),
        Column("kpi_series", N_("Mittarin arvo / tilanne"), seed_key="kpi_series", width=30,
               wrap=True),
        *(
            Column(q, q.upper(), kind="number", seed_key=q, width=10, words=True)
            for q in ("q1", "q2", "q3", "q4")
        ),
        Column("target", N_("Tavoitearvo"), kind="target", seed_key="target", width=14, wrap=True),
        Column("method", N_("Arviointitapa"), kind="method", width=16),
        Column("baseline", N_("Lähtötaso"), kind="number", width=10, words=True, since=2),
        Column("weight", N_("Paino"), kind="number", width=8, since=2),
        note_column(),
    ),
)  # fmt: skip

TASKS = table(
    key="tasks",
    note=N_(
        "Tila luokitellaan Säännöt-välilehden vuosiarviosäännöllä; #VALUE!, kun Tilanne ei ole "
        "prosenttiluku (esim. 'Ei mittaria'), ja Huomio kertoo syyn."
    ),
    name="Paatehtavat_004",
    sheet=N_("Päätehtävät"),
    title=N_("Päätehtävät ja niiden eteneminen"),
    source=N_("Lähde 004, tavoitekorttien päätehtävätaulukot"),
    seed_table="004-tasks",
    template_rows=20,
    columns=(
        Column("goal_id", N_("Nro"), seed_key="goal_id", width=6, required=True),
        Column("task", N_("Päätehtävät"), seed_key="task", width=36, wrap=True),
        Column("person", N_("Vastuuhenkilö"), seed_key="person", width=24, wrap=True),
        Column("description", N_("Kuvaus"), seed_key="description", width=56, wrap=True),
        Column("progress", N_("Tilanne"), kind="percent", seed_key="status", number_format=PERCENT,
               width=10, words=True),
        Column("status_calc", N_("Tila (laskettu)"), "computed", "status", rules="year_end",
               formula="XS_BAND({progress},{rules:year_end})", width=18, wrap=True),
        note_column(),
    ),
)  # fmt: skip

#: The settings the status sheet reads from the rules sheet.  The organisation is the
#: one the 004 report names (seed line 11); the year is the report's (Tilinpäätös 2024).
#: A setting's value that is a rule word is written in the workbook's language (a
#: :class:`~xlsrc.core.text.Msg`); the organisation's name is the report's own.
GOAL_TRACKING_SETTINGS: tuple[Setting, ...] = (
    Setting(
        N_("Organisaatio"),
        "Kanta-Hämeen hyvinvointialue",  # i18n: a proper name, as the 004 report prints it
        N_("Tilannekatsauksen otsikkoon"),
    ),
    Setting(N_("Vuosi"), 2024, N_("Seurantavuosi")),
    Setting(
        N_("Koontitapa"), Msg("huonoin"), N_("huonoin, keskiarvo tai painotettu (Paino-sarake)")
    ),
    Setting(
        N_("Trendin toleranssi"), 0.02, N_("Muutos enintään tämä osuus tavoitearvosta = ennallaan")
    ),
    Setting(
        N_("Arviointitapa"),
        Msg("Toteutumisaste"),
        N_(
            "Oletus KPI-riveille, joilla Arviointitapa on tyhjä (luettelo "
            "Arviointitavat-taulukossa)"
        ),
    ),
)

GOAL_TRACKING = WorkbookLayout(
    key="goal_tracking",
    file_name="tavoiteseuranta.xlsx",
    title=N_("Tavoitteiden neljännesvuosiseuranta"),
    tables=(GOALS, KPIS, TASKS),
    settings=GOAL_TRACKING_SETTINGS,
)
