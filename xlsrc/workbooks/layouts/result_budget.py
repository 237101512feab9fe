"""Result budget and operating plan (002 Taulukot 1-6 and 8).

Statements (Taulukot 1-4) have fixed rows; their recomputed subtotals sit in
a check block whose formulas find the parts by their *labels*, so sorting or
inserting statement rows is harmless.  The result budget (Taulukko 5) has one
row per area, service and line; its checks read the same area and service's
lines through SUMIFS, and every check is #N/A rather than a smaller number
while a part it sums is text.
"""

from __future__ import annotations

from xlsrc.core.budget import LINE_NAMES
from xlsrc.workbooks.layouts.columns import (
    amounts,
    computed_amount,
    note_column,
    stated_amount,
    stated_percent,
)
from xlsrc.workbooks.layouts.model import (
    PERCENT_1,
    CheckRow,
    Column,
    StatementRow,
    TableLayout,
    Totals,
    WorkbookLayout,
    strict_sum_of,
    table,
)

_TULOT, _MENOT, _KATE = LINE_NAMES["income"], LINE_NAMES["expense"], LINE_NAMES["margin"]


def _statement(
    key: str,
    name: str,
    sheet: str,
    title: str,
    seed_table: str,
    label_header: str,
    amount_columns: tuple[tuple[str, str], ...],
    rows: tuple[StatementRow, ...],
    checks: tuple[tuple[str, int, tuple[int, ...]], ...],
) -> TableLayout:
    columns = amounts(*amount_columns)
    return table(
        key=key,
        name=name,
        sheet=sheet,
        title=title,
        source=f"Lähde {seed_table[:3]}, {title.split('.')[0]}",
        unit="1000 €",
        seed_table=seed_table,
        columns=(
            Column("item", label_header, seed_key="item", width=34, wrap=True),
            *columns,
            note_column(),
        ),
        statement_rows=rows,
        label_key="item",
        check_rows=tuple(
            CheckRow(label, recomputes, parts, tuple(c.key for c in columns))
            for label, recomputes, parts in checks
        ),
        check_name=f"{name}_tarkistus",
    )


_MARGIN_ROWS = (
    StatementRow("Tulot yhteensä"),
    StatementRow("Menot yhteensä"),
    StatementRow("Toimintakate", "subtotal"),
    StatementRow("Poistot"),
    StatementRow("Tilikauden tulos", "total"),
)
_MARGIN_CHECKS = (
    ("Toimintakate (laskettu)", 2, (0, 1)),
    ("Tilikauden tulos (laskettu)", 4, (2, 3)),
)
_FORM_AMOUNTS = (
    ("ta2023", "Talousarvio 2023"),
    ("ltk_tae", "Ltk TAE"),
    ("ta2024", "Talousarvio 2024"),
)

BUDGET_TOTAL = _statement(
    "budget_total",
    "Talous_T1",
    "Taulukko 1",
    "Taulukko 1. Sosiaali-, terveys- ja pelastustoimialan talouden kokonaisuus",
    "002-T1",
    "Sosiaali-, terveys- ja pelastustoimi 5 10",
    (
        ("ta2023", "TA23"),
        ("tb2023", "TB23"),
        ("ltk_tae2024", "Ltk-TAE 24"),
        ("ta2024", "TA24"),
        ("tb2024", "TB24"),
    ),
    (
        StatementRow("Toimintatulot"),
        StatementRow("Toimintamenot"),
        StatementRow("Toimintakate", "total"),
    ),
    (("Toimintakate (laskettu)", 2, (0, 1)),),
)

