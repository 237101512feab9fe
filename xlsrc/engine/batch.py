"""Many workbooks at once: one process per file (up to ``jobs``), one result per file.

A batch is what an administrator runs over a quarter's workbooks on a server,
so one bad file must never stop it: every file gets a :class:`RecalcResult`,
including files that are missing, not workbooks, encrypted, or crash the
engine (reported as an internal error with the traceback's last line).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from xlsrc.engine.recalc import RecalcResult, ValidationHook, recalc

#: Extensions picked up from a folder (Excel workbooks and templates, macro-enabled or not).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files named, plus the workbooks directly inside folders named (sorted, no lock files)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file()
                    and p.suffix.lower() in WORKBOOK_SUFFIXES
                    and not p.name.startswith("~$")
                )
            )
        else:
            found.append(path)
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def default_jobs() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def run_batch(
    files: Sequence[Path],
    *,
    out_dir: Path | None = None,
    in_place: bool = False,
    jobs: int | None = None,
    validate: ValidationHook | None = None,
    progress: Callable[[RecalcResult], None] | None = None,
    partial: bool = False,
    dask: str | None = None,
) -> list[RecalcResult]:
    """Recalculate ``files`` into ``out_dir`` (same names) or in place; results in input order.

    ``dask`` (a scheduler address or "local") runs the same per-file function on a Dask
    cluster instead of the local process pool (:mod:`xlsrc.distributed`).
    """
    results: dict[int, RecalcResult] = {}
    work: list[tuple[int, Path, Path | None]] = []
    claimed: dict[Path, Path] = {}
    for index, path in enumerate(files):
        target = None if in_place else (out_dir / path.name if out_dir is not None else None)
        if target is not None:
            other = claimed.get(target.resolve())
            if other is not None:
                results[index] = RecalcResult(
                    path=str(path),
                    problems=[f"output {target} is already taken by {other} (same file name)"],
                )
                continue
            claimed[target.resolve()] = path
        work.append((index, path, target))
    for index in results:
        if progress:
            progress(results[index])
    workers = min(jobs or default_jobs(), len(work)) if work else 1
    if dask is not None and work:
        from xlsrc.distributed import map_as_completed

        def failed(at: int, error: BaseException) -> RecalcResult:
            return RecalcResult(path=str(work[at][1]), problems=[f"Dask worker failed: {error}"])

        arguments = [(path, target, in_place, validate, partial) for _, path, target in work]
        for at, result in map_as_completed(_one, arguments, dask, workers=jobs, on_error=failed):
            results[work[at][0]] = result
            if progress:
                progress(result)
    elif workers <= 1:
        for index, path, target in work:
            results[index] = _one(path, target, in_place, validate, partial)
            if progress:
                progress(results[index])
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(_one, path, target, in_place, validate, partial): (index, path)
                for index, path, target in work
            }
            for future in as_completed(futures):
                index, path = futures[future]
                try:
                    results[index] = future.result()
                except Exception as error:  # the worker process itself died
                    results[index] = RecalcResult(
                        path=str(path), problems=[f"worker process failed: {error}"]
                    )
                if progress:
                    progress(results[index])
    return [results[i] for i in range(len(files))]


def _one(
    path: Path,
    target: Path | None,
    in_place: bool,
    validate: ValidationHook | None,
    partial: bool = False,
) -> RecalcResult:
    try:
        return recalc(path, target, in_place=in_place, validate=validate, partial=partial)
    except Exception as error:  # an engine bug: report it, keep the batch going
        return RecalcResult(
            path=str(path),
            problems=[f"internal error in the xlsrc engine: {type(error).__name__}: {error}"],
        )
