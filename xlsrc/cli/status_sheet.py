"""``xlsrc status-sheet``: the quarterly status sheet of a goal-tracking workbook, headless."""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.cli.language import Command, language_option
from xlsrc.core.text import N_, tr


@click.command(
    "status-sheet",
    cls=Command,
    help=N_(
        'Lisää TYÖKIRJAan tilannekatsauksen välilehden "Tilanne Qn VVVV".\n\n'
        "Aiempien neljännesten välilehdet on lukittu: niitä ei koskaan kirjoiteta uudelleen "
        "(tavu tavulta samat), ja jos niiden syötteet ovat sittemmin muuttuneet, komento "
        "kertoo sen. Ilman --out-valintaa työkirja päivitetään lukon alla, joten samaan aikaan "
        "käynnissä oleva uudelleenlaskenta odottaa eikä menetä arvojaan. Välilehti tehdään "
        "työkirjan kielellä (Säännöt-välilehden asetus Kieli)."
    ),
)
@click.argument(
    "workbook",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar=N_("TYÖKIRJA"),
)
@click.option(
    "--quarter",
    "-q",
    required=True,
    metavar="Q1..Q4",
    help=N_("Vuosineljännes, jolle tilannekatsaus tehdään (Q1, Q2, Q3 tai Q4)."),
)
@click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    default=None,
    metavar=N_("VUOSI"),
    help=N_("Vuosi, jos työkirja ei kerro sitä (asetus 'Vuosi' tai otsikko 'Q1 2024')."),
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar=N_("TIEDOSTO"),
    help=N_("Kirjoita tulos tähän tiedostoon; oletus: päivitä työkirja (atomisesti)."),
)
@click.option(
    "--force",
    is_flag=True,
    help=N_(
        "Luo jo lukittu neljännes uudelleen (korvaa välilehden); käsittele työkirja, "
        "vaikka Excelin omistajatiedosto (~$nimi) kertoo sen olevan auki."
    ),
)
@click.option(
    "--pdf",
    "make_pdf",
    is_flag=True,
    help=N_("Tee välilehdestä myös PDF LibreOfficella (tiedoston viereen)."),
)
@language_option
def command(
    workbook: Path, quarter: str, year: int | None, out: Path | None, force: bool, make_pdf: bool
) -> None:
    """Add the quarter's status sheet (the help text is the Finnish ``help`` above)."""
    from xlsrc.io.locks import workbook_lock
    from xlsrc.io.paths import check_output
    from xlsrc.ooxml.check import check_package
    from xlsrc.status_sheet.headless import check_locked_quarters, generate_file
    from xlsrc.status_sheet.model import parse_quarter

    chosen = parse_quarter(quarter)
    if out is not None:
        check_output(out, [workbook], what=tr("--out-tulos"), replaces=None)
        check_package(workbook)
        result = generate_file(workbook, chosen, year, out, force, year_option="--year")
    else:  # read, change and replace the workbook: one writer at a time
        with workbook_lock(workbook, force=force):
            check_package(workbook)
            result = generate_file(workbook, chosen, year, out, force, year_option="--year")
    shown = {"path": result.path, "sheet": result.sheet, "checksum": result.checksum[:16]}
    if result.replaced:
        click.echo(tr("{path}: välilehti '{sheet}' korvattu (syötteiden tarkiste {checksum}…)",
                      **shown))  # fmt: skip
    else:
        click.echo(tr("{path}: välilehti '{sheet}' lisätty (syötteiden tarkiste {checksum}…)",
                      **shown))  # fmt: skip
    for finding in check_locked_quarters(result.path):
        if finding.sheet != result.sheet:
            click.echo(
                tr("VAROITUS {where}: {message}", where=f"{finding.sheet}!{finding.cell}",
                   message=finding.message),
                err=True,
            )  # fmt: skip
    if make_pdf:
        from xlsrc.status_sheet.pdf import export_headless, pdf_path_for

        pdf = check_output(pdf_path_for(result.path, result.sheet), [workbook], what="PDF")
        written = export_headless(result.standalone, pdf)
        click.echo(tr("PDF: {path}", path=written))
