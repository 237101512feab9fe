"""A roll-up from start to finish: run the per-file work, stream results into the output.

The per-file function is :func:`xlsrc.consolidate.extract.collect_file`,
whichever way it runs: in this process (``jobs=1``), in a local process pool
(the default), or on a Dask cluster (``dask="local"`` or a scheduler
address).  Results are taken as they finish and written at once; the output
does not depend on the order they finish in (rows of the data sheets follow
it, every roll-up number and label does not - see :mod:`.rollup`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from xlsrc.consolidate.extract import collect_file
from xlsrc.consolidate.model import FileResult
from xlsrc.consolidate.rollup import Rollup
from xlsrc.consolidate.writer import RollupWriter
from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Joined, Msg, current_language, tr
from xlsrc.cpus import default_jobs


@dataclass
class Collected:
    """What a roll-up did: the numbers, and one summary entry per input file (input order)."""

    rollup: Rollup
    files: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` document: files, what was left out, and every roll-up number."""
        rollup = self.rollup
        return {
            "files": self.files,
            "included": rollup.included,
            "skipped": [{"file": f, "reason": r} for f, r in sorted(rollup.skipped)],
            "rows": dict(rollup.rows),
            "pivot": [vars(line) for line in rollup.pivot(by_group=False)],
            "group_pivot": [vars(line) for line in rollup.pivot(by_group=True)],
            "budget": [_budget(b) for b in rollup.budget(by_group=True, by_area=True)],
            "budget_groups": [_budget(b) for b in rollup.budget(by_group=True, by_area=False)],
            "budget_all": [_budget(b) for b in rollup.budget(by_group=False, by_area=False)],
            "goal_counts": [
                {"group": g, "quarter": f"Q{q}", "counts": counts}
                for g, q, counts in rollup.goal_counts()
            ],
        }


def _budget(line: Any) -> dict[str, Any]:
    return {**vars(line), "change_eur": line.change_eur, "change_pct": line.change_pct}


def summary(result: FileResult) -> dict[str, Any]:
    """One file's entry of the ``--json`` document (its rows are in the workbook)."""
    return {
        "path": result.path,
        "family": result.family,
        "version": result.version,
        "unit": result.unit,
        "quarter": result.quarter,
        "group": result.group,
        "included": result.included,
        "skipped": result.skipped,
        "measures": len(result.measures),
        "budget_lines": len(result.budget),
        "kpi_states": len(result.kpis),
        "findings": len(result.findings),
        "errors": result.errors,
        "seconds": result.seconds,
    }


def run_collect(
    files: Sequence[Path],
    out: Path,
    *,
    by: str = "unit",
    jobs: int | None = None,
    dask: str | None = None,
    progress: Callable[[FileResult], None] | None = None,
    skipped: Sequence[tuple[Path, str]] = (),
) -> Collected:
    """Consolidate ``files`` into ``out``; :class:`UnusableInput` when no file could be used.

    ``skipped`` are files found but not readable as workbooks (an old ``.xls``,
    a FIFO; see :func:`xlsrc.engine.batch.gather`), with the reason: they are
    left out as a file that fails is, listed in the summary, Tiedostot and the
    JSON, and counted among the files.
    """
    if not files and not skipped:
        raise UnusableInput(Msg("ei koottavia työkirjoja"))
    writer = RollupWriter(out)
    try:
        collected = _roll_up(writer, files, skipped, by=by, jobs=jobs, dask=dask, progress=progress)
        writer.finish(collected.rollup)
    except BaseException:  # no file could be used, a sheet too long, the output refused
        writer.discard()
        raise
    return collected


def _roll_up(
    writer: RollupWriter,
    files: Sequence[Path],
    skipped: Sequence[tuple[Path, str]],
    *,
    by: str,
    jobs: int | None,
    dask: str | None,
    progress: Callable[[FileResult], None] | None,
) -> Collected:
    rollup = Rollup()
    entries: dict[int, dict[str, Any]] = {}
    left_out = (
        FileResult(index=index, path=str(path), file=path.name, skipped=reason)
        for index, (path, reason) in enumerate(skipped, start=len(files))
    )
    read = results(files, by=by, jobs=jobs, dask=dask) if files else iter(())
    for result in chain(read, left_out):
        writer.add(result)
        rollup.add(result)
        entries[result.index] = summary(result)
        if progress is not None and result.index < len(files):
            progress(result)
    if rollup.included == 0:
        raise UnusableInput(
            Msg(
                "yhtään työkirjaa ei voitu koota: {reasons}",
                reasons=Joined.of(
                    (f"{file}: {reason}" for file, reason in sorted(rollup.skipped)), "; "
                ),
            )
        )
    return Collected(rollup, [entries[i] for i in range(len(entries))])


def results(
    files: Sequence[Path], *, by: str, jobs: int | None, dask: str | None
) -> Iterator[FileResult]:
    """Each file's :class:`FileResult`, in the order they finish."""
    language = current_language()  # the workers' texts in the roll-up's language
    arguments = [(index, str(path), by, language) for index, path in enumerate(files)]
    if dask is not None:
        from xlsrc.distributed import map_as_completed

        for _, result in map_as_completed(
            collect_file, arguments, dask, workers=jobs, on_error=_worker_failed(files)
        ):
            yield result
        return
    workers = min(jobs or default_jobs(), len(files))
    if workers <= 1:
        for args in arguments:
            yield collect_file(*args)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(collect_file, *args): args[0] for args in arguments}
        for future in as_completed(futures):
            index = futures.pop(future)
            try:
                yield future.result()
            except Exception as error:  # the worker process itself died
                yield _worker_failed(files)(index, error)


def _worker_failed(files: Sequence[Path]) -> Callable[[int, BaseException], FileResult]:
    def failed(index: int, error: BaseException) -> FileResult:
        path = files[index]
        return FileResult(
            index=index,
            path=str(path),
            file=path.name,
            skipped=tr(
                "työprosessi kaatui: {kind}: {error}", kind=type(error).__name__, error=error
            ),
            internal=True,
        )

    return failed
