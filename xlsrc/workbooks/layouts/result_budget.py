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
from xlsrc.core.text import N_, Msg, Text
from xlsrc.workbooks.layouts.columns import (
    amounts,
    computed,
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
    table_sheet,
)

_TULOT, _MENOT, _KATE = LINE_NAMES["income"], LINE_NAMES["expense"], LINE_NAMES["margin"]


def _statement(
    key: str,
    name: str,
    number: int,
    title: str,
    seed_table: str,
    label_header: Text,
    amount_columns: tuple[tuple[str, str], ...],
    rows: tuple[StatementRow, ...],
    checks: tuple[tuple[str, int, tuple[int, ...]], ...],
) -> TableLayout:
    columns = amounts(*amount_columns)
    return table(
        key=key,
        name=name,
        sheet=table_sheet(number),
        title=Msg("Taulukko {n}. {title}", n=number, title=Msg(title)),
        source=Msg("Lähde {seed}, Taulukko {n}", seed=seed_table[:3], n=number),
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
    StatementRow(N_("Tulot yhteensä")),
    StatementRow(N_("Menot yhteensä")),
    StatementRow(N_("Toimintakate"), "subtotal"),
    StatementRow(N_("Poistot")),
    StatementRow(N_("Tilikauden tulos"), "total"),
)
_MARGIN_CHECKS = (
    (N_("Toimintakate (laskettu)"), 2, (0, 1)),
    (N_("Tilikauden tulos (laskettu)"), 4, (2, 3)),
)
_FORM_AMOUNTS = (
    ("ta2023", N_("Talousarvio 2023")),
    ("ltk_tae", N_("Ltk TAE")),
    ("ta2024", N_("Talousarvio 2024")),
)

BUDGET_TOTAL = _statement(
    "budget_total",
    "Talous_T1",
    1,
    N_("Sosiaali-, terveys- ja pelastustoimialan talouden kokonaisuus"),
    "002-T1",
    N_("Sosiaali-, terveys- ja pelastustoimi 5 10"),
    (
        ("ta2023", N_("TA23")),
        ("tb2023", N_("TB23")),
        ("ltk_tae2024", N_("Ltk-TAE 24")),
        ("ta2024", N_("TA24")),
        ("tb2024", N_("TB24")),
    ),
    (
        StatementRow(N_("Toimintatulot")),
        StatementRow(N_("Toimintamenot")),
        StatementRow(N_("Toimintakate"), "total"),
    ),
    ((N_("Toimintakate (laskettu)"), 2, (0, 1)),),
)

BUDGET_INCOME_STATEMENT = _statement(
    "budget_income_statement",
    "Tuloslaskelma_T2",
    2,
    N_("Sosiaali-, terveys- ja pelastustoimialan tuloslaskelma 2024"),
    "002-T2",
    "1000 €",
    (("ta2023", N_("Talousarvio 2023")), ("ta2024", N_("Talousarvio 2024"))),
    (
        StatementRow(N_("Toimintatulot")),
        StatementRow(N_("Toimintamenot")),
        StatementRow(N_("Toimintakate"), "subtotal"),
        StatementRow(N_("Valtion rahoitus")),
        StatementRow(N_("Rahoitustulot")),
        StatementRow(N_("Vuosikate"), "subtotal"),
        StatementRow(N_("Poistot")),
        StatementRow(N_("Tilikauden tulos"), "total"),
    ),
    (
        (N_("Toimintakate (laskettu)"), 2, (0, 1)),
        (N_("Vuosikate (laskettu)"), 5, (2, 3, 4)),
        (N_("Tilikauden tulos (laskettu)"), 7, (5, 6)),
    ),
)

BUDGET_SERVICES = _statement(
    "budget_services",
    "Palvelut_T3",
    3,
    N_("Sosiaali-, terveys- ja pelastuspalvelut"),
    "002-T3",
    N_("Sosiaali-, terveys- ja pelastuspalvelut 5 10 01 1 000 €"),
    _FORM_AMOUNTS,
    _MARGIN_ROWS,
    _MARGIN_CHECKS,
)

