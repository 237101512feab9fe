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

from xlsrc.cli.jobs_option import JobsOption
from xlsrc.cli.language import Command
from xlsrc.cli.limit_options import limit_options, limits_from
from xlsrc.cli.progress import progress_bar
from xlsrc.core.errors import FindingsFound, SomeInputsFailed, UnusableInput
from xlsrc.core.text import N_, Num, ntr, tr
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


@click.command(
    "recalc",
    cls=Command,
    help=N_(
        "Laskee työkirjat uudelleen ilman Exceliä (POLKU: .xlsx/.xlsm-tiedostoja tai kansioita)."
    ),
)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar=N_("POLKU...")
)
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), metavar=N_("KANSIO"),
    help=N_("Kansio uudelleen lasketuille tiedostoille (samat nimet; luodaan tarvittaessa)."),
)  # fmt: skip
@click.option("--in-place", is_flag=True, help=N_("Korvaa jokainen syötetiedosto (atomisesti)."))
@click.option(
    "--jobs", cls=JobsOption, type=click.IntRange(min=1), default=None, metavar=N_("MÄÄRÄ"),
    help=N_("Rinnakkaisia prosesseja (oletus: suoritinytimien määrä, tässä {cores})."),
)  # fmt: skip
@click.option(
    "--json", "json_file", type=click.Path(dir_okay=False, path_type=Path),
    metavar=N_("TIEDOSTO"),
    help=N_("Kirjoita tiedostokohtainen yhteenveto myös JSON-muodossa tähän tiedostoon."),
)  # fmt: skip
@click.option(
    "--validate/--no-validate", default=True, show_default=True,
    help=N_("Laske tarkistuksen havainnot jokaisesta uudelleen lasketusta tiedostosta."),
)  # fmt: skip
@click.option(
    "--partial/--all-or-nothing", default=False, show_default=True,
    help=N_(
        "Kirjoita jokainen solu, joka voidaan laskea; hylätyt solut luetellaan, niiden vanha "
        "arvo poistetaan ja Excel laskee tiedoston avattaessa. Oletus: tiedostoa, jossa on "
        "hylätty solu, ei kirjoiteta lainkaan."
    ),
)  # fmt: skip
@click.option(
    "--dask", "dask", metavar=N_("OSOITE"),
    help=N_(
        "Aja Dask-klusterissa: ajoittajan osoite (tcp://palvelin:8786) tai 'local' "
        "(--jobs työprosessin LocalCluster)."
    ),
)  # fmt: skip
@click.option(
    "--force", is_flag=True,
    help=N_(
        "--in-placen kanssa: jatka, vaikka Excelin omistajatiedosto (~$nimi) kertoo "
        "työkirjan olevan auki."
    ),
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
        raise UnusableInput(tr("kerro, minne tulokset menevät: joko --out KANSIO tai --in-place"))
    files, skipped = gather(paths)
    for item in skipped:
        click.echo(tr("ohitettu {path}: {reason}", path=display(item.path), reason=item.reason),
                   err=True)  # fmt: skip
    if not files:
        raise UnusableInput(
            tr("työkirjoja ei löytynyt: {paths}", paths=", ".join(display(p) for p in paths))
        )
    if out_dir is not None:
        make_folder(out_dir)
    pairs = batch_outputs(files, out_dir, in_place)
    if json_file is not None:
        check_output(
            json_file,
            [*files, *(output for _, output in pairs)],
            what=tr("JSON-yhteenveto (--json)"),
        )
    with progress_bar(len(files), tr("lasketaan")) as bar:
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
    done, total = Num(len(results) - len(failed)), Num(len(results))
    click.echo(
        ntr("{done}/{total} tiedosto laskettu uudelleen",
            "{done}/{total} tiedostoa laskettu uudelleen", len(results), done=done, total=total)
    )  # fmt: skip
    if failed:
        raise SomeInputsFailed(
            ntr("{failed}/{total} tiedosto epäonnistui", "{failed}/{total} tiedostoa epäonnistui",
                len(results), failed=Num(len(failed)), total=total),
            internal=any(r.internal for r in failed),
        )  # fmt: skip
    incomplete = [r for r in results if r.partial]
    if incomplete:
        raise FindingsFound(
            ntr("{incomplete}/{total} tiedostossa on hylättyjä soluja",
                "{incomplete}/{total} tiedostossa on hylättyjä soluja", len(results),
                incomplete=Num(len(incomplete)), total=total)
        )  # fmt: skip


def _print(result: RecalcResult) -> None:
    if not result.ok:
        click.echo(tr("EPÄONNISTUI {path}", path=display(result.path)), err=True)
        for problem in result.problems:
            click.echo(f"  {display(problem)}", err=True)
        return
    counts = tr(
        "{formulas} kaavaa, {udfs} xlsrc-funktiosolua, {errors} virhearvoa",
        formulas=Num(result.formulas),
        udfs=Num(result.udf_cells),
        errors=Num(len(result.error_cells)),
    )
    if result.validation_findings is not None:
        counts += tr(", {findings} havaintoa", findings=Num(result.validation_findings))
    click.echo(
        tr("ok     {path} -> {output}: {counts}, {seconds}", path=display(result.path),
           output=display(result.output or ""), counts=counts, seconds=Num(result.seconds, 2, "s"))
    )  # fmt: skip
    indent = " " * 9
    if result.refused_cells:
        click.echo(indent + tr("{count} hylättyä solua (kirjoitettu ilman arvoa):",
                               count=Num(len(result.refused_cells))))  # fmt: skip
    for cell, reason in result.refused_cells[:SHOWN_ERROR_CELLS]:
        click.echo(indent + tr("{cell} hylätty: {reason}", cell=display(cell),
                               reason=display(reason)))  # fmt: skip
    if len(result.refused_cells) > SHOWN_ERROR_CELLS:
        click.echo(indent + _more(len(result.refused_cells)))
    for note in result.notes:
        click.echo(indent + tr("huomio: {note}", note=display(note)))
    for cell, error in result.error_cells[:SHOWN_ERROR_CELLS]:
        why = result.reasons.get(cell)
        click.echo(f"{indent}{display(cell)} = {error}" + (f" ({display(why)})" if why else ""))
    if len(result.error_cells) > SHOWN_ERROR_CELLS:
        click.echo(indent + _more(len(result.error_cells)))


def _more(count: int) -> str:
    return tr("... {more} lisää (katso --json)", more=Num(count - SHOWN_ERROR_CELLS))


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
            tr(
                "{path}: JSON-yhteenvetoa ei voi kirjoittaa ({reason}); työkirjat on käsitelty"
                " - anna toinen --json-polku",
                path=display(path),
                reason=error.reason if isinstance(error, OutputNotWritable) else error.strerror,
            )
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
