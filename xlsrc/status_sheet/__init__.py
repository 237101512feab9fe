"""The quarterly status sheet (issue 5): one sheet per quarter, built from the
workbook's own goal, KPI, task and rules tables, locked once written.

* :mod:`~xlsrc.status_sheet.model`, :mod:`~xlsrc.status_sheet.assess`,
  :mod:`~xlsrc.status_sheet.builder` — pure: inputs, decisions, sheet description;
* :mod:`~xlsrc.status_sheet.headless` — ``generate_file`` and
  ``check_locked_quarters(workbook_path)`` (openpyxl + zip patch, no Excel);
* :mod:`~xlsrc.status_sheet.excel` — ``generate(book, quarter=None)`` inside Excel
  (xlwings), the ribbon's entry point (also exported as ``generate_in_excel``).
"""

from __future__ import annotations

from typing import Any


def generate_in_excel(book: Any, quarter: int | None = None) -> str:
    """Ribbon entry point: :func:`xlsrc.status_sheet.excel.generate`; the new sheet's name.

    A reason the sheet cannot be made (a locked quarter, a missing table, a
    bad method or roll-up setting, a refused protection) is an
    :class:`~xlsrc.core.errors.XlsrcError`; the ribbon's one handler
    (:func:`xlsrc.ribbon._command`) shows it in an Excel alert, as it does
    for every button.
    """
    from xlsrc.status_sheet.excel import generate

    return generate(book, quarter)


def check_locked_quarters(workbook_path: Any) -> list[Any]:
    """:func:`xlsrc.status_sheet.headless.check_locked_quarters` (imported late: openpyxl)."""
    from xlsrc.status_sheet.headless import check_locked_quarters as check

    return check(workbook_path)
