"""Headless recalculation: native Excel formulas and xlsrc UDFs, without Excel.

``recalc(path, output)`` recalculates one workbook and writes the computed
values into it as cached values; ``evaluate(path)`` does the same in memory;
:mod:`xlsrc.engine.batch` runs many files in parallel for ``xlsrc recalc``.
"""

from __future__ import annotations

from xlsrc.engine.recalc import Evaluated, RecalcResult, ValidationHook, evaluate, recalc

__all__ = ["Evaluated", "RecalcResult", "ValidationHook", "evaluate", "recalc"]
