"""``xlsrc upgrade OLD.xlsx --out NEW.xlsx``: move a workbook's data into the current template."""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.text import N_, tr


@click.command(
    "upgrade",
    cls=Command,
    help=N_(
        "Siirtää TYÖKIRJAn rivit, summat, säännöt ja asetukset nykyiseen malliin.\n\n"
        "Kieltäytyy ja nimeää solut, jos jollekin kirjoitetulle ei olisi paikkaa uudessa "
        "mallissa; kertoo, mitä siirtyi minne."
    ),
)
@click.argument(
    "workbook",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar=N_("TYÖKIRJA"),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=N_("TIEDOSTO"),
    help=N_("Uusi työkirja nykyisellä mallilla; vanhaa ei muuteta."),
)
@language_option
def command(workbook: Path, out: Path) -> None:
    """Move a workbook into the current template (the help text is the Finnish ``help``)."""
    from xlsrc.io.paths import check_output
    from xlsrc.upgrade import upgrade

    check_output(out, [workbook], what=tr("--out-tulos"))
    for line in upgrade(workbook, out).lines():
        click.echo(line)
