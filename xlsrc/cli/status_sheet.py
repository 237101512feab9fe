"""``xlsrc status-sheet``: the quarterly status sheet of a goal-tracking workbook, headless."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("status-sheet")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--quarter",
    "-q",
    required=True,
    metavar="Q1..Q4",
    help="Vuosineljännes, jolle tilannekatsaus tehdään (Q1, Q2, Q3 tai Q4).",
)
@click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    default=None,
    help="Vuosi, jos työkirja ei kerro sitä (asetus 'Vuosi' tai otsikko 'Q1 2024').",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Kirjoita tulos tähän tiedostoon; oletus: päivitä työkirja (atomisesti).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Luo jo lukittu neljännes uudelleen (korvaa välilehden); käsittele työkirja, "
    "vaikka Excelin omistajatiedosto (~$nimi) kertoo sen olevan auki.",
)
@click.option(
    "--pdf",
    "make_pdf",
    is_flag=True,
    help="Tee välilehdestä myös PDF LibreOfficella (tiedoston viereen).",
)
def command(
    workbook: Path, quarter: str, year: int | None, out: Path | None, force: bool, make_pdf: bool
) -> None:
    """Add the status sheet "Tilanne Qn YYYY" to WORKBOOK.

    Earlier quarters' sheets are locked: they are never rewritten (byte for
    byte), and if their inputs have changed since, this command says so.
    Without --out the workbook is updated under a lock, so a recalculation
    running at the same time waits instead of losing its values.
    """
    from xlsrc.io.locks import workbook_lock
    from xlsrc.io.paths import check_output
    from xlsrc.ooxml.check import check_package
    from xlsrc.status_sheet.headless import check_locked_quarters, generate_file
    from xlsrc.status_sheet.model import parse_quarter

    chosen = parse_quarter(quarter)
    if out is not None:
        check_output(out, [workbook], what="--out-tulos", replaces=None)
        check_package(workbook)
        result = generate_file(workbook, chosen, year, out, force)
    else:  # read, change and replace the workbook: one writer at a time
        with workbook_lock(workbook, force=force):
            check_package(workbook)
            result = generate_file(workbook, chosen, year, out, force)
    verb = "korvattu" if result.replaced else "lisätty"
    click.echo(
        f"{result.path}: välilehti '{result.sheet}' {verb} "
        f"(syötteiden tarkiste {result.checksum[:16]}…)"
    )
    for finding in check_locked_quarters(result.path):
        if finding.sheet != result.sheet:
            click.echo(f"VAROITUS {finding.sheet}!{finding.cell}: {finding.message}", err=True)
    if make_pdf:
        from xlsrc.status_sheet.pdf import export_headless, pdf_path_for

        pdf = check_output(pdf_path_for(result.path, result.sheet), [workbook], what="PDF")
        written = export_headless(result.standalone, pdf)
        click.echo(f"PDF: {written}")
