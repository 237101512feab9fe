"""``xlsrc upgrade OLD.xlsx --out NEW.xlsx``: move a workbook's data into the current template."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("upgrade")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Uusi työkirja nykyisellä mallilla; vanhaa ei muuteta.",
)
def command(workbook: Path, out: Path) -> None:
    """Move WORKBOOK's rows, totals, rules and settings into the current template.

    Refuses, naming the cells, when something typed would have no place in the new
    template; prints what moved where.
    """
    from xlsrc.upgrade import upgrade

    for line in upgrade(workbook, out).lines():
        click.echo(line)
