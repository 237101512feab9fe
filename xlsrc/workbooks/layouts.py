"""Where everything is in the template workbooks: the layout as plain data.

Validation (issue 6), the quarterly status sheet (issue 5), the builder and the
tests all read this module instead of guessing from header texts.  It holds no
openpyxl and does no I/O.

Shape of every data sheet (one table per sheet)::

    row 1   title (the source table's caption)
    row 2   source and unit
    row 3   group headers: "Syötetiedot" over the input table, "Laskettu" over formulas
    row 4   column headers                                  (TableLayout.header_row)
    row 5…  one row per table row                           (TableLayout.first_row)

The input and stated columns come first (from column A) and form an Excel
Table (ListObject) named :attr:`TableLayout.name`; its ``ref`` in the workbook
tells how many rows a given file has (the templates have
:attr:`TableLayout.capacity` empty rows; the examples exactly the seed rows).
Computed columns follow to the right, outside the Table, because Excel does not
allow multi-cell array formulas inside a Table.  Below the table, after one
empty row, come :attr:`TableLayout.totals` (a stated total row and its
recomputation) or :attr:`TableLayout.check_rows` (recomputed subtotals of a
fixed-row statement), see :meth:`TableLayout.below_rows`.

Column roles:

* ``input``    — typed in by the user;
* ``stated``   — a number or status the source *states* although it could be
  computed (a total, a delta, a status word); kept as typed so validation can
  compare it with the ``computed`` column whose ``recomputes`` names it;
* ``computed`` — a formula; never typed in.

Formula templates (``Column.formula``) are Excel formulas without the leading
"=" in which these placeholders are replaced when the workbook is written:

* ``{key}``             the cell of column ``key`` on the same row (``D5``);
* ``{key:col}``         the whole body of column ``key`` (``$D$5:$D$40``);
* ``{key:labels}``      the body without its last row (the pivot's row labels
  above its "Kaikki yhteensä" row);
* ``{table.key:col}``   the same in another table of the workbook, with its
  sheet (``'Taulukko 3'!$A$5:$A$43``);
* ``{rules:block}``     the body of a rules-sheet block (``'Säännöt'!$A$7:$K$11``);
* ``{label:block:colour}`` the cell holding the label of that colour's band in
  a scheme block (so a count follows the rules sheet when a label is renamed).

A computed column with ``array=True`` is one legacy array formula (CSE) over
all body rows; ``span`` > 1 means the formula fills that many columns, the
further ones naming it in ``part_of``.  Otherwise the formula is written on
every body row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from xlsrc.core.schemes import (
    RULES_HEADERS,
    TRAFFIC_LIGHT_80_90,
    YEAR_END_50_90,
    ColourKey,
    StatusScheme,
)
from xlsrc.core.targets import METHODS
from xlsrc.core.vocab import PROGRAMME_STATUSES, TARGET_STATUSES, TASK_STATES, Vocabulary

Role = Literal["input", "stated", "computed"]
Kind = Literal["text", "amount", "percent", "number", "date", "status", "method", "target"]
RowKind = Literal["data", "subtotal", "total"]

__all__ = ["ColourKey"]  # re-exported for the writers

# Number formats in the file's (locale-neutral) syntax: Excel and LibreOffice show
# them with the reader's separators, so a Finnish installation prints "1 234" and "4,6 %".
AMOUNT = "#,##0"
PERCENT = "0 %"
PERCENT_1 = "0.0 %"
DATE = "dd.mm.yyyy"
COUNT = "0"

RULES_SHEET = "Säännöt"
#: Empty rows kept inside each rules table, so a committee can add a band without
#: touching any formula (blank rows are skipped when the rules are read).
SPARE_RULE_ROWS = 2


@dataclass(frozen=True)
class Column:
    """One column of a table; ``letter`` is assigned by its position."""

    key: str
    header: str
    role: Role = "input"
    kind: Kind = "text"
    seed_key: str | None = None
    """Column of the bundled seed table the example fills in (None: not in the source)."""
    number_format: str | None = None
    width: float = 12.0
    wrap: bool = False
    vocabulary: str | None = None
    """Input/stated status: the rules-sheet vocabulary that validates and colours it."""
    rules: str | None = None
    """Computed status: the rules-sheet scheme block whose labels it shows and is coloured by."""
    formula: str | None = None
    array: bool = False
    span: int = 1
    part_of: str | None = None
    recomputes: str | None = None
    """Computed: key of the stated column (or, in check rows, row) it recomputes."""
    letter: str = ""

    @property
    def is_computed(self) -> bool:
        return self.role == "computed"

    @property
    def is_status(self) -> bool:
        return self.kind == "status"


@dataclass(frozen=True)
class StatementRow:
    """A fixed row of a statement (income statement, budget form), prefilled in the template."""

    label: str
    kind: RowKind = "data"


@dataclass(frozen=True)
class CheckRow:
    """A recomputed row under a statement: the sum of ``parts`` in each of ``columns``.

    ``recomputes`` and ``parts`` are indexes into :attr:`TableLayout.statement_rows`.
    """

    label: str
    recomputes: int
    parts: tuple[int, ...]
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Totals:
    """A stated total row under a list table and, under it, its recomputation (SUM)."""

    label: str
    columns: tuple[str, ...]
    seed_kind: str = "total"
    """Kind of the seed row that holds the stated total."""


@dataclass(frozen=True)
class TableLayout:
    key: str
    name: str
    sheet: str
    title: str
    source: str
    seed_table: str | None
    columns: tuple[Column, ...]
    unit: str | None = None
    capacity: int = 20
    statement_rows: tuple[StatementRow, ...] = ()
    label_key: str | None = None
    """Statement tables: the column holding the row labels."""
    last_label: str | None = None
    """Pivot tables: label of the last (total) row, prefilled in the template."""
    check_rows: tuple[CheckRow, ...] = ()
    totals: Totals | None = None
    distinct_by: str | None = None
    """Fill one row per distinct value of this seed column (goal cards repeated per KPI)."""
    note: str | None = None
    """One line for the reader, printed under the title (what a formula does, when it errs)."""
    header_row: int = 4

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def group_row(self) -> int:
        return self.header_row - 1

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.key}: no column {key!r} ({', '.join(c.key for c in self.columns)})")

    @property
    def input_columns(self) -> tuple[Column, ...]:
        """The columns of the Excel Table: input and stated ones."""
        return tuple(c for c in self.columns if not c.is_computed)

    @property
    def computed_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.is_computed)

    def last_row(self, body_rows: int) -> int:
        return self.first_row + body_rows - 1

    def below_rows(self, body_rows: int) -> dict[str, int]:
        """Rows under the table: "stated_total"/"computed_total", or one per check row label."""
        start = self.last_row(body_rows) + 2
        if self.totals is not None:
            return {"stated_total": start, "computed_total": start + 1}
        return {check.label: start + i for i, check in enumerate(self.check_rows)}

    def template_rows(self) -> int:
        return len(self.statement_rows) or self.capacity


@dataclass(frozen=True)
class RulesBlock:
    """One table on the rules sheet: a status scheme, a vocabulary or the assessment methods."""

    key: str
    name: str
    title: str
    note: str
    headers: tuple[str, ...]
    rows: int
    header_row: int = 0

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.header_row + self.rows

    def letter(self, header: str) -> str:
        return _letter(self.headers.index(header) + 1)


@dataclass(frozen=True)
class Setting:
    """One row of a workbook's settings table on the rules sheet: name, value, what it is for."""

    name: str
    value: str | int | float
    note: str


