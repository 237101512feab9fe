"""``xlsrc functions``: the Excel-facing functions, from the registry."""

from __future__ import annotations

import click


@click.command("functions")
@click.option("--markdown", is_flag=True, help="Print the full reference as Markdown.")
def command(markdown: bool) -> None:
    """List the xlsrc worksheet functions (UDFs) with their arguments."""
    from xlsrc.docs import function_reference
    from xlsrc.registry import Registry

    if markdown:
        click.echo(function_reference(), nl=False)
        return
    for spec in Registry.default():
        click.echo(f"{spec.signature:60} {spec.help}")
