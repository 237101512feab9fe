"""The glue every work endpoint shares: accept uploads into a job, run it, answer.

An endpoint says what its job is (kind, options, the task a worker runs and
what its result is); :class:`Service` does the rest the same way for all of
them: limits, storing the uploads, the zip-bomb and not-a-workbook checks,
launching the job, waiting for it or answering 202.  Adding an endpoint for
one file in, one file out (``POST /api/publish``, say) is one call of
:meth:`Service.single_file` with a task from :mod:`xlsrc.server.tasks`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from xlsrc.core.errors import XlsrcError
from xlsrc.core.text import N_, Msg
from xlsrc.io.atomic import write_failure
from xlsrc.server.config import Limits, ServerConfig
from xlsrc.server.errors import BadUpload, JobInterrupted, StorageFailed, TooLarge
from xlsrc.server.jobs import REPORT_FILE, Job, JobStore
from xlsrc.server.package_guard import check_package
from xlsrc.server.responses import (
    JSON,
    PDF,
    accepted,
    answers,
    result_response,
    workbook_type,
)
from xlsrc.server.runner import JobRunner, scrub
from xlsrc.server.tokens import Principal
from xlsrc.server.uploads import StoredInput, Upload, store, unique_names

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])

#: The uploaded workbook of a one-file endpoint (multipart field ``file``).
WorkbookUpload = Annotated[UploadFile, File(description=N_("Työkirja (.xlsx/.xlsm)"))]

#: ``format=xlsx`` (the workbook) or ``format=pdf`` (its PDF, rendered by LibreOffice).
XlsxOrPdf = Annotated[Literal["xlsx", "pdf"], Query(description=N_("xlsx: työkirja, pdf: PDF"))]

#: The ``wait`` query parameter every work endpoint takes.
Wait = Annotated[bool | None, Query(description=N_("false: vastaa heti työn tunnisteella (202)"))]

#: Builds a task's arguments from the stored input and the job's output folder.
TaskArguments = Callable[[StoredInput, Path], tuple[Any, ...]]


@dataclass(frozen=True)
class Artefact:
    """A job's downloadable result: its file name in ``out/`` and its media type."""

    name: str
    media_type: str


@dataclass(frozen=True)
class FileJob:
    """What a one-file endpoint does: ``task(*arguments(item, out))`` runs in a worker and
    returns the JSON report; the artefact, when there is one, is the file the task wrote
    as ``out / artefact(item).name`` (without one, the report is the result)."""

    kind: str
    options: dict[str, Any]
    task: Callable[..., dict[str, Any]]
    arguments: TaskArguments
    artefact: Callable[[StoredInput], Artefact] | None = None


def same_workbook(item: StoredInput) -> Artefact:
    """The processed upload under its own name: the workbook comes back changed."""
    return Artefact(item.name, workbook_type(item.name))


def pdf_of(item: StoredInput, suffix: str = "") -> Artefact:
    """A PDF named after the upload (``budjetti{suffix}.pdf``)."""
    return Artefact(f"{Path(item.name).stem}{suffix}.pdf", PDF)


class Service:
    def __init__(self, config: ServerConfig, store: JobStore, runner: JobRunner) -> None:
        self.config = config
        self.store = store
        self.runner = runner

    @property
    def limits(self) -> Limits:
        return self.config.limits

    def outputs(self, job: Job) -> Path:
        return self.store.folder(job) / "out"

    async def accept(
        self,
        request: Request,
        principal: Principal,
        kind: str,
        uploads: Sequence[Upload],
        options: dict[str, Any],
    ) -> tuple[Job, list[StoredInput]]:
        """A new job holding ``uploads``; raises (413, 422, 429) before anything is stored."""
        if not uploads:
            raise BadUpload(Msg("lähetä ainakin yksi työkirja"))
        if len(uploads) > self.limits.max_files:
            raise TooLarge(
                Msg(
                    "liian monta tiedostoa yhdessä pyynnössä: {count} (raja {limit}); "
                    "jaa ne useaan pyyntöön",
                    count=len(uploads),
                    limit=self.limits.max_files,
                )
            )
        names = unique_names(uploads)
        job = self.runner.create(principal, kind, options)
        request.state.job = job.id
        folder = self.store.folder(job) / "in"
        try:
            stored = [
                await asyncio.to_thread(store, upload, name, folder / str(index))
                for index, (upload, name) in enumerate(zip(uploads, names, strict=True))
            ]
        except OSError as error:  # a full disk, say: the job must not hold the token's place
            refusal = StorageFailed(
                Msg(
                    "lähetettyä tiedostoa ei voitu tallentaa palvelimelle: {reason}",
                    reason=write_failure(error),
                )
            )
            self.runner.abandon(job, refusal)
            raise refusal from error
        except BaseException:
            self.runner.abandon(job, JobInterrupted(Msg("pyyntö keskeytyi ennen kuin työ alkoi")))
            raise
        request.state.files = [item.size for item in stored]
        job.inputs = [{"name": item.name, "size": item.size} for item in stored]
        job.total = len(stored)
        self.store.save(job)
        return job, stored

    async def refusal(self, item: StoredInput) -> XlsrcError | None:
        """Why ``item`` must not reach a worker (not a workbook, a zip bomb), or None.

        In a thread: the check reads the zip directory, or all of an OLE file.
        """
        try:
            await asyncio.to_thread(check_package, item.path, self.limits)
        except XlsrcError as error:
            return error
        return None

    async def respond(self, job: Job, wait: bool) -> Response:
        if not wait:
            return accepted(job)
        return result_response(self.store, await self.runner.wait(job))

    async def single_file(
        self,
        request: Request,
        principal: Principal,
        upload: Upload,
        job_kind: FileJob,
        wait: bool | None,
    ) -> Response:
        """One workbook in, the job kind's task on it in a worker, its artefact (or report) out.

        The publish endpoint, for example, is (the route module's whole body)::

            @work_endpoint(router, "/api/publish", "Julkaistava kopio", XLSX)
            async def publish(request: Request, principal: Owner,
                              file: Annotated[UploadFile, File()], wait: Wait = None):
                kind = FileJob("publish", {}, tasks.publish_file, beside, same_workbook)
                return await service_of(request).single_file(
                    request, principal, file, kind, wait)
        """
        kind, options, task, arguments, artefact = (
            job_kind.kind, job_kind.options, job_kind.task, job_kind.arguments, job_kind.artefact
        )  # fmt: skip
        job, (item,) = await self.accept(request, principal, kind, [upload], options)
        refused = await self.refusal(item)
        if refused is not None:
            self.runner.abandon(job, refused)
            return result_response(self.store, self.store.load(job.id) or job)
        chosen = artefact(item) if artefact is not None else None

        async def work(job: Job) -> None:
            report = await self.runner.call(job, task, *arguments(item, self.outputs(job)))
            self.store.write_report(job, scrub(report, self.store.folder(job)))
            job.done = 1
            if chosen is None:
                name = Path(item.name).stem + ".json"
                job.result = {"file": REPORT_FILE, "name": name, "media_type": JSON}
            else:
                job.result = {
                    "file": f"out/{chosen.name}",
                    "name": chosen.name,
                    "media_type": chosen.media_type,
                }

        self.runner.launch(job, work)
        return await self.respond(job, True if wait is None else wait)


def work_endpoint(
    router: APIRouter, path: str, summary: str, *media_types: str
) -> Callable[[Endpoint], Endpoint]:
    """``router.post(path)`` for a work endpoint answering ``media_types`` (or its error)."""
    return router.post(
        path, summary=summary, response_class=Response, responses=answers(*media_types)
    )


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service
