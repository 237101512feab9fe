"""Validation findings and the recalculation report as DataFrames.

:func:`read_findings` is ``xlsrc validate --json`` as a frame (one row per
finding, the JSON fields plus ``file``); :func:`recalc_frames` is the
``xlsrc recalc --json`` summary - from the JSON file or from
:class:`~xlsrc.engine.recalc.RecalcResult` objects - as two frames: one row per
file, and one row per error or refused cell.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Msg
from xlsrc.engine.recalc import RecalcResult
from xlsrc.validation import JSON_FIELDS, validate_workbook

FINDING_COLUMNS: tuple[str, ...] = ("file", *JSON_FIELDS)
FILE_COLUMNS: tuple[str, ...] = (
    "path",
    "output",
    "ok",
    "formulas",
    "udf_cells",
    "error_cells",
    "refused_cells",
    "validation_findings",
    "seconds",
    "problems",
)
CELL_COLUMNS: tuple[str, ...] = ("path", "cell", "kind", "value", "reason")


def read_findings(path: str | Path) -> pd.DataFrame:
    """The validation findings of the workbook at ``path`` (see :data:`FINDING_COLUMNS`)."""
    file = Path(path)
    rows = [{"file": file.name, **finding.as_json()} for finding in validate_workbook(file)]
    frame = pd.DataFrame(rows, columns=list(FINDING_COLUMNS))
    for name in ("stated", "computed"):  # numbers and texts both occur: keep them as found
        frame[name] = frame[name].astype("object")
    frame["difference"] = frame["difference"].astype("Float64")
    for name in ("file", "sheet", "cell", "rule", "severity", "message"):
        frame[name] = frame[name].astype("string")
    return frame


def recalc_frames(
    report: str | Path | Iterable[RecalcResult],
) -> dict[str, pd.DataFrame]:
    """``{"files": ..., "cells": ...}`` of a recalc report (a ``--json`` file or results)."""
    entries = _entries(report)
    files = [
        {
            "path": e["path"],
            "output": e.get("output"),
            "ok": bool(e.get("ok")),
            "formulas": int(e.get("formulas", 0)),
            "udf_cells": int(e.get("udf_cells", 0)),
            "error_cells": len(e.get("error_cells", [])),
            "refused_cells": len(e.get("refused_cells", [])),
            "validation_findings": e.get("validation_findings"),
            "seconds": float(e.get("seconds", 0.0)),
            "problems": "; ".join(e.get("problems", [])),
        }
        for e in entries
    ]
    cells = [
        {"path": e["path"], "cell": c["cell"], "kind": "error", "value": c["error"],
         "reason": c.get("reason")}
        for e in entries
        for c in e.get("error_cells", [])
    ] + [
        {"path": e["path"], "cell": c["cell"], "kind": "refused", "value": None,
         "reason": c.get("reason")}
        for e in entries
        for c in e.get("refused_cells", [])
    ]  # fmt: skip
    file_frame = pd.DataFrame(files, columns=list(FILE_COLUMNS))
    file_frame["validation_findings"] = file_frame["validation_findings"].astype("Int64")
    return {"files": file_frame, "cells": pd.DataFrame(cells, columns=list(CELL_COLUMNS))}


def _entries(report: str | Path | Iterable[RecalcResult]) -> list[Mapping[str, Any]]:
    if isinstance(report, str | Path):
        path = Path(report)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise UnusableInput(
                Msg(
                    "{path}: ei ole xlsrc recalc --json -raportti ({error})",
                    path=str(path),
                    error=str(error),
                )
            ) from error
        files = document.get("files") if isinstance(document, dict) else None
        if not isinstance(files, list):
            raise UnusableInput(
                Msg(
                    "{path}: ei ole xlsrc recalc --json -raportti (siitä puuttuu files-luettelo)",
                    path=str(path),
                )
            )
        return files
    return [result.to_dict() for result in report]
