"""The "Tarkistukset" sheet as plain data, written by Excel (xlwings) and openpyxl alike.

One description, two writers: :mod:`xlsrc.validation.excel` writes it into the
open book behind the ribbon's validate button, :func:`write_findings_workbook`
writes it headless as a workbook of its own.  Each finding is a row; the
"Solu" cell links to the finding's cell, and the finding's cell is coloured by
severity (error red, rounding note yellow — the colours of the status scheme,
with the severity also written out, never colour alone).  Every text is the
message catalogue's, written in the language in force (the workbook's, where
xlsrc writes into one): the sheet name, its headers, the severity words, the
rule labels (users see "Muutos €", never the code ``change_eur``) and the
findings' messages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from xlsrc.core.checks import SEVERITY_LABELS, severity_label
from xlsrc.core.schemes import COLOUR_HEX
from xlsrc.core.text import LANGUAGES, N_, ntr, tr, translate
from xlsrc.io.atomic import write_atomic
from xlsrc.validation.findings import CellFinding, error_count
from xlsrc.validation.model import Location
from xlsrc.validation.rule_labels import is_percent, rule_label

SHEET_NAME = N_("Tarkistukset")
TITLE = N_("Tarkistukset (xlsrc)")
HEADERS: tuple[str, ...] = (
    N_("Välilehti"),
    N_("Solu"),
    N_("Vakavuus"),
    N_("Sääntö"),
    N_("Ilmoitettu"),
    N_("Laskettu"),
    N_("Erotus"),
    N_("Selitys"),
)
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
LINK_COLUMN = 2  # "Solu"
SEVERITIES = SEVERITY_LABELS
COLOURS = {"error": COLOUR_HEX["red"], "note": COLOUR_HEX["yellow"]}
WIDTHS = (16, 8, 9, 22, 13, 13, 11, 90)

#: Where the sheet remembers the cells it coloured and their colour before, so the
#: next run can put them back: two columns to the right of the findings.
MEMORY_COLUMN = len(HEADERS) + 3
MEMORY_HEADERS = (N_("Korostettu solu"), N_("Alkuperäinen väri"))

__all__ = ["is_percent", "rule_label", "severity_label"]


def sheet_names() -> tuple[str, ...]:
    """The findings sheet's name in every language (a rerun replaces any of them)."""
    return tuple(dict.fromkeys(translate(SHEET_NAME, language) for language in LANGUAGES))


@dataclass(frozen=True)
class FindingRow:
    values: tuple[str | float | None, ...]
    link: str
    """Target of the "Solu" hyperlink inside the same workbook: ``#'Taulukko 5'!E7``."""
    tip: str
    percent: bool
    """Stated/computed/difference are per cents (fractions): show them as "0.0 %"."""


def internal_link(location: Location) -> str:
    return f"#{quoted(location.sheet)}!{location.cell}"


def quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def summary(findings: Sequence[CellFinding]) -> str:
    errors = error_count(findings)
    if not findings:
        return tr("Ei havaintoja: kaikki tarkistetut luvut täsmäävät.")
    return tr(
        "{findings}: {errors}, {notes}.",
        findings=ntr("{n} havainto", "{n} havaintoa", len(findings)),
        errors=ntr("{n} virhe", "{n} virhettä", errors),
        notes=ntr("{n} huomio", "{n} huomiota", len(findings) - errors),
    )


def describe(findings: Iterable[CellFinding]) -> list[FindingRow]:
    """The rows of the findings sheet, their texts in the current language."""
    rows = []
    for f in findings:
        rows.append(
            FindingRow(
                (
                    f.sheet,
                    f.cell,
                    severity_label(f.severity),
                    rule_label(f.rule),
                    f.stated,
                    f.computed,
                    f.difference,
                    str(f.message),
                ),
                internal_link(f.location),
                f"{f.sheet}!{f.cell}: {severity_label(f.severity)}",
                is_percent(f.rule),
            )
        )
    return rows


def highlights(findings: Iterable[CellFinding]) -> dict[Location, str]:
    """Cell -> fill colour (hex); an error outranks a note on the same cell."""
    colours: dict[Location, str] = {}
    for f in findings:
        if f.location not in colours or f.is_error:
            colours[f.location] = COLOURS[f.severity]
    return colours


def write_findings_workbook(
    findings: Sequence[CellFinding], out: Path, workbook: Path | None = None
) -> None:
    """A workbook with only the "Tarkistukset" sheet (headless; atomic write).

    With ``workbook``, the links open that file at the cell; the validated file
    itself is never written (openpyxl would drop its cached values and any
    ribbon part).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = translate(SHEET_NAME)
    sheet["A1"] = translate(TITLE)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = summary(findings)
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(HEADER_ROW, column, translate(header)).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[column - 1]
    target = os.path.relpath(workbook, out.parent) if workbook is not None else ""
    for offset, (row, finding) in enumerate(zip(describe(findings), findings, strict=True)):
        number = FIRST_ROW + offset
        for column, value in enumerate(row.values, start=1):
            cell = sheet.cell(number, column, value)
            if row.percent and column in (5, 6, 7):
                cell.number_format = "0.0 %"
            elif isinstance(value, float):
                cell.number_format = "#,##0"
        link = sheet.cell(number, LINK_COLUMN)
        link.hyperlink = f"{target}{row.link}"
        link.font = Font(color="0563C1", underline="single")
        sheet.cell(number, 3).fill = PatternFill("solid", fgColor=COLOURS[finding.severity])
    sheet.freeze_panes = f"A{FIRST_ROW}"
    write_atomic(out, book.save)
