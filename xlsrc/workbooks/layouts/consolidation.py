"""The consolidated workbook ``xlsrc collect`` writes (yhteenveto.xlsx): a layout of its own.

Collected rows sit in data Tables (every measure, budget line and KPI status
taken from the units' workbooks, with the file it came from); the roll-ups sit
in summary Tables whose *stated* columns are the numbers ``collect`` computed
and whose *computed* columns are formulas over the data Tables (SUMIFS and
COUNTIFS by structured reference, the budget's Muutos €/% by the same
``XS_CHANGE`` functions the templates use).  ``xlsrc validate`` recomputes
every stated roll-up number from the data Tables
(:mod:`xlsrc.validation.rules.consolidation`), so an edited or truncated
roll-up is found like any other disagreement.

Criteria read a cell of the summary row; a group or area name may hold
``* ? ~`` or start with ``<``/``=``, so those criteria are written as an exact
match (:func:`exact`).  Programmes are matched by a key of their family and
number prefix ("T-3", "L-20"), never by name, as the pivots of seed 001 are.
"""

from __future__ import annotations

from xlsrc.core.budget import LINE_NAMES
from xlsrc.core.vocab import PROGRAMME_STATUSES
from xlsrc.workbooks.layouts.model import (
    AMOUNT,
    COUNT,
    PERCENT_1,
    Column,
    Kind,
    Role,
    TableLayout,
    WorkbookLayout,
    table,
)

#: Programme families of the programmes workbook: key prefix, the name the roll-up prints.
PROGRAMME_FAMILIES: dict[str, tuple[str, str]] = {
    "savings_measures": ("T", "Talouden tavoiteohjelma"),
    "statutory_measures": ("L", "Lakisääteisyyden turvaaminen"),
}
#: KPI states counted per group and quarter, with the words the roll-up prints.
STATE_LABELS: dict[str, str] = {
    "green": "Vihreä",
    "yellow": "Keltainen",
    "red": "Punainen",
    "pending": "Odottaa",
    "not_assessable": "Ei arvioitavissa",
}
INCLUDED, SKIPPED = "Mukana", "Ohitettu"
STATUS_KEYS: tuple[tuple[str, str], ...] = tuple(
    (f"status_{s.code}", s.printed) for s in PROGRAMME_STATUSES.statuses
)
_LINES = (LINE_NAMES["income"], LINE_NAMES["expense"], LINE_NAMES["margin"])


def exact(reference: str) -> str:
    """A SUMIFS/COUNTIFS criterion that matches the text of ``reference`` exactly.

    "=" first, so a leading "<" or "=" of the text is no operator; ``~ * ?``
    escaped, so they are no wildcards.  (Criteria ignore case, as the roll-up's
    grouping does.)
    """
    escaped = reference
    for char in ("~", "*", "?"):
        escaped = f'SUBSTITUTE({escaped},"{char}","~{char}")'
    return f'"="&{escaped}'


def _text(key: str, header: str, width: float = 16, required: bool = False) -> Column:
    return Column(key, header, width=width, wrap=True, required=required)


def _amount(key: str, header: str, role: Role = "input") -> Column:
    return Column(key, header, role, "amount", number_format=AMOUNT, width=13)


def _count(key: str, header: str) -> Column:
    return Column(key, header, "stated", "number", number_format=COUNT, width=11)


def _computed(key: str, header: str, formula: str, kind: Kind = "amount") -> Column:
    number_format = PERCENT_1 if kind == "percent" else AMOUNT if kind == "amount" else COUNT
    return Column(
        key, header, "computed", kind, number_format=number_format, width=13, formula=formula,
    )  # fmt: skip


_GROUP = _text("group", "Ryhmä", 18, required=True)
_UNIT = _text("unit", "Yksikkö", 18)
_FILE = _text("file", "Tiedosto", 26)
_PATH = _text("path", "Polku", 30)
_LINK = Column(
    "link", "Linkki", "computed", "text", width=9,
    formula="HYPERLINK({path}&\"#'\"&SUBSTITUTE({sheet},\"'\",\"''\")&\"'!\"&{cell},\"Avaa\")",
)  # fmt: skip

MEASURES = table(
    key="measures",
    name="Koonti_toimenpiteet",
    sheet="Toimenpiteet",
    title="Kootut toimenpiteet (Taulukot 3 ja 5)",
    source="xlsrc collect: yksiköiden tavoiteohjelmat",
    seed_table=None,
    unit="€",
    columns=(
        _GROUP,
        _UNIT,
        _text("family", "Kokonaisuus", 22),
        _text("key", "Avain", 8),
        _text("programme", "Ohjelma", 30),
        _text("measure", "Toimenpide", 40),
        Column("status", "Tilannekuva", kind="status", vocabulary="programme_status", width=22),
        _amount("target_sum", "Tavoitesumma"),
        _FILE,
    ),
)

_M = "measures"


