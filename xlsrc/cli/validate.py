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

from xlsrc.core.errors import FindingsFound
from xlsrc.core.numbers import format_fi
from xlsrc.io.paths import check_output

if TYPE_CHECKING:  # validation is imported when the command runs, not for --help
    from xlsrc.validation.findings import CellFinding

SEVERITY_FI = {"error": "virhe", "note": "huomio"}


def _shown(value: float | str | None, rule: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    percent = "pct" in rule or rule.startswith("readiness")
    return format_fi(value, 1 if percent else 0, "%" if percent else "")


def text_table(findings: list[CellFinding]) -> str:
    """The findings as a plain text table, one finding per line plus its message."""
    from xlsrc.validation.report import summary

    if not findings:
        return summary(findings)
    lines = [
        f"{'Välilehti!Solu':<22} {'Vakavuus':<8} {'Sääntö':<24} "
        f"{'Ilmoitettu':>13} {'Laskettu':>13} {'Erotus':>10}"
    ]
    for f in findings:
        lines.append(
            f"{f.where:<22} {SEVERITY_FI[f.severity]:<8} {f.rule[:24]:<24} "
            f"{_shown(f.stated, f.rule)[:13]:>13} {_shown(f.computed, f.rule)[:13]:>13} "
            f"{_shown(f.difference, f.rule):>10}"
        )
        lines.append(f"    {f.message}")
    lines.append(summary(findings))
    return "\n".join(lines)


@click.command("validate")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the findings as a JSON list (sheet, cell, rule, stated, computed, "
    "difference, severity, message).",
)
@click.option(
    "--xlsx",
    "sheet_out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the findings as a workbook with a 'Tarkistukset' sheet whose "
    "links open WORKBOOK at each cell (WORKBOOK itself is never written).",
)
def command(workbook: Path, as_json: bool, sheet_out: Path | None) -> None:
    """Check WORKBOOK: recompute its totals, deltas, ratios, pivots and statuses.

    Exit status 0: no errors (rounding notes allowed); 1: errors found;
    2: the file cannot be read.
    """
    from xlsrc.validation.findings import error_count
    from xlsrc.validation.report import write_findings_workbook
    from xlsrc.validation.workbook import validate_workbook

    if sheet_out is not None:  # neither the workbook itself nor through a link
        check_output(sheet_out, [workbook], what="--xlsx-tulos")
    findings = validate_workbook(workbook)
    if sheet_out is not None:
        write_findings_workbook(findings, sheet_out, workbook)
    if as_json:
        click.echo(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        click.echo(text_table(findings))
    errors = error_count(findings)
    if errors:
        raise FindingsFound(f"{workbook}: {errors} virhettä")
