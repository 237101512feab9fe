"""What a worker process runs: one library call per file, the same calls the CLI makes.

Every function here is module-level (a worker imports it by name), takes
plain paths and options, writes its output through the library's own atomic
writers, and returns a JSON-ready report.  A file that cannot be used raises
the library's :class:`~xlsrc.core.errors.XlsrcError`, which reaches the
service with its type.  No second implementation of anything lives here: a
task is the CLI command's body without the printing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xlsrc.engine.recalc import recalc
from xlsrc.status_sheet.headless import check_locked_quarters, generate_file
from xlsrc.status_sheet.model import parse_quarter
from xlsrc.validation import validate_workbook
from xlsrc.validation.findings import error_count
from xlsrc.validation.hook import validate_recalculated
from xlsrc.validation.report import summary, write_findings_workbook


def recalc_file(source: str, target: str, validate: bool) -> dict[str, Any]:
    """``xlsrc recalc SOURCE --out`` for one file: the ``recalc --json`` entry of it.

    Never raises for a bad workbook: the entry says why (``ok`` false).
    """
    hook = validate_recalculated if validate else None
    return recalc(Path(source), Path(target), validate=hook).to_dict()


def validate_file(source: str, target: str | None, shown_name: str) -> dict[str, Any]:
    """``xlsrc validate SOURCE --json [--xlsx TARGET]``: the findings, and the workbook of them.

    The Tarkistukset workbook's links open ``shown_name`` (the uploaded file's
    name) beside it, as the CLI's links open the validated file.
    """
    findings = validate_workbook(Path(source))
    if target is not None:
        out = Path(target)
        write_findings_workbook(findings, out, out.parent / shown_name)
    return {
        "findings": [finding.as_json() for finding in findings],
        "errors": error_count(findings),
        "notes": len(findings) - error_count(findings),
        "summary": summary(findings),
    }


def status_sheet_file(
    source: str,
    target: str,
    quarter: str,
    year: int | None,
    force: bool,
    pdf_target: str | None,
) -> dict[str, Any]:
    """``xlsrc status-sheet SOURCE --quarter Q --out TARGET [--force] [--pdf]``.

    Raises :class:`~xlsrc.status_sheet.headless.LockedQuarter` for a locked
    quarter without ``force``, exactly as the CLI refuses it.
    """
    result = generate_file(
        Path(source), parse_quarter(quarter), year, Path(target), force, year_option="year=VVVV"
    )
    warnings = [
        f"{finding.sheet}!{finding.cell}: {finding.message}"
        for finding in check_locked_quarters(result.path)
        if finding.sheet != result.sheet
    ]
    if pdf_target is not None:
        from xlsrc.status_sheet.pdf import export_headless

        export_headless(result.standalone, Path(pdf_target))
    return {
        "sheet": result.sheet,
        "checksum": result.checksum,
        "replaced": result.replaced,
        "locked_quarter_warnings": warnings,
    }


def publish_file(source: str, target: str, pdf: bool) -> dict[str, Any]:
    """``xlsrc publish SOURCE --out TARGET [--pdf]``: the values-only copy (and its PDF).

    Raises :class:`~xlsrc.publish.PublicationRefused` for a workbook that does
    not recalculate completely, as the CLI refuses it.
    """
    from xlsrc.publish import publish

    done = publish(Path(source), Path(target), pdf=pdf)
    return {
        "formulas_removed": done.formulas_removed,
        "source_sha256": done.source_sha256,
        "pdf": done.pdf is not None,
        # what the CLI warns about: the copy's error values, and validation's error count
        "error_values": [{"cell": cell, "error": error} for cell, error in done.error_values],
        "validation_errors": done.validation_errors,
    }
