"""The per-file work of a roll-up: one workbook in, one :class:`FileResult` out.

The same top-level function runs in the local process pool and on Dask
workers (:mod:`xlsrc.consolidate.run`).  It never raises for a bad input: a
file that is unreadable, no template, of a family the roll-up does not read,
of an older template version, or whose consolidated cells cannot be used
exactly is *skipped*, with the reason and cells, and the batch goes on.

Rows are read through :func:`xlsrc.frames.tables_of` (the typed frames, so a
number typed as text is refused here exactly as validation refuses it) and,
for KPI states, through the status sheet's own assessment, so a roll-up's
"green" is the status sheet's "green".
"""

from __future__ import annotations

import re
import time
import traceback
from dataclasses import replace
from pathlib import Path

from xlsrc.consolidate.model import FileResult, FindingRow
from xlsrc.consolidate.rows import read_rows_of
from xlsrc.consolidate.units import group_of, quarter_of, unit_of
from xlsrc.core.errors import XlsrcError
from xlsrc.core.text import DEFAULT_LANGUAGE, Joined, Language, Msg, text_in, tr, use_language
from xlsrc.engine.source import PackageSource
from xlsrc.reading.locate import Identified, identify
from xlsrc.validation.workbook import validate_source
from xlsrc.workbooks.layouts import WorkbookLayout
from xlsrc.workbooks.layouts.goal_tracking import GOAL_TRACKING
from xlsrc.workbooks.layouts.programmes import PROGRAMMES
from xlsrc.workbooks.layouts.result_budget import RESULT_BUDGET

#: The families a roll-up reads, and what it takes from each.
FAMILIES: tuple[WorkbookLayout, ...] = (PROGRAMMES, RESULT_BUDGET, GOAL_TRACKING)
Grouping = str  # "unit" | "quarter" | "file"


class Skip(XlsrcError):
    """This file cannot be consolidated; the message says why (shown in the summary)."""


def collect_file(
    index: int, path: str, by: Grouping = "unit", language: Language = DEFAULT_LANGUAGE
) -> FileResult:
    """Read the workbook at ``path`` (the ``index``-th input) for a roll-up grouped ``by``.

    The reasons and findings come back as text in ``language``, the roll-up's: a worker
    process (a Dask worker above all) does not share the language of the one that asked.
    """
    started = time.perf_counter()
    file = Path(path)
    base = FileResult(index=index, path=str(file), file=file.name)
    with use_language(language):
        try:
            result = _collect(base, file, by)
        except XlsrcError as error:
            result = _skipped(base, str(error))
        except Exception as error:  # a bug in xlsrc: report it, keep the roll-up going
            last = traceback.format_exception_only(type(error), error)[-1].strip()
            reason = tr("sisäinen virhe xlsrc:ssä: {error}", error=last)
            result = _skipped(base, reason, internal=True)
    return _timed(result, started)


def _collect(base: FileResult, file: Path, by: Grouping) -> FileResult:
    with PackageSource.open(file) as source:  # the reader validation uses: one read per file
        return _collect_from(base, source, file, by)


def _collect_from(base: FileResult, source: PackageSource, file: Path, by: Grouping) -> FileResult:
    identified = identify(source)
    _check_family(identified)
    unit = unit_of(source, file, identified.layout)
    quarter = quarter_of(source, file, identified.layout)
    group = group_of(by, unit, quarter, file)
    described = replace(
        base,
        family=identified.layout.key,
        version=identified.version,
        unit=unit,
        quarter=quarter,
        group=group,
    )
    measures, budget, kpis = read_rows_of(source, identified)
    findings = validate_source(source)
    return replace(
        described,
        measures=measures,
        budget=budget,
        kpis=kpis,
        findings=tuple(
            FindingRow(f.sheet, f.cell, f.rule, f.severity, f.message) for f in findings
        ),
    )


def _check_family(identified: Identified) -> None:
    layout = identified.layout
    if layout not in FAMILIES:
        raise Skip(
            Msg(
                "malli {template} ({title}) ei kuulu koontiin; koonti lukee: {read}",
                template=layout.file_name,
                title=text_in(layout.title),
                read=Joined.of(f.file_name for f in FAMILIES),
            )
        )
    if identified.version < layout.version:
        raise Skip(
            Msg(
                "vanha malliversio {version} (nykyinen {current}); päivitä ensin: "
                "xlsrc upgrade TIEDOSTO --out UUSI.xlsx",
                version=identified.version,
                current=layout.version,
            )
        )
    if identified.version > layout.version:
        raise Skip(
            Msg(
                "uudempi malliversio {version} kuin tämä xlsrc ({current}); päivitä xlsrc",
                version=identified.version,
                current=layout.version,
            )
        )


def _skipped(base: FileResult, reason: str, internal: bool = False) -> FileResult:
    return replace(base, skipped=_one_line(reason), internal=internal)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _timed(result: FileResult, started: float) -> FileResult:
    return replace(result, seconds=round(time.perf_counter() - started, 4))
