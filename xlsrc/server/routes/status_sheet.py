"""``POST /api/status-sheet?quarter=Q3``: ``xlsrc status-sheet`` for one uploaded workbook.

``format=xlsx`` (default) answers the workbook with the new sheet
"Tilanne Qn YYYY" (every other part byte-identical); ``format=pdf`` answers
the sheet as PDF (LibreOffice).  A locked quarter answers 409 unless
``force=true``, exactly as the CLI refuses it without ``--force``; changed
inputs of other locked quarters are listed in the job's report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from xlsrc.core.text import N_
from xlsrc.server import tasks
from xlsrc.server.auth import Owner
from xlsrc.server.responses import PDF, XLSM, XLSX
from xlsrc.server.service import (
    Artefact,
    FileJob,
    Wait,
    WorkbookUpload,
    XlsxOrPdf,
    pdf_of,
    same_workbook,
    service_of,
    work_endpoint,
)
from xlsrc.server.uploads import StoredInput
from xlsrc.status_sheet.model import parse_quarter

router = APIRouter(tags=[N_("työ")])


@work_endpoint(
    router,
    "/api/status-sheet",
    N_("Lisää neljänneksen tilannekatsaus (työkirja tai PDF)"),
    XLSX,
    XLSM,
    PDF,
)
async def status_sheet(
    request: Request,
    principal: Owner,
    file: WorkbookUpload,
    quarter: Annotated[str, Query(description=N_("Q1, Q2, Q3 tai Q4"))],
    year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
    force: Annotated[bool, Query(description=N_("luo lukittu neljännes uudelleen"))] = False,
    format: XlsxOrPdf = "xlsx",
    wait: Wait = None,
) -> Response:
    parse_quarter(quarter)  # a bad quarter is refused before anything is stored

    def artefact(item: StoredInput) -> Artefact:
        if format == "pdf":
            return pdf_of(item, f" - Tilanne {quarter.upper()}")
        return same_workbook(item)

    def arguments(item: StoredInput, out: Path) -> tuple[object, ...]:
        pdf = str(out / artefact(item).name) if format == "pdf" else None
        return (str(item.path), str(out / item.name), quarter, year, force, pdf)

    options = {"quarter": quarter.upper(), "year": year, "force": force, "format": format}
    kind = FileJob("status-sheet", options, tasks.status_sheet_file, arguments, artefact)
    return await service_of(request).single_file(request, principal, file, kind, wait)