SETTINGS_HEADERS: tuple[str, ...] = ("Asetus", "Arvo", "Selitys")
SETTINGS_TABLE = "Asetukset"


@dataclass(frozen=True)
class WorkbookLayout:
    key: str
    file_name: str
    title: str
    tables: tuple[TableLayout, ...]
    settings: tuple[Setting, ...] = ()
    """Rows of the "Asetus | Arvo" table written under the rules sheet's blocks (none: no table)."""

    def table(self, key: str) -> TableLayout:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(f"{self.file_name}: no table {key!r}")

    @property
    def sheets(self) -> tuple[str, ...]:
        return (*(t.sheet for t in self.tables), RULES_SHEET)


def _letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _table(columns: tuple[Column, ...], **fields: Any) -> TableLayout:
    """A TableLayout whose columns get their letters from their order (A, B, …)."""
    lettered = tuple(replace(c, letter=_letter(i)) for i, c in enumerate(columns, start=1))
    table = TableLayout(columns=lettered, **fields)
    _check_table(table)
    return table


def _check_table(table: TableLayout) -> None:
    """Inputs first, then formulas; keys unique; array spans cover their part_of columns."""
    roles = [c.is_computed for c in table.columns]
    if roles != sorted(roles):
        raise ValueError(f"{table.key}: computed columns must follow the input columns")
    for attribute in ("key", "header"):
        values = [getattr(c, attribute) for c in table.columns]
        if len(set(values)) != len(values):  # Excel repairs a Table with duplicate names
            raise ValueError(f"{table.key}: duplicate column {attribute}s")
    for index, column in enumerate(table.columns):
        if column.is_computed and column.formula is None and column.part_of is None:
            raise ValueError(f"{table.key}.{column.key}: computed column without formula")
        for offset in range(1, column.span):
            follower = table.columns[index + offset]
            if follower.part_of != column.key:
                raise ValueError(f"{table.key}.{follower.key}: must be part_of {column.key}")


# --- rules sheet -------------------------------------------------------------

SCHEMES: dict[str, StatusScheme] = {
    "traffic_light": TRAFFIC_LIGHT_80_90,
    "year_end": YEAR_END_50_90,
}
VOCABULARIES: dict[str, Vocabulary] = {
    "target_status": TARGET_STATUSES,
    "programme_status": PROGRAMME_STATUSES,
    "task_state": TASK_STATES,
}
VOCABULARY_HEADERS: tuple[str, ...] = ("Koodi", "Tila", "Väri", "Svenska", "English")
METHOD_HEADERS: tuple[str, ...] = ("Arviointitapa", "Selitys")
METHOD_HELP: dict[str, str] = {
    "value": "Toteuma on itse mitattu osuus (esim. lakisääteisessä ajassa toteutuneiden "
    "palvelujen osuus); tila luetaan suoraan sääntötaulukosta.",
    "met": "Tavoite joko saavutettu (vihreä) tai ei (punainen), ei välimuotoa.",
    "ratio": "Toteuma suhteessa tavoitteeseen (tai tavoite / toteuma, kun pienempi on "
    "parempi); suhdeluku luokitellaan sääntötaulukolla.",
    "progress": "Kuljettu matka lähtöarvosta tavoitteeseen: (toteuma − lähtöarvo) / "
    "(tavoite − lähtöarvo); luokitellaan sääntötaulukolla.",
}
assert tuple(METHOD_HELP) == METHODS


