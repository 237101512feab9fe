"""Investment plan (seed 002 Taulukko 6): subtotals, row totals, and two plans making a third.

The table prints three plans (blocks) of the same shape: social and health
care, rescue services, and the two combined.  Checked, in every year column
and in Yhteensä:

* Pysyvät vastaavat = Rakennukset + Laite- ja kalustohankinnat + ICT ja muut
  aineettomat hyödykkeet + Muut investoinnit (the four lines under it);
* Investointeja vastaavat sopimukset = Vuotuinen vuokravastuun muutos + the
  Laite / ICT / Muut lines under it — "Rakennukset (kokonaisvuokravastuun
  muutos)" is the whole lease liability and stays outside the sum (the
  printed subtotals agree with this reading in every column but one);
* Omaisuuden luovutukset = its Rakennukset / Laite / ICT / Muut lines;
* each row: Yhteensä = 2025 + 2026 + 2027 + 2028 + (2029 ->), where Yhteensä
  is printed (the cash-flow rows print "-" there: nothing to add up);
* the combined plan = social and health care + rescue services, row by row;
* cash flow of the combined plan: Investointimennot = −Pysyvät vastaavat,
  Investointien rahavirta = Investointimennot + Rahoitusosuudet +
  luovutustulot, Rahavarojen muutos = Toiminnan rahavirta + Investointien
  rahavirta + Lainakannan muutos.

Rows are matched by label; the spellings differ between the blocks
("vuokravastuiden", "vuokravastuuden", "vuokravastuun"; "Omaisuu den",
"Omaisuuksien"), so labels are compared by their first seven letters and the
order in which they occur.  In a typed workbook a row with numbers whose label
is none of the table's rows (``unknown_row``) is reported: a typo such as
"Pysyvat vastaavat" would otherwise take the subtotal and the combined plan's
row out of the checks unnoticed.  So is a known row under a subtotal it is no
part of (``misplaced_row``: "Rakennukset" under Investointeja vastaavat
sopimukset, or a second "Rakennukset" under one subtotal), and a subtotal
whose line was deleted is checked against the lines that are left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlsrc.core.text import Msg, Text
from xlsrc.validation.model import Row, Table
from xlsrc.validation.rules.base import Checks, normalized, unplaced_row

YEARS = ("y2025", "y2026", "y2027", "y2028", "y2029_on")
COLUMNS = (*YEARS, "total")

#: Subtotal heading -> patterns of its parts (searched in the rows after it).
SUBTOTALS: dict[str, tuple[str, ...]] = {  # i18n: patterns of the seed's Finnish labels
    r"^pysyvät vastaavat$": (r"^rakennukset$", r"^laite", r"^ict", r"^muut investoinnit"),
    r"^investointeja vastaavat sopimukset$": (
        r"^vuotuinen vuokravastu",
        r"^laite",
        r"^ict",
        r"^muut investoinnit",
    ),
    r"^omaisuu ?(den|ksien) luovutukset$": (
        r"^rakennukset$",
        r"^laite",
        r"^ict",
        r"^muut investoinnit",
    ),
}
_HEADINGS = (  # i18n: patterns of the seed's Finnish labels
    *SUBTOTALS,
    r"^investointien rahavirta$",
    r"^rahavarojen muutos$",
    r"^investointituet$",
    r"^toiminnan rahavirta",
)
CASH_FLOW: dict[str, tuple[tuple[float, str], ...]] = {  # i18n: label patterns
    r"^investointien rahavirta$": (
        (1.0, r"^investointimennot$"),
        (1.0, r"^rahoitusosuudet"),
        (1.0, r"luovutustulot$"),
    ),
    r"^rahavarojen muutos$": (
        (1.0, r"^toiminnan rahavirta"),
        (1.0, r"^investointien rahavirta$"),
        (1.0, r"^lainakannan muutos$"),
    ),
}

#: Rows of the seed that are in no subtotal on purpose: the whole lease liability and two
#: memo lines.
OUTSIDE_SUMS = (  # i18n: patterns of the seed's Finnish labels
    r"^rakennukset \(kokonaisvuokravastuun muutos\)$",
    r"^konsernin",
    r"^yhteistyösopimukseen",
)
#: Every row this table knows: a labelled row with numbers that fits none is in no subtotal.
KNOWN_ROWS = tuple(
    re.compile(pattern)
    for pattern in {
        *_HEADINGS,
        *(part for parts in SUBTOTALS.values() for part in parts),
        *(part for parts in CASH_FLOW.values() for _, part in parts),
        r"^investointimennot$",  # i18n: a pattern of the seed's label
        *OUTSIDE_SUMS,
    }
)


def plans(table: Table) -> list[tuple[str, list[Row]]]:
    """The blocks in order, each with its item rows (headings carried forward)."""
    found: dict[str, list[Row]] = {}
    block = ""
    for row in table:
        block = row.text("block") or block
        if row.text("item"):
            found.setdefault(block, []).append(row)
    return list(found.items())


def label_key(row: Row, seen: dict[str, int]) -> tuple[str, int]:
    """First seven letters of the label and its occurrence number within the block."""
    stem = re.sub(r"[^a-zåäö]", "", normalized(row.text("item")))[:7]  # i18n: letters kept
    seen[stem] = seen.get(stem, 0) + 1
    return stem, seen[stem]


def checks(table: Table) -> Checks:
    result = Checks()
    blocks = plans(table)
    for name, rows in blocks:
        _subtotals(table, name, rows, result)
        _cash_flow(table, rows, result)
        for row in rows:
            _unknown(table, row, result)
            _row_total(table, row, result)
    for row in table:
        if not row.text("item"):  # no block holds a row without a label (plans)
            _unknown(table, row, result)
    _combined(table, blocks, result)
    return result


def _unknown(table: Table, row: Row, result: Checks) -> None:
    if _is_known(row):
        return
    _unplaced(
        table,
        row,
        "unknown_row",
        Msg(
            "Riviä {label!r} ei tunnisteta: se ei ole mikään tämän taulukon otsikoista tai "
            "riveistä (esimerkiksi Pysyvät vastaavat, Rakennukset, Laite- ja "
            "kalustohankinnat), joten sen luvut eivät ole yhdessäkään välisummassa",
            label=row.text("item"),
        ),
        result,
    )


def _is_known(row: Row) -> bool:
    """Whether ``row``'s label is one of the rows this table knows (:data:`KNOWN_ROWS`)."""
    label = normalized(row.text("item"))
    return any(pattern.search(label) for pattern in KNOWN_ROWS)