def _pivot_cell(status: str | None, by_group: bool) -> str:
    criteria = f"{{{_M}.key:col}},{{key}}"
    if status is not None:
        criteria += f',{{{_M}.status:col}},"{status}"'
    if by_group:
        criteria += f",{{{_M}.group:col}},{exact('{group}')}"
    return f'IF(COUNTIFS({criteria})=0,"",SUMIFS({{{_M}.target_sum:col}},{criteria}))'


def _pivot_columns(by_group: bool) -> tuple[Column, ...]:
    labels = (_text("family", "Kokonaisuus", 22), _text("key", "Avain", 8),
              _text("programme", "Ohjelma", 30))  # fmt: skip
    stated = tuple(_amount(k, h, "stated") for k, h in (*STATUS_KEYS, ("total", "Yhteensä")))
    computed = tuple(
        _computed(f"{k}_calc", f"{h} (laskettu)", _pivot_cell(h, by_group)) for k, h in STATUS_KEYS
    ) + (_computed("total_calc", "Yhteensä (laskettu)", _pivot_cell(None, by_group)),)
    return ((_GROUP,) if by_group else ()) + labels + stated + computed


def _pivot(by_group: bool) -> TableLayout:
    """The programme × status pivot over every unit, or per group."""
    return table(
        key="group_pivot" if by_group else "pivot",
        name="Koonti_ohjelmat_ryhmittain" if by_group else "Koonti_ohjelmat",
        sheet="Ohjelmat ryhmittäin" if by_group else "Ohjelmat",
        title="Ohjelmat × tilannekuva " + ("ryhmittäin" if by_group else "kaikki yksiköt"),
        source="xlsrc collect: Toimenpiteet-taulukon tavoitesummat",
        seed_table=None,
        unit="€",
        columns=_pivot_columns(by_group),
    )


PIVOT = _pivot(by_group=False)
GROUP_PIVOT = _pivot(by_group=True)

BUDGET_LINES = table(
    key="budget_lines",
    name="Koonti_talousrivit",
    sheet="Talousrivit",
    title="Kootut tulosbudjettirivit (Taulukko 5, palvelukokonaisuuksien rivit)",
    source="xlsrc collect: yksiköiden tulosbudjetit",
    seed_table=None,
    unit="1000 €",
    columns=(
        _GROUP,
        _UNIT,
        _text("area", "Palvelukokonaisuus", 26),
        _text("service", "Palvelu", 22),
        Column("line", "Erä", width=12, choices=_LINES),
        _amount("tb2023", "TB 2023"),
        _amount("tb2024", "TB 2024"),
        _FILE,
    ),
)

_B = "budget_lines"


def _budget_columns(criteria: tuple[str, ...]) -> tuple[Column, ...]:
    """TB sums over the collected lines matching ``criteria``, then Muutos €/% of them."""
    where = ",".join((*criteria, f"{{{_B}.line:col}},{{line}}"))
    sums = tuple(
        _computed(f"{year}_calc", f"{header} (laskettu)",
                  f"SUMIFS({{{_B}.{year}:col}},{where})")
        for year, header in (("tb2023", "TB 2023"), ("tb2024", "TB 2024"))
    )  # fmt: skip
    return (
        _amount("tb2023", "TB 2023", "stated"),
        _amount("tb2024", "TB 2024", "stated"),
        _amount("change_eur", "Muutos €", "stated"),
        Column("change_pct", "Muutos %", "stated", "percent", number_format=PERCENT_1, width=11),
        *sums,
        _computed("change_eur_calc", "Muutos € (laskettu)",
                  "XS_CHANGE({tb2023_calc},{tb2024_calc},{line})"),
        _computed("change_pct_calc", "Muutos % (laskettu)",
                  "XS_CHANGE_PCT({tb2023_calc},{tb2024_calc},{line},1)", "percent"),
    )  # fmt: skip


_BY_GROUP = f"{{{_B}.group:col}},{exact('{group}')}"
_BY_AREA = f"{{{_B}.area:col}},{exact('{area}')}"
_LINE = Column("line", "Erä", width=12, choices=_LINES)
_BUDGET_NOTE = (
    "Muutos €: menojen kasvu positiivisena; Muutos % on #DIV/0!, kun TB 2023 on 0 (ilmoitettu '-')."
)

BUDGET = table(
    key="budget",
    name="Koonti_talous",
    sheet="Talous",
    title="Tulosbudjetti ryhmittäin ja palvelukokonaisuuksittain",
    source="xlsrc collect: Talousrivit-taulukko",
    seed_table=None,
    unit="1000 €",
    note=_BUDGET_NOTE,
    columns=(
        _GROUP,
        _text("area", "Palvelukokonaisuus", 26),
        _LINE,
        *_budget_columns((_BY_GROUP, _BY_AREA)),
    ),
)
BUDGET_GROUPS = table(
    key="budget_groups",
    name="Koonti_talous_ryhmat",
    sheet="Talous ryhmittäin",
    title="Tulosbudjetti ryhmittäin yhteensä",
    source="xlsrc collect: Talousrivit-taulukko",
    seed_table=None,
    unit="1000 €",
    columns=(_GROUP, _LINE, *_budget_columns((_BY_GROUP,))),
)
BUDGET_ALL = table(
    key="budget_all",
    name="Koonti_talous_kaikki",
    sheet="Talous yhteensä",
    title="Tulosbudjetti, kaikki ryhmät yhteensä",
    source="xlsrc collect: Talousrivit-taulukko",
    seed_table=None,
    unit="1000 €",
    columns=(_LINE, *_budget_columns(())),
)