def _rules_blocks() -> tuple[RulesBlock, ...]:
    """The blocks of the rules sheet, stacked from row 4 with two empty rows between."""
    blocks = [
        RulesBlock(
            key,
            f"Saanto_{key}",
            f"{scheme.name}",
            f"Lähde: {scheme.source}",
            RULES_HEADERS,
            len(scheme.bands) + SPARE_RULE_ROWS,
        )
        for key, scheme in SCHEMES.items()
    ]
    blocks += [
        RulesBlock(
            key,
            f"Sanasto_{key}",
            f"Sanasto: {vocabulary.name}",
            "Sallitut tilat (tietojen kelpoisuustarkistuksen luettelo) ja niiden värit.",
            VOCABULARY_HEADERS,
            len(vocabulary.statuses),
        )
        for key, vocabulary in VOCABULARIES.items()
    ]
    blocks.append(
        RulesBlock(
            "methods",
            "Arviointitavat",
            "Arviointitavat (sarake Arviointitapa)",
            "Miten toteumaa verrataan tavoitteeseen.",
            METHOD_HEADERS,
            len(METHODS),
        )
    )
    stacked = []
    row = 4
    for block in blocks:
        header_row = row + 2  # title, note, then the header
        stacked.append(replace(block, header_row=header_row))
        row = header_row + block.rows + 2
    return tuple(stacked)


RULES_BLOCKS: tuple[RulesBlock, ...] = _rules_blocks()


def rules_block(key: str) -> RulesBlock:
    for block in RULES_BLOCKS:
        if block.key == key:
            return block
    raise KeyError(f"no rules block {key!r}")


def band_label_row(scheme_key: str, colour: ColourKey) -> int:
    """Row of the rules sheet holding the band of ``colour`` (bands are written highest first)."""
    block = rules_block(scheme_key)
    keys = [band.key for band in reversed(SCHEMES[scheme_key].bands)]
    return block.first_row + keys.index(colour)


# --- strategic targets (001 Taulukko 1, 000, 002 Taulukko 7, 003) -------------

_TARGET_STATUS = "XS_TARGET_STATUSES({actual:col},{target:col},{method:col},{rules:traffic_light})"
_TARGET_STATUS_WITH_BASELINE = (
    "XS_TARGET_STATUSES({actual:col},{target:col},{method:col},{rules:traffic_light},"
    "{baseline:col})"
)


def _status_calc(formula: str, recomputes: str | None = None) -> Column:
    return Column(
        "status_calc",
        "Status (laskettu)",
        "computed",
        "status",
        rules="traffic_light",
        formula=formula,
        array=True,
        recomputes=recomputes,
        width=19,
        wrap=True,
    )


def _actual(seed_key: str | None = None) -> Column:
    return Column("actual", "Toteuma", kind="number", seed_key=seed_key, width=11)


_METHOD = Column("method", "Arviointitapa", kind="method", width=13)

TARGETS_001 = _table(
    key="targets_001",
    name="Tavoitteet_T1",
    sheet="Taulukko 1",
    title="Taulukko 1. Hyvinvointialueen strategiset aluevaltuustoon nähden sitovat tavoitteet "
    "ja niiden mittareiden toteuma",
    source="Lähde 001, Taulukko 1",
    seed_table="001-T1",
    columns=(
        Column(
            "goal", "Hyvinvointialueen strategiset tavoitteet", seed_key="goal", width=34, wrap=True
        ),
        Column("metric", "Strateginen mittari", seed_key="metric", width=18, wrap=True),
        Column("target_text", "Mittarin tavoite", seed_key="target_text", width=44, wrap=True),
        Column("target", "Mittarin tavoitearvo", kind="target", seed_key="target_value", width=13),
        _actual("actual"),
        _METHOD,
        Column(
            "status",
            "Status (ilmoitettu)",
            "stated",
            "status",
            seed_key="status",
            vocabulary="target_status",
            width=19,
            wrap=True,
        ),
        Column(
            "timestamp",
            "Aikaleima",
            kind="date",
            seed_key="timestamp",
            number_format=DATE,
            width=11,
        ),
        _status_calc(_TARGET_STATUS, recomputes="status"),
    ),
)

_NO_ACTUAL_NOTE = (
    "Lähteessä ei ole toteumaa; tila lasketaan, kun Toteuma-sarakkeeseen kirjataan luku, "
    "siihen asti 'Valmistuu myöhemmin'."
)

