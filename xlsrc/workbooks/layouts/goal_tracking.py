"""Quarterly goal tracking (004): goal cards, KPI values per quarter, main tasks."""

from __future__ import annotations

from xlsrc.core.schemes import YEAR_END_50_90, ColourKey
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
        f"tasks_{colour}", f"Päätehtäviä: {label}", "computed", "number", number_format=COUNT,
        width=12, wrap=True,
        formula=(
            "COUNTIFS({tasks.goal_id:col},{goal_id},"
            f"{{tasks.status_calc:col}},{{label:year_end:{colour}}})"
        ),
    )  # fmt: skip


GOALS = table(
    key="goals",
    name="Tavoitteet_004",
    sheet="Tavoitteet",
    title="Sitovat strategiset tavoitteet: tavoitekortit",
    source="Lähde 004, tavoitekortit (Nro lisätty kortin järjestyksessä)",
    seed_table="004-goals",
    distinct_by="goal_id",
    template_rows=10,
    columns=(
        Column("goal_id", "Nro", seed_key="goal_id", width=6, required=True),
        Column("theme", "Strateginen painopiste", seed_key="theme", width=16, wrap=True),
        Column("focus", "Painopiste", seed_key="focus", width=24, wrap=True),
        Column("title", "Otsikko", seed_key="title", width=26, wrap=True),
        Column("goal", "Tavoite", seed_key="goal", width=44, wrap=True),
        Column("kpi", "Mittari (KPI)", seed_key="kpi", width=26, wrap=True),
        Column("responsible_unit", "Mittarin vastuutaho", seed_key="responsible_unit",
               width=16, wrap=True),
        Column("responsible_person", "Mittarin vastuuhenkilö", seed_key="responsible_person",
               width=18, wrap=True),
        Column("tasks_total", "Päätehtäviä", "computed", "number", number_format=COUNT,
               width=11, wrap=True, formula="COUNTIFS({tasks.goal_id:col},{goal_id})"),
        _task_count("green"),
        _task_count("yellow"),
        _task_count("red"),
    ),
)  # fmt: skip

KPIS = table(
    key="kpis",
    name="KPI_arvot_004",
    sheet="KPI-arvot",
    title="Mittarin arvo / tilanne neljännesvuosittain",
    source="Lähde 004, tavoitekorttien mittariarvot",
    seed_table="004-goals",
    template_rows=10,
    columns=(
        Column("goal_id", "Nro", seed_key="goal_id", width=6, required=True),
        Column("kpi", "Mittari (KPI)", seed_key="kpi", width=40, wrap=True),
        Column("kpi_series", "Mittarin arvo / tilanne", seed_key="kpi_series", width=30,
               wrap=True),
        *(
            Column(q, q.upper(), kind="number", seed_key=q, width=10, words=True)
            for q in ("q1", "q2", "q3", "q4")
        ),
        Column("target", "Tavoitearvo", kind="target", seed_key="target", width=14, wrap=True),
        Column("method", "Arviointitapa", kind="method", width=16),
        Column("baseline", "Lähtötaso", kind="number", width=10, words=True, since=2),
        Column("weight", "Paino", kind="number", width=8, since=2),
        note_column(),
    ),
)  # fmt: skip

TASKS = table(
    key="tasks",
    note=(
        "Tila luokitellaan Säännöt-välilehden vuosiarviosäännöllä; #VALUE!, kun Tilanne ei ole "
        "prosenttiluku (esim. 'Ei mittaria'), ja Huomio kertoo syyn."
    ),
    name="Paatehtavat_004",
    sheet="Päätehtävät",
    title="Päätehtävät ja niiden eteneminen",
    source="Lähde 004, tavoitekorttien päätehtävätaulukot",
    seed_table="004-tasks",
    template_rows=20,
    columns=(
        Column("goal_id", "Nro", seed_key="goal_id", width=6, required=True),
        Column("task", "Päätehtävät", seed_key="task", width=36, wrap=True),
        Column("person", "Vastuuhenkilö", seed_key="person", width=24, wrap=True),
        Column("description", "Kuvaus", seed_key="description", width=56, wrap=True),
        Column("progress", "Tilanne", kind="percent", seed_key="status", number_format=PERCENT,
               width=10, words=True),
        Column("status_calc", "Tila (laskettu)", "computed", "status", rules="year_end",
               formula="XS_BAND({progress},{rules:year_end})", width=18, wrap=True),
        note_column(),
    ),
)  # fmt: skip

#: The settings the status sheet reads from the rules sheet.  The organisation is the
#: one the 004 report names (seed line 11); the year is the report's (Tilinpäätös 2024).
GOAL_TRACKING_SETTINGS: tuple[Setting, ...] = (
    Setting("Organisaatio", "Kanta-Hämeen hyvinvointialue", "Tilannekatsauksen otsikkoon"),
    Setting("Vuosi", 2024, "Seurantavuosi"),
    Setting("Koontitapa", "huonoin", "huonoin, keskiarvo tai painotettu (Paino-sarake)"),
    Setting("Trendin toleranssi", 0.02, "Muutos enintään tämä osuus tavoitearvosta = ennallaan"),
    Setting(
        "Arviointitapa",
        "Toteutumisaste",
        "Oletus KPI-riveille, joilla Arviointitapa on tyhjä (luettelo Arviointitavat-taulukossa)",
    ),
)

GOAL_TRACKING = WorkbookLayout(
    key="goal_tracking",
    file_name="tavoiteseuranta.xlsx",
    title="Tavoitteiden neljännesvuosiseuranta",
    tables=(GOALS, KPIS, TASKS),
    settings=GOAL_TRACKING_SETTINGS,
)
