"""``xlsrc functions``: the Excel-facing functions, from the registry."""

from __future__ import annotations

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.text import N_, translate


@click.command(
    "functions",
    cls=Command,
    help=N_("Luettelee xlsrc-laskentataulukkofunktiot (XS_) argumentteineen."),
)
@click.option("--markdown", is_flag=True, help=N_("Tulosta koko funktio-ohje Markdownina."))
@language_option
def command(markdown: bool) -> None:
    """List the worksheet functions (the help text is the Finnish ``help`` above)."""
    from xlsrc.docs import function_reference
    from xlsrc.registry import Registry

    if markdown:
        click.echo(function_reference(), nl=False)
        return
    for spec in Registry.default():
        click.echo(f"{spec.signature:60} {translate(spec.help)}")
