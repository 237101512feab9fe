"""Budget summary and income statements (seed 002 Taulukot 1-4) and how they tie together.

Within a table, in every amount column:

* Toimintakate = Tulot + Menot (Toimintatulot + Toimintamenot, or "Tulot
  yhteensä" + "Menot yhteensä");
* Vuosikate = Toimintakate + Valtion rahoitus + Rahoitustulot (Taulukko 2);
* Tilikauden tulos = Vuosikate + Poistot where the table has a Vuosikate,
  otherwise Toimintakate + Poistot (Taulukot 3 and 4).

Between tables, where both are present:

* Taulukko 1 (the division) against Taulukko 2 (its income statement):
  Toimintatulot, Toimintamenot and Toimintakate of TA 2023 and TA 2024 are the
  same numbers;
* Taulukko 1 = Taulukko 3 (social, health and rescue services) + Taulukko 4
  (HUS-yhtymä) for TA 2023, Ltk TAE 2024 and TA 2024 — the two sub-items of
  the budget make up the whole;
* Taulukko 3 TA 2024 = the sum of the service areas of Taulukko 5 in TB 2024
  (the result budget splits the 2024 budget; Taulukko 1 prints TA24 = TB24).

"-" counts as 0 (HUS has no income and no depreciation).
"""

from __future__ import annotations

from collections.abc import Mapping

from xlsrc.core.budget import STATEMENT_ITEMS, statement_item
from xlsrc.core.text import Msg, Text
from xlsrc.validation.model import Row, Table
from xlsrc.validation.rules import budget
from xlsrc.validation.rules.base import Checks, unplaced_row

#: Statement items and their names: the one list in :data:`xlsrc.core.budget.STATEMENT_ITEMS`.
ITEM_NAMES = {item: name for item, (name, _) in STATEMENT_ITEMS.items()}
STATEMENTS = ("002-T1", "002-T2", "002-T3", "002-T4")


def items(table: Table) -> dict[str, Row]:
    """The table's rows by statement item (the first row of each item)."""
    found: dict[str, Row] = {}
    for row in table:
        item = statement_item(row.text("item"))
        if item is not None:
            found.setdefault(item, row)
    return found


def _unknown_item(table: Table, row: Row, result: Checks) -> None:
    """A labelled row with numbers that names no statement item: it is in no identity, so
    a typo ("Tulot yhteenstä") or a relabelling would take its numbers out of every check."""
    if statement_item(row.text("item")) is not None:
        return
    unplaced_row(
        result,
        table,
        row,
        "item",
        amount_columns(table),
        "unknown_row",
        Msg(
            "Riviä {label!r} ei tunnisteta laskelman riviksi (odotetaan esim. {income}, "
            "{expense} tai {margin}): rivin luvut eivät ole yhdessäkään tarkistuksessa",
            label=row.text("item"),
            income=Msg(ITEM_NAMES["income"]),
            expense=Msg(ITEM_NAMES["expense"]),
            margin=Msg(ITEM_NAMES["margin"]),
        ),
    )


def amount_columns(table: Table) -> list[str]:
    return [k for k in table.columns if k in table.numeric_columns]


def checks(table: Table) -> Checks:
    """Identities inside one statement table."""
    result = Checks()
    rows = items(table)
    for row in table:
        _unknown_item(table, row, result)
    for key in amount_columns(table):
        header = table.header(key)
        if {"income", "expense", "margin"} <= rows.keys():
            result.sum_of(
                rows["margin"].cell(key),
                [(1.0, rows["income"].cell(key)), (1.0, rows["expense"].cell(key))],
                "margin_identity",
                Msg("Toimintakate = Tulot + Menot ({header})", header=header),
            )
        if {"margin", "state", "financial", "annual"} <= rows.keys():
            result.sum_of(
                rows["annual"].cell(key),
                [
                    (1.0, rows["margin"].cell(key)),
                    (1.0, rows["state"].cell(key)),
                    (1.0, rows["financial"].cell(key)),
                ],
                "annual_margin",
                Msg(
                    "Vuosikate = Toimintakate + Valtion rahoitus + Rahoitustulot ({header})",
                    header=header,
                ),
            )
        base = "annual" if "annual" in rows else "margin"
        if {base, "depreciation", "result"} <= rows.keys():
            result.sum_of(
                rows["result"].cell(key),
                [(1.0, rows[base].cell(key)), (1.0, rows["depreciation"].cell(key))],
                "result_identity",
                Msg(
                    "Tilikauden tulos = {item} + Poistot ({header})",
                    item=Msg(ITEM_NAMES[base]),
                    header=header,
                ),
            )
    return result


#: (summary column, part column) pairs: Taulukko 1 column -> Taulukot 2-4 column.
_T1_VS_T2 = {"ta2023": "ta2023", "ta2024": "ta2024"}
_T1_VS_T3_T4 = {"ta2023": "ta2023", "ltk_tae2024": "ltk_tae", "ta2024": "ta2024"}


def cross_checks(tables: Mapping[str, Table]) -> Checks:
    """The statements against each other and against the result budget."""
    result = Checks()
    t1, t2, t3, t4 = (tables.get(f) for f in STATEMENTS)
    if t1 is not None and t2 is not None:
        _same(
            result,
            t1,
            [t2],
            _T1_VS_T2,
            ("income", "expense", "margin"),
            Msg("Taulukko 1 = Taulukko 2"),
        )
    if t1 is not None and t3 is not None and t4 is not None:
        _same(
            result,
            t1,
            [t3, t4],
            _T1_VS_T3_T4,
            ("income", "expense", "margin"),
            Msg("Taulukko 1 = Taulukko 3 + Taulukko 4"),
        )
    t5 = tables.get("002-T5")
    if t3 is not None and t5 is not None:
        _areas_make_budget(result, t3, t5)
    return result


def _same(
    result: Checks,
    summary: Table,
    parts: list[Table],
    columns: dict[str, str],
    names: tuple[str, ...],
    what: Text,
) -> None:
    summary_rows = items(summary)
    part_rows = [items(p) for p in parts]
    for name in names:
        if name not in summary_rows or any(name not in rows for rows in part_rows):
            continue
        for summary_key, part_key in columns.items():
            result.sum_of(
                summary_rows[name].cell(summary_key),
                [(1.0, rows[name].cell(part_key)) for rows in part_rows],
                "cross_table",
                Msg(
                    "{what}: {item} ({header})",
                    what=what,
                    item=Msg(ITEM_NAMES[name]),
                    header=summary.header(summary_key),
                ),  # fmt: skip
            )


def _areas_make_budget(result: Checks, t3: Table, t5: Table) -> None:
    rows = items(t3)
    areas = [b for b in budget.blocks(t5) if not b.service]
    for name in ("income", "expense", "margin"):
        if name not in rows or any(name not in a.lines for a in areas) or not areas:
            continue
        result.sum_of(
            rows[name].cell("ta2024"),
            [(1.0, a.lines[name].cell("tb2024")) for a in areas],
            "cross_table",
            Msg(
                "Taulukko 3 {item} ({header}) = Taulukon 5 palvelukokonaisuuksien summa (TB 2024)",
                item=Msg(ITEM_NAMES[name]),
                header=t3.header("ta2024"),
            ),
        )
