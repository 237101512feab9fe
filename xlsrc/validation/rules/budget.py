"""Result budget by service area and service (seed 002 Taulukko 5).

Each service area (palvelukokonaisuus, upper-case heading) and each service
under it has three lines, Tulot / Menot / Toimintakate, with TB 2023, TB 2024,
Muutos € and Muutos %.  The identities checked:

* Toimintakate = Tulot + Menot, in TB 2023 and TB 2024 (Menot are negative);
* an area line = the sum of the same line of its services, in TB 2023 and
  TB 2024 (an area without services, such as TOIMIALA YHTEISET, has nothing
  to add up);
* Muutos € and Muutos % follow from the row's TB 2023 and TB 2024 with the
  seed's conventions (:mod:`xlsrc.core.budget`: cost growth positive on
  Menot, per cent relative to the absolute old value at the printed decimals;
  a zero base has no per cent, so a per cent printed there is a finding — a
  "0 %" stays accepted where both years are 0, since nothing changed).

The change columns are not summed over services: a sum of changes equals the
change of the sums, so a wrong area change is already its own row's finding.

Rows are recognised by their texts, not by the row kinds of the seed bundle:
a row whose ``line`` names Tulot, Menot or Toimintakate is a budget line; its
area and service come from its own cells or, where the sheet prints them only
on heading rows, from the heading above it.  Any other row is a heading; in a
typed workbook, a row whose ``line`` holds a word that names no kind but whose
amounts hold numbers is reported (``unknown_line``) instead: a typo such as
"Tuloot" would otherwise take the row's numbers out of every check unnoticed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from xlsrc.core.budget import LineKind, change_eur, change_pct, line_kind
from xlsrc.core.errors import UndefinedRatio, UnknownLineKind
from xlsrc.core.text import Msg, Num, Text
from xlsrc.validation.equations import Derived
from xlsrc.validation.model import Row, Table
from xlsrc.validation.rules.base import (
    Checks,
    direct,
    location_of,
    missing_value,
    unplaced_row,
)

LEVELS = ("tb2023", "tb2024")
LINES: tuple[LineKind, ...] = ("income", "expense", "margin")
LINE_NAMES = {"income": "Tulot", "expense": "Menot", "margin": "Toimintakate"}
#: The stated numbers of a row: a row with any of them is no heading.
AMOUNTS = (*LEVELS, "change_eur", "change_pct")


@dataclass
class Block:
    """One area or service: its Tulot / Menot / Toimintakate rows by line kind."""

    area: str
    service: str
    lines: dict[LineKind, Row] = field(default_factory=dict)
    repeated: list[tuple[LineKind, Row]] = field(default_factory=list)
    """Rows of a line the block already has: the first is checked, these are in no check."""
    unplaced: bool = False
    """A row of its own with numbers but no line word the rules know (a typo in Erä, a blank
    one): the block's lines are then incomplete, and a sum over them would blame a right
    stated total for the typo, which is reported at its own cell."""

    @property
    def name(self) -> str:
        return self.service or self.area


def blocks(table: Table) -> list[Block]:
    """The table's areas and services in order, each with its lines.

    A line row that names its area (and service, if any) is placed by its own
    cells; a line row that names neither belongs to the heading rows above it.
    """
    found: dict[tuple[str, str], Block] = {}
    area = service = ""
    for row in table:
        kind = _kind(table, row)
        if kind is None and table.typed and _has_numbers(row):  # no heading: a bad line word
            key = (row.text("area") or area, row.text("service") if row.text("area") else service)
            found.setdefault(key, Block(*key)).unplaced = True
            continue
        if kind is None:  # a heading row
            if row.text("area"):
                area, service = row.text("area"), ""
            if row.text("service"):
                service = row.text("service")
            continue
        if row.text("area") or row.text("service"):
            key = (row.text("area") or area, row.text("service"))
        else:
            key = (area, service)
        block = found.setdefault(key, Block(*key))
        if kind in block.lines:
            block.repeated.append((kind, row))
        else:
            block.lines[kind] = row
    return list(found.values())


def _has_numbers(row: Row) -> bool:
    return any(row.number(key) is not None for key in AMOUNTS)


def _kind(table: Table, row: Row) -> LineKind | None:
    """The kind of the row's line, None for a heading row.

    In a workbook the word must be one its SUMIFS match (:attr:`Table.allowed`): the
    input rule reports any other, and its numbers are in none of these checks either.
    """
    label = row.text("line")
    if not label:
        return None
    cell = row.cell("line")
    if cell is not None and not table.allows("line", cell):
        return None
    try:
        return line_kind(label)
    except UnknownLineKind:
        return None


def checks(table: Table) -> Checks:
    result = Checks()
    for row in table:
        _unknown_line(table, row, result)
    all_blocks = blocks(table)
    for block in all_blocks:
        _repeated(table, block, result)
        _blank_levels(table, block, result)
        _margin(table, block, result)
        for kind, row in block.lines.items():
            _changes(table, block, kind, row, result)
    services: dict[str, list[Block]] = {}
    for block in all_blocks:
        if block.service:
            services.setdefault(block.area, []).append(block)
    for area in all_blocks:
        if not area.service and services.get(area.area):
            _area_sum(table, area, services[area.area], result)
    return result


def _unknown_line(table: Table, row: Row, result: Checks) -> None:
    """A line word that names no kind on a row with numbers: :func:`blocks` takes it for a
    heading, so the row's numbers would be in no check at all.  A workbook's words are the
    input rule's (``unknown_choice``), so not twice."""
    if _kind(table, row) is not None or "line" in table.allowed:
        return
    unplaced_row(
        result,
        table,
        row,
        "line",
        AMOUNTS,
        "unknown_line",
        Msg(
            "Erää {word!r} ei tunnisteta (odotetaan {income}, {expense} tai {margin}): "
            "rivin luvut eivät ole yhdessäkään tarkistuksessa",
            word=row.text("line"),
            income=Msg(LINE_NAMES["income"]),
            expense=Msg(LINE_NAMES["expense"]),
            margin=Msg(LINE_NAMES["margin"]),
        ),
    )


