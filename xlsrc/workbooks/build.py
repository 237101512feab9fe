"""Build the template workbooks (empty) or the examples (filled with the seed data).

One code path makes both, so an example is exactly its template with rows:
:func:`build_workbook` places every table of the layout (the body size decides
the ranges the formulas cover), writes the data sheets and the rules sheet, and
returns reproducible .xlsx bytes.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from xlsrc.io.atomic import write_atomic
from xlsrc.workbooks.fill import all_data
from xlsrc.workbooks.formulas import Placement
from xlsrc.workbooks.layouts import RULES_SHEET, WORKBOOKS, WorkbookLayout
from xlsrc.workbooks.package import reproducible_bytes
from xlsrc.workbooks.rules_sheet import write_rules_sheet
from xlsrc.workbooks.sheet import write_table_sheet


def build_workbook(layout: WorkbookLayout, example: bool = False) -> bytes:
    """The .xlsx bytes of ``layout``: a template, or with ``example`` the seed example."""
    tables = {table.key: table for table in layout.tables}
    data = all_data(tables, example)
    placements = {key: Placement(tables[key], len(data[key].rows)) for key in tables}
    workbook = Workbook()
    workbook.remove(workbook.active)
    for key, table in tables.items():
        sheet = workbook.create_sheet(table.sheet)
        write_table_sheet(sheet, placements[key], data[key], placements)
    write_rules_sheet(workbook.create_sheet(RULES_SHEET), layout.settings)
    workbook.properties.title = layout.title
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
