"""``xlsrc recalc PATH... --out DIR | --in-place``: recalculate workbooks headlessly.

Every formula (native and xlsrc UDFs) is recomputed and stored as the cells'
cached values, so any reader shows current numbers.  Files run in parallel
worker processes; a file that cannot be recalculated is reported with its
reason while the others go on, and the exit status says whether any failed.

Before any file is read, every output is resolved and checked (none may be an
input, a symbolic link or outside ``--out``; ``--json`` included), so a
mistyped command refuses instead of overwriting a unit's workbook.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from xlsrc.cli.limit_options import limit_options, limits_from
from xlsrc.cli.progress import progress_bar
from xlsrc.core.errors import FindingsFound, SomeInputsFailed, UnusableInput
from xlsrc.cpus import default_jobs
from xlsrc.io.atomic import OutputNotWritable, write_atomic
from xlsrc.io.paths import batch_outputs, check_output, display, make_folder

if TYPE_CHECKING:  # the engine is imported when the command runs, not for --help
    from xlsrc.engine.batch import Skipped
    from xlsrc.engine.recalc import RecalcResult, ValidationHook

#: How many error cells are listed per file in the printed summary (all go to --json).
SHOWN_ERROR_CELLS = 5


def _validator(enabled: bool) -> ValidationHook | None:
    if not enabled:
        return None
    from xlsrc.validation.hook import validate_recalculated

    return validate_recalculated


@click.command("recalc")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the recalculated files (same file names; created if missing).",
)  # fmt: skip
@click.option("--in-place", is_flag=True, help="Replace each input file (atomically).")
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None,
    help=f"Parallel processes (default: the number of cores, here {default_jobs()}).",
)  # fmt: skip
@click.option(
    "--json", "json_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the per-file summary as JSON to this file.",
)  # fmt: skip
@click.option(
    "--validate/--no-validate", default=True, show_default=True,
    help="Count validation findings in each recalculated file.",
)  # fmt: skip
@click.option(
    "--partial/--all-or-nothing", default=False, show_default=True,
    help="Write every cell that can be computed; refused cells are listed, lose their "
    "old value, and Excel recalculates the file on opening. Default: a file with a "
    "refused cell is not written at all.",
)  # fmt: skip
@click.option(
    "--dask", "dask", metavar="ADDRESS",
    help="Run on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' "
    "(a LocalCluster of --jobs workers).",
)  # fmt: skip
@click.option(
    "--force", is_flag=True,
    help="With --in-place: go on although Excel's owner file (~$name) says a workbook is open.",
)  # fmt: skip
@limit_options
def command(
    paths: tuple[Path, ...],
    out_dir: Path | None,
    in_place: bool,
    jobs: int | None,
    json_file: Path | None,
    validate: bool,
    partial: bool,
    dask: str | None,
    force: bool,
    **limit_values: Any,
) -> None:
    """Recalculate workbooks (PATH: files or folders of .xlsx/.xlsm) without Excel.

    \f
    The command is the order of one run a user sees: refuse unusable choices before
    reading anything, check every output path against every input, run the batch,
    then print, write the JSON and pick the exit code.  Split apart, those steps
    would have to pass the same files, outputs and results between them.  The
    engine is imported here, not at module level, so ``xlsrc --help`` stays cheap.
    """
    from xlsrc.engine.batch import gather, run_batch

    if in_place == (out_dir is not None):
        raise UnusableInput("kerro, minne tulokset menevät: joko --out KANSIO tai --in-place")
    files, skipped = gather(paths)
    for item in skipped:
        click.echo(f"ohitettu {display(item.path)}: {item.reason}", err=True)
    if not files:
        raise UnusableInput("työkirjoja ei löytynyt: " + ", ".join(display(p) for p in paths))
    if out_dir is not None:
        make_folder(out_dir)
    pairs = batch_outputs(files, out_dir, in_place)
    if json_file is not None:
        check_output(
            json_file,
            [*files, *(output for _, output in pairs)],
            what="JSON-yhteenveto (--json)",
        )
    with progress_bar(len(files), "recalculating") as bar:
        results = run_batch(
            files,
            out_dir=out_dir,
            in_place=in_place,
            jobs=jobs,
            validate=_validator(validate),
            progress=lambda _result: bar.update(1),
            limits=limits_from(limit_values),
            force=force,
            partial=partial,
            dask=dask,
        )
    for result in results:
        _print(result)
    failed = [r for r in results if not r.ok]
    if json_file is not None:
        _write_json(json_file, results, skipped)
    click.echo(f"{len(results) - len(failed)} of {len(results)} files recalculated")
    if failed:
        internal = any("internal error" in p for r in failed for p in r.problems)
        raise SomeInputsFailed(f"{len(failed)} of {len(results)} files failed", internal=internal)
    incomplete = [r for r in results if r.partial]
    if incomplete:
        raise FindingsFound(f"{len(incomplete)} of {len(results)} files have refused cells")


def _print(result: RecalcResult) -> None:
    if not result.ok:
        click.echo(f"FAILED {display(result.path)}", err=True)
        for problem in result.problems:
            click.echo(f"  {display(problem)}", err=True)
        return
    findings = (
        "" if result.validation_findings is None else f", {result.validation_findings} findings"
    )
    click.echo(
        f"ok     {display(result.path)} -> {display(result.output or '')}: "
        f"{result.formulas} formulas, {result.udf_cells} UDF cells, "
        f"{len(result.error_cells)} error values{findings}, {result.seconds:.2f} s"
    )
    if result.refused_cells:
        click.echo(f"         {len(result.refused_cells)} refused cells (written without a value):")
    for cell, reason in result.refused_cells[:SHOWN_ERROR_CELLS]:
        click.echo(f"         {display(cell)} refused: {display(reason)}")
    if len(result.refused_cells) > SHOWN_ERROR_CELLS:
        click.echo(
            f"         ... {len(result.refused_cells) - SHOWN_ERROR_CELLS} more (see --json)"
        )
    for note in result.notes:
        click.echo(f"         note: {display(note)}")
    for cell, error in result.error_cells[:SHOWN_ERROR_CELLS]:
        why = result.reasons.get(cell)
        click.echo(f"         {display(cell)} = {error}" + (f" ({display(why)})" if why else ""))
    if len(result.error_cells) > SHOWN_ERROR_CELLS:
        click.echo(f"         ... {len(result.error_cells) - SHOWN_ERROR_CELLS} more (see --json)")


def _write_json(path: Path, results: list[RecalcResult], skipped: list[Skipped]) -> None:
    document: dict[str, Any] = {
        "files": [r.to_dict() for r in results],
        "skipped": [{"path": str(s.path), "reason": s.reason} for s in skipped],
        "recalculated": sum(1 for r in results if r.ok),
        "failed": sum(1 for r in results if not r.ok),
    }
    text = json.dumps(_printable(document), ensure_ascii=False, indent=2)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as error:
        raise UnusableInput(
            f"{display(path)}: JSON-yhteenvetoa ei voi kirjoittaa ("
            f"{error.reason if isinstance(error, OutputNotWritable) else error.strerror}); "
            "työkirjat on käsitelty - anna toinen --json-polku"
        ) from None


def _printable(value: Any) -> Any:
    """Every text in ``value`` as valid UTF-8 (file names that are not are shown escaped)."""
    if isinstance(value, str):
        return display(value)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_printable(item) for item in value]
    return value
