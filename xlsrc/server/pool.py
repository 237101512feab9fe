"""Worker processes for the CPU-bound work, with a time limit per task.

Recalculating a workbook is pure Python and takes the GIL for seconds, so it
never runs in the event loop, nor in a thread: each task goes to one of
``size`` long-lived worker processes.  :class:`concurrent.futures.ProcessPoolExecutor`
cannot stop one task that runs too long (only the whole pool), and one dead
worker breaks every task in it; this pool owns its processes one by one, so

* a task over its time limit is stopped by killing its own worker only
  (:class:`~xlsrc.server.errors.JobTimedOut`), and a fresh worker takes its place;
* a worker that dies (killed, out of memory) fails only its own task
  (:class:`~xlsrc.server.errors.WorkerDied`) and is replaced;
* a worker may use at most ``memory_bytes`` of address space (``RLIMIT_AS``): a
  workbook that needs more fails with :class:`~xlsrc.server.errors.TooMuchMemory`
  instead of pushing the whole server into swap or the OOM killer;
* a worker is retired after ``tasks_per_worker`` tasks, which bounds memory growth
  and means no state of one request lives on in a process for long;
* an exception raised by the task (an :class:`~xlsrc.core.errors.XlsrcError`
  saying why the file cannot be used) reaches the caller with its type, so the
  HTTP layer maps it by type like the CLI does.

Workers ignore SIGINT and SIGTERM: stopping is the service's decision (see
:meth:`WorkerPool.close`), so Ctrl+C or a container's stop signal lets running
tasks finish within the service's grace period instead of killing them at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import pickle
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from typing import Any

from xlsrc.core.errors import InternalError, XlsrcError
from xlsrc.core.text import Language, Msg, Num, compact, current_language, use_language
from xlsrc.server.config import MB
from xlsrc.server.errors import JobTimedOut, TooMuchMemory, WorkerDied

#: Imported once by the fork server, so a new worker starts without importing the engine.
PRELOAD = ["xlsrc.server.tasks"]


def _context() -> ForkServerContext | SpawnContext:
    """A fork server on Linux (cheap, and safe with the event loop's threads), else spawn."""
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _portable(error: BaseException, memory_bytes: int | None) -> XlsrcError:
    """``error`` as something that survives pickling back to the service, with its type.

    An error of ours is sent as it is when it pickles; running out of the
    worker's memory is the file's size, not a bug; anything else is a bug in
    xlsrc and arrives as :class:`InternalError` naming the original type.
    """
    if isinstance(error, MemoryError):
        if memory_bytes:
            return TooMuchMemory(
                Msg(
                    "työkirja tarvitsee enemmän muistia kuin työprosessilla on ({limit} Mt)",
                    limit=Num(memory_bytes // MB),
                )
            )
        return TooMuchMemory(Msg("työkirja tarvitsee enemmän muistia kuin työprosessilla on"))
    if isinstance(error, XlsrcError):
        with contextlib.suppress(Exception):
            pickle.loads(pickle.dumps(error))
            return error
    return InternalError(
        Msg("sisäinen virhe: {kind}: {error}", kind=type(error).__name__, error=str(error))
    )


def _limit_memory(memory_bytes: int | None) -> None:
    if memory_bytes is not None and hasattr(resource, "RLIMIT_AS"):
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        allowed = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (allowed, hard))


def _serve(connection: Connection, memory_bytes: int | None) -> None:
    """A worker's main loop: run ``(function, args, language)`` messages until told to stop.

    Each task runs in the language of the request that sent it, so the messages
    of its report and of its errors are in that language.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _limit_memory(memory_bytes)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        function, args, language = message
        try:
            with use_language(language):
                reply: tuple[str, Any, str] = ("ok", function(*args), "")
        except BaseException as error:  # sent back; a bug (not an XlsrcError) with its traceback
            bug = not isinstance(error, XlsrcError | MemoryError)
            reply = ("error", _portable(error, memory_bytes), traceback.format_exc() if bug else "")
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, context: ForkServerContext | SpawnContext, memory_bytes: int | None) -> None:
        self.connection, child = multiprocessing.Pipe()
        self.process = context.Process(target=_serve, args=(child, memory_bytes), daemon=True)
        self.process.start()
        child.close()
        self.tasks = 0

    def call(
        self,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        timeout: float,
        language: Language,
    ) -> Any:
        """Blocking: send one task and wait for its reply (runs in a waiting thread)."""
        try:
            self.connection.send((function, args, language))
            if not self.connection.poll(timeout):
                raise JobTimedOut(
                    Msg(
                        "työ ylitti aikarajan ({seconds} s) ja keskeytettiin",
                        seconds=compact(timeout),
                    )
                )
            return self.connection.recv()
        except (EOFError, OSError) as error:
            raise WorkerDied(
                Msg(
                    "työprosessi päättyi kesken työn (paluukoodi {code})",
                    code=str(self.process.exitcode),
                )
            ) from error

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.connection.send(None)
        self.process.join(5)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


#: How the caller sees a task's traceback (for the server log only, never the answer).
TracebackSink = Callable[[str], None]


class WorkerPool:
    """``size`` worker processes; :meth:`run` waits for a free one and runs a task on it."""

    def __init__(
        self, size: int, *, tasks_per_worker: int = 200, memory_bytes: int | None = None
    ) -> None:
        self.size = max(1, size)
        self.tasks_per_worker = max(1, tasks_per_worker)
        self.memory_bytes = memory_bytes
        self._context = _context()
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._busy: set[_Worker] = set()
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="xlsrc-worker-wait")
        self._closed = False

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(self.size):
            self._idle.put_nowait(await loop.run_in_executor(self._threads, self._new_worker))

    def _new_worker(self) -> _Worker:
        return _Worker(self._context, self.memory_bytes)

    async def run(
        self,
        function: Callable[..., Any],
        *args: Any,
        timeout: float,
        on_traceback: TracebackSink | None = None,
    ) -> Any:
        """``function(*args)`` in a worker; its return value, or its error re-raised here.

        ``function`` must be importable by name (a module-level function).
        Raises :class:`JobTimedOut` or :class:`WorkerDied` when the worker had to go.
        The task runs in the caller's language (:func:`~xlsrc.core.text.current_language`).
        """
        if self._closed:
            raise WorkerDied(Msg("palvelu on pysähtymässä; työtä ei aloitettu"))
        worker = await self._idle.get()
        self._busy.add(worker)
        loop = asyncio.get_running_loop()
        healthy = False
        try:
            kind, value, trace = await loop.run_in_executor(
                self._threads, worker.call, function, args, timeout, current_language()
            )
            healthy = True
        finally:
            self._busy.discard(worker)
            await self._give_back(worker, healthy)
        if kind == "ok":
            return value
        if on_traceback is not None and trace:
            on_traceback(trace)
        raise value

    async def _give_back(self, worker: _Worker, healthy: bool) -> None:
        """Return ``worker`` to the idle queue, or replace it (dead, timed out, retired)."""
        worker.tasks += 1
        if healthy and worker.tasks < self.tasks_per_worker and not self._closed:
            self._idle.put_nowait(worker)
            return
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, worker.stop if healthy else worker.kill)
        if not self._closed:
            self._idle.put_nowait(await loop.run_in_executor(None, self._new_worker))

    async def close(self) -> None:
        """Stop idle workers and kill busy ones (their tasks fail with :class:`WorkerDied`)."""
        self._closed = True
        loop = asyncio.get_running_loop()
        for worker in list(self._busy):
            await loop.run_in_executor(None, worker.kill)
        while not self._idle.empty():
            await loop.run_in_executor(None, self._idle.get_nowait().stop)
        self._threads.shutdown(wait=False, cancel_futures=True)
