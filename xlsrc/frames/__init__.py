"""The DataFrame API: template workbooks, their findings and recalc reports as pandas frames.

``xlsrc.read_tables(path)``, ``xlsrc.read_findings(path)`` and
``xlsrc.recalc_frames(report)`` import this package (and pandas) on first use,
so the command line stays quick to start.
"""

from __future__ import annotations

from xlsrc.frames.reports import read_findings, recalc_frames
from xlsrc.frames.tables import (
    PROBLEM_COLUMNS,
    SOURCE_COLUMNS,
    TOTAL_SUFFIX,
    TableFrames,
    read_tables,
    tables_of,
)

__all__ = [
    "PROBLEM_COLUMNS",
    "SOURCE_COLUMNS",
    "TOTAL_SUFFIX",
    "TableFrames",
    "read_findings",
    "read_tables",
    "recalc_frames",
    "tables_of",
]
