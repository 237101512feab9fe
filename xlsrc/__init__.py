"""xlsrc: spreadsheet-native reporting engine.

The pure calculation core lives in :mod:`xlsrc.core`; Excel-facing functions in
:mod:`xlsrc.functions` (described once by :mod:`xlsrc.registry`); adapters for
xlwings, workbook files and the command line sit around them.
"""

from __future__ import annotations

__version__ = "0.1.0"
