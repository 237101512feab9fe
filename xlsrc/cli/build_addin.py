"""``xlsrc build-addin``: build ``xlsrc.xlam`` from the text sources in ``macros/``.

The add-in is build output: the reviewed sources are ``macros/*.bas`` (VBA),
``macros/customUI14.xml`` (the ribbon) and the UDF wrapper module generated
from the registry.  The build refuses a stale wrapper module instead of
shipping functions the Python side no longer has (``--regenerate-udfs``
rewrites it first).  Same sources, same bytes.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.cli.errors import UserInputError
from xlsrc.excel import vba
from xlsrc.excel.addin import AddinSourceError, build_addin
from xlsrc.excel.atomic import write_atomically


@click.command("build-addin")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("xlsrc.xlam"),
    show_default=True, help="The add-in file to write (replaced atomically).",
)
@click.option(
    "--macros", "macros_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=vba.macros_dir(), show_default=True, help="Folder with the VBA and ribbon sources.",
)
@click.option(
    "--regenerate-udfs", is_flag=True,
    help=f"Rewrite {vba.MODULE_NAME}.bas from the function registry before building.",
)
def command(out: Path, macros_dir: Path, regenerate_udfs: bool) -> None:
    """Build the xlsrc Excel add-in (ribbon tab + XS_ functions) from macros/."""
    udf_file = macros_dir / f"{vba.MODULE_NAME}.bas"
    try:
        expected = vba.default_module_text().encode("ascii")
    except ValueError as error:
        raise UserInputError(f"the function registry cannot be exported to VBA: {error}") from error
    if regenerate_udfs:
        write_atomically(udf_file, expected)
    elif not udf_file.is_file() or udf_file.read_bytes() != expected:
        raise UserInputError(
            f"{udf_file} does not match the function registry; run "
            "python -m xlsrc.excel.vba --write (or build with --regenerate-udfs)"
        )
    if out.suffix.lower() != ".xlam":
        raise UserInputError(f"--out {out}: an Excel add-in file must end in .xlam")
    try:
        data = build_addin(macros_dir)
    except AddinSourceError as error:
        raise UserInputError(str(error)) from error
    write_atomically(out, data)
    click.echo(f"wrote {out} ({len(data)} bytes)")
