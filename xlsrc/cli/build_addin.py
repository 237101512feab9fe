"""``xlsrc build-addin``: build ``xlsrc.xlam`` from the text sources in ``macros/``.

From an installed package (``pip install xlsrc``) the sources are the copy
the wheel carries, and without pyOpenVBA the wheel's prebuilt add-in (built
from exactly those sources) is written.

The add-in is build output: the reviewed sources are ``macros/*.bas`` and
``macros/ThisWorkbook.cls`` (VBA), ``macros/customUI14.xml`` (the ribbon) and
the two modules generated from the function registry (UDF wrappers, function
wizard help).  The build refuses stale generated modules instead of shipping
functions the Python side no longer has (``--regenerate-udfs`` rewrites them
first).  Same sources, same bytes.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import N_, Num, tr
from xlsrc.io.atomic import write_atomic


@click.command(
    "build-addin",
    cls=Command,
    help=N_(
        "Rakentaa xlsrc-Excel-apuohjelman (valintanauhan välilehti ja XS_-funktiot) "
        "macros/-kansion lähteistä."
    ),
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("xlsrc.xlam"),
    show_default=True,
    metavar=N_("TIEDOSTO"),
    help=N_("Kirjoitettava apuohjelmatiedosto (korvataan atomisesti)."),
)
@click.option(
    "--macros",
    "macros_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    metavar=N_("KANSIO"),
    help=N_("VBA- ja valintanauhalähteiden kansio (oletus: tämän asennuksen macros/)."),
)
@click.option(
    "--regenerate-udfs",
    is_flag=True,
    help=N_("Kirjoita funktiorekisteristä tuotetut moduulit uudelleen ennen rakentamista."),
)
@language_option
def command(out: Path, macros_dir: Path | None, regenerate_udfs: bool) -> None:
    """Build the Excel add-in (the help text is the Finnish ``help`` above)."""
    from xlsrc.excel import vba
    from xlsrc.excel.addin import addin_bytes, default_macros_dir

    macros_dir = macros_dir or default_macros_dir()
    if out.suffix.lower() != ".xlam":
        raise UnusableInput(
            tr("--out {path}: Excel-apuohjelman tiedostonimen pääte on .xlam", path=out)
        )
    if regenerate_udfs:
        vba.write_modules(macros_dir)
    stale = vba.stale_modules(macros_dir)
    if stale:
        raise UnusableInput(
            tr(
                "{paths} ei vastaa funktiorekisteriä; aja python -m xlsrc.excel.vba --write "
                "(tai rakenna valinnalla --regenerate-udfs)",
                paths=", ".join(str(p) for p in stale),
            )
        )
    data = addin_bytes(macros_dir)
    write_atomic(out, data)
    click.echo(tr("kirjoitettu {path} ({size} tavua)", path=out, size=Num(len(data))))