def _blank_levels(table: Table, block: Block, result: Checks) -> None:
    """A line row of a workbook with TB 2023 or TB 2024 left blank: its change shows
    #VALUE!, and the identities and sums would quietly read the blank as no number."""
    if not table.typed:
        return
    for row in block.lines.values():
        for key in LEVELS:
            cell = row.cell(key)
            if cell is not None and not cell.text:
                result.findings.append(missing_value(table, key, cell))


def _repeated(table: Table, block: Block, result: Checks) -> None:
    """A second row of one line in one area or service: the checks read the first, so this
    one's numbers would be in none.  Most often a service row whose Palvelu was deleted
    (it then reads as a second line of its area), so the finding is at that cell."""
    for kind, row in block.repeated:
        first = block.lines[kind].cell("line")
        service = row.cell("service")
        if service is not None and not service.text:
            message = Msg(
                "Palvelukokonaisuudella {area} on jo rivi {line} (solu {first}); jos tämä rivi "
                "kuuluu palveluun, sen nimi puuttuu tästä solusta. Rivin luvut eivät ole "
                "yhdessäkään tarkistuksessa",
                area=block.area, line=Msg(LINE_NAMES[kind]), first=first.at.cell if first else "",
            )  # fmt: skip
        else:
            message = Msg(
                "{block}: rivi {line} on jo solussa {first}; tämän rivin luvut eivät ole "
                "yhdessäkään tarkistuksessa",
                block=block.name, line=Msg(LINE_NAMES[kind]), first=first.at.cell if first else "",
            )  # fmt: skip
        result.findings.append(
            direct(location_of(row, "service"), "misplaced_row", row.text("service") or None,
                   None, message)
        )  # fmt: skip


def _margin(table: Table, block: Block, result: Checks) -> None:
    if len(block.lines) < 3:
        return
    for key in LEVELS:
        result.sum_of(
            block.lines["margin"].cell(key),
            [(1.0, block.lines["income"].cell(key)), (1.0, block.lines["expense"].cell(key))],
            "margin_identity",
            Msg(
                "Toimintakate = Tulot + Menot ({name}, {header})",
                name=block.name,
                header=table.header(key),
            ),
        )


def _area_sum(table: Table, area: Block, services: list[Block], result: Checks) -> None:
    if area.unplaced or any(s.unplaced for s in services):
        return  # a line of it is unreadable: said at that cell, not blamed on the totals
    for kind, row in area.lines.items():
        for key in LEVELS:
            parts = [(1.0, s.lines[kind].cell(key)) for s in services if kind in s.lines]
            result.sum_of(
                row.cell(key),
                parts,
                "area_sum",
                Msg(
                    "{line} palvelukokonaisuudessa = palvelujen summa ({area}, {header})",
                    line=Msg(LINE_NAMES[kind]),
                    area=area.area,
                    header=table.header(key),
                ),
            )


def _changes(table: Table, block: Block, kind: LineKind, row: Row, result: Checks) -> None:
    old, new = row.cell("tb2023"), row.cell("tb2024")
    if old is None or new is None:
        return
    euro, pct = row.cell("change_eur"), row.cell("change_pct")
    # messages, not text: rendered in the language of the findings (the line word too)
    name = Msg("{block}, {line}", block=block.name, line=Msg(LINE_NAMES[kind]))
    if euro is not None:
        result.derived.append(
            Derived(
                euro.at,
                (old.at, new.at),
                partial(_change_eur, kind=kind),
                "change_eur",
                Msg(
                    "{header} = {formula} ({name})",
                    header=table.header("change_eur"),
                    formula=_change_formula(kind),
                    name=name,
                ),
            )
        )
    if pct is not None and not pct.is_nil:  # "-": no per cent stated
        result.derived.append(
            Derived(
                pct.at,
                (old.at, new.at),
                partial(_change_pct, kind=kind),
                "change_pct",
                Msg("{header} ({name})", header=table.header("change_pct"), name=name),
                kind="percent",
                decimals=pct.decimals,
                undefined_reason=lambda v: Msg(
                    "vertailuarvo TB 2023 on 0 ja TB 2024 on {new}", new=Num(v[1])
                ),
            )
        )


def _change_formula(kind: LineKind) -> Text:
    return (
        Msg("TB 2023 − TB 2024 (menojen kasvu positiivisena)")
        if kind == "expense"
        else Msg("TB 2024 − TB 2023")
    )


def _change_eur(values: Sequence[float], kind: LineKind) -> float:
    return change_eur(values[0], values[1], kind)


def _change_pct(values: Sequence[float], kind: LineKind) -> float:
    old, new = values
    if old == 0 and new == 0:
        return 0.0  # nothing changed: a printed 0 % is accepted
    if old == 0:
        raise UndefinedRatio(Msg("vertailuarvo on 0"))
    return change_pct(old, new, kind)
