"""``xlsrc collect PATH... --out yhteenveto.xlsx``: many units' workbooks rolled up into one.

Reads every programmes, result-budget and goal-tracking workbook named (or in
the folders named), in parallel processes or on a Dask cluster (``--dask``),
and writes the consolidated workbook (see :mod:`xlsrc.consolidate`).  Files
that cannot be consolidated are listed with their reasons; the rest are
rolled up.  Exit status: 0 everything consolidated, 2 some files left out (3
if xlsrc itself failed on one).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from xlsrc.cli.progress import progress_bar
from xlsrc.core.errors import SomeInputsFailed, UnusableInput
from xlsrc.cpus import default_jobs
from xlsrc.io.atomic import write_atomic


@click.command("collect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The consolidated workbook to write (e.g. yhteenveto.xlsx).",
)  # fmt: skip
@click.option(
    "--by", type=click.Choice(["unit", "quarter", "file"]), default="unit", show_default=True,
    help="Group the roll-ups by unit (setting Organisaatio, else the file name), by quarter "
    "(Q1-Q4 in the file name) or by file.",
)  # fmt: skip
@click.option(
    "--json", "json_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the per-file summary and every roll-up number as JSON to this file.",
)  # fmt: skip
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None,
    help=f"Parallel processes, or Dask workers with --dask local (default: {default_jobs()}).",
)  # fmt: skip
@click.option(
    "--dask", "dask", metavar="ADDRESS",
    help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'.",
)  # fmt: skip
def command(
    paths: tuple[Path, ...],
    out: Path,
    by: str,
    json_file: Path | None,
    jobs: int | None,
    dask: str | None,
) -> None:
    """Consolidate units' workbooks (PATH: files or folders) into one workbook."""
    from xlsrc.consolidate.run import run_collect
    from xlsrc.engine.batch import collect as find_workbooks

    files = [p for p in find_workbooks(paths) if p.resolve() != out.resolve()]
    if not files:
        raise UnusableInput("työkirjoja ei löytynyt: " + ", ".join(str(p) for p in paths))
    with progress_bar(len(files), "kootaan") as bar:
        collected = run_collect(
            files, out, by=by, jobs=jobs, dask=dask, progress=lambda _r: bar.update(1)
        )
    if json_file is not None:
        text = json.dumps(collected.to_dict(), ensure_ascii=False, indent=2)
        write_atomic(json_file, text.encode("utf-8"))
    rollup = collected.rollup
    click.echo(f"{out}: koottu {rollup.included} / {rollup.files} tiedostoa")
    for file, reason in sorted(rollup.skipped):
        click.echo(f"OHITETTU {file}: {reason}", err=True)
    if rollup.skipped:
        raise SomeInputsFailed(
            f"{len(rollup.skipped)} / {rollup.files} tiedostoa jäi koonnista pois",
            internal=rollup.internal_errors > 0,
        )
