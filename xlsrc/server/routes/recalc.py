"""``POST /api/recalc``: ``xlsrc recalc`` for one or several uploaded workbooks.

Each file is recalculated by :func:`xlsrc.engine.recalc.recalc` in a worker,
exactly as the CLI does it, so the returned workbook is byte-for-byte the
file ``xlsrc recalc --out`` writes.  The answer:

* one workbook in: the recalculated workbook (a refused file answers 422
  with the engine's reasons, an internal error 500);
* several: a zip of the recalculated workbooks plus ``recalc.json``;
* always: the report that ``xlsrc recalc --json`` writes (``files``,
  ``recalculated``, ``failed``; each path is the uploaded file's name) at the
  URL in the ``X-Xlsrc-Report`` header, and in the zip.

Like the CLI's batch, one bad file does not stop the others; a file that is
not a workbook or is too large to unpack never reaches a worker.
"""

from __future__ import annotations

import asyncio
import json
import zipfile
from pathlib import Path
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from xlsrc.core.errors import XlsrcError
from xlsrc.core.text import N_
from xlsrc.engine.recalc import RecalcResult
from xlsrc.io.atomic import write_atomic
from xlsrc.server import tasks
from xlsrc.server.auth import Owner
from xlsrc.server.errors import FileFailed
from xlsrc.server.jobs import Job
from xlsrc.server.responses import XLSM, XLSX, ZIP, workbook_type
from xlsrc.server.runner import scrub
from xlsrc.server.service import Service, Wait, service_of, work_endpoint
from xlsrc.server.uploads import StoredInput

router = APIRouter(tags=[N_("työ")])

#: The report's name inside the zip of several workbooks.
REPORT_IN_ZIP = "recalc.json"
BUNDLE_NAME = "xlsrc-laskenta.zip"


def report_document(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The document ``xlsrc recalc --json`` writes, for ``entries``."""
    failed = sum(1 for entry in entries if not entry["ok"])
    return {"files": entries, "recalculated": len(entries) - failed, "failed": failed}


def refused_entry(item: StoredInput, error: XlsrcError) -> dict[str, Any]:
    return RecalcResult(path=item.name, problems=[str(error)]).to_dict()


def bundle(target: Path, outputs: list[tuple[str, Path]], report: dict[str, Any]) -> None:
    """The zip of several results (blocking); workbooks stored as they are, already compressed."""

    def produce(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w") as archive:
            for name, path in outputs:
                archive.write(path, name, compress_type=zipfile.ZIP_STORED)
            text = json.dumps(report, ensure_ascii=False, indent=2)
            archive.writestr(REPORT_IN_ZIP, text, compress_type=zipfile.ZIP_DEFLATED)

    write_atomic(target, produce)


class RecalcJob:
    """One recalculation job: every file in a worker, as many at once as there are workers."""

    def __init__(self, service: Service, items: list[StoredInput], validate: bool) -> None:
        self.service = service
        self.items = items
        self.validate = validate
        self.entries: list[dict[str, Any] | None] = [None] * len(items)
        #: why a file never got an engine result (refused upload, time limit, dead worker)
        self.errors: dict[int, XlsrcError] = {}

    async def __call__(self, job: Job) -> None:
        pending = []
        for index, item in enumerate(self.items):
            refused = await self.service.refusal(item)
            if refused is None:
                pending.append(index)
            else:
                self.entries[index] = refused_entry(item, refused)
                self.errors[index] = refused
                job.done += 1
        lanes = min(self.service.runner.pool.size, len(pending))
        await asyncio.gather(*(self._lane(job, pending) for _ in range(lanes)))
        entries = [entry for entry in self.entries if entry is not None]
        report = report_document(entries)
        self.service.store.write_report(job, report)
        await self._result(job, entries, report)

    async def _lane(self, job: Job, pending: list[int]) -> None:
        """Take the next file until none is left (lanes share ``pending``)."""
        out = self.service.outputs(job)
        while pending:
            index = pending.pop(0)
            item = self.items[index]
            try:
                entry = await self.service.runner.call(
                    job, tasks.recalc_file, str(item.path), str(out / item.name), self.validate
                )
            except XlsrcError as error:  # timed out, or its worker died: this file only
                entry = refused_entry(item, error)
                self.errors[index] = error
            entry = scrub(entry, self.service.store.folder(job))
            entry["path"] = item.name
            entry["output"] = item.name if entry["ok"] else None
            self.entries[index] = entry
            job.done += 1
            self.service.store.save(job)

    async def _result(
        self, job: Job, entries: list[dict[str, Any]], report: dict[str, Any]
    ) -> None:
        if len(entries) == 1:
            (entry,) = entries
            if 0 in self.errors:  # answered with its own type: 422, 504, 500...
                raise self.errors[0]
            if not entry["ok"]:
                problems = "; ".join(entry["problems"])  # rendered by the worker, in its language
                internal = bool(entry.get("internal"))  # a bug in xlsrc, not the workbook
                raise FileFailed(problems, internal=internal)
            name = str(entry["output"])
            job.result = {"file": f"out/{name}", "name": name, "media_type": workbook_type(name)}
            return
        out = self.service.outputs(job)
        outputs = [(str(e["output"]), out / str(e["output"])) for e in entries if e["ok"]]
        await asyncio.to_thread(bundle, out / BUNDLE_NAME, outputs, report)
        job.result = {"file": f"out/{BUNDLE_NAME}", "name": BUNDLE_NAME, "media_type": ZIP}


@work_endpoint(
    router,
    "/api/recalc",
    N_("Laske työkirjat uudelleen (yksi: työkirja, monta: zip)"),
    XLSX,
    XLSM,
    ZIP,
)
async def recalc(
    request: Request,
    principal: Owner,
    files: Annotated[
        list[UploadFile], File(description=N_("Työkirjat (.xlsx/.xlsm), yksi tai monta"))
    ],
    validate: Annotated[bool, Query(description=N_("laske myös tarkistushavainnot"))] = True,
    wait: Wait = None,
) -> Response:
    service = service_of(request)
    job, items = await service.accept(request, principal, "recalc", files, {"validate": validate})
    service.runner.launch(job, RecalcJob(service, items, validate))
    waits = len(items) <= service.limits.max_waiting_files if wait is None else wait
    return await service.respond(job, waits)
