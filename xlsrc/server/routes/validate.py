"""``POST /api/validate``: ``xlsrc validate`` for one uploaded workbook.

``format=json`` (default) answers the findings as ``xlsrc validate --json``
lists them, with the counts of errors and notes; ``format=xlsx`` answers the
"Tarkistukset" workbook (``--xlsx``), whose links open the uploaded file by
its own name when both are saved in one folder.  Findings are a result, not
an error: a workbook with errors answers 200 and says so in ``errors``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from xlsrc.core.text import N_, translate
from xlsrc.server import tasks
from xlsrc.server.auth import Owner
from xlsrc.server.responses import JSON, XLSX
from xlsrc.server.service import Artefact, FileJob, Wait, WorkbookUpload, service_of, work_endpoint
from xlsrc.server.uploads import StoredInput
from xlsrc.validation.report import SHEET_NAME

router = APIRouter(tags=[N_("työ")])


def findings_workbook(item: StoredInput) -> Artefact:
    """``budjetti - Tarkistukset.xlsx``: named after its one sheet, in the request's language."""
    return Artefact(f"{Path(item.name).stem} - {translate(SHEET_NAME)}.xlsx", XLSX)


@work_endpoint(
    router, "/api/validate", N_("Tarkista työkirja (havainnot JSONina tai työkirjana)"), JSON, XLSX
)
async def validate(
    request: Request,
    principal: Owner,
    file: WorkbookUpload,
    format: Annotated[Literal["json", "xlsx"], Query()] = "json",
    wait: Wait = None,
) -> Response:
    artefact = findings_workbook if format == "xlsx" else None

    def arguments(item: StoredInput, out: Path) -> tuple[str, str | None, str]:
        target = str(out / findings_workbook(item).name) if artefact else None
        return (str(item.path), target, item.name)

    kind = FileJob("validate", {"format": format}, tasks.validate_file, arguments, artefact)
    return await service_of(request).single_file(request, principal, file, kind, wait)
