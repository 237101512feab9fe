"""``create_app(config)``: the ASGI application behind ``xlsrc serve``.

It includes every router named in :data:`xlsrc.server.routes.ROUTERS`, maps
errors by type (an :class:`~xlsrc.core.errors.XlsrcError` answers the status
:func:`~xlsrc.server.errors.http_status` gives it, with its message in the
request's language (:mod:`xlsrc.server.language`); anything else is a bug:
500 with the request id, traceback in the log only),
and owns the service's lifetime: at start-up it fails the jobs a previous
process left unfinished, deletes expired ones and starts the worker pool; at
shutdown it gives running jobs the grace period and stops the workers.
The OpenAPI description is at ``/openapi.json`` (browsable at ``/docs``), its
summaries and descriptions in the request's language too.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from xlsrc import __version__
from xlsrc.core.errors import XlsrcError
from xlsrc.core.text import N_, Joined, Msg, tr
from xlsrc.server.config import ServerConfig
from xlsrc.server.errors import http_status
from xlsrc.server.jobs import JobStore
from xlsrc.server.language import RequestLanguage, scope_language
from xlsrc.server.middleware import BodyLimit, RequestLog
from xlsrc.server.openapi import TranslatedApi
from xlsrc.server.pool import WorkerPool
from xlsrc.server.responses import error_response
from xlsrc.server.routes import ROUTERS
from xlsrc.server.runner import JobRunner
from xlsrc.server.service import Service
from xlsrc.server.tokens import TokenStore

log = logging.getLogger("xlsrc.server")

#: Answer headers a browser page on another origin may read.
EXPOSED_HEADERS = ("X-Xlsrc-Job", "X-Xlsrc-Report", "X-Request-ID", "Content-Disposition")

#: Seconds between two sweeps for expired jobs.
EXPIRY_INTERVAL = 3600.0

DESCRIPTION = N_("""Työkirjojen uudelleenlaskenta, tarkistus ja neljännesten tilannekatsaukset.

Jokainen pyyntö (paitsi `/healthz`) tarvitsee otsakkeen `Authorization: Bearer <tunnus>`;
tunnuksen antaa `xlsrc serve token add NIMI --organisation ORG`.
""")


def create_app(config: ServerConfig) -> FastAPI:
    """The service for ``config``; nothing starts until the ASGI server runs its lifespan.

    The store, the worker pool and the runner are made here and closed in the
    lifespan, so a test can build an app without starting processes, and a
    shutdown always waits for running jobs (``shutdown_grace``) before it marks
    them failed.  The routes are included from their own modules.
    """
    store = JobStore(config.jobs_dir)
    pool = WorkerPool(
        config.workers,
        tasks_per_worker=config.tasks_per_worker,
        memory_bytes=config.worker_memory_bytes,
    )
    runner = JobRunner(store, pool, config.limits)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for job in store.recover():
            log.warning("job %s was unfinished at start-up: marked failed", job.id)
        await pool.start()
        expiry = asyncio.create_task(_expire_regularly(store, config.keep_days))
        log.info("xlsrc serve ready: %d workers, data in %s", pool.size, config.data_dir)
        try:
            yield
        finally:
            expiry.cancel()
            await runner.shutdown(config.shutdown_grace)
            log.info("xlsrc serve stopped")

    app = TranslatedApi(
        title="xlsrc serve",  # i18n: the product's command name, the same in every language
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.config = config
    app.state.tokens = TokenStore(config.tokens_path)
    app.state.pool = pool
    app.state.service = Service(config, store, runner)
    for name in ROUTERS:
        app.include_router(importlib.import_module(f"xlsrc.server.routes.{name}").router)
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=config.limits.max_upload_bytes)
    app.add_middleware(RequestLanguage)
    if config.allowed_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.allowed_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=list(EXPOSED_HEADERS),
        )
    app.add_middleware(RequestLog)
    return app


async def _expire_regularly(store: JobStore, keep_days: float) -> None:
    """Delete expired jobs now and every hour (in a thread: it walks the job folders)."""
    while keep_days > 0:
        removed = await asyncio.to_thread(store.expire, keep_days)
        if removed:
            log.info("deleted %d jobs older than %g days", removed, keep_days)
        await asyncio.sleep(EXPIRY_INTERVAL)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(XlsrcError)
    async def xlsrc_error(request: Request, error: XlsrcError) -> JSONResponse:
        return error_response(
            http_status(error), str(error), type(error).__name__, job=_job_of(request)
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(part) for part in problem.get('loc', ()))}: {problem.get('msg')}"
            for problem in error.errors()
        ]
        message = tr("pyyntö ei kelpaa: {problems}", problems=Joined.of(problems, "; "))
        return error_response(422, message, "RequestValidationError")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> JSONResponse:
        request_id = getattr(request.state, "request_id", "?")
        log.error("request %s: internal error", request_id, exc_info=error)
        # this handler runs outside the language middleware: the request's language again
        message = Msg(
            "sisäinen virhe (ohjelmavirhe xlsrcissä); pyynnön tunniste {request_id}",
            request_id=request_id,
        )
        return error_response(500, message.render(scope_language(request.scope)), "InternalError")


def _job_of(request: Request) -> str | None:
    job: str | None = getattr(request.state, "job", None)
    return job