#: The columns 000 and 002 Taulukko 7 share (the same binding targets, two reports).
_CITY_TARGET_COLUMNS = (
    Column("goal", "Tavoite", seed_key="goal", width=26, wrap=True),
    Column("metric", "Mittari", seed_key="metric", width=30, wrap=True),
    Column("baseline", "Lähtöarvo", seed_key="baseline", width=20, wrap=True),
    Column("target", "Tavoitearvo", kind="target", seed_key="target", width=20, wrap=True),
    Column(
        "actions",
        "Keskeiset toteuttamisen toimenpiteet (1–3 kpl)",
        seed_key="actions",
        width=44,
        wrap=True,
    ),
)

TARGETS_000 = _table(
    key="targets_000",
    note=(
        "Lähde ilmoittaa toteuman vain tekstinä (Toteuma 1. ennuste); tila lasketaan, kun "
        "Toteuma-sarakkeeseen kirjataan luku, siihen asti 'Valmistuu myöhemmin'."
    ),
    name="Tavoitteet_ennuste",
    sheet="Tavoitteet 1. ennuste",
    title="Sitovat toiminnan tavoitteet ja toteuma 1. ennusteessa",
    source="Lähde 000 (taulukolla ei otsikkoa)",
    seed_table="000-targets",
    columns=(
        *_CITY_TARGET_COLUMNS,
        Column("forecast_text", "Toteuma 1. ennuste", seed_key="actual", width=30, wrap=True),
        _actual(),
        _METHOD,
        _status_calc(_TARGET_STATUS_WITH_BASELINE),
    ),
)

TARGETS_002 = _table(
    key="targets_002",
    note=_NO_ACTUAL_NOTE,
    name="Tavoitteet_T7",
    sheet="Taulukko 7",
    title="Taulukko 7. Kaupunkiyhteinen tiivistelmä",
    source="Lähde 002, Taulukko 7",
    seed_table="002-T7",
    columns=(
        Column("group", "Ryhmä", seed_key="group", width=14, wrap=True),
        *_CITY_TARGET_COLUMNS,
        Column("strategy", "Strategian painopiste", seed_key="strategy", width=24, wrap=True),
        _actual(),
        _METHOD,
        _status_calc(_TARGET_STATUS_WITH_BASELINE),
    ),
)

TARGETS_003 = _table(
    key="targets_003",
    note=_NO_ACTUAL_NOTE,
    name="Tavoitteet_2024",
    sheet="Sitovat tavoitteet 2024",
    title="Toimialan keskeiset tavoitteet toimintasuunnitelmakaudella 2024–2027",
    source="Lähde 003",
    seed_table="003-targets",
    columns=(
        Column("area", "Osa-alue", seed_key="area", width=12),
        Column("goal", "Sitova tavoite", seed_key="goal", width=36, wrap=True),
        Column("metric", "Tavoitteen mittari", seed_key="metric", width=36, wrap=True),
        Column("target", "Tavoitetaso 2024", kind="target", seed_key="target", width=36, wrap=True),
        _actual(),
        _METHOD,
        _status_calc(_TARGET_STATUS),
    ),
)

STRATEGIC_TARGETS = WorkbookLayout(
    key="strategic_targets",
    file_name="strategiset_tavoitteet.xlsx",
    title="Sitovat strategiset tavoitteet",
    tables=(TARGETS_001, TARGETS_000, TARGETS_002, TARGETS_003),
)

# --- savings and statutory-duties programmes (001 Taulukot 2–5) ----------------

_STATUS_CODES = ("1", "2", "3", "5")


def _pivot_columns(label_header: str, seed_label: str, detail: str) -> tuple[Column, ...]:
    """Stated pivot (label, one column per status, total) and its XS_PIVOT recomputation."""
    headers = [s.printed for s in PROGRAMME_STATUSES.statuses] + ["Kaikki yhteensä"]
    keys = [f"status_{code}" for code in _STATUS_CODES] + ["total"]
    stated = [
        Column(
            key, header, "stated", "amount", seed_key=key, number_format=AMOUNT, width=13, wrap=True
        )
        for key, header in zip(keys, headers, strict=True)
    ]
    formula = (
        f"XS_PIVOT({{{detail}.programme:col}},{{{detail}.status:col}},"
        f"{{{detail}.target_sum:col}},{{programme:labels}})"
    )
    computed = [
        Column(
            f"{key}_calc",
            f"{header} (laskettu)",
            "computed",
            "amount",
            number_format=AMOUNT,
            width=13,
            wrap=True,
            recomputes=key,
            formula=formula if i == 0 else None,
            array=i == 0,
            span=len(keys) if i == 0 else 1,
            part_of=None if i == 0 else f"{keys[0]}_calc",
        )
        for i, (key, header) in enumerate(zip(keys, headers, strict=True))
    ]
    label = Column("programme", label_header, seed_key=seed_label, width=34, wrap=True)
    return (label, *stated, *computed)


def _measure_columns(label_header: str, seed_label: str) -> tuple[Column, ...]:
    return (
        Column("programme", label_header, seed_key=seed_label, width=30, wrap=True),
        Column("measure", "Toimenpide", seed_key="measure", width=52, wrap=True),
        Column(
            "status",
            "Tilannekuva",
            kind="status",
            seed_key="status",
            vocabulary="programme_status",
            width=22,
        ),
        Column(
            "readiness",
            "Valmiusaste",
            kind="percent",
            seed_key="readiness",
            number_format=PERCENT,
            width=11,
        ),
        Column(
            "target_sum",
            "Tavoitesumma",
            kind="amount",
            seed_key="target_sum",
            number_format=AMOUNT,
            width=13,
        ),
    )