def _unplaced(table: Table, row: Row, rule: str, message: Text, result: Checks) -> None:
    """:func:`unplaced_row` for this table: the label in Erä, the numbers in every year."""
    unplaced_row(result, table, row, "item", COLUMNS, rule, message)


def _is_heading(row: Row) -> bool:
    label = normalized(row.text("item"))
    return any(re.search(p, label) for p in _HEADINGS)


def _subtotals(table: Table, block: str, rows: list[Row], result: Checks) -> None:
    for index, row in enumerate(rows):
        label = normalized(row.text("item"))
        for heading, patterns in SUBTOTALS.items():
            if not re.search(heading, label):
                continue
            section = _section(rows, index)
            parts = [_first(section, p) for p in patterns]
            _misplaced(table, row, section, parts, result)
            found = [p for p in parts if p is not None]
            # a seed block may print fewer lines; in a typed workbook a deleted line is a
            # line of 0 (a relabelled one is reported by _unknown), never a skipped check
            if not found or (len(found) < len(parts) and not table.typed):
                continue
            _sum_by_column(
                table,
                row,
                found,
                "subtotal_sum",
                Msg(
                    "{item} = alla olevien rivien summa ({block}",
                    item=row.text("item"),
                    block=_short(block),
                ),  # fmt: skip
                result,
            )


