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

from xlsrc.cli.jobs_option import JobsOption
from xlsrc.cli.language import Command, language_option
from xlsrc.cli.progress import progress_bar
from xlsrc.core.errors import SomeInputsFailed, UnusableInput
from xlsrc.core.text import N_, Num, tr
from xlsrc.io.atomic import write_atomic
from xlsrc.io.paths import check_output


@click.command(
    "collect",
    cls=Command,
    help=N_("Kokoaa yksiköiden työkirjat (POLKU: tiedostoja tai kansioita) yhteen työkirjaan."),
)
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar=N_("POLKU...")
)
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
    metavar=N_("TIEDOSTO"),
    help=N_("Kirjoitettava koontityökirja (esim. yhteenveto.xlsx)."),
)  # fmt: skip
@click.option(
    "--by", type=click.Choice(["unit", "quarter", "file"]), default="unit", show_default=True,
    help=N_(
        "Ryhmittele koonnit yksiköittäin (unit: asetus Organisaatio, muuten tiedoston nimi), "
        "neljänneksittäin (quarter: Q1-Q4 tiedoston nimessä) tai tiedostoittain (file)."
    ),
)  # fmt: skip
@click.option(
    "--json", "json_file", type=click.Path(dir_okay=False, path_type=Path),
    metavar=N_("TIEDOSTO"),
    help=N_(
        "Kirjoita tiedostokohtainen yhteenveto ja jokainen koontiluku myös JSON-muodossa "
        "tähän tiedostoon."
    ),
)  # fmt: skip
@click.option(
    "--jobs", cls=JobsOption, type=click.IntRange(min=1), default=None, metavar=N_("MÄÄRÄ"),
    help=N_(
        "Rinnakkaisia prosesseja, tai Dask-työprosesseja valinnalla --dask local (oletus: "
        "suoritinytimien määrä, tässä {cores})."
    ),
)  # fmt: skip
@click.option(
    "--dask", "dask", metavar=N_("OSOITE"),
    help=N_("Aja Dask-klusterissa: ajoittajan osoite (tcp://palvelin:8786) tai 'local'."),
)  # fmt: skip
@language_option
def command(
    paths: tuple[Path, ...],
    out: Path,
    by: str,
    json_file: Path | None,
    jobs: int | None,
    dask: str | None,
) -> None:
    """Consolidate units' workbooks (the help text is the Finnish ``help`` above)."""
    from xlsrc.consolidate.run import run_collect
    from xlsrc.engine.batch import gather

    found, left_out = gather(paths)  # as recalc finds them: an old .xls is listed, not lost
    files = [p for p in found if p.resolve() != out.resolve()]
    if not files and not left_out:
        raise UnusableInput(
            tr("työkirjoja ei löytynyt: {paths}", paths=", ".join(str(p) for p in paths))
        )
    check_output(out, files, what=tr("--out-tulos"))
    if json_file is not None:
        check_output(json_file, [*files, out], what=tr("JSON-yhteenveto (--json)"))
    skipped = [(item.path, item.reason) for item in left_out]
    with progress_bar(len(files), tr("kootaan")) as bar:
        collected = run_collect(
            files, out, by=by, jobs=jobs, dask=dask, progress=lambda _r: bar.update(1),
            skipped=skipped,
        )  # fmt: skip
    if json_file is not None:
        text = json.dumps(collected.to_dict(), ensure_ascii=False, indent=2)
        write_atomic(json_file, text.encode("utf-8"))
    rollup = collected.rollup
    click.echo(
        tr("{out}: koottu {included} / {files} tiedostoa", out=out,
           included=Num(rollup.included), files=Num(rollup.files))
    )  # fmt: skip
    for file, reason in sorted(rollup.skipped):
        click.echo(tr("OHITETTU {file}: {reason}", file=file, reason=reason), err=True)
    if rollup.skipped:
        raise SomeInputsFailed(
            tr("{skipped} / {files} tiedostoa jäi koonnista pois",
               skipped=Num(len(rollup.skipped)), files=Num(rollup.files)),
            internal=rollup.internal_errors > 0,
        )  # fmt: skip
