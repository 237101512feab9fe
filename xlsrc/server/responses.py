"""How a job is answered over HTTP: its result file, its report, 202 with its id, or its error.

One set of answers for every endpoint, so a client handles them once:

* a finished job answers with its result (a workbook, a zip, a PDF or JSON),
  ``X-Xlsrc-Job`` (its id) and ``X-Xlsrc-Report`` (the URL of its JSON report);
* a job that is still running, when the request did not wait, answers 202 with
  its state (``Location`` is its status URL);
* a failed job, or any refused request, answers ``{"status", "type", "message",
  "job"}`` with the status its error's type maps to; ``message`` is the
  reason, in the request's language, that a client shows as it is (the
  add-in reads ``message`` or FastAPI's ``detail``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi.responses import FileResponse, JSONResponse, Response

from xlsrc.core.text import N_, Msg
from xlsrc.server.errors import NotReady
from xlsrc.server.jobs import Job, JobStore

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
ZIP = "application/zip"
PDF = "application/pdf"
JSON = "application/json"


def workbook_type(name: str) -> str:
    return XLSM if name.lower().endswith((".xlsm", ".xltm")) else XLSX


def error_response(
    status: int, message: str, kind: str, *, job: str | None = None, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "type": kind, "message": message, **extra}
    if job is not None:
        body["job"] = job
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


def job_headers(job: Job) -> dict[str, str]:
    return {"X-Xlsrc-Job": job.id, "X-Xlsrc-Report": f"/api/jobs/{job.id}/report"}


def accepted(job: Job) -> JSONResponse:
    return JSONResponse(
        job.public(),
        status_code=202,
        headers={**job_headers(job), "Location": f"/api/jobs/{job.id}"},
    )


def not_ready(job: Job) -> NotReady:
    return NotReady(
        Msg(
            "työ {job} on vielä kesken ({done}/{total} tiedostoa); kysy myöhemmin",
            job=job.id,
            done=job.done,
            total=job.total,
        )
    )


def result_response(store: JobStore, job: Job) -> Response:
    """The finished job's result, its error, or :class:`NotReady` while it runs."""
    if job.state == "failed" and job.error is not None:
        return error_response(
            int(job.error["status"]), str(job.error["message"]), str(job.error["type"]), job=job.id
        )
    if job.state != "done" or job.result is None:
        raise not_ready(job)
    path = store.folder(job) / job.result["file"]
    name = str(job.result["name"])
    headers = {
        **job_headers(job),
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
    }
    return FileResponse(path, media_type=str(job.result["media_type"]), headers=headers)


def _error_doc(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"example": {
        "status": 0, "type": "...", "message": "...", "job": "..."}}}}  # fmt: skip


#: The answers every work endpoint can give besides its result, for the OpenAPI description.
WORK_ANSWERS: dict[int | str, dict[str, Any]] = {
    202: {"description": N_("Työ jatkuu taustalla: sen tila on Location-otsakkeen osoitteessa")},
    401: _error_doc(N_("Tunnus puuttuu tai on tuntematon")),
    409: _error_doc(N_("Neljännes on lukittu (force=true luo sen uudelleen)")),
    413: _error_doc(N_("Lähetys, tiedostomäärä tai purettu paketti on liian suuri")),
    422: _error_doc(N_("Tiedosto ei ole käytettävä työkirja (syy kuten komentorivillä)")),
    429: _error_doc(N_("Tunnuksella on jo enimmäismäärä töitä kesken")),
    500: _error_doc(N_("Sisäinen virhe xlsrcissä")),
    503: _error_doc(N_("LibreOffice puuttuu, tai palvelu pysähtyi kesken työn")),
    504: _error_doc(N_("Työ ylitti aikarajan")),
}


def answers(*media_types: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` of a work endpoint whose result has ``media_types``."""
    content: dict[str, Any] = {media_type: {} for media_type in media_types}
    return {200: {"description": N_("Valmis tulos"), "content": content}, **WORK_ANSWERS}
