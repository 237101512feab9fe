"""``xlsrc publish WORKBOOK --out FILE [--pdf]``: the values-only copy for readers without xlsrc."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("publish")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Julkaistu kopio (vain arvot); lähdetyökirjaa ei muuteta.",
)
@click.option("--pdf", "make_pdf", is_flag=True, help="Tee kopiosta myös PDF LibreOfficella.")
def command(workbook: Path, out: Path, make_pdf: bool) -> None:
    """Write the published copy of WORKBOOK: every formula replaced by its value.

    Opens everywhere (LibreOffice, Excel for the web, Mac) with the same numbers,
    no #NAME?; styles, colours, tables and print setup are kept.
    """
    from xlsrc.publish import publish

    done = publish(workbook, out, pdf=make_pdf)
    click.echo(
        f"julkaistu {done.path} ({done.formulas_removed} kaavaa korvattu arvoillaan; "
        f"lähteen SHA-256 {done.source_sha256[:16]}…)"
    )
    if done.pdf is not None:
        click.echo(f"PDF: {done.pdf}")
