"""Many workbooks at once: one result per file, whatever happens to the file or its worker.

A batch is what an administrator runs over a quarter's workbooks on a server,
so one bad file must never stop it: every file gets a :class:`RecalcResult`,
including files that are missing, not workbooks, encrypted, too large, too
slow, or whose worker process is killed (see :mod:`xlsrc.engine.pool`).

Outputs are planned and checked before any file is read
(:func:`xlsrc.io.paths.batch_outputs`); an in-place update holds the workbook
lock (:mod:`xlsrc.io.locks`) from reading to replacing.  The per-file work is
one plain function of one picklable :class:`Job`, :func:`recalc_one`, so a
cluster can map it over the same jobs (``Client.map(recalc_one, jobs)``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from xlsrc.core.errors import XlsrcError
from xlsrc.core.text import N_, tr, translate
from xlsrc.cpus import default_jobs
from xlsrc.engine.pool import Pool
from xlsrc.engine.recalc import RecalcResult, ValidationHook, default_registry, recalc
from xlsrc.io.atomic import TEMP_PREFIX, TEMP_SUFFIX, remove_stale_temporaries
from xlsrc.io.locks import workbook_lock
from xlsrc.io.paths import batch_outputs, display
from xlsrc.limits import Limits

#: Extensions picked up from a folder (Excel workbooks and templates, macro-enabled or not).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
#: Spreadsheets in a folder that xlsrc cannot read: reported, never skipped silently.
OTHER_SPREADSHEETS = {
    ".xls": N_("vanha Excel 97-2003 -työkirja; tallenna se .xlsx-muodossa"),
    ".xlsb": N_("binäärimuotoinen Excel-työkirja (.xlsb); tallenna se .xlsx-muodossa"),
    ".ods": N_("OpenDocument-laskentataulukko (.ods); tallenna se .xlsx-muodossa"),
    ".fods": N_("OpenDocument-laskentataulukko (.fods); tallenna se .xlsx-muodossa"),
    ".numbers": N_("Apple Numbers -taulukko; vie se .xlsx-muodossa"),
}
NOT_A_FILE = N_("ei tavallinen tiedosto (FIFO, laite tai rikkinäinen linkki)")
#: Files at most this large are sent to a worker several at a time.
SMALL_FILE = 256 * 1024
_CHUNK_FILES = 8


class Skipped(NamedTuple):
    """A file in a folder that was not recalculated, and why (shown, and in the JSON)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Job:
    """One file to recalculate: where to, with which limits; picklable."""

    path: Path
    #: None: replace the input (in place, under the workbook lock)
    target: Path | None
    validate: ValidationHook | None = None
    limits: Limits = field(default_factory=Limits)
    #: go on although Excel's owner file says the workbook is open (in place only)
    force: bool = False
    #: write what can be computed, refused cells without a value (see xlsrc.engine.recalc)
    partial: bool = False


def recalc_one(job: Job) -> RecalcResult:
    """Recalculate one file; never raises (an engine bug becomes an "internal error" result)."""
    try:
        if job.target is None:
            with workbook_lock(job.path, force=job.force):
                return recalc(
                    job.path,
                    in_place=True,
                    validate=job.validate,
                    limits=job.limits,
                    partial=job.partial,
                )
        return recalc(
            job.path, job.target, validate=job.validate, limits=job.limits, partial=job.partial
        )
    except XlsrcError as error:  # the workbook lock: open in Excel, or busy
        return RecalcResult(path=display(job.path), problems=[str(error)])
    except Exception as error:  # an engine bug: report it, keep the batch going
        return RecalcResult(
            path=display(job.path),
            problems=[
                tr(
                    "sisäinen virhe xlsrc-laskennassa: {kind}: {error}",
                    kind=type(error).__name__,
                    error=error,
                )
            ],
            internal=True,
        )


