"""``xlsrc publish WORKBOOK --out FILE [--pdf]``: the values-only copy for readers without xlsrc."""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.errors import FindingsFound
from xlsrc.core.text import N_, Num, ntr, tr


@click.command(
    "publish",
    cls=Command,
    help=N_(
        "Kirjoittaa TYÖKIRJAn julkaistun kopion: jokainen kaava korvattu arvollaan.\n\n"
        "Aukeaa kaikkialla (LibreOffice, Excel verkossa, Mac) samoin luvuin, ilman #NAME?-"
        "virheitä; tyylit, värit, taulukot ja tulostusasetukset säilyvät."
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
    help=N_("Julkaistu kopio (vain arvot); lähdetyökirjaa ei muuteta."),
)
@click.option("--pdf", "make_pdf", is_flag=True, help=N_("Tee kopiosta myös PDF LibreOfficella."))
@language_option
def command(workbook: Path, out: Path, make_pdf: bool) -> None:
    """Write the published copy (the help text is the Finnish ``help`` above)."""
    from xlsrc.io.paths import check_output
    from xlsrc.publish import publish

    check_output(out, [workbook], what=tr("--out-tulos"))
    done = publish(workbook, out, pdf=make_pdf)
    click.echo(
        tr(
            "julkaistu {path} ({count} kaavaa korvattu arvoillaan; lähteen SHA-256 {sha}…)",
            path=done.path,
            count=Num(done.formulas_removed),
            sha=done.source_sha256[:16],
        )
    )
    if done.pdf is not None:
        click.echo(tr("PDF: {path}", path=done.pdf))
    if done.error_values:
        shown = ", ".join(f"{cell} {error}" for cell, error in done.error_values[:5])
        more = "…" if len(done.error_values) > 5 else ""
        click.echo(
            ntr("varoitus: kopiossa on {count} virhearvo: {cells}",
                "varoitus: kopiossa on {count} virhearvoa: {cells}",
                len(done.error_values), count=Num(len(done.error_values)), cells=shown + more),
            err=True,
        )  # fmt: skip
    if done.validation_errors:
        raise FindingsFound(
            ntr("{path}: julkaistu, mutta tarkistus löysi {count} virheen; xlsrc validate "
                "{source} näyttää sen",
                "{path}: julkaistu, mutta tarkistus löysi {count} virhettä; xlsrc validate "
                "{source} näyttää ne",
                done.validation_errors, path=done.path, count=Num(done.validation_errors),
                source=workbook)
        )  # fmt: skip
