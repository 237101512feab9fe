"""Running jobs: their limits per token, their state on disk, and a clean stop.

The runner is the one place a job changes state: it marks a job running,
done or failed (saving ``job.json`` each time), counts each token's active
jobs against its limit, sends each file's task to the worker pool with the
per-job time limit, and on shutdown gives running jobs a grace period before
it fails them - a stopped service never leaves a job that looks unfinished
but will never finish.  Messages that reach a user are cleaned of the
server's folders (:func:`scrub`): the user knows the file by its own name.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from xlsrc.core.errors import InternalError, XlsrcError
from xlsrc.core.text import Msg
from xlsrc.server.config import Limits
from xlsrc.server.errors import JobInterrupted, TooManyJobs
from xlsrc.server.jobs import Job, JobStore, fail, now_text
from xlsrc.server.pool import WorkerPool
from xlsrc.server.tokens import Principal

log = logging.getLogger("xlsrc.server")

#: The body of a job: given the job, does its work (raising an XlsrcError to fail it).
Work = Callable[[Job], Awaitable[None]]


def scrub(value: Any, folder: Path) -> Any:
    """``value`` (text, or lists and dicts of it) without the job folder's paths.

    ``<job>/in/3/budjetti.xlsx`` becomes ``budjetti.xlsx``; any other path
    inside the job folder loses the folder part.
    """
    if isinstance(value, str):
        root = re.escape(str(folder))
        return re.sub(root + r"/(?:in|out)/(?:\d+/)?", "", value).replace(str(folder), "")
    if isinstance(value, list):
        return [scrub(item, folder) for item in value]
    if isinstance(value, dict):
        return {key: scrub(item, folder) for key, item in value.items()}
    return value


class JobRunner:
    def __init__(self, store: JobStore, pool: WorkerPool, limits: Limits) -> None:
        self.store = store
        self.pool = pool
        self.limits = limits
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._active: defaultdict[str, set[str]] = defaultdict(set)

    def create(self, principal: Principal, kind: str, options: dict[str, Any]) -> Job:
        """A new job of ``principal``; :class:`TooManyJobs` (429) when at the token's limit.

        The check and the reservation happen without an await between them,
        so two requests at once cannot both take the last place.
        """
        active = self._active[principal.token_id]
        if len(active) >= self.limits.max_jobs_per_token:
            raise TooManyJobs(
                Msg(
                    "tunnuksella {token!r} on jo {count} työtä kesken (raja {limit}); "
                    "odota, että jokin niistä valmistuu",
                    token=principal.name,
                    count=len(active),
                    limit=self.limits.max_jobs_per_token,
                )
            )
        job = self.store.create(principal, kind, options)
        active.add(job.id)
        return job

    def abandon(self, job: Job, error: XlsrcError) -> None:
        """Fail a job before it started (its upload was refused)."""
        fail(job, error, self.describe(job, error))
        self.store.save(job)
        self._release(job)

    def launch(self, job: Job, work: Work) -> None:
        self._tasks[job.id] = asyncio.create_task(self._drive(job, work), name=f"job {job.id}")

    async def wait(self, job: Job) -> Job:
        """``job`` as stored once it has finished (the waiting request may go; the job stays)."""
        task = self._tasks.get(job.id)
        if task is not None:
            await asyncio.shield(task)
        return self.store.load(job.id) or job

    async def call(self, job: Job, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` in a worker, with the per-job time limit."""
        return await self.pool.run(
            function,
            *args,
            timeout=self.limits.job_timeout,
            on_traceback=lambda text: log.error("job %s: worker traceback\n%s", job.id, text),
        )

    def describe(self, job: Job, error: BaseException) -> str:
        """The error's message for the user: paths scrubbed, the file named."""
        text = str(scrub(str(error), self.store.folder(job)))
        if len(job.inputs) == 1 and not text.startswith(job.inputs[0]["name"]):
            text = f"{job.inputs[0]['name']}: {text}"
        return text

    async def _drive(self, job: Job, work: Work) -> None:
        job.state, job.started = "running", now_text()
        self.store.save(job)
        try:
            await work(job)
            job.state, job.finished = "done", now_text()
        except XlsrcError as error:
            fail(job, error, self.describe(job, error))
        except asyncio.CancelledError:
            fail(job, JobInterrupted(Msg("palvelu pysäytettiin ennen kuin työ valmistui")))
            raise
        except Exception as error:  # a bug in xlsrc: logged with its traceback, answered 500
            log.exception("job %s failed with an internal error", job.id)
            fail(job, InternalError(Msg("sisäinen virhe: {kind}", kind=type(error).__name__)))
        finally:
            self.store.save(job)
            self._release(job)
            self._tasks.pop(job.id, None)

    def _release(self, job: Job) -> None:
        self._active[job.owner].discard(job.id)

    async def shutdown(self, grace: float) -> None:
        """Let running jobs finish for ``grace`` seconds, then fail the rest; stop the pool."""
        running = list(self._tasks.values())
        if running:
            log.info("waiting up to %g s for %d running jobs", grace, len(running))
            _, pending = await asyncio.wait(running, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        await self.pool.close()