def _misplaced(
    table: Table, heading: Row, section: list[Row], parts: list[Row | None], result: Checks
) -> None:
    """A known row under a subtotal that is none of its parts: in no subtotal, unnoticed.

    "Rakennukset" belongs under Pysyvät vastaavat; typed under Investointeja
    vastaavat sopimukset it is a known label, so :func:`_unknown` passes it, but
    that subtotal's parts do not include it.  A second "Laite- ja
    kalustohankinnat" under one subtotal is the same: only the first is a part.
    """
    for row in section:
        label = normalized(row.text("item"))
        if any(row is part for part in parts) or any(re.search(p, label) for p in OUTSIDE_SUMS):
            continue
        if not _is_known(row):
            continue  # _unknown reports it
        _unplaced(
            table,
            row,
            "misplaced_row",
            Msg(
                "Rivi {label!r} on välisumman {heading!r} alla, mutta ei ole sen erä (tai sama "
                "erä on jo ylempänä): rivin luvut eivät ole yhdessäkään välisummassa",
                label=row.text("item"),
                heading=heading.text("item"),
            ),
            result,
        )


def _sum_by_column(
    table: Table, row: Row, parts: list[Row], rule: str, what: Text, result: Checks
) -> None:
    """``row`` = Σ ``parts`` in every year column and Yhteensä; ``what`` gets the column."""
    for key in COLUMNS:
        result.sum_of(
            row.cell(key),
            [(1.0, p.cell(key)) for p in parts],
            rule,
            Msg("{what}, {header})", what=what, header=table.header(key)),
        )


def _section(rows: list[Row], heading: int) -> list[Row]:
    section = []
    for row in rows[heading + 1 :]:
        if _is_heading(row):
            break
        section.append(row)
    return section


def _first(rows: Sequence[Row], pattern: str) -> Row | None:
    for row in rows:
        if re.search(pattern, normalized(row.text("item"))):
            return row
    return None


def _cash_flow(table: Table, rows: list[Row], result: Checks) -> None:
    spending = _first(rows, r"^investointimennot$")
    assets = _first(rows, r"^pysyvät vastaavat$")  # i18n: a pattern of the seed's label
    for key in YEARS[:-1]:
        if spending is not None and assets is not None:
            result.sum_of(
                spending.cell(key),
                [(-1.0, assets.cell(key))],
                "cash_flow",
                Msg("Investointimennot = −Pysyvät vastaavat ({header})", header=table.header(key)),
            )
        for target, parts in CASH_FLOW.items():
            total = _first(rows, target)
            found = [(sign, _first(rows, p)) for sign, p in parts]
            if total is None or any(row is None for _, row in found):
                continue
            result.sum_of(
                total.cell(key),
                [(sign, row.cell(key)) for sign, row in found if row],
                "cash_flow",
                Msg(
                    "{total} = {parts} ({header})",
                    total=total.text("item"),
                    parts=" + ".join(row.text("item")[:30] for _, row in found if row),
                    header=table.header(key),
                ),
            )


def _row_total(table: Table, row: Row, result: Checks) -> None:
    total = row.cell("total")
    if total is None or total.is_nil or total.number is None:
        return
    result.sum_of(
        total,
        [(1.0, row.cell(k)) for k in YEARS],
        "row_total",
        Msg(
            "{header} = vuosien summa ({item})", header=table.header("total"), item=row.text("item")
        ),  # fmt: skip
    )


def _combined(table: Table, blocks: list[tuple[str, list[Row]]], result: Checks) -> None:
    """A block named for both sectors is the sum of the other blocks, row by row."""
    whole = [(n, r) for n, r in blocks if "pelastus" in n.casefold() and "sosiaali" in n.casefold()]
    parts = [(n, r) for n, r in blocks if (n, r) not in whole]
    if len(whole) != 1 or len(parts) < 2:
        return
    rows = whole[0][1]
    keyed_parts = [_keyed(r) for _, r in parts]
    for key_, row in _keyed(rows).items():
        matches = [k.get(key_) for k in keyed_parts]
        if any(m is None for m in matches):
            continue
        _sum_by_column(
            table,
            row,
            [m for m in matches if m is not None],
            "block_sum",
            Msg("Yhteinen suunnitelma = sote + pelastustoimi ({item}", item=row.text("item")),
            result,
        )


def _keyed(rows: list[Row]) -> dict[tuple[str, int], Row]:
    seen: dict[str, int] = {}
    return {label_key(row, seen): row for row in rows}


def _short(block: str) -> str:
    return re.sub(r"\s*\(1000 [€e]\)\s*$", "", block)
