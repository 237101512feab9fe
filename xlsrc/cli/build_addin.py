"""``xlsrc build-addin``: build ``xlsrc.xlam`` from the text sources in ``macros/``.

From an installed package (``pip install xlsrc``) the sources are the copy
the wheel carries, and without pyOpenVBA the wheel's prebuilt add-in (built
from exactly those sources) is written.

The add-in is build output: the reviewed sources are ``macros/*.bas`` and
``macros/ThisWorkbook.cls`` (VBA), ``macros/customUI14.xml`` (the ribbon) and
the two modules generated from the function registry (UDF wrappers, function
wizard help).  The build refuses stale generated modules instead of shipping
functions the Python side no longer has (``--regenerate-udfs`` rewrites them
first).  Same sources, same bytes.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlsrc.core.errors import UnusableInput
from xlsrc.io.atomic import write_atomic


@click.command("build-addin")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("xlsrc.xlam"),
    show_default=True,
    help="The add-in file to write (replaced atomically).",
)
@click.option(
    "--macros",
    "macros_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder with the VBA and ribbon sources (default: macros/ of this installation).",
)
@click.option(
    "--regenerate-udfs",
    is_flag=True,
    help="Rewrite the modules generated from the function registry before building.",
)
def command(out: Path, macros_dir: Path | None, regenerate_udfs: bool) -> None:
    """Build the xlsrc Excel add-in (ribbon tab + XS_ functions) from macros/."""
    from xlsrc.excel import vba
    from xlsrc.excel.addin import addin_bytes, default_macros_dir

    macros_dir = macros_dir or default_macros_dir()
    if out.suffix.lower() != ".xlam":
        raise UnusableInput(f"--out {out}: an Excel add-in file must end in .xlam")
    if regenerate_udfs:
        vba.write_modules(macros_dir)
    stale = vba.stale_modules(macros_dir)
    if stale:
        raise UnusableInput(
            f"{', '.join(str(p) for p in stale)} does not match the function registry; run "
            "python -m xlsrc.excel.vba --write (or build with --regenerate-udfs)"
        )
    data = addin_bytes(macros_dir)
    write_atomic(out, data)
    click.echo(f"wrote {out} ({len(data)} bytes)")
