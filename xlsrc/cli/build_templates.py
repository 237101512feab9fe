"""``xlsrc build-templates``: regenerate every template workbook from code.

The templates in ``workbook_templates/`` are build output, not hand-edited
files: this command rewrites them from :mod:`xlsrc.workbooks.layouts`, with
fixed timestamps, so a rebuild is byte-for-byte the committed file (a test
checks it) and a change to a template is a reviewable change to code.  With
``--lang sv`` (or ``en``) the templates are written in that language.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.text import N_, tr

DEFAULT_OUT = Path("workbook_templates")


@click.command(
    "build-templates",
    cls=Command,
    help=N_(
        "Kirjoittaa kaikki mallityökirjat uudelleen koodista (tyhjät taulukot, kaavat, "
        "Säännöt-välilehti), valitulla kielellä."
    ),
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    metavar=N_("KANSIO"),
    help=N_("Kansio, johon mallit kirjoitetaan (luodaan tarvittaessa)."),
)
@language_option
def command(out_dir: Path) -> None:
    """Regenerate the templates (the help text is the Finnish ``help`` above)."""
    from xlsrc.workbooks.build import write_workbooks

    for path in write_workbooks(out_dir, example=False):
        click.echo(tr("kirjoitettu {path}", path=path))
