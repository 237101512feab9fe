"""Jobs on disk: one folder per job under ``<data>/jobs``, its state in ``job.json``.

A job is every request that does work: its uploads (``in/``), its outputs
(``out/``), its report (``report.json``) and its state live in its folder,
all written with the one atomic writer, so a crash leaves either the old or
the new ``job.json``, never half of one.  That makes a restart honest:
:meth:`JobStore.recover` keeps every finished job and marks every job that
was queued or running as failed (the work is lost with the process), instead
of letting it look as if it were still coming.

Ids are 24 random hex digits: not guessable, and checked against that form
before they are used as a folder name.  A job belongs to the token that made
it; :meth:`JobStore.find` answers "not found" for another token's job, so an
id reveals nothing about other units' work.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import shutil
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from xlsrc.core.text import Msg
from xlsrc.io.atomic import TEMP_PREFIX, TEMP_SUFFIX, write_atomic
from xlsrc.server.errors import JobInterrupted, NotFound, http_status
from xlsrc.server.tokens import Principal

JobState = Literal["queued", "running", "done", "failed"]
FINISHED: tuple[JobState, ...] = ("done", "failed")
_ID = re.compile(r"^[0-9a-f]{24}$")
JOB_FILE = "job.json"
log = logging.getLogger("xlsrc.server")
REPORT_FILE = "report.json"


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class Job:
    """A job's state as stored; :meth:`public` is what its owner is shown."""

    id: str
    kind: str
    owner: str
    owner_name: str
    organisation: str
    created: str
    state: JobState = "queued"
    started: str | None = None
    finished: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    done: int = 0
    total: int = 0
    #: the downloadable result: {"file": path in the job folder, "name": ..., "media_type": ...}
    result: dict[str, Any] | None = None
    #: why the job failed: {"status": HTTP status, "message": ..., "type": error class}
    error: dict[str, Any] | None = None

    @property
    def finished_ok(self) -> bool:
        return self.state == "done"

    def public(self) -> dict[str, Any]:
        base = f"/api/jobs/{self.id}"
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "created": self.created,
            "started": self.started,
            "finished": self.finished,
            "progress": {"done": self.done, "total": self.total},
            "options": self.options,
            "inputs": self.inputs,
            "result": None if self.result is None else {**self.result, "url": f"{base}/result"},
            "report": f"{base}/report" if self.state in FINISHED else None,
            "error": self.error,
            "links": {"self": base, "result": f"{base}/result", "report": f"{base}/report"},
        }


class JobStore:
    """Every job's folder and ``job.json`` under one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def folder(self, job: Job | str) -> Path:
        job_id = job if isinstance(job, str) else job.id
        if not _ID.match(job_id):
            raise NotFound(Msg("työtä {job!r} ei löydy", job=job_id))
        return self.root / job_id

    def create(self, principal: Principal, kind: str, options: dict[str, Any]) -> Job:
        job = Job(
            id=secrets.token_hex(12),
            kind=kind,
            owner=principal.token_id,
            owner_name=principal.name,
            organisation=principal.organisation,
            created=now_text(),
            options=options,
        )
        self.save(job)
        return job

    def save(self, job: Job) -> None:
        text = json.dumps(asdict(job), ensure_ascii=False, indent=1)
        write_atomic(self.folder(job) / JOB_FILE, text.encode("utf-8"))

    def load(self, job_id: str) -> Job | None:
        """The stored job, or None; a damaged ``job.json`` (edited by hand) is logged and
        skipped, so one bad folder cannot stop the service from starting."""
        path = self.folder(job_id) / JOB_FILE
        try:
            return Job(**json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (UnicodeDecodeError, json.JSONDecodeError, TypeError) as error:
            log.warning("%s cannot be read (%s): job skipped", path, error)
            return None

    def find(self, principal: Principal, job_id: str) -> Job:
        """The principal's job ``job_id``; :class:`NotFound` for a missing or another's job."""
        job = self.load(job_id)
        if job is None or job.owner != principal.token_id:
            raise NotFound(Msg("työtä {job!r} ei löydy", job=job_id))
        return job

    def owned_by(self, principal: Principal) -> list[Job]:
        jobs = [job for job in self._all() if job.owner == principal.token_id]
        return sorted(jobs, key=lambda job: job.created, reverse=True)

    def write_report(self, job: Job, report: Any) -> None:
        text = json.dumps(report, ensure_ascii=False, indent=2)
        write_atomic(self.folder(job) / REPORT_FILE, text.encode("utf-8"))

    def report(self, job: Job) -> Any:
        try:
            return json.loads((self.folder(job) / REPORT_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def recover(self) -> list[Job]:
        """After a start: fail every job that was not finished; return those jobs."""
        interrupted = []
        for job in self._all():
            self._remove_temporaries(job)
            if job.state in FINISHED:
                continue
            stopped = Msg("palvelu pysähtyi ennen kuin työ valmistui; lähetä työ uudelleen")
            fail(job, JobInterrupted(stopped))
            self.save(job)
            interrupted.append(job)
        return interrupted

    def delete(self, job: Job) -> None:
        """Remove a finished job's folder (uploads, results, report) at its owner's request."""
        shutil.rmtree(self.folder(job), ignore_errors=True)

    def expire(self, keep_days: float) -> int:
        """Delete finished jobs older than ``keep_days``; how many were deleted."""
        if keep_days <= 0:
            return 0
        limit = (datetime.now(UTC) - timedelta(days=keep_days)).isoformat()
        removed = 0
        for job in self._all():
            if job.state in FINISHED and (job.finished or job.created) < limit:
                self.delete(job)
                removed += 1
        return removed

    def _all(self) -> list[Job]:
        jobs = []
        for folder in self.root.iterdir():
            if _ID.match(folder.name):
                job = self.load(folder.name)
                if job is not None:
                    jobs.append(job)
        return jobs

    def _remove_temporaries(self, job: Job) -> None:
        """Half-written files of a killed process (the atomic writer's temporaries)."""
        for path in self.folder(job).rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            path.unlink(missing_ok=True)


def fail(job: Job, error: BaseException, message: str | None = None) -> None:
    """Mark ``job`` failed because of ``error`` (status from its type, message as given)."""
    job.state = "failed"
    job.finished = now_text()
    job.error = {
        "status": http_status(error),
        "message": str(error) if message is None else message,
        "type": type(error).__name__,
    }