def gather(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """Files named, plus the workbooks directly inside folders named; and what was left out.

    The one way a batch finds its files (``recalc`` and ``collect`` alike), so
    an old ``.xls`` in a folder is reported by both, never dropped silently.

    Left out and reported: other spreadsheet formats, special files with a
    workbook's name.  Left out silently: Excel's owner files (``~$...``) and
    xlsrc's own temporary files (those older than a day are removed).
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        remove_stale_temporaries(path)
        for entry in sorted(path.iterdir()):
            suffix = entry.suffix.lower()
            if entry.name.startswith("~$") or _is_temporary(entry.name):
                continue
            if suffix in OTHER_SPREADSHEETS:
                skipped.append(Skipped(entry, translate(OTHER_SPREADSHEETS[suffix])))
            elif suffix in WORKBOOK_SUFFIXES:
                if entry.is_file():
                    found.append(entry)
                elif not entry.is_dir():
                    skipped.append(Skipped(entry, translate(NOT_A_FILE)))
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, skipped


def _is_temporary(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def plan_chunks(files: Sequence[Path]) -> list[list[int]]:
    """File indexes grouped for the workers: largest first, small files several at a time.

    Largest first, so a big file does not start last and hold up the end of
    the batch; small files travel together, so a worker is not idle between
    one round trip and the next.
    """
    sizes = [_size(path) for path in files]
    order = sorted(range(len(files)), key=lambda i: -sizes[i])
    chunks: list[list[int]] = []
    small: list[int] = []
    for index in order:
        if sizes[index] > SMALL_FILE:
            chunks.append([index])
            continue
        small.append(index)
        if len(small) == _CHUNK_FILES:
            chunks.append(small)
            small = []
    if small:
        chunks.append(small)
    return chunks


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def run_batch(
    files: Sequence[Path],
    *,
    out_dir: Path | None = None,
    in_place: bool = False,
    jobs: int | None = None,
    validate: ValidationHook | None = None,
    progress: Callable[[RecalcResult], None] | None = None,
    limits: Limits | None = None,
    force: bool = False,
    tasks_per_child: int = 50,
    partial: bool = False,
    dask: str | None = None,
) -> list[RecalcResult]:
    """Recalculate ``files`` into ``out_dir`` (same names) or in place; results in input order.

    Refuses the whole batch (:class:`~xlsrc.io.paths.UnsafeOutput`) before any
    work if an output is unsafe.  ``dask`` (a scheduler address or "local")
    maps the same :func:`recalc_one` over a Dask cluster instead of the local
    worker processes (:mod:`xlsrc.distributed`).
    """
    limits = limits or Limits()
    pairs = batch_outputs(files, out_dir, in_place)
    work = [
        Job(source, None if in_place else output, validate, limits, force, partial)
        for source, output in pairs
    ]
    if not work:
        return []
    default_registry()  # built once here, so every forked worker starts with it
    pool: Pool[Job, RecalcResult] = Pool(
        work=recalc_one,
        failed=_failed,
        workers=max(1, min(jobs or default_jobs(), len(work))),
        seconds=limits.seconds,
        tasks_per_child=tasks_per_child,
    )
    results = pool.run(
        work,
        plan_chunks([job.path for job in work]),
        None if progress is None else lambda _index, result: progress(result),
    )
    return [results[i] for i in range(len(work))]


def _on_dask(
    work: list[Job],
    address: str,
    jobs: int | None,
    progress: Callable[[RecalcResult], None] | None,
) -> list[RecalcResult]:
    from xlsrc.distributed import map_as_completed

    def failed(at: int, error: BaseException) -> RecalcResult:
        return _failed(work[at], tr("Dask-työprosessi epäonnistui: {error}", error=error))

    results: dict[int, RecalcResult] = {}
    calls = [(job,) for job in work]
    for at, result in map_as_completed(recalc_one, calls, address, workers=jobs, on_error=failed):
        results[at] = result
        if progress is not None:
            progress(result)
    return [results[i] for i in range(len(work))]


def _failed(job: Job, reason: str) -> RecalcResult:
    return RecalcResult(path=display(job.path), problems=[reason])
