"""``xlsrc addin install|remove``: put ``xlsrc.xlam`` where Excel loads it, or take it out.

Like ``xlwings addin install``: the add-in is copied into Excel's user
start-up folder (see :mod:`xlsrc.excel.install`), so Excel opens it at every
start and the xlsrc tab appears.  The default add-in is the one this
installation carries (built from ``macros/``; see ``xlsrc build-addin``).
Quit Excel first: a running Excel keeps the old file open.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.cli.language import Group, language_option
from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import N_, tr
from xlsrc.excel.install import ADDIN_NAME, Platform, default_startup_dir
from xlsrc.io.atomic import write_atomic

_platform = click.option(
    "--platform",
    type=click.Choice(["windows", "mac"]),
    default=None,
    help=N_("Excelin alusta (oletus: tämä kone)."),
)
_home = click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar=N_("KANSIO"),
    help=N_("Käyttäjän kotikansio (oletus: nykyinen käyttäjä)."),
)


@click.group(
    "addin",
    cls=Group,
    help=N_("Asentaa tai poistaa xlsrc-Excel-apuohjelman (xlsrc.xlam) tälle käyttäjälle."),
)
@language_option
def command() -> None:
    """Install or remove the Excel add-in (the help text is the Finnish ``help`` above)."""


@command.command("install", help=N_("Kopioi apuohjelman Excelin käynnistyskansioon (XLSTART)."))
@click.option(
    "--file",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    metavar=N_("TIEDOSTO"),
    help=N_("Asennettava .xlam (oletus: tämän asennuksen xlsrc.xlam)."),
)
@_platform
@_home
@language_option
def install(source: Path | None, platform: Platform | None, home: Path | None) -> None:
    """Copy the add-in into Excel's start-up folder (XLSTART)."""
    from xlsrc.excel.addin import installed_addin_bytes

    if source is not None and source.suffix.lower() != ".xlam":
        raise UnusableInput(tr("{path}: Excelin apuohjelman pääte on .xlam", path=source))
    data = source.read_bytes() if source is not None else installed_addin_bytes()
    target = default_startup_dir(platform, home) / (source.name if source else ADDIN_NAME)
    write_atomic(target, data)
    click.echo(tr("asennettu {path}; käynnistä Excel uudelleen (xlsrc-välilehti)", path=target))


@command.command("remove", help=N_("Poistaa apuohjelman Excelin käynnistyskansiosta."))
@click.option(
    "--file", "name", default=ADDIN_NAME, show_default=True, metavar=N_("TIEDOSTO"),
    help=N_("Poistettava apuohjelma."),
)  # fmt: skip
@_platform
@_home
@language_option
def remove(name: str, platform: Platform | None, home: Path | None) -> None:
    """Remove the add-in from Excel's start-up folder."""
    target = default_startup_dir(platform, home) / Path(name).name
    if not target.is_file():
        raise UnusableInput(tr("{path}: apuohjelmaa ei ole asennettu", path=target))
    target.unlink()
    click.echo(tr("poistettu {path}; käynnistä Excel uudelleen", path=target))