BUDGET_INCOME_STATEMENT = _statement(
    "budget_income_statement",
    "Tuloslaskelma_T2",
    "Taulukko 2",
    "Taulukko 2. Sosiaali-, terveys- ja pelastustoimialan tuloslaskelma 2024",
    "002-T2",
    "1000 €",
    (("ta2023", "Talousarvio 2023"), ("ta2024", "Talousarvio 2024")),
    (
        StatementRow("Toimintatulot"),
        StatementRow("Toimintamenot"),
        StatementRow("Toimintakate", "subtotal"),
        StatementRow("Valtion rahoitus"),
        StatementRow("Rahoitustulot"),
        StatementRow("Vuosikate", "subtotal"),
        StatementRow("Poistot"),
        StatementRow("Tilikauden tulos", "total"),
    ),
    (
        ("Toimintakate (laskettu)", 2, (0, 1)),
        ("Vuosikate (laskettu)", 5, (2, 3, 4)),
        ("Tilikauden tulos (laskettu)", 7, (5, 6)),
    ),
)

BUDGET_SERVICES = _statement(
    "budget_services",
    "Palvelut_T3",
    "Taulukko 3",
    "Taulukko 3. Sosiaali-, terveys- ja pelastuspalvelut",
    "002-T3",
    "Sosiaali-, terveys- ja pelastuspalvelut 5 10 01 1 000 €",
    _FORM_AMOUNTS,
    _MARGIN_ROWS,
    _MARGIN_CHECKS,
)

BUDGET_HUS = _statement(
    "budget_hus",
    "HUS_T4",
    "Taulukko 4",
    "Taulukko 4. HUS-yhtymä",
    "002-T4",
    "HUS-yhtymä 5 10 02 1000 €",
    _FORM_AMOUNTS,
    _MARGIN_ROWS,
    _MARGIN_CHECKS,
)

#: This row's area and service, as a mask over the table's rows (1 where they match).
_SAME_BLOCK = "({area:col}={area})*({service:col}={service})"


def _masked_sum(year: str, mask: str) -> str:
    """Σ of ``year`` over the rows of ``mask``, or #N/A while one of them is text.

    SUMPRODUCT with comparisons, not SUMIFS criteria: a criterion treats * ? ~
    in a service's name as wildcards ("Psykiatria*" would match every
    psychiatry service), a comparison matches the text exactly, and both Excel
    and LibreOffice read it the same way.  SUMPRODUCT counts text as 0 in its
    own arguments, so the text guard comes first.
    """
    column = f"{{{year}:col}}"
    text = f'SUMPRODUCT({mask}*ISTEXT({column})*({column}<>"-"))'
    return f"IF({text}>0,NA(),SUMPRODUCT({mask},{column}))"


def _margin_check(year: str, header: str) -> Column:
    """Toimintakate rows: Tulot + Menot of the same area and service."""
    lines = f'(({{line:col}}="{_TULOT}")+({{line:col}}="{_MENOT}"))'
    return computed_amount(
        f"margin_{year}_calc",
        f"Tulot + Menot {header} (laskettu)",
        f'IF({{line}}="{_KATE}",{_masked_sum(year, f"{_SAME_BLOCK}*{lines}")},"")',
        recomputes=year,
    )


def _area_check(year: str, header: str) -> Column:
    """Area-level rows (no service): the sum of the area's services on the same line."""
    services = '({area:col}={area})*({service:col}<>"")*({line:col}={line})'
    return computed_amount(
        f"services_{year}_calc",
        f"Palvelujen summa {header} (laskettu)",
        f'IF(AND({{service}}="",SUMPRODUCT({services})>0),{_masked_sum(year, services)},"")',
        recomputes=year,
    )


