"""Python side of the xlsrc ribbon tab (``macros/customUI14.xml``).

Each button's VBA callback in ``macros/xlsrc_ribbon.bas`` runs
``RunPython "import xlsrc.ribbon; xlsrc.ribbon.<entry>()"``; xlwings starts
Python with the clicked-from workbook available as ``xw.Book.caller()``.
:data:`CALLBACKS` is the single table that ties a VBA callback name to its
entry point; the tests check the ``.bas`` file, the ribbon XML and a
LibreOffice run of the callbacks against it.

Entry points stay tiny: they find the book and hand it to the module that owns
the job.  Every entry point is wrapped by :func:`_command`, the one place that
shows an :class:`~xlsrc.core.errors.XlsrcError` (a bad setting, a locked
quarter, a workbook that is not a template, a missing back end) as an Excel
alert with its Finnish message; the back ends raise, they do not alert.  Any
other exception is a bug and reaches xlwings' own error report unchanged.
Back ends that live in other modules are imported lazily, by module path, so
the ribbon loads even when one of them is broken or absent, and the error
names exactly what is missing.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

import xlwings as xw

from xlsrc.core.errors import EnvironmentProblem, XlsrcError
from xlsrc.core.text import Msg, tr
from xlsrc.excel.udf_help import help_rows
from xlsrc.registry import Registry

#: Sheet the "function help" button (re)writes.
HELP_SHEET = "xlsrc functions"
ALERT_TITLE = "xlsrc"


class RibbonBackendMissing(EnvironmentProblem):
    """A button's back end (module or function) is not available in this install."""


def _command(entry: Callable[[], None]) -> Callable[[], None]:
    """``entry`` as a button runs it: an xlsrc error becomes an alert in the calling book.

    The message is the error's own (located, in the user's language); the
    alert is titled as the other ribbon alerts.  Only :class:`XlsrcError` is
    caught: anything else is a bug, and a bug must show, not pass as a message.
    """

    @functools.wraps(entry)
    def run() -> None:
        try:
            entry()
        except XlsrcError as error:
            xw.Book.caller().app.alert(str(error), title=ALERT_TITLE)

    return run


def _backend(module: str, function: str) -> Callable[..., Any]:
    try:
        found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError) as error:
        raise RibbonBackendMissing(
            Msg(
                "{function} puuttuu tästä xlsrc-asennuksesta ({error}); asenna xlsrc "
                "uudelleen tai päivitä se",
                function=f"{module}.{function}",
                error=error,
            )
        ) from error
    return found


@_command
def generate_status_sheet() -> None:
    """Button "status sheet": build the quarterly status sheet in the calling book."""
    _backend("xlsrc.status_sheet", "generate_in_excel")(xw.Book.caller())


@_command
def recalculate() -> None:
    """Button "recalculate": inside Excel, Excel's own engine calls the xlsrc UDFs."""
    xw.Book.caller().app.calculate()


@_command
def validate() -> None:
    """Button "validate": check the calling book and show the findings."""
    _backend("xlsrc.validation", "validate_in_excel")(xw.Book.caller())


def pdf_path(book_fullname: str, sheet_name: str) -> str | None:
    """``<dir>/<book stem> - <sheet>.pdf`` beside the book, or None to let xlwings choose.

    An unsaved book's ``fullname`` is only its name, and a OneDrive/SharePoint
    book's is a URL; for both, xlwings' own default (the current directory, per
    its ``Book.to_pdf`` docs) is the only place that surely exists.
    """
    folder = os.path.dirname(book_fullname)
    if not folder or "://" in book_fullname:
        return None
    return os.path.join(folder, f"{PurePath(book_fullname).stem} - {sheet_name}.pdf")


@_command
def export_pdf() -> None:
    """Button "export PDF": the active sheet (e.g. a status sheet) as a PDF beside the book."""
    book = xw.Book.caller()
    sheet = book.sheets.active
    written = book.to_pdf(pdf_path(book.fullname, sheet.name), include=sheet.name)
    book.app.alert(tr("PDF tallennettu: {path}", path=written), title=ALERT_TITLE)


@_command
def udf_help() -> None:
    """Button "function help": (re)write a sheet listing every xlsrc function."""
    book = xw.Book.caller()
    if HELP_SHEET in [s.name for s in book.sheets]:
        sheet = book.sheets[HELP_SHEET]
        sheet.clear()
    else:
        sheet = book.sheets.add(HELP_SHEET, after=book.sheets[len(book.sheets) - 1])
    rows = help_rows(Registry.default())
    sheet.range("A1").value = rows
    sheet.range((1, 1), (1, len(rows[0]))).font.bold = True
    sheet.autofit("c")
    sheet.activate()


#: VBA callback name (``onAction`` in the ribbon XML) -> Python entry point.
CALLBACKS: dict[str, Callable[[], None]] = {
    "XlsrcGenerateStatusSheet": generate_status_sheet,
    "XlsrcRecalculate": recalculate,
    "XlsrcValidate": validate,
    "XlsrcExportPdf": export_pdf,
    "XlsrcUdfHelp": udf_help,
}


def python_command(entry: Callable[[], None]) -> str:
    """The ``RunPython`` argument that runs ``entry``."""
    return f"import {__name__}; {__name__}.{entry.__name__}()"
