"""What a rule family returns, and the small helpers every family uses.

A family turns tables into :class:`Checks`: level equations and derived
columns (evaluated together by :func:`xlsrc.validation.equations.evaluate`,
which needs all of them at once to place an error at the cell that causes it)
and direct findings that need no arithmetic (an unknown status word, a
duplicate row, an empty pivot cell that should hold a sum).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from xlsrc.core.checks import Finding, Severity
from xlsrc.core.numbers import NotANumber
from xlsrc.core.text import Msg, Text
from xlsrc.validation.equations import Derived, Equation
from xlsrc.validation.findings import CellFinding
from xlsrc.validation.model import Cell, Location, Row, Table


@dataclass
class Checks:
    equations: list[Equation] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    findings: list[CellFinding] = field(default_factory=list)

    def extend(self, other: Checks) -> None:
        self.equations += other.equations
        self.derived += other.derived
        self.findings += other.findings

    def sum_of(
        self,
        target: Cell | None,
        parts: Sequence[tuple[float, Cell | None]],
        rule: str,
        what: Text,
    ) -> None:
        """``target`` = Σ sign × part, when the target and every part are present."""
        if target is None or any(cell is None for _, cell in parts):
            return
        terms = tuple((sign, cell.at) for sign, cell in parts if cell is not None)
        self.equations.append(Equation(target.at, terms, rule, what))


_SEPARATORS = re.compile(r"[\s\-–]+")


def normalized(text: str) -> str:
    """Case-, space- and hyphen-insensitive form of a label, for matching row names."""
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def find_row(rows: Iterable[Row], key: str, pattern: str) -> Row | None:
    """The first row whose ``key`` text matches ``pattern`` (regex on the normalized label)."""
    for row in rows:
        if re.search(pattern, normalized(row.text(key))):
            return row
    return None


def cells(row: Row, keys: Iterable[str]) -> dict[str, Cell | None]:
    return {key: row.cell(key) for key in keys}


def location_of(row: Row, key: str) -> Location:
    cell = row.cell(key)
    return cell.at if cell is not None else row.at


def reported_blank(table: Table, row: Row, key: str) -> bool:
    """Whether ``row``'s ``key`` cell is a blank the input rules report (``missing_value``).

    A required column left blank on a row that holds anything is one error, at
    its cell; a rule that needs the value says nothing more about the blank.
    """
    cell = row.cell(key)
    return (
        row.kind == "data" and key in table.required_columns and cell is not None and not cell.text
    )


def unusable(table: Table, row: Row, key: str) -> bool:
    """Whether ``row``'s ``key`` cell is a number the input rules report as missing or unreadable.

    Text in a number column (``not_a_number``, ``number_as_text``: "1 234,5",
    "13,6 %", "n. 500") and a required blank (``missing_value``) are reported at
    their cells.  A sum over such a cell cannot be judged - what it should be is
    unknown - so a rule keeps the cell among the sum's parts (its reading is not
    a number, so :func:`~xlsrc.validation.equations.evaluate` skips the sum) or
    skips the check itself: the one bad input is reported once, at its cell.
    """
    cell = row.cell(key)
    if cell is None:
        return False
    reading = cell.reading
    if isinstance(reading, NotANumber):
        return reading.kind in ("unreadable", "text")
    return reported_blank(table, row, key)


def missing_value(table: Table, key: str, cell: Cell) -> CellFinding:
    """The error at a blank ``cell`` of column ``key`` that its row needs filled."""
    return direct(
        cell.at,
        "missing_value",
        None,
        None,
        Msg(
            "Sarakkeesta {header} puuttuu arvo rivillä, jolla on muita tietoja; "
            "rivin lasketut solut näyttävät virhettä, kunnes se täytetään",
            header=table.header(key),
        ),
    )


def direct(
    at: Location,
    rule: str,
    stated: float | str | None,
    computed: float | str | None,
    message: Text,
    severity: Severity = "error",
) -> CellFinding:
    """A finding that needs no arithmetic (a word, a blank, a duplicate)."""
    difference = (
        stated - computed if isinstance(stated, float) and isinstance(computed, float) else None
    )
    return CellFinding.at(
        at, Finding(rule, str(at), stated, computed, difference, severity, message)
    )


def unplaced_row(
    result: Checks,
    table: Table,
    row: Row,
    label_key: str,
    amounts: Iterable[str],
    rule: str,
    message: Text,
) -> None:
    """An error at ``row``'s label (added to ``result``) when a rule could not place a row
    that carries numbers.

    Rules that recognise rows by their labels skip a row whose label they cannot
    read, and every check of its numbers goes with it, without a word.  In a
    workbook someone typed (``table.typed``) such a label is a typo or a
    relabelling, and a skipped check must never be silent, so the row is
    reported.  A row without numbers in ``amounts`` loses nothing (a heading, a
    note) and seed tables, read as printed text, are not reported: each rule
    decides what it could not place and says so in ``message``; this is the one
    place that decides when that is a finding.

    A row whose label was deleted is reported too, with a message of its own:
    its numbers are in no check either.  Where the label column is required,
    the input rule already reports the blank (``missing_value``), so not twice.
    """
    if not table.typed or all(row.number(key) is None for key in amounts):
        return
    label = row.text(label_key)
    if not label:
        if label_key in table.required_columns:
            return
        message = Msg(
            "Rivillä on lukuja, mutta sen nimi puuttuu tästä solusta: rivin luvut eivät ole "
            "yhdessäkään tarkistuksessa"
        )
    result.findings.append(direct(location_of(row, label_key), rule, label or None, None, message))