BUDGET_RESULT = table(
    key="budget_result",
    note=(
        "Menojen muutos: kustannusten kasvu on positiivinen. Muutos % on #DIV/0!, kun TB 2023"
        " on 0 (prosenttimuutosta ei ole määritelty)."
    ),
    name="Tulosbudjetit_T5",
    sheet="Taulukko 5",
    title="Taulukko 5. Palvelukokonaisuus- ja palvelutasoiset tulosbudjetit",
    source="Lähde 002, Taulukko 5",
    unit="1000 €",
    seed_table="002-T5",
    template_rows=30,
    columns=(
        Column("area", "Palvelukokonaisuus", seed_key="area", width=27, wrap=True,
               required=True),
        Column("service", "Palvelu", seed_key="service", width=24, wrap=True),
        Column("line", "Erä", seed_key="line", width=12, choices=(_TULOT, _MENOT, _KATE),
               required=True),
        *amounts(("tb2023", "TB 2023"), ("tb2024", "TB 2024")),
        stated_amount("change_eur", "Muutos €"),
        stated_percent("change_pct", "Muutos %", PERCENT_1),
        Column("explanation", "Keskeiset selitykset", seed_key="explanation", width=24,
               wrap=True),
        computed_amount("change_eur_calc", "Muutos € (laskettu)",
                        "XS_CHANGE({tb2023},{tb2024},{line})", recomputes="change_eur"),
        Column("change_pct_calc", "Muutos % (laskettu)", "computed", "percent",
               number_format=PERCENT_1, width=11, wrap=True, recomputes="change_pct",
               formula="XS_CHANGE_PCT({tb2023},{tb2024},{line},1)"),
        _margin_check("tb2023", "TB 2023"),
        _margin_check("tb2024", "TB 2024"),
        _area_check("tb2023", "TB 2023"),
        _area_check("tb2024", "TB 2024"),
        note_column(),
    ),
)  # fmt: skip

_YEARS_2025 = (
    ("y2025", "2025"),
    ("y2026", "2026"),
    ("y2027", "2027"),
    ("y2028", "2028"),
    ("y2029_on", "(2029 ->)"),
)

INVESTMENTS = table(
    key="investments",
    name="Investoinnit_T6",
    sheet="Taulukko 6",
    title="Taulukko 6. Sosiaali-, terveys- ja pelastustoimen investointisuunnitelma 2025–2028",
    source="Lähde 002, Taulukko 6",
    unit="1000 €",
    seed_table="002-T6",
    template_rows=20,
    columns=(
        Column("block", "Suunnitelma", seed_key="block", width=36, wrap=True),
        Column("item", "Erä", seed_key="item", width=36, wrap=True),
        *amounts(*_YEARS_2025),
        stated_amount("total", "Yhteensä"),
        computed_amount(
            "total_calc", "Yhteensä (laskettu)",
            strict_sum_of("{y2025..y2029_on}"),
            recomputes="total",
        ),
        note_column(),
    ),
)  # fmt: skip

_STAFF_YEARS = (
    ("y2022", "2022"),
    ("y2023_aug", "2023 (15.8.2023)"),
    ("forecast_2023", "Ennuste 2023"),
    ("y2024", "2024"),
    ("y2025", "2025"),
    ("y2026", "2026"),
)

STAFF = table(
    key="staff",
    name="Henkilosto_T8",
    sheet="Taulukko 8",
    title="Taulukko 8. Henkilöstön käyttö 2022–2026",
    source="Lähde 002, Taulukko 8",
    unit="henkilöä",
    seed_table="002-T8",
    template_rows=10,
    columns=(
        Column("area", "Henkilöstön käyttö", seed_key="area", width=34, wrap=True),
        Column("item", "Erä", seed_key="item", width=18),
        *(
            Column(key, header, kind="number", seed_key=key, number_format="#,##0", width=11,
                   wrap=True)
            for key, header in _STAFF_YEARS
        ),
        note_column(),
    ),
    totals=Totals(
        "Henkilosto_T8_yhteensa", "Henkilöstömäärä yhteensä", tuple(k for k, _ in _STAFF_YEARS)
    ),
)  # fmt: skip

RESULT_BUDGET = WorkbookLayout(
    key="result_budget",
    file_name="tulosbudjetti.xlsx",
    title="Tulosbudjetti ja toimintasuunnitelma 2024",
    tables=(
        BUDGET_TOTAL,
        BUDGET_INCOME_STATEMENT,
        BUDGET_SERVICES,
        BUDGET_HUS,
        BUDGET_RESULT,
        INVESTMENTS,
        STAFF,
    ),
)
