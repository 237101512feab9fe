"""``xlsrc demo``: the templates filled with the bundled seed data, recalculated.

This is the main job of the README: it writes one example workbook per table
family into DIR and, where the headless engine is installed, recalculates each
so every computed cell carries its cached value (any reader then shows the
numbers and status words without recalculating).  Recalculation is one call,
:func:`recalculate`; a file the engine cannot finish is reported and the other
files are still written.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from xlsrc.core.errors import SomeInputsFailed

DEFAULT_OUT = Path("xlsrc-demo")


def engine_recalc() -> Callable[..., Any] | None:
    """The headless engine's ``recalc``, or None when the engine is not installed."""
    try:
        engine = importlib.import_module("xlsrc.engine")
    except ImportError:
        return None
    recalc = getattr(engine, "recalc", None)
    return recalc if callable(recalc) else None


def recalculate(paths: list[Path]) -> dict[Path, str]:
    """Recalculate ``paths`` in place with the engine; returns a note per file.

    A note starts with "virhe" when the engine refused the file (the file then
    keeps its formulas without cached values).  Raises :class:`LookupError`
    when no engine is installed.
    """
    recalc = engine_recalc()
    if recalc is None:
        raise LookupError("headless engine (xlsrc.engine.recalc) is not installed")
    notes: dict[Path, str] = {}
    for path in paths:
        result = recalc(path, in_place=True)
        if not result.ok:
            notes[path] = "virhe: " + "; ".join(result.problems)
        else:
            notes[path] = (
                f"{result.formulas} kaavaa, {result.udf_cells} xlsrc-funktiosolua, "
                f"{len(result.error_cells)} virhearvoa"
            )
    return notes


@click.command("demo")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the example workbooks (created if missing).",
)
def command(out_dir: Path) -> None:
    """Write the example workbooks (templates filled with the bundled seed data)."""
    from xlsrc.workbooks.build import write_workbooks

    paths = write_workbooks(out_dir, example=True)
    for path in paths:
        click.echo(f"kirjoitettu {path}")
    try:
        notes = recalculate(paths)
    except LookupError as missing:
        click.echo(f"ei laskettu uudelleen: {missing}; Excel laskee kaavat avattaessa")
        return
    failed = [path for path, note in notes.items() if note.startswith("virhe")]
    for path, note in notes.items():
        click.echo(f"laskettu {path.name}: {note}", err=path in failed)
    if failed:
        raise SomeInputsFailed(f"{len(failed)} tiedostoa jäi laskematta")
