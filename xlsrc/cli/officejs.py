"""``xlsrc officejs --out DIR --base-url URL``: the Office.js add-in's files for a static host.

The same files ``xlsrc serve`` serves under ``/addin/``, written to
``DIR/addin/`` (each file atomically): a county that hosts static files on its
own web server (or SharePoint/Azure static hosting) publishes ``DIR`` at
``URL`` and gives ``URL/addin/manifest.xml`` to the Microsoft 365 admin center.
``--service-url`` names the xlsrc service the pages call when it is not the
same host (that service must then allow the pages' origin, CORS).
"""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.text import N_, ntr, tr
from xlsrc.io.atomic import write_atomic


@click.command(
    "officejs",
    cls=Command,
    help=N_(
        "Kirjoittaa Office.js-apuohjelman (manifesti, funktiot, tehtäväruutu) staattiselle "
        "palvelimelle."
    ),
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    metavar=N_("KANSIO"),
    help=N_("Kansio, johon apuohjelman tiedostot kirjoitetaan (alikansioon addin/)."),
)
@click.option(
    "--base-url",
    required=True,
    metavar="URL",
    help=N_("Julkinen osoite, josta kansio näkyy käyttäjille, esim. https://xlsrc.alue.fi"),
)
@click.option(
    "--service-url",
    default="",
    metavar="URL",
    help=N_("xlsrc-palvelun osoite, jos se ei ole sama kuin --base-url."),
)
@click.option(
    "--sso", is_flag=True, help=N_("Kirjaudu Entra ID -kertakirjautumisella (getAccessToken).")
)
@language_option
def command(out: Path, base_url: str, service_url: str, sso: bool) -> None:
    """Write the Office.js add-in (the help text is the Finnish ``help`` above)."""
    from xlsrc.officejs.bundle import addin_files
    from xlsrc.officejs.manifest import ADDIN_PATH

    files = addin_files(base_url, service_url=service_url, sso=sso)
    for name, data in files.items():
        target = out / ADDIN_PATH / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    click.echo(
        ntr("kirjoitettu {n} tiedosto kansioon {folder}",
            "kirjoitettu {n} tiedostoa kansioon {folder}", len(files), folder=out / ADDIN_PATH)
    )  # fmt: skip
    click.echo(tr("manifesti: {url}", url=f"{base_url.rstrip('/')}/{ADDIN_PATH}/manifest.xml"))
