"""Locked quarters: find status sheets, read their checksums, report changed inputs.

A generated status sheet is never rewritten by a later quarter's run; it
carries the SHA-256 of the inputs it was built from (header) and a short
digest per goal row (column "Syötetarkiste").  :func:`compare` recomputes
both from the workbook's current tables and says which goal rows, or the rules,
changed since the sheet was locked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlsrc.core.text import N_, Joined, Msg, renderings
from xlsrc.reading.locate import norm
from xlsrc.reading.source import WorkbookSource
from xlsrc.status_sheet.description import a1
from xlsrc.status_sheet.model import Quarter, StatusInputs, parse_quarter
from xlsrc.status_sheet.names import STATUS_SHEET, status_sheets
from xlsrc.status_sheet.tables import read_inputs

#: The status sheet's header label and column headers (catalogue texts); a sheet
#: written in any language is found by its words in that language.
CHECKSUM_LABEL = N_("Syötteiden tarkiste (SHA-256)")
DIGEST_HEADER = N_("Syötetarkiste")
KEY_HEADER = N_("Nro")

RULE = "locked_quarter_inputs"


@dataclass(frozen=True)
class LockedSheet:
    """What a status sheet says about itself."""

    name: str
    quarter: Quarter
    year: int
    checksum: str
    checksum_cell: str
    digests: dict[str, str]


@dataclass(frozen=True)
class LockedQuarterFinding:
    """A locked quarter whose inputs changed (or whose checksum cannot be read).

    Fields follow the validation findings (sheet, cell as A1, rule, stated,
    computed, difference, severity, message) so ``xlsrc validate`` can list
    them as-is; ``cell`` is the checksum cell of the status sheet.
    """

    sheet: str
    cell: str
    stated: str
    computed: str
    message: Msg
    """Rendered in the language of whoever shows it (the CLI, validation, the service)."""
    details: tuple[Msg, ...] = ()
    rule: str = RULE
    severity: str = "error"
    difference: None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "cell": self.cell,
            "rule": self.rule,
            "stated": self.stated,
            "computed": self.computed,
            "difference": self.difference,
            "severity": self.severity,
            "message": str(self.message),
            "details": [str(detail) for detail in self.details],
        }


def _quarter_and_year(match: re.Match[str]) -> tuple[str, str]:
    found = {k[0]: v for k, v in match.groupdict().items() if v is not None}
    return found["q"], found["y"]


def _is(value: object, label: str) -> bool:
    """Whether a cell holds ``label`` in any language."""
    return norm(value) in {norm(text) for text in renderings(label)}


def read_locked(source: WorkbookSource, name: str) -> LockedSheet:
    """What status sheet ``name`` says about itself: quarter, checksum, goal digests."""
    match = STATUS_SHEET.match(name)
    if match is None:
        raise ValueError(f"{name} is not a status sheet")
    quarter, year = _quarter_and_year(match)
    last_row, last_col = source.bounds(name)
    values = source.values(name, 1, max(last_row, 1), 1, max(last_col, 1))
    checksum, cell = "", ""
    for r, row in enumerate(values[:20]):
        if row and _is(row[0], CHECKSUM_LABEL):
            for c in range(1, len(row)):
                if row[c] not in (None, ""):
                    checksum, cell = str(row[c]).strip(), a1(r + 1, c + 1)
                    break
            break
    digests: dict[str, str] = {}
    for row in values:
        keys = [c for c, v in enumerate(row) if _is(v, KEY_HEADER)]
        digest_cols = [c for c, v in enumerate(row) if _is(v, DIGEST_HEADER)]
        if keys and digest_cols:
            key_col, digest_col = keys[0], digest_cols[0]
            for below in values[values.index(row) + 1 :]:
                key = below[key_col] if key_col < len(below) else None
                digest = below[digest_col] if digest_col < len(below) else None
                if _is(key, KEY_HEADER):
                    continue  # each theme repeats the column headers
                if key not in (None, "") and digest not in (None, ""):
                    digests[str(key).strip()] = str(digest).strip()
            break
    return LockedSheet(
        name,
        parse_quarter(quarter),
        int(year),
        checksum,
        cell or "A1",
        digests,
    )


def compare(locked: LockedSheet, current: StatusInputs) -> LockedQuarterFinding | None:
    """None when the sheet's inputs are unchanged, else a finding naming what changed."""
    computed = current.checksum()
    if locked.checksum == computed:
        return None
    if not re.fullmatch(r"[0-9a-f]{64}", locked.checksum):
        return LockedQuarterFinding(
            locked.name,
            locked.checksum_cell,
            locked.checksum,
            computed,
            Msg(
                "{sheet}: syötteiden tarkiste puuttuu tai on muokattu; välilehteä ei voi todentaa",
                sheet=locked.name,
            ),
        )
    now = current.goal_digests()
    details: list[Msg] = []
    for key, digest in locked.digests.items():
        if key not in now:
            details.append(Msg("tavoite {key} poistunut", key=key))
        elif now[key] != digest:
            details.append(Msg("tavoitteen {key} syötteet muuttuneet", key=key))
    for key in now:
        if key not in locked.digests:
            details.append(Msg("tavoite {key} lisätty", key=key))
    if not details:
        details.append(Msg("säännöt, organisaatio tai vuosi muuttuneet"))
    return LockedQuarterFinding(
        locked.name,
        locked.checksum_cell,
        locked.checksum,
        computed,
        Msg(
            "Lukitun neljänneksen {sheet} syötteet ovat muuttuneet välilehden luonnin "
            "jälkeen: {changes}. Tilannekuvaa ei ole muutettu; luo se uudelleen "
            "vain tarkoituksella (--force).",
            sheet=locked.name,
            changes=Joined.of(details, "; "),
        ),
        tuple(details),
    )


def check_locked(source: WorkbookSource) -> list[LockedQuarterFinding]:
    """Recompute each status sheet's input checksum; one finding per changed quarter.

    Takes the workbook already open (a file, an open Excel book), so a command
    that validates it reads it once."""
    findings = []
    for name in status_sheets(source):
        locked = read_locked(source, name)
        finding = compare(locked, read_inputs(source, locked.quarter, locked.year))
        if finding is not None:
            findings.append(finding)
    return findings