KPI_STATUSES = table(
    key="kpi_statuses",
    name="Koonti_mittarit",
    sheet="Mittarit",
    title="Kootut mittarien tilat neljännesvuosittain",
    source="xlsrc collect: yksiköiden tavoiteseurannat (tila Säännöt-välilehden asteikolla)",
    seed_table=None,
    columns=(
        _GROUP,
        _UNIT,
        _text("goal_id", "Nro", 8),
        _text("kpi", "Mittari", 36),
        Column("quarter", "Neljännes", width=10, choices=("Q1", "Q2", "Q3", "Q4")),
        Column("state", "Tila", width=16, choices=tuple(STATE_LABELS.values())),
        _FILE,
    ),
)

_K = "kpi_statuses"


def _state_count(state: str, label: str) -> Column:
    return _computed(
        f"{state}_calc",
        f"{label} (laskettu)",
        f"COUNTIFS({{{_K}.group:col}},{exact('{group}')},{{{_K}.quarter:col}},{{quarter}},"
        f'{{{_K}.state:col}},"{label}")',
        "number",
    )


GOAL_COUNTS = table(
    key="goal_counts",
    name="Koonti_tavoitetilat",
    sheet="Tavoitteet",
    title="Mittarien tilat ryhmittäin ja neljännesvuosittain (kpl)",
    source="xlsrc collect: Mittarit-taulukko",
    seed_table=None,
    columns=(
        _GROUP,
        Column("quarter", "Neljännes", width=10, choices=("Q1", "Q2", "Q3", "Q4")),
        *(_count(state, label) for state, label in STATE_LABELS.items()),
        *(_state_count(state, label) for state, label in STATE_LABELS.items()),
    ),
)

FINDINGS = table(
    key="findings",
    name="Koonti_havainnot",
    sheet="Havainnot",
    title="Yksiköiden työkirjojen tarkistushavainnot (xlsrc validate)",
    source="xlsrc collect",
    seed_table=None,
    columns=(
        _FILE,
        _PATH,
        _text("sheet", "Välilehti", 18),
        _text("cell", "Solu", 8),
        _text("rule", "Sääntö", 16),
        _text("severity", "Vakavuus", 10),
        _text("message", "Viesti", 60),
        _LINK,
    ),
)

FILES = table(
    key="files",
    name="Koonti_tiedostot",
    sheet="Tiedostot",
    title="Kootut ja ohitetut tiedostot",
    source="xlsrc collect",
    seed_table=None,
    columns=(
        _FILE,
        _PATH,
        _text("family", "Malli", 18),
        Column("version", "Versio", kind="number", width=8),
        _UNIT,
        _text("quarter", "Neljännes", 10),
        _text("group", "Ryhmä", 18),
        Column("state", "Tila", width=10, choices=(INCLUDED, SKIPPED)),
        _text("reason", "Syy", 60),
        Column("findings", "Havaintoja", kind="number", width=10),
        Column("errors", "Virheitä", kind="number", width=10),
    ),
)

SOURCES = table(
    key="sources",
    name="Koonti_lahteet",
    sheet="Lähteet",
    title="Lähteet: jokaisen kootun rivin tiedosto, välilehti ja solut",
    source="xlsrc collect",
    seed_table=None,
    columns=(
        _text("table", "Taulukko", 22),
        Column("row", "Rivi", kind="number", width=8),
        _FILE,
        _PATH,
        _text("sheet", "Välilehti", 18),
        _text("cell", "Solu", 8),
        _text("cells", "Solut", 60),
        _LINK,
    ),
)

CONSOLIDATION = WorkbookLayout(
    key="consolidation",
    file_name="yhteenveto.xlsx",
    title="Yksiköiden yhteenveto",
    tables=(
        PIVOT,
        GROUP_PIVOT,
        BUDGET,
        BUDGET_GROUPS,
        BUDGET_ALL,
        GOAL_COUNTS,
        MEASURES,
        BUDGET_LINES,
        KPI_STATUSES,
        FINDINGS,
        FILES,
        SOURCES,
    ),
    version=1,
)

#: The tables that are roll-ups (stated numbers with formulas), in sheet order.
ROLLUP_TABLES: tuple[TableLayout, ...] = (
    PIVOT,
    GROUP_PIVOT,
    BUDGET,
    BUDGET_GROUPS,
    BUDGET_ALL,
    GOAL_COUNTS,
)
