"""The validation ``xlsrc recalc`` runs on every workbook it writes.

The hook gets the workbook as written, over the values the recalculation has
just computed (:class:`xlsrc.engine.source.PackageSource`): nothing is read
back from the file.  Whether the workbook is a template at all is decided
first, from its template marker or Table names alone (no cell is read), so a
workbook that is no template costs next to nothing and the validation rules
are imported only for templates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xlsrc.reading.locate import identify
from xlsrc.reading.source import WorkbookSource

if TYPE_CHECKING:
    from xlsrc.validation.findings import CellFinding


def validate_recalculated(source: WorkbookSource) -> list[CellFinding]:
    """Every finding of ``source``; :class:`~xlsrc.reading.locate.NotATemplate` if it is none."""
    identify(source)
    from xlsrc.validation.workbook import validate_source

    return validate_source(source)
