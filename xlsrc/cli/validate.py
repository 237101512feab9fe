"""``xlsrc validate WORKBOOK [--json]``: the workbook audits itself.

Reads the workbook's tables by the template layout, recomputes every total,
subtotal, pivot cell, delta, ratio and status with the pure core, and lists
where the stated numbers disagree: sheet, cell, rule, stated, computed,
difference, severity and a Finnish explanation.

Exit status: 0 when there is no error (rounding notes allowed), 1 when at
least one finding is an error, 2 when the file cannot be read (the message
names the file and the reason).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.errors import FindingsFound
from xlsrc.core.text import N_, Num, format_number, ntr, tr
from xlsrc.io.paths import check_output

if TYPE_CHECKING:  # validation is imported when the command runs, not for --help
    from xlsrc.validation.findings import CellFinding


def _shown(value: float | str | None, rule: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    from xlsrc.validation.rule_labels import is_percent

    percent = is_percent(rule)
    return format_number(value, 1 if percent else 0, "%" if percent else "")


def fit(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters: shortened at a word's end with "…", never
    mid-word ("Toimintakate = tulot − m" read as a rule of its own); the message line
    below each finding says it in full."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    head, space, _ = cut.rpartition(" ")
    if space and len(head) >= width // 2:
        cut = head
    return cut.rstrip(" ,;:(=−-") + "…"


def text_table(findings: list[CellFinding]) -> str:
    """The findings as a plain text table, one finding per line plus its message."""
    from xlsrc.validation.report import rule_label, severity_label, summary

    if not findings:
        return summary(findings)
    lines = [
        f"{tr('Välilehti!Solu'):<22} {tr('Vakavuus'):<8} {tr('Sääntö'):<24} "
        f"{tr('Ilmoitettu'):>13} {tr('Laskettu'):>13} {tr('Erotus'):>10}"
    ]
    for f in findings:
        lines.append(
            f"{f.where:<22} {severity_label(f.severity):<8} {fit(rule_label(f.rule), 24):<24} "
            f"{fit(_shown(f.stated, f.rule), 13):>13} {fit(_shown(f.computed, f.rule), 13):>13} "
            f"{_shown(f.difference, f.rule):>10}"
        )
        lines.append(f"    {f.message}")
    lines.append(summary(findings))
    return "\n".join(lines)


@click.command(
    "validate",
    cls=Command,
    help=N_(
        "Tarkistaa TYÖKIRJAn: laskee sen summat, muutokset, suhdeluvut, pivotit ja tilat "
        "uudelleen.\n\nPaluukoodi 0: ei virheitä (pyöristyshuomiot sallittuja); 1: virheitä "
        "löytyi; 2: tiedostoa ei voi lukea; 3: sisäinen virhe (ohjelmavirhe xlsrcissä)."
    ),
)
@click.argument("workbook", type=click.Path(path_type=Path), metavar=N_("TYÖKIRJA"))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help=N_(
        "Tulosta havainnot JSON-luettelona (sheet, cell, rule, stated, computed, "
        "difference, severity, message)."
    ),
)
@click.option(
    "--xlsx",
    "sheet_out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=N_("TIEDOSTO"),
    help=N_(
        "Kirjoita havainnot myös työkirjaksi, jonka Tarkistukset-välilehden linkit avaavat "
        "TYÖKIRJAn kunkin solun kohdalta (TYÖKIRJAa itseään ei kirjoiteta)."
    ),
)
@language_option
def command(workbook: Path, as_json: bool, sheet_out: Path | None) -> None:
    """Check a workbook (the help text is the Finnish ``help`` above)."""
    from xlsrc.validation.findings import error_count
    from xlsrc.validation.report import write_findings_workbook
    from xlsrc.validation.workbook import validate_workbook

    if sheet_out is not None:  # neither the workbook itself nor through a link
        check_output(sheet_out, [workbook], what=tr("--xlsx-tulos"))
    findings = validate_workbook(workbook)
    if sheet_out is not None:
        write_findings_workbook(findings, sheet_out, workbook)
    if as_json:
        click.echo(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        click.echo(text_table(findings))
    errors = error_count(findings)
    if errors:
        raise FindingsFound(
            ntr("{path}: {count} virhe", "{path}: {count} virhettä", errors, path=workbook,
                count=Num(errors))
        )  # fmt: skip