PIVOT_SAVINGS = _table(
    key="savings_pivot",
    note=(
        "Laskettu pivot summaa Taulukon 3 toimenpiteet ohjelman numeron ja tilannekuvan "
        "mukaan; tyhjä solu = ei toimenpiteitä."
    ),
    name="Ohjelmat_T2",
    sheet="Taulukko 2",
    title="Taulukko 2. Talouden tavoiteohjelman toteutumisarvio ohjelmittain",
    source="Lähde 001, Taulukko 2 (ohjelma × tilannekuva)",
    unit="€",
    seed_table="001-T2",
    columns=_pivot_columns("Ohjelma", "programme", "savings_measures"),
    capacity=9,
    last_label="Kaikki yhteensä",
)

SAVINGS_MEASURES = _table(
    key="savings_measures",
    name="Toimenpiteet_T3",
    sheet="Taulukko 3",
    title="Taulukko 3. Talouden tavoiteohjelman toteutumisarvio TA24-kirjan toimenpiteittäin",
    source="Lähde 001, Taulukko 3",
    unit="€",
    seed_table="001-T3",
    columns=_measure_columns("Ohjelma", "programme"),
    capacity=60,
    totals=Totals("Kaikki yhteensä", ("target_sum",)),
)

PIVOT_STATUTORY = _table(
    key="statutory_pivot",
    note=(
        "Laskettu pivot summaa Taulukon 5 toimenpiteet toimialueen numeron ja tilannekuvan "
        "mukaan; tyhjä solu = ei toimenpiteitä."
    ),
    name="Toimialueet_T4",
    sheet="Taulukko 4",
    title="Taulukko 4. Lakisääteisyyden turvaamisen toteutumisarvio",
    source="Lähde 001, Taulukko 4 (toimialue × tilannekuva)",
    unit="€",
    seed_table="001-T4",
    columns=_pivot_columns("Toimialue", "division", "statutory_measures"),
    capacity=9,
    last_label="Kaikki yhteensä",
)

STATUTORY_MEASURES = _table(
    key="statutory_measures",
    name="Toimenpiteet_T5",
    sheet="Taulukko 5",
    title="Taulukko 5. Lakisääteisyyden turvaamisen toteutumisarvio TA24-kirjan toimenpiteittäin",
    source="Lähde 001, Taulukko 5",
    unit="€",
    seed_table="001-T5",
    columns=_measure_columns("Toimialue", "division"),
    capacity=60,
    totals=Totals("Kaikki yhteensä", ("target_sum",)),
)

PROGRAMMES = WorkbookLayout(
    key="programmes",
    file_name="tavoiteohjelmat.xlsx",
    title="Talouden tavoiteohjelma ja lakisääteisyyden turvaaminen",
    tables=(PIVOT_SAVINGS, SAVINGS_MEASURES, PIVOT_STATUTORY, STATUTORY_MEASURES),
)

# --- result budget (002 Taulukot 1–6 and 8) ------------------------------------


