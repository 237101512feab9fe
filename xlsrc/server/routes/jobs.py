"""``/api/jobs``: a token's own jobs - their state and progress, results, reports, deletion.

Another token's job id answers 404, the same as an id that never existed.
A job's result answers like the request that made it would have (the file,
or the job's error); while it runs, 409.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from xlsrc.core.text import N_
from xlsrc.server.auth import Owner
from xlsrc.server.jobs import FINISHED
from xlsrc.server.responses import job_headers, not_ready, result_response
from xlsrc.server.service import service_of

router = APIRouter(tags=[N_("työt")])


@router.get("/api/jobs", summary=N_("Tunnuksen omat työt, uusin ensin"))
async def list_jobs(request: Request, principal: Owner) -> dict[str, Any]:
    jobs = service_of(request).store.owned_by(principal)
    return {"jobs": [job.public() for job in jobs]}


@router.get("/api/jobs/{job_id}", summary=N_("Työn tila ja eteneminen"))
async def job_state(request: Request, principal: Owner, job_id: str) -> dict[str, Any]:
    return service_of(request).store.find(principal, job_id).public()


@router.get("/api/jobs/{job_id}/result", summary=N_("Valmiin työn tulos (tiedosto)"))
async def job_result(request: Request, principal: Owner, job_id: str) -> Response:
    store = service_of(request).store
    return result_response(store, store.find(principal, job_id))


@router.get("/api/jobs/{job_id}/report", summary=N_("Valmiin työn raportti (JSON)"))
async def job_report(request: Request, principal: Owner, job_id: str) -> Response:
    store = service_of(request).store
    job = store.find(principal, job_id)
    report = store.report(job)
    if report is None:
        if job.state == "failed":
            return result_response(store, job)
        raise not_ready(job)
    return JSONResponse(report, headers=job_headers(job))


@router.delete("/api/jobs/{job_id}", status_code=204, summary=N_("Poista valmis työ tiedostoineen"))
async def delete_job(request: Request, principal: Owner, job_id: str) -> Response:
    """The uploads and results go at once, not after the retention period; a running job
    cannot be deleted (409)."""
    store = service_of(request).store
    job = store.find(principal, job_id)
    if job.state not in FINISHED:
        raise not_ready(job)
    store.delete(job)
    return Response(status_code=204)