BUDGET_HUS = _statement(
    "budget_hus",
    "HUS_T4",
    4,
    N_("HUS-yhtymä"),
    "002-T4",
    N_("HUS-yhtymä 5 10 02 1000 €"),
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
    """Toimintakate rows: Tulot + Menot of the same area and service (the line words as
    the workbook's language writes them: placeholders ``{linename:...}``)."""
    lines = '(({line:col}="{linename:income}")+({line:col}="{linename:expense}"))'
    return computed_amount(
        f"margin_{year}_calc",
        Msg("Tulot + Menot {year} (laskettu)", year=Msg(header)),
        f'IF({{line}}="{{linename:margin}}",{_masked_sum(year, f"{_SAME_BLOCK}*{lines}")},"")',
        recomputes=year,
    )


def _area_check(year: str, header: str) -> Column:
    """Area-level rows (no service): the sum of the area's services on the same line."""
    services = '({area:col}={area})*({service:col}<>"")*({line:col}={line})'
    return computed_amount(
        f"services_{year}_calc",
        Msg("Palvelujen summa {year} (laskettu)", year=Msg(header)),
        f'IF(AND({{service}}="",SUMPRODUCT({services})>0),{_masked_sum(year, services)},"")',
        recomputes=year,
    )


BUDGET_RESULT = table(
    key="budget_result",
    note=N_(
        "Menojen muutos: kustannusten kasvu on positiivinen. Muutos % on #DIV/0!, kun TB 2023"
        " on 0 (prosenttimuutosta ei ole määritelty)."
    ),
    name="Tulosbudjetit_T5",
    sheet=table_sheet(5),
    title=N_("Taulukko 5. Palvelukokonaisuus- ja palvelutasoiset tulosbudjetit"),
    source=N_("Lähde 002, Taulukko 5"),
    unit="1000 €",
    seed_table="002-T5",
    template_rows=30,
    columns=(
        Column("area", N_("Palvelukokonaisuus"), seed_key="area", width=27, wrap=True,
               required=True),
        Column("service", N_("Palvelu"), seed_key="service", width=24, wrap=True),
        Column("line", N_("Erä"), seed_key="line", width=12, choices=(_TULOT, _MENOT, _KATE),
               required=True),
        *amounts(("tb2023", N_("TB 2023")), ("tb2024", N_("TB 2024"))),
        stated_amount("change_eur", N_("Muutos €")),
        stated_percent("change_pct", N_("Muutos %"), PERCENT_1),
        Column("explanation", N_("Keskeiset selitykset"), seed_key="explanation", width=24,
               wrap=True),
        computed_amount("change_eur_calc", computed(N_("Muutos €")),
                        "XS_CHANGE({tb2023},{tb2024},{line})", recomputes="change_eur"),
        Column("change_pct_calc", computed(N_("Muutos %")), "computed", "percent",
               number_format=PERCENT_1, width=11, wrap=True, recomputes="change_pct",
               formula="XS_CHANGE_PCT({tb2023},{tb2024},{line},1)"),
        _margin_check("tb2023", N_("TB 2023")),
        _margin_check("tb2024", N_("TB 2024")),
        _area_check("tb2023", N_("TB 2023")),
        _area_check("tb2024", N_("TB 2024")),
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
    sheet=table_sheet(6),
    title=N_("Taulukko 6. Sosiaali-, terveys- ja pelastustoimen investointisuunnitelma 2025–2028"),
    source=N_("Lähde 002, Taulukko 6"),
    unit="1000 €",
    seed_table="002-T6",
    template_rows=20,
    columns=(
        Column("block", N_("Suunnitelma"), seed_key="block", width=36, wrap=True),
        Column("item", N_("Erä"), seed_key="item", width=36, wrap=True),
        *amounts(*_YEARS_2025),
        stated_amount("total", N_("Yhteensä")),
        computed_amount(
            "total_calc", computed(N_("Yhteensä")),
            strict_sum_of("{y2025..y2029_on}"),
            recomputes="total",
        ),
        note_column(),
    ),
)  # fmt: skip

_STAFF_YEARS = (
    ("y2022", "2022"),
    ("y2023_aug", "2023 (15.8.2023)"),
    ("forecast_2023", N_("Ennuste 2023")),
    ("y2024", "2024"),
    ("y2025", "2025"),
    ("y2026", "2026"),
)

STAFF = table(
    key="staff",
    name="Henkilosto_T8",
    sheet=table_sheet(8),
    title=N_("Taulukko 8. Henkilöstön käyttö 2022–2026"),
    source=N_("Lähde 002, Taulukko 8"),
    unit=N_("henkilöä"),
    seed_table="002-T8",
    template_rows=10,
    columns=(
        Column("area", N_("Henkilöstön käyttö"), seed_key="area", width=34, wrap=True),
        Column("item", N_("Erä"), seed_key="item", width=18),
        *(
            Column(key, header, kind="number", seed_key=key, number_format="#,##0", width=11,
                   wrap=True)
            for key, header in _STAFF_YEARS
        ),
        note_column(),
    ),
    totals=Totals(
        "Henkilosto_T8_yhteensa", N_("Henkilöstömäärä yhteensä"), tuple(k for k, _ in _STAFF_YEARS)
    ),
)  # fmt: skip

RESULT_BUDGET = WorkbookLayout(
    key="result_budget",
    file_name="tulosbudjetti.xlsx",
    title=N_("Tulosbudjetti ja toimintasuunnitelma 2024"),
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
