"""Worker processes that survive their workers: a crash or a hang fails one file, never the batch.

The out-of-memory killer ends a worker with SIGKILL; a ``ProcessPoolExecutor``
then fails every file it had not finished, including files that never started.
This pool knows which file each worker is on (workers report every file as it
finishes, so the running one is the first of its chunk not yet reported), so:

* a worker that dies fails exactly its running file; the rest of its chunk goes
  back to the queue and a fresh worker takes over;
* a file that runs past ``seconds`` is stopped (its worker is killed and
  replaced) and reported as over the time limit;
* a worker retires after ``tasks_per_child`` files, so memory a file leaves
  behind (caches, fragmentation) cannot grow without bound.

Workers are forked from the parent where the platform allows, so they start
with everything already imported (no second start-up); elsewhere they spawn.
Work is handed out in chunks (several small files per message, large files
alone) to keep the round trips few.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from xlsrc.core.text import compact, tr

Job = TypeVar("Job")
Result = TypeVar("Result")

_STOP = None


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    #: job indexes handed to it and not yet reported, in order; [0] is running
    chunk: deque[int] = field(default_factory=deque)
    started: float = 0.0
    done: int = 0


def _serve(conn: Connection, work: Callable[[Any], Any]) -> None:
    """Worker main loop: run each job of each chunk, report each result at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    while True:
        chunk = conn.recv()
        if chunk is _STOP:
            return
        for index, job in chunk:
            conn.send((index, work(job)))


@dataclass
class Pool(Generic[Job, Result]):
    """Runs ``work(job)`` for every job in ``workers`` processes (see module docstring)."""

    work: Callable[[Job], Result]
    #: the result for a job whose worker died or ran out of time: (job, reason) -> result
    failed: Callable[[Job, str], Result]
    workers: int = 1
    seconds: float = 600.0
    tasks_per_child: int = 50
    _context: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")

    def run(
        self,
        jobs: Sequence[Job],
        chunks: Sequence[Sequence[int]],
        progress: Callable[[int, Result], None] | None = None,
    ) -> dict[int, Result]:
        """Results by job index; ``chunks`` groups the indexes in the order to hand out."""
        queue: deque[list[int]] = deque(list(c) for c in chunks if c)
        results: dict[int, Result] = {}
        pool: list[_Worker] = []

        def finish(index: int, result: Result) -> None:
            results[index] = result
            if progress is not None:
                progress(index, result)

        try:
            while queue or any(w.chunk for w in pool):
                idle = [w for w in pool if not w.chunk]
                while len(pool) < self.workers and len(idle) < len(queue):
                    idle.append(self._start())
                    pool.append(idle[-1])
                for worker in idle:
                    if queue:
                        self._hand_out(worker, queue.popleft(), jobs)
                self._wait(pool, queue, jobs, finish)
                for worker in [w for w in pool if not w.chunk and w.done >= self.tasks_per_child]:
                    self._retire(worker)
                    pool.remove(worker)
        finally:
            for worker in pool:
                self._retire(worker)
        return results

    # -- workers ------------------------------------------------------------------
    def _start(self) -> _Worker:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(child, self.work), daemon=True)
        process.start()
        child.close()
        return _Worker(process=process, conn=parent)

    def _hand_out(self, worker: _Worker, chunk: list[int], jobs: Sequence[Job]) -> None:
        worker.chunk.extend(chunk)
        worker.started = time.monotonic()
        worker.conn.send([(index, jobs[index]) for index in chunk])

    def _retire(self, worker: _Worker) -> None:
        try:
            worker.conn.send(_STOP)
        except OSError:
            pass
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    # -- waiting ------------------------------------------------------------------
    def _wait(
        self,
        pool: list[_Worker],
        queue: deque[list[int]],
        jobs: Sequence[Job],
        finish: Callable[[int, Result], None],
    ) -> None:
        """Wait for the next result, death or time-out, and deal with it."""
        busy = [w for w in pool if w.chunk]
        if not busy:
            return
        now = time.monotonic()
        timeout = max(0.0, min(w.started + self.seconds for w in busy) - now)
        ready = multiprocessing.connection.wait(
            [w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout
        )
        for worker in busy:
            if worker.conn in ready and self._receive(worker, finish):
                continue
            if worker.conn in ready or worker.process.sentinel in ready:
                self._lost(worker, pool, queue, jobs, finish, self._death(worker))
            elif time.monotonic() - worker.started >= self.seconds:
                worker.process.kill()
                reason = tr(
                    "aikaraja ylittyi: tiedoston käsittely kesti yli {seconds}, ja se "
                    "keskeytettiin (raja: --timeout)",
                    seconds=compact(self.seconds, "s"),
                )
                self._lost(worker, pool, queue, jobs, finish, reason)

    def _receive(self, worker: _Worker, finish: Callable[[int, Result], None]) -> bool:
        """Take every result the worker has sent; False if its pipe has closed."""
        try:
            while worker.conn.poll():
                index, result = worker.conn.recv()
                worker.chunk.popleft()
                worker.done += 1
                worker.started = time.monotonic()  # the next file of the chunk starts now
                finish(index, result)
        except (EOFError, OSError):
            return False
        return True

    def _death(self, worker: _Worker) -> str:
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            if -code == signal.SIGKILL:
                return tr(
                    "työprosessi kaatui tätä tiedostoa käsitellessään: signaali {signal} "
                    "(muisti loppui tai prosessi tapettiin)",
                    signal=name,
                )
            return tr(
                "työprosessi kaatui tätä tiedostoa käsitellessään: signaali {signal}", signal=name
            )
        return tr("työprosessi kaatui tätä tiedostoa käsitellessään (paluukoodi {code})", code=code)

    def _lost(
        self,
        worker: _Worker,
        pool: list[_Worker],
        queue: deque[list[int]],
        jobs: Sequence[Job],
        finish: Callable[[int, Result], None],
        reason: str,
    ) -> None:
        """Fail the worker's running job, requeue the rest of its chunk, replace it."""
        running = worker.chunk.popleft()
        finish(running, self.failed(jobs[running], reason))
        if worker.chunk:
            queue.appendleft(list(worker.chunk))
        worker.chunk.clear()
        worker.process.join(timeout=5)
        worker.conn.close()
        pool.remove(worker)
