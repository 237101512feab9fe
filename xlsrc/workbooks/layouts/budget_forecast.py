"""Budget vs actual vs forecast (003): the statement, its "X vs Y %" ratios and KEHYS."""

from __future__ import annotations

from xlsrc.core.text import N_
from xlsrc.workbooks.layouts.columns import (
    amounts,
    computed,
    computed_amount,
    note_column,
    stated_amount,
    stated_percent,
)
from xlsrc.workbooks.layouts.model import (
    PERCENT,
    CheckRow,
    Column,
    StatementRow,
    WorkbookLayout,
    table,
)

#: The statement's headings (bilingual, as seed 003 prints them); the validation rule
#: recognises each by either half, in every language of the catalogue.
INCOME_HEADING = N_("Toimintatuotot - Verksamhetsintäkter")
COSTS_HEADING = N_("Toimintakulut - Verksamhetskostnader")
MARGIN_HEADING = N_("Toimintakate - Verksamhetsbidrag")

_FORECAST_ROWS = (
    StatementRow(INCOME_HEADING, "subtotal"),
    StatementRow(N_("Myyntituotot - Försäljningsinkomster")),
    StatementRow(N_("Maksutuotot - Avgiftsinkomster")),
    StatementRow(N_("Tuet ja avustukset - Stöd och bidrag")),
    StatementRow(N_("Muut tuotot - Övriga verksamhetsinkomster")),
    StatementRow(COSTS_HEADING, "subtotal"),
    StatementRow(N_("Henkilöstökulut - Personalutgifter")),
    StatementRow(N_("Palvelujen ostot - Köp av tjänster")),
    StatementRow(N_("Aineet, tarvikkeet ja tavarat - Material, förnödenheter och varor")),
    StatementRow(N_("Avustukset - Bidrag")),
    StatementRow(N_("Muut toimintakulut - Övriga verksamhets- utgifter")),
    StatementRow(MARGIN_HEADING, "total"),
)
_FORECAST_AMOUNTS = ("ta2023", "tot_1_6_2023", "enn2023", "tae2024", "kehys2024")


def _ratio(key: str, header: str, numerator: str, denominator: str) -> Column:
    return Column(
        f"{key}_calc", computed(header), "computed", "percent", number_format=PERCENT,
        width=11, wrap=True, recomputes=key,
        formula=f"XS_RATIO_PCT({{{numerator}}},{{{denominator}}})",
    )  # fmt: skip


BUDGET_FORECAST_TABLE = table(
    key="budget_forecast",
    name="Talousarvio_TAE24",
    note=N_(
        "X vs. Y % = X / Y kokonaisina prosentteina; KEHYS24 vs. TAE24 = TA-esitys − Kehys. "
        "Tarkistusrivit summaavat erät osistaan."
    ),
    sheet=N_("TAE 2024"),
    title=N_("Talousarvioesitys 2024 vs. TA23 ja ENN23"),
    source=N_("Lähde 003, Sosiaali- ja terveystoimi 1(4)"),
    unit="1000 €",
    seed_table="003-budget",
    statement_rows=_FORECAST_ROWS,
    label_key="item",
    columns=(
        Column("item", N_("Sosiaali- ja terveystoimi Social- och hälsovård 1 000 €"),
               seed_key="item", width=34, wrap=True),
        *amounts(("ta2023", N_("Talousarvio Budget 2023")),
                 ("tot_1_6_2023", N_("Toteuma Utfall 1-6/2023"))),
        stated_percent("tot_vs_ta_pct", N_("TOT vs. TA %")),
        *amounts(("enn2023", N_("Ennuste Prognos 2023"))),
        stated_percent("enn_vs_ta_pct", N_("ENN vs. TA %")),
        *amounts(("tae2024", N_("TA-esitys Proposition 2024"))),
        stated_percent("tae24_vs_ta23_pct", N_("TAE24 vs. TA23 %")),
        stated_percent("tae24_vs_enn23_pct", N_("TAE24 vs. ENN23 %")),
        *amounts(("kehys2024", N_("Kehys Ram 2024"))),
        stated_amount("kehys24_vs_tae24", N_("KEHYS24 vs. TAE24")),
        _ratio("tot_vs_ta_pct", N_("TOT vs. TA %"), "tot_1_6_2023", "ta2023"),
        _ratio("enn_vs_ta_pct", N_("ENN vs. TA %"), "enn2023", "ta2023"),
        _ratio("tae24_vs_ta23_pct", N_("TAE24 vs. TA23 %"), "tae2024", "ta2023"),
        _ratio("tae24_vs_enn23_pct", N_("TAE24 vs. ENN23 %"), "tae2024", "enn2023"),
        computed_amount(
            "kehys24_vs_tae24_calc", computed(N_("KEHYS24 vs. TAE24")),
            'IF(OR(AND(ISTEXT({tae2024}),{tae2024}<>"-"),AND(ISTEXT({kehys2024}),{kehys2024}<>"-")),'
            "NA(),N({tae2024})-N({kehys2024}))",
            recomputes="kehys24_vs_tae24",
        ),
        note_column(),
    ),
    check_rows=(
        CheckRow(N_("Toimintatuotot (laskettu)"), 0, (1, 2, 3, 4), _FORECAST_AMOUNTS),
        CheckRow(N_("Toimintakulut (laskettu)"), 5, (6, 7, 8, 9, 10), _FORECAST_AMOUNTS),
        CheckRow(N_("Toimintakate (laskettu)"), 11, (0, 5), _FORECAST_AMOUNTS),
    ),
    check_name="Talousarvio_TAE24_tarkistus",
)  # fmt: skip

BUDGET_FORECAST = WorkbookLayout(
    key="budget_forecast",
    file_name="talousarvio_ennuste.xlsx",
    title=N_("Talousarvio, toteuma ja ennuste"),
    tables=(BUDGET_FORECAST_TABLE,),
)
