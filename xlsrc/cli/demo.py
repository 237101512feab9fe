"""``xlsrc demo``: the templates filled with the bundled seed data, recalculated.

This is the main job of the README: it writes one example workbook per table
family into DIR and, where the headless engine is installed, recalculates each
so every computed cell carries its cached value (any reader then shows the
numbers and status words without recalculating).  Recalculation is one call,
:func:`recalculate`; a file the engine cannot finish is reported and the other
files are still written.  ``--lang sv`` writes the Swedish workbooks (sheet
names, headers, titles, the rules sheet and the status labels), for a
bilingual county.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.errors import SomeInputsFailed
from xlsrc.core.text import N_, Num, ntr, tr

DEFAULT_OUT = Path("xlsrc-demo")


class Recalculated(NamedTuple):
    """What recalculating one file did: whether it worked, and a line about it."""

    ok: bool
    note: str


def engine_recalc() -> Callable[..., Any] | None:
    """The headless engine's ``recalc``, or None when the engine is not installed."""
    try:
        engine = importlib.import_module("xlsrc.engine")
    except ImportError:
        return None
    recalc = getattr(engine, "recalc", None)
    return recalc if callable(recalc) else None


def recalculate(paths: list[Path]) -> dict[Path, Recalculated]:
    """Recalculate ``paths`` in place with the engine; returns what happened per file.

    A file the engine refused keeps its formulas without cached values.
    Raises :class:`LookupError` when no engine is installed.
    """
    recalc = engine_recalc()
    if recalc is None:
        raise LookupError(tr("laskentamoottoria (xlsrc.engine.recalc) ei ole asennettu"))
    notes: dict[Path, Recalculated] = {}
    for path in paths:
        result = recalc(path, in_place=True)
        if not result.ok:
            notes[path] = Recalculated(False, tr("virhe: {problems}",
                                                 problems="; ".join(result.problems)))  # fmt: skip
        else:
            notes[path] = Recalculated(
                True,
                tr(
                    "{formulas} kaavaa, {udfs} xlsrc-funktiosolua, {errors} virhearvoa",
                    formulas=Num(result.formulas),
                    udfs=Num(result.udf_cells),
                    errors=Num(len(result.error_cells)),
                ),
            )
    return notes


@click.command(
    "demo",
    cls=Command,
    help=N_(
        "Kirjoittaa esimerkkityökirjat (mallit täytettyinä mukana tulevilla lähdeaineistoilla) "
        "ja laskee ne uudelleen; --lang sv kirjoittaa ruotsinkieliset työkirjat."
    ),
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    metavar=N_("KANSIO"),
    help=N_("Kansio esimerkkityökirjoille (luodaan tarvittaessa)."),
)
@language_option
def command(out_dir: Path) -> None:
    """Write the example workbooks (the help text is the Finnish ``help`` above)."""
    from xlsrc.workbooks.build import write_workbooks

    paths = write_workbooks(out_dir, example=True)
    for path in paths:
        click.echo(tr("kirjoitettu {path}", path=path))
    try:
        notes = recalculate(paths)
    except LookupError as missing:
        click.echo(tr("ei laskettu uudelleen: {why}; Excel laskee kaavat avattaessa", why=missing))
        return
    failed = [path for path, done in notes.items() if not done.ok]
    for path, done in notes.items():
        click.echo(tr("laskettu {name}: {note}", name=path.name, note=done.note),
                   err=not done.ok)  # fmt: skip
    if failed:
        raise SomeInputsFailed(
            ntr("{n} tiedosto jäi laskematta", "{n} tiedostoa jäi laskematta", len(failed))
        )
