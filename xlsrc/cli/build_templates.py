"""``xlsrc build-templates``: regenerate every template workbook from code.

The templates in ``workbook_templates/`` are build output, not hand-edited
files: this command rewrites them from :mod:`xlsrc.workbooks.layouts`, with
fixed timestamps, so a rebuild is byte-for-byte the committed file (a test
checks it) and a change to a template is a reviewable change to code.
"""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_OUT = Path("workbook_templates")


@click.command("build-templates")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder to write the templates into (created if missing).",
)
def command(out_dir: Path) -> None:
    """Regenerate every template workbook (empty tables, formulas, rules sheet)."""
    from xlsrc.workbooks.build import write_workbooks

    for path in write_workbooks(out_dir, example=False):
        click.echo(f"kirjoitettu {path}")
