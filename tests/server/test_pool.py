"""The worker pool: results, typed errors, a time limit per task, dead and retired workers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest

from tests.server import pool_tasks
from xlsrc.core.errors import InternalError, UnreadableWorkbook
from xlsrc.server.errors import JobTimedOut, TooMuchMemory, WorkerDied
from xlsrc.server.pool import WorkerPool

T = TypeVar("T")


def _with_pool(size: int, body: Callable[[WorkerPool], Awaitable[T]], **options: int) -> T:
    async def run() -> T:
        pool = WorkerPool(size, **options)
        await pool.start()
        try:
            return await body(pool)
        finally:
            await pool.close()

    return asyncio.run(run())


def test_tasks_run_in_other_processes_and_in_parallel() -> None:
    async def body(pool: WorkerPool) -> tuple[list[int], set[int]]:
        squares = await asyncio.gather(
            *(pool.run(pool_tasks.square, n, timeout=60) for n in range(6))
        )
        pids = await asyncio.gather(*(pool.run(pool_tasks.pid, timeout=60) for _ in range(2)))
        return list(squares), set(pids)

    squares, pids = _with_pool(2, body)
    assert squares == [0, 1, 4, 9, 16, 25]
    assert len(pids) == 2  # two tasks at once went to the two workers


def test_an_xlsrc_error_arrives_with_its_type_and_a_bug_as_internal_error() -> None:
    async def body(pool: WorkerPool) -> tuple[BaseException, BaseException, list[str]]:
        traces: list[str] = []
        with pytest.raises(UnreadableWorkbook) as refused:
            await pool.run(pool_tasks.refuse, "ei työkirja", timeout=60)
        with pytest.raises(InternalError) as bug:
            await pool.run(pool_tasks.crash, timeout=60, on_traceback=traces.append)
        return refused.value, bug.value, traces

    refused, bug, traces = _with_pool(1, body)
    assert str(refused) == "ei työkirja"
    assert str(bug) == "sisäinen virhe: ZeroDivisionError: bug"
    assert len(traces) == 1 and "ZeroDivisionError" in traces[0]


def test_a_task_over_its_time_limit_is_stopped_and_the_pool_goes_on() -> None:
    async def body(pool: WorkerPool) -> tuple[int, int, int]:
        before = await pool.run(pool_tasks.pid, timeout=60)
        with pytest.raises(JobTimedOut):
            await pool.run(pool_tasks.sleep, 600, timeout=0.5)
        after = await pool.run(pool_tasks.pid, timeout=60)
        return before, after, await pool.run(pool_tasks.square, 7, timeout=60)

    before, after, value = _with_pool(1, body)
    assert before != after  # the sleeping worker was killed and replaced
    assert value == 49


def test_a_dead_worker_fails_only_its_own_task() -> None:
    async def body(pool: WorkerPool) -> list[object]:
        outcomes: list[object] = await asyncio.gather(
            pool.run(pool_tasks.die, timeout=60),
            pool.run(pool_tasks.sleep, 0.5, timeout=60),
            return_exceptions=True,
        )
        return outcomes

    died, slept = _with_pool(2, body)
    assert isinstance(died, WorkerDied)
    assert slept == "heräsin"


def test_a_worker_is_retired_after_its_share_of_tasks() -> None:
    async def body(pool: WorkerPool) -> list[int]:
        return [await pool.run(pool_tasks.pid, timeout=60) for _ in range(4)]

    pids = _with_pool(1, body, tasks_per_worker=2)
    assert pids[0] == pids[1] and pids[2] == pids[3] and pids[1] != pids[2]


def test_a_task_over_the_memory_limit_fails_as_too_large_and_the_worker_goes_on() -> None:
    async def body(pool: WorkerPool) -> tuple[BaseException, int]:
        with pytest.raises(TooMuchMemory) as refused:
            await pool.run(pool_tasks.hoard, 2048, timeout=60)
        return refused.value, await pool.run(pool_tasks.hoard, 16, timeout=60)

    refused, small = _with_pool(1, body, memory_bytes=1024 * 1024 * 1024)
    assert str(refused) == "työkirja tarvitsee enemmän muistia kuin työprosessilla on (1\xa0024 Mt)"
    assert small == 16 * 1024 * 1024
