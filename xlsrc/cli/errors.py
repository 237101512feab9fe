"""How the CLI reports errors: by type, through the one error root of xlsrc.

Commands raise :class:`~xlsrc.core.errors.XlsrcError` subclasses (or let the
library's ones through); :func:`report_error` prints the message and returns
the exit status the class carries.  Anything else is a bug in xlsrc: the user
gets one line and the path of a file with the traceback (exit status 3),
never a wall of Python.
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from xlsrc.core.errors import EXIT_INTERNAL, FindingsFound, XlsrcError
from xlsrc.core.text import tr

#: Set to show the traceback of an internal error on the terminal instead of in a file.
DEBUG_VARIABLE = "XLSRC_DEBUG"


def report_error(error: BaseException) -> int:
    """Print ``error`` for the user (stderr) and return the exit status it means."""
    if isinstance(error, XlsrcError):
        if isinstance(error, FindingsFound):
            click.echo(str(error), err=True)
        else:
            click.echo(tr("Virhe: {message}", message=error), err=True)
        return error.exit_code
    text = "".join(traceback.format_exception(error))
    if os.environ.get(DEBUG_VARIABLE):
        sys.stderr.write(text)
        where = tr("Jäljitys on yllä")
    else:
        import tempfile  # only for a bug: not paid by every start-up

        handle, path = tempfile.mkstemp(prefix="xlsrc-virhe-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        where = tr("Jäljitys on tiedostossa {path}", path=path)
    click.echo(
        tr(
            "sisäinen virhe (ohjelmavirhe xlsrcissä): {kind}: {error}\n{where}; liitä se "
            "virheilmoitukseen. ({variable}=1 näyttää sen suoraan.)",
            kind=type(error).__name__,
            error=error,
            where=where,
            variable=DEBUG_VARIABLE,
        ),
        err=True,
    )
    return EXIT_INTERNAL
