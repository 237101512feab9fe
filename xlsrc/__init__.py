"""xlsrc: spreadsheet-native reporting engine.

The pure calculation core lives in :mod:`xlsrc.core`; Excel-facing functions in
:mod:`xlsrc.functions` (described once by :mod:`xlsrc.registry`); adapters for
xlwings, workbook files and the command line sit around them.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # xlsrc.recalc(path, ...) without importing the engine until it is used
    if name == "recalc":
        from xlsrc.engine import recalc

        return recalc
    raise AttributeError(f"module 'xlsrc' has no attribute {name!r}")
