"""``POST /api/publish``: ``xlsrc publish`` for one uploaded workbook.

The answer is the published copy - recalculated, every formula replaced by
its value, readable anywhere without ``#NAME?`` - under the uploaded file's
name (``format=pdf``: its PDF).  A workbook the engine cannot recalculate
completely is refused (422) with the engine's reasons, as the CLI refuses it.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from xlsrc.core.text import N_
from xlsrc.server import service, tasks
from xlsrc.server.auth import Owner
from xlsrc.server.responses import PDF, XLSM, XLSX
from xlsrc.server.service import FileJob, Wait, WorkbookUpload, XlsxOrPdf
from xlsrc.server.uploads import StoredInput

router = APIRouter(tags=[N_("työ")])


@service.work_endpoint(
    router, "/api/publish", N_("Julkaistava kopio: vain arvot (työkirja tai PDF)"), XLSX, XLSM, PDF
)
async def publish(
    request: Request,
    principal: Owner,
    file: WorkbookUpload,
    format: XlsxOrPdf = "xlsx",
    wait: Wait = None,
) -> Response:
    def arguments(item: StoredInput, out: Path) -> tuple[object, ...]:
        return (str(item.path), str(out / item.name), format == "pdf")

    artefact = service.pdf_of if format == "pdf" else service.same_workbook
    kind = FileJob("publish", {"format": format}, tasks.publish_file, arguments, artefact)
    return await service.service_of(request).single_file(request, principal, file, kind, wait)
