"""``POST /api/status-sheet?quarter=Q3``: ``xlsrc status-sheet`` for one uploaded workbook.

``format=xlsx`` (default) answers the workbook with the new sheet
"Tilanne Qn YYYY" (every other part byte-identical); ``format=pdf`` answers
the sheet as PDF (LibreOffice).  A locked quarter answers 409 unless
``force=true``, exactly as the CLI refuses it without ``--force``; changed
inputs of other locked quarters are listed in the job's report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from xlsrc.server import tasks
from xlsrc.server.auth import Owner
from xlsrc.server.responses import PDF, XLSM, XLSX, workbook_type
from xlsrc.server.service import Artefact, Wait, service_of, work_endpoint
from xlsrc.server.uploads import StoredInput
from xlsrc.status_sheet.model import parse_quarter

router = APIRouter(tags=["työ"])


@work_endpoint(
    router,
    "/api/status-sheet",
    "Lisää neljänneksen tilannekatsaus (työkirja tai PDF)",
    XLSX,
    XLSM,
    PDF,
)
async def status_sheet(
    request: Request,
    principal: Owner,
    file: Annotated[UploadFile, File(description="Tavoiteseurannan työkirja")],
    quarter: Annotated[str, Query(description="Q1, Q2, Q3 tai Q4")],
    year: Annotated[int | None, Query(ge=1900, le=2999)] = None,
    force: Annotated[bool, Query(description="luo lukittu neljännes uudelleen")] = False,
    format: Annotated[Literal["xlsx", "pdf"], Query()] = "xlsx",
    wait: Wait = None,
) -> Response:
    parse_quarter(quarter)  # a bad quarter is refused before anything is stored

    def artefact(item: StoredInput) -> Artefact:
        if format == "pdf":
            return Artefact(f"{Path(item.name).stem} - Tilanne {quarter.upper()}.pdf", PDF)
        return Artefact(item.name, workbook_type(item.name))

    def arguments(item: StoredInput, out: Path) -> tuple[object, ...]:
        pdf = str(out / artefact(item).name) if format == "pdf" else None
        return (str(item.path), str(out / item.name), quarter, year, force, pdf)

    return await service_of(request).single_file(
        request,
        principal,
        file,
        kind="status-sheet",
        options={"quarter": quarter.upper(), "year": year, "force": force, "format": format},
        task=tasks.status_sheet_file,
        arguments=arguments,
        artefact=artefact,
        wait=wait,
    )
