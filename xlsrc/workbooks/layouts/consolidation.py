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
from xlsrc.core.text import N_, Text
from xlsrc.core.vocab import PROGRAMME_STATUSES
from xlsrc.workbooks.layouts.columns import computed
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
from xlsrc.workbooks.layouts.programmes import printed

#: Programme families of the programmes workbook: key prefix, the name the roll-up prints.
PROGRAMME_FAMILIES: dict[str, tuple[str, str]] = {
    "savings_measures": ("T", N_("Talouden tavoiteohjelma")),
    "statutory_measures": ("L", N_("Lakisääteisyyden turvaaminen")),
}
#: KPI states counted per group and quarter, with the words the roll-up prints (catalogue
#: texts: the writer and the formulas, ``{text:...}``, write them in the same language).
STATE_LABELS: dict[str, str] = {
    "green": N_("Vihreä"),
    "yellow": N_("Keltainen"),
    "red": N_("Punainen"),
    "pending": N_("Odottaa"),
    "not_assessable": N_("Ei arvioitavissa"),
}
INCLUDED, SKIPPED = N_("Mukana"), N_("Ohitettu")
STATUS_KEYS: tuple[tuple[str, Text], ...] = tuple(
    (f"status_{s.code}", printed(s)) for s in PROGRAMME_STATUSES.statuses
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


def _text(key: str, header: Text, width: float = 16, required: bool = False) -> Column:
    return Column(key, header, width=width, wrap=True, required=required)


def _amount(key: str, header: Text, role: Role = "input") -> Column:
    return Column(key, header, role, "amount", number_format=AMOUNT, width=13)


def _count(key: str, header: Text) -> Column:
    return Column(key, header, "stated", "number", number_format=COUNT, width=11)


def _computed(key: str, header: Text, formula: str, kind: Kind = "amount") -> Column:
    number_format = PERCENT_1 if kind == "percent" else AMOUNT if kind == "amount" else COUNT
    return Column(
        key, header, "computed", kind, number_format=number_format, width=13, formula=formula,
    )  # fmt: skip


_GROUP = _text("group", N_("Ryhmä"), 18, required=True)
_UNIT = _text("unit", N_("Yksikkö"), 18)
_FILE = _text("file", N_("Tiedosto"), 26)
_PATH = _text("path", N_("Polku"), 30)
_LINK = Column(
    "link", N_("Linkki"), "computed", "text", width=9,
    formula="HYPERLINK({path}&\"#'\"&SUBSTITUTE({sheet},\"'\",\"''\")&\"'!\"&{cell},\"{text:Avaa}\")",
)  # fmt: skip

MEASURES = table(
    key="measures",
    name="Koonti_toimenpiteet",
    sheet=N_("Toimenpiteet"),
    title=N_("Kootut toimenpiteet (Taulukot 3 ja 5)"),
    source=N_("xlsrc collect: yksiköiden tavoiteohjelmat"),
    seed_table=None,
    unit="€",
    columns=(
        _GROUP,
        _UNIT,
        _text("family", N_("Kokonaisuus"), 22),
        _text("key", N_("Avain"), 8),
        _text("programme", N_("Ohjelma"), 30),
        _text("measure", N_("Toimenpide"), 40),
        Column("status", N_("Tilannekuva"), kind="status", vocabulary="programme_status", width=22),
        _amount("target_sum", N_("Tavoitesumma")),
        _FILE,
    ),
)

_M = "measures"


_OPEN = N_("Avaa")


def _pivot_cell(status: str | None, by_group: bool) -> str:
    """``status`` is the key of a status column ("status_2"), None for the row total."""
    criteria = f"{{{_M}.key:col}},{{key}}"
    if status is not None:
        criteria += f',{{{_M}.status:col}},"{{status:programme_status:{status[7:]}}}"'
    if by_group:
        criteria += f",{{{_M}.group:col}},{exact('{group}')}"
    return f'IF(COUNTIFS({criteria})=0,"",SUMIFS({{{_M}.target_sum:col}},{criteria}))'


def _pivot_columns(by_group: bool) -> tuple[Column, ...]:
    labels = (_text("family", N_("Kokonaisuus"), 22), _text("key", N_("Avain"), 8),
              _text("programme", N_("Ohjelma"), 30))  # fmt: skip
    total: tuple[tuple[str, Text], ...] = (("total", N_("Yhteensä")),)
    stated = tuple(_amount(k, h, "stated") for k, h in (*STATUS_KEYS, *total))
    recomputed = tuple(
        _computed(f"{k}_calc", computed(h), _pivot_cell(k, by_group)) for k, h in STATUS_KEYS
    ) + (_computed("total_calc", computed(N_("Yhteensä")), _pivot_cell(None, by_group)),)
    return ((_GROUP,) if by_group else ()) + labels + stated + recomputed


def _pivot(by_group: bool) -> TableLayout:
    """The programme × status pivot over every unit, or per group."""
    return table(
        key="group_pivot" if by_group else "pivot",
        name="Koonti_ohjelmat_ryhmittain" if by_group else "Koonti_ohjelmat",
        sheet=N_("Ohjelmat ryhmittäin") if by_group else N_("Ohjelmat"),
        title=(
            N_("Ohjelmat × tilannekuva ryhmittäin")
            if by_group
            else N_("Ohjelmat × tilannekuva kaikki yksiköt")
        ),
        source=N_("xlsrc collect: Toimenpiteet-taulukon tavoitesummat"),
        seed_table=None,
        unit="€",
        columns=_pivot_columns(by_group),
    )


PIVOT = _pivot(by_group=False)
GROUP_PIVOT = _pivot(by_group=True)

BUDGET_LINES = table(
    key="budget_lines",
    name="Koonti_talousrivit",
    sheet=N_("Talousrivit"),
    title=N_("Kootut tulosbudjettirivit (Taulukko 5, palvelukokonaisuuksien rivit)"),
    source=N_("xlsrc collect: yksiköiden tulosbudjetit"),
    seed_table=None,
    unit="1000 €",
    columns=(
        _GROUP,
        _UNIT,
        _text("area", N_("Palvelukokonaisuus"), 26),
        _text("service", N_("Palvelu"), 22),
        Column("line", N_("Erä"), width=12, choices=_LINES),
        _amount("tb2023", N_("TB 2023")),
        _amount("tb2024", N_("TB 2024")),
        _FILE,
    ),
)

_B = "budget_lines"


def _budget_columns(criteria: tuple[str, ...]) -> tuple[Column, ...]:
    """TB sums over the collected lines matching ``criteria``, then Muutos €/% of them."""
    where = ",".join((*criteria, f"{{{_B}.line:col}},{{line}}"))
    sums = tuple(
        _computed(f"{year}_calc", computed(header), f"SUMIFS({{{_B}.{year}:col}},{where})")
        for year, header in (("tb2023", N_("TB 2023")), ("tb2024", N_("TB 2024")))
    )  # fmt: skip
    return (
        _amount("tb2023", N_("TB 2023"), "stated"),
        _amount("tb2024", N_("TB 2024"), "stated"),
        _amount("change_eur", N_("Muutos €"), "stated"),
        Column("change_pct", N_("Muutos %"), "stated", "percent", number_format=PERCENT_1,
               width=11),
        *sums,
        _computed("change_eur_calc", computed(N_("Muutos €")),
                  "XS_CHANGE({tb2023_calc},{tb2024_calc},{line})"),
        _computed("change_pct_calc", computed(N_("Muutos %")),
                  "XS_CHANGE_PCT({tb2023_calc},{tb2024_calc},{line},1)", "percent"),
    )  # fmt: skip


_BY_GROUP = f"{{{_B}.group:col}},{exact('{group}')}"
_BY_AREA = f"{{{_B}.area:col}},{exact('{area}')}"
_LINE = Column("line", N_("Erä"), width=12, choices=_LINES)
_BUDGET_NOTE = N_(
    "Muutos €: menojen kasvu positiivisena; Muutos % on #DIV/0!, kun TB 2023 on 0 (ilmoitettu '-')."
)

BUDGET = table(
    key="budget",
    name="Koonti_talous",
    sheet=N_("Talous"),
    title=N_("Tulosbudjetti ryhmittäin ja palvelukokonaisuuksittain"),
    source=N_("xlsrc collect: Talousrivit-taulukko"),
    seed_table=None,
    unit="1000 €",
    note=_BUDGET_NOTE,
    columns=(
        _GROUP,
        _text("area", N_("Palvelukokonaisuus"), 26),
        _LINE,
        *_budget_columns((_BY_GROUP, _BY_AREA)),
    ),
)
BUDGET_GROUPS = table(
    key="budget_groups",
    name="Koonti_talous_ryhmat",
    sheet=N_("Talous ryhmittäin"),
    title=N_("Tulosbudjetti ryhmittäin yhteensä"),
    source=N_("xlsrc collect: Talousrivit-taulukko"),
    seed_table=None,
    unit="1000 €",
    columns=(_GROUP, _LINE, *_budget_columns((_BY_GROUP,))),
)
BUDGET_ALL = table(
    key="budget_all",
    name="Koonti_talous_kaikki",
    sheet=N_("Talous yhteensä"),
    title=N_("Tulosbudjetti, kaikki ryhmät yhteensä"),
    source=N_("xlsrc collect: Talousrivit-taulukko"),
    seed_table=None,
    unit="1000 €",
    columns=(_LINE, *_budget_columns(())),
)

KPI_STATUSES = table(
    key="kpi_statuses",
    name="Koonti_mittarit",
    sheet=N_("Mittarit"),
    title=N_("Kootut mittarien tilat neljännesvuosittain"),
    source=N_("xlsrc collect: yksiköiden tavoiteseurannat (tila Säännöt-välilehden asteikolla)"),
    seed_table=None,
    columns=(
        _GROUP,
        _UNIT,
        _text("goal_id", N_("Nro"), 8),
        _text("kpi", N_("Mittari"), 36),
        Column("quarter", N_("Neljännes"), width=10, choices=("Q1", "Q2", "Q3", "Q4")),
        Column("state", N_("Tila"), width=16, choices=tuple(STATE_LABELS.values())),
        _FILE,
    ),
)

_K = "kpi_statuses"


def _state_count(state: str, label: str) -> Column:
    return _computed(
        f"{state}_calc",
        computed(label),
        f"COUNTIFS({{{_K}.group:col}},{exact('{group}')},{{{_K}.quarter:col}},{{quarter}},"
        f'{{{_K}.state:col}},"{{text:{label}}}")',
        "number",
    )


GOAL_COUNTS = table(
    key="goal_counts",
    name="Koonti_tavoitetilat",
    sheet=N_("Tavoitteet"),
    title=N_("Mittarien tilat ryhmittäin ja neljännesvuosittain (kpl)"),
    source=N_("xlsrc collect: Mittarit-taulukko"),
    seed_table=None,
    columns=(
        _GROUP,
        Column("quarter", N_("Neljännes"), width=10, choices=("Q1", "Q2", "Q3", "Q4")),
        *(_count(state, label) for state, label in STATE_LABELS.items()),
        *(_state_count(state, label) for state, label in STATE_LABELS.items()),
    ),
)

FINDINGS = table(
    key="findings",
    name="Koonti_havainnot",
    sheet=N_("Havainnot"),
    title=N_("Yksiköiden työkirjojen tarkistushavainnot (xlsrc validate)"),
    source=N_("xlsrc collect"),
    seed_table=None,
    columns=(
        _FILE,
        _PATH,
        _text("sheet", N_("Välilehti"), 18),
        _text("cell", N_("Solu"), 8),
        _text("rule", N_("Sääntö"), 16),
        _text("severity", N_("Vakavuus"), 10),
        _text("message", N_("Viesti"), 60),
        _LINK,
    ),
)

FILES = table(
    key="files",
    name="Koonti_tiedostot",
    sheet=N_("Tiedostot"),
    title=N_("Kootut ja ohitetut tiedostot"),
    source=N_("xlsrc collect"),
    seed_table=None,
    columns=(
        _FILE,
        _PATH,
        _text("family", N_("Malli"), 18),
        Column("version", N_("Versio"), kind="number", width=8),
        _UNIT,
        _text("quarter", N_("Neljännes"), 10),
        _text("group", N_("Ryhmä"), 18),
        Column("state", N_("Tila"), width=10, choices=(INCLUDED, SKIPPED)),
        _text("reason", N_("Syy"), 60),
        Column("findings", N_("Havaintoja"), kind="number", width=10),
        Column("errors", N_("Virheitä"), kind="number", width=10),
    ),
)

SOURCES = table(
    key="sources",
    name="Koonti_lahteet",
    sheet=N_("Lähteet"),
    title=N_("Lähteet: jokaisen kootun rivin tiedosto, välilehti ja solut"),
    source=N_("xlsrc collect"),
    seed_table=None,
    columns=(
        _text("table", N_("Taulukko"), 22),
        Column("row", N_("Rivi"), kind="number", width=8),
        _FILE,
        _PATH,
        _text("sheet", N_("Välilehti"), 18),
        _text("cell", N_("Solu"), 8),
        _text("cells", N_("Solut"), 60),
        _LINK,
    ),
)

CONSOLIDATION = WorkbookLayout(
    key="consolidation",
    file_name="yhteenveto.xlsx",
    title=N_("Yksiköiden yhteenveto"),
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
