"""Build the template workbooks (empty) or the examples (filled with the seed data).

One code path makes both, so an example is exactly its template with rows:
:func:`build_workbook` places every table of the layout (the body size decides
the ranges the formulas cover), writes the data sheets and the rules sheet, and
returns reproducible .xlsx bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

from xlsrc.core.schemes import StatusScheme
from xlsrc.core.text import Language, current_language, text_in, translate, use_language
from xlsrc.io.atomic import write_atomic
from xlsrc.workbooks.fill import all_data
from xlsrc.workbooks.layouts import MARKER_NAME, RULES_SHEET, WORKBOOKS, Setting, WorkbookLayout
from xlsrc.workbooks.package import reproducible_bytes
from xlsrc.workbooks.rules_sheet import write_rules_sheet
from xlsrc.workbooks.sheet import TableData, write_table_sheet


def build_workbook(
    layout: WorkbookLayout,
    example: bool = False,
    data: Mapping[str, TableData] | None = None,
    settings: tuple[Setting, ...] | None = None,
    schemes: Mapping[str, StatusScheme] | None = None,
    language: Language | None = None,
) -> bytes:
    """The .xlsx bytes of ``layout``: a template, with ``example`` the seed example.

    ``data`` (rows per table key), ``settings`` and ``schemes`` replace what the
    template or the example would hold: ``xlsrc upgrade`` moves a user's rows
    and rules this way.  The workbook is written in ``language`` (the current
    language when None): sheet names, headers, labels and the formulas' words.
    """
    with use_language(language or current_language()):
        return _build(layout, example, data, settings, schemes)


def _build(
    layout: WorkbookLayout,
    example: bool,
    data: Mapping[str, TableData] | None,
    settings: tuple[Setting, ...] | None,
    schemes: Mapping[str, StatusScheme] | None,
) -> bytes:
    tables = {table.key: table for table in layout.tables}
    filled = dict(all_data(tables, example))
    filled.update(data or {})
    workbook = Workbook()
    for default in list(workbook.worksheets):
        workbook.remove(default)
    for key, table in tables.items():
        write_table_sheet(workbook.create_sheet(table.sheet_name), table, filled[key], tables)
    write_rules_sheet(
        workbook.create_sheet(translate(RULES_SHEET)),
        layout.settings if settings is None else settings,
        schemes,
    )
    workbook.defined_names[MARKER_NAME] = DefinedName(MARKER_NAME, attr_text=f'"{layout.marker}"')
    workbook.properties.title = text_in(layout.title)
    return reproducible_bytes(workbook)


def write_workbooks(
    out_dir: Path, example: bool = False, layouts: tuple[WorkbookLayout, ...] = WORKBOOKS
) -> list[Path]:
    """Write every workbook into ``out_dir`` (atomically); returns the paths written."""
    written = []
    for layout in layouts:
        path = out_dir / layout.file_name
        write_atomic(path, build_workbook(layout, example))
        written.append(path)
    return written