def _amounts(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(
        Column(key, header, kind="amount", seed_key=key, number_format=AMOUNT, width=13, wrap=True)
        for key, header in pairs
    )


def _statement(
    key: str,
    name: str,
    sheet: str,
    title: str,
    seed_table: str,
    label_header: str,
    amounts: tuple[tuple[str, str], ...],
    rows: tuple[StatementRow, ...],
    checks: tuple[tuple[str, int, tuple[int, ...]], ...],
) -> TableLayout:
    columns = _amounts(*amounts)
    return _table(
        key=key,
        name=name,
        sheet=sheet,
        title=title,
        source=f"Lähde {seed_table[:3]}, {title.split('.')[0]}",
        unit="1000 €",
        seed_table=seed_table,
        columns=(Column("item", label_header, seed_key="item", width=34, wrap=True), *columns),
        statement_rows=rows,
        label_key="item",
        check_rows=tuple(
            CheckRow(label, recomputes, parts, tuple(c.key for c in columns))
            for label, recomputes, parts in checks
        ),
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

_SAME_BLOCK = '{area:col},{area},{service:col},{service}&""'


def _margin_check(year: str, header: str) -> Column:
    """Toimintakate rows: Tulot + Menot of the same area and service (native SUMIFS)."""
    tulot = f'SUMIFS({{{year}:col}},{_SAME_BLOCK},{{line:col}},"Tulot")'
    menot = f'SUMIFS({{{year}:col}},{_SAME_BLOCK},{{line:col}},"Menot")'
    return Column(
        f"margin_{year}_calc",
        f"Tulot + Menot {header} (laskettu)",
        "computed",
        "amount",
        number_format=AMOUNT,
        width=13,
        wrap=True,
        recomputes=year,
        formula=f'IF({{line}}="Toimintakate",{tulot}+{menot},"")',
    )


def _area_check(year: str, header: str) -> Column:
    """Area-level rows (no service): the sum of the area's services on the same line."""
    services = '{area:col},{area},{service:col},"<>"'
    return Column(
        f"services_{year}_calc",
        f"Palvelujen summa {header} (laskettu)",
        "computed",
        "amount",
        number_format=AMOUNT,
        width=13,
        wrap=True,
        recomputes=year,
        formula=(
            f'IF(AND({{service}}="",COUNTIFS({services})>0),'
            f'SUMIFS({{{year}:col}},{services},{{line:col}},{{line}}),"")'
        ),
    )


BUDGET_RESULT = _table(
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
    capacity=150,
    columns=(
        Column("area", "Palvelukokonaisuus", seed_key="area", width=27, wrap=True),
        Column("service", "Palvelu", seed_key="service", width=24, wrap=True),
        Column("line", "Erä", seed_key="line", width=12),
        *_amounts(("tb2023", "TB 2023"), ("tb2024", "TB 2024")),
        Column(
            "change_eur",
            "Muutos € (ilmoitettu)",
            "stated",
            "amount",
            seed_key="change_eur",
            number_format=AMOUNT,
            width=12,
            wrap=True,
        ),
        Column(
            "change_pct",
            "Muutos % (ilmoitettu)",
            "stated",
            "percent",
            seed_key="change_pct",
            number_format=PERCENT_1,
            width=11,
            wrap=True,
        ),
        Column("explanation", "Keskeiset selitykset", seed_key="explanation", width=24, wrap=True),
        Column(
            "change_eur_calc",
            "Muutos € (laskettu)",
            "computed",
            "amount",
            number_format=AMOUNT,
            width=12,
            wrap=True,
            recomputes="change_eur",
            formula="XS_CHANGES({tb2023:col},{tb2024:col},{line:col},1)",
            array=True,
            span=2,
        ),
        Column(
            "change_pct_calc",
            "Muutos % (laskettu)",
            "computed",
            "percent",
            number_format=PERCENT_1,
            width=11,
            wrap=True,
            recomputes="change_pct",
            part_of="change_eur_calc",
        ),
        _margin_check("tb2023", "TB 2023"),
        _margin_check("tb2024", "TB 2024"),
        _area_check("tb2023", "TB 2023"),
        _area_check("tb2024", "TB 2024"),
    ),
)

_YEARS_2025 = (
    ("y2025", "2025"),
    ("y2026", "2026"),
    ("y2027", "2027"),
    ("y2028", "2028"),
    ("y2029_on", "(2029 ->)"),
)

INVESTMENTS = _table(
    key="investments",
    name="Investoinnit_T6",
    sheet="Taulukko 6",
    title="Taulukko 6. Sosiaali-, terveys- ja pelastustoimen investointisuunnitelma 2025–2028",
    source="Lähde 002, Taulukko 6",
    unit="1000 €",
    seed_table="002-T6",
    capacity=80,
    columns=(
        Column("block", "Suunnitelma", seed_key="block", width=36, wrap=True),
        Column("item", "Erä", seed_key="item", width=36, wrap=True),
        *_amounts(*_YEARS_2025),
        Column(
            "total",
            "Yhteensä (ilmoitettu)",
            "stated",
            "amount",
            seed_key="total",
            number_format=AMOUNT,
            width=13,
            wrap=True,
        ),
        Column(
            "total_calc",
            "Yhteensä (laskettu)",
            "computed",
            "amount",
            number_format=AMOUNT,
            width=13,
            wrap=True,
            recomputes="total",
            formula="SUM({y2025}:{y2029_on})",
        ),
    ),
)

_STAFF_YEARS = (
    ("y2022", "2022"),
    ("y2023_aug", "2023 (15.8.2023)"),
    ("forecast_2023", "Ennuste 2023"),
    ("y2024", "2024"),
    ("y2025", "2025"),
    ("y2026", "2026"),
)

STAFF = _table(
    key="staff",
    name="Henkilosto_T8",
    sheet="Taulukko 8",
    title="Taulukko 8. Henkilöstön käyttö 2022–2026",
    source="Lähde 002, Taulukko 8",
    unit="henkilöä",
    seed_table="002-T8",
    capacity=20,
    columns=(
        Column("area", "Henkilöstön käyttö", seed_key="area", width=34, wrap=True),
        Column("item", "Erä", seed_key="item", width=18),
        *(
            Column(
                key, header, kind="number", seed_key=key, number_format=AMOUNT, width=11, wrap=True
            )
            for key, header in _STAFF_YEARS
        ),
    ),
    totals=Totals("Henkilöstömäärä yhteensä", tuple(key for key, _ in _STAFF_YEARS)),
)

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

# --- budget vs actual vs forecast (003) ----------------------------------------

_FORECAST_ROWS = (
    StatementRow("Toimintatuotot - Verksamhetsintäkter", "subtotal"),
    StatementRow("Myyntituotot - Försäljningsinkomster"),
    StatementRow("Maksutuotot - Avgiftsinkomster"),
    StatementRow("Tuet ja avustukset - Stöd och bidrag"),
    StatementRow("Muut tuotot - Övriga verksamhetsinkomster"),
    StatementRow("Toimintakulut - Verksamhetskostnader", "subtotal"),
    StatementRow("Henkilöstökulut - Personalutgifter"),
    StatementRow("Palvelujen ostot - Köp av tjänster"),
    StatementRow("Aineet, tarvikkeet ja tavarat - Material, förnödenheter och varor"),
    StatementRow("Avustukset - Bidrag"),
    StatementRow("Muut toimintakulut - Övriga verksamhets- utgifter"),
    StatementRow("Toimintakate - Verksamhetsbidrag", "total"),
)
_FORECAST_AMOUNTS = ("ta2023", "tot_1_6_2023", "enn2023", "tae2024", "kehys2024")


def _ratio(key: str, header: str, numerator: str, denominator: str) -> Column:
    return Column(
        f"{key}_calc",
        f"{header} (laskettu)",
        "computed",
        "percent",
        number_format=PERCENT,
        width=11,
        wrap=True,
        recomputes=key,
        array=True,
        formula=f"XS_RATIOS_PCT({{{numerator}:col}},{{{denominator}:col}})",
    )


def _stated_pct(key: str, header: str) -> Column:
    return Column(
        key,
        f"{header} (ilmoitettu)",
        "stated",
        "percent",
        seed_key=key,
        number_format=PERCENT,
        width=11,
        wrap=True,
    )


BUDGET_FORECAST_TABLE = _table(
    key="budget_forecast",
    name="Talousarvio_TAE24",
    note=(
        "X vs. Y % = X / Y kokonaisina prosentteina; KEHYS24 vs. TAE24 = TA-esitys − Kehys. "
        "Laskettu-rivit summaavat erät osistaan."
    ),
    sheet="TAE 2024",
    title="Talousarvioesitys 2024 vs. TA23 ja ENN23",
    source="Lähde 003, Sosiaali- ja terveystoimi 1(4)",
    unit="1000 €",
    seed_table="003-budget",
    statement_rows=_FORECAST_ROWS,
    label_key="item",
    columns=(
        Column(
            "item",
            "Sosiaali- ja terveystoimi Social- och hälsovård 1 000 €",
            seed_key="item",
            width=34,
            wrap=True,
        ),
        *_amounts(
            ("ta2023", "Talousarvio Budget 2023"), ("tot_1_6_2023", "Toteuma Utfall 1-6/2023")
        ),
        _stated_pct("tot_vs_ta_pct", "TOT vs. TA %"),
        *_amounts(("enn2023", "Ennuste Prognos 2023")),
        _stated_pct("enn_vs_ta_pct", "ENN vs. TA %"),
        *_amounts(("tae2024", "TA-esitys Proposition 2024")),
        _stated_pct("tae24_vs_ta23_pct", "TAE24 vs. TA23 %"),
        _stated_pct("tae24_vs_enn23_pct", "TAE24 vs. ENN23 %"),
        *_amounts(("kehys2024", "Kehys Ram 2024")),
        Column(
            "kehys24_vs_tae24",
            "KEHYS24 vs. TAE24 (ilmoitettu)",
            "stated",
            "amount",
            seed_key="kehys24_vs_tae24",
            number_format=AMOUNT,
            width=13,
            wrap=True,
        ),
        _ratio("tot_vs_ta_pct", "TOT vs. TA %", "tot_1_6_2023", "ta2023"),
        _ratio("enn_vs_ta_pct", "ENN vs. TA %", "enn2023", "ta2023"),
        _ratio("tae24_vs_ta23_pct", "TAE24 vs. TA23 %", "tae2024", "ta2023"),
        _ratio("tae24_vs_enn23_pct", "TAE24 vs. ENN23 %", "tae2024", "enn2023"),
        Column(
            "kehys24_vs_tae24_calc",
            "KEHYS24 vs. TAE24 (laskettu)",
            "computed",
            "amount",
            number_format=AMOUNT,
            width=13,
            wrap=True,
            recomputes="kehys24_vs_tae24",
            formula="{tae2024}-{kehys2024}",
        ),
    ),
    check_rows=(
        CheckRow("Toimintatuotot (laskettu)", 0, (1, 2, 3, 4), _FORECAST_AMOUNTS),
        CheckRow("Toimintakulut (laskettu)", 5, (6, 7, 8, 9, 10), _FORECAST_AMOUNTS),
        CheckRow("Toimintakate (laskettu)", 11, (0, 5), _FORECAST_AMOUNTS),
    ),
)

BUDGET_FORECAST = WorkbookLayout(
    key="budget_forecast",
    file_name="talousarvio_ennuste.xlsx",
    title="Talousarvio, toteuma ja ennuste",
    tables=(BUDGET_FORECAST_TABLE,),
)

# --- quarterly goal tracking (004) ----------------------------------------------


def _task_count(colour: ColourKey) -> Column:
    label = YEAR_END_50_90.band(colour).label_fi
    return Column(
        f"tasks_{colour}",
        f"Päätehtäviä: {label}",
        "computed",
        "number",
        number_format=COUNT,
        width=12,
        wrap=True,
        formula=(
            "COUNTIFS({tasks.goal_id:col},{goal_id},"
            f"{{tasks.status_calc:col}},{{label:year_end:{colour}}})"
        ),
    )


GOALS = _table(
    key="goals",
    name="Tavoitteet_004",
    sheet="Tavoitteet",
    title="Sitovat strategiset tavoitteet: tavoitekortit",
    source="Lähde 004, tavoitekortit (Nro lisätty kortin järjestyksessä)",
    seed_table="004-goals",
    distinct_by="goal_id",
    capacity=30,
    columns=(
        Column("goal_id", "Nro", seed_key="goal_id", width=6),
        Column("theme", "Strateginen painopiste", seed_key="theme", width=16, wrap=True),
        Column("focus", "Painopiste", seed_key="focus", width=24, wrap=True),
        Column("title", "Otsikko", seed_key="title", width=26, wrap=True),
        Column("goal", "Tavoite", seed_key="goal", width=44, wrap=True),
        Column("kpi", "Mittari (KPI)", seed_key="kpi", width=26, wrap=True),
        Column(
            "responsible_unit",
            "Mittarin vastuutaho",
            seed_key="responsible_unit",
            width=16,
            wrap=True,
        ),
        Column(
            "responsible_person",
            "Mittarin vastuuhenkilö",
            seed_key="responsible_person",
            width=18,
            wrap=True,
        ),
        Column(
            "tasks_total",
            "Päätehtäviä",
            "computed",
            "number",
            number_format=COUNT,
            width=11,
            wrap=True,
            formula="COUNTIFS({tasks.goal_id:col},{goal_id})",
        ),
        _task_count("green"),
        _task_count("yellow"),
        _task_count("red"),
    ),
)

KPIS = _table(
    key="kpis",
    name="KPI_arvot_004",
    sheet="KPI-arvot",
    title="Mittarin arvo / tilanne neljännesvuosittain",
    source="Lähde 004, tavoitekorttien mittariarvot",
    seed_table="004-goals",
    capacity=40,
    columns=(
        Column("goal_id", "Nro", seed_key="goal_id", width=6),
        Column("kpi", "Mittari (KPI)", seed_key="kpi", width=40, wrap=True),
        Column("kpi_series", "Mittarin arvo / tilanne", seed_key="kpi_series", width=30, wrap=True),
        *(
            Column(q, q.upper(), kind="number", seed_key=q, width=10)
            for q in ("q1", "q2", "q3", "q4")
        ),
        Column("target", "Tavoitearvo", kind="target", seed_key="target", width=14, wrap=True),
        _METHOD,
    ),
)

TASKS = _table(
    key="tasks",
    note=(
        "Tila luokitellaan Säännöt-välilehden vuosiarviosäännöllä; #VALUE!, kun Tilanne ei ole "
        "prosenttiluku (esim. 'Ei mittaria')."
    ),
    name="Paatehtavat_004",
    sheet="Päätehtävät",
    title="Päätehtävät ja niiden eteneminen",
    source="Lähde 004, tavoitekorttien päätehtävätaulukot",
    seed_table="004-tasks",
    capacity=100,
    columns=(
        Column("goal_id", "Nro", seed_key="goal_id", width=6),
        Column("task", "Päätehtävät", seed_key="task", width=36, wrap=True),
        Column("person", "Vastuuhenkilö", seed_key="person", width=24, wrap=True),
        Column("description", "Kuvaus", seed_key="description", width=56, wrap=True),
        Column(
            "progress",
            "Tilanne",
            kind="percent",
            seed_key="status",
            number_format=PERCENT,
            width=10,
        ),
        Column(
            "status_calc",
            "Tila (laskettu)",
            "computed",
            "status",
            rules="year_end",
            formula="XS_BANDS({progress:col},{rules:year_end})",
            array=True,
            width=18,
            wrap=True,
        ),
    ),
)

#: The settings the status sheet (issue 5) reads from the rules sheet.  The organisation
#: is the one the 004 report names (seed line 11); the year is the report's (Tilinpäätös 2024).
GOAL_TRACKING_SETTINGS: tuple[Setting, ...] = (
    Setting("Organisaatio", "Kanta-Hämeen hyvinvointialue", "Tilannekatsauksen otsikkoon"),
    Setting("Vuosi", 2024, "Seurantavuosi"),
    Setting("Koontitapa", "huonoin", "huonoin, keskiarvo tai painotettu (Paino-sarake)"),
    Setting("Trendin toleranssi", 0.02, "Muutos enintään tämä osuus tavoitearvosta = ennallaan"),
    Setting(
        "Arviointitapa",
        "ratio",
        "Oletus KPI-riveille, joilla Arviointitapa on tyhjä: value, met, ratio tai progress",
    ),
)

GOAL_TRACKING = WorkbookLayout(
    key="goal_tracking",
    file_name="tavoiteseuranta.xlsx",
    title="Tavoitteiden neljännesvuosiseuranta",
    tables=(GOALS, KPIS, TASKS),
    settings=GOAL_TRACKING_SETTINGS,
)

WORKBOOKS: tuple[WorkbookLayout, ...] = (
    STRATEGIC_TARGETS,
    PROGRAMMES,
    RESULT_BUDGET,
    BUDGET_FORECAST,
    GOAL_TRACKING,
)


def workbook(key: str) -> WorkbookLayout:
    """A workbook layout by key ("goal_tracking"), file name or file stem ("tavoiteseuranta")."""
    for layout in WORKBOOKS:
        if key in (layout.key, layout.file_name, layout.file_name.removesuffix(".xlsx")):
            return layout
    raise KeyError(f"no workbook layout {key!r}; known: {', '.join(w.key for w in WORKBOOKS)}")
