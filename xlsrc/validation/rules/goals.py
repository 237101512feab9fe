"""Quarterly goal cards (seed 004): a main task's progress is a share between 0 and 100 %.

The year-end 50/90 scheme bands the progress ("Tilanne") of each main task; a
value outside 0-100 % has no band (the status formula shows an error), so it is
reported at its cell.  Text there ("alle 10%") is the input rule's finding.
"""

from __future__ import annotations

from xlsrc.core.text import Msg, Num
from xlsrc.validation.model import Table
from xlsrc.validation.rules.base import Checks, direct


def task_progress(table: Table) -> Checks:
    result = Checks()
    for row in table:
        cell = row.cell("status")
        if cell is None or cell.number is None:
            continue
        if not -1e-9 <= cell.number <= 1.0 + 1e-9:
            result.findings.append(
                direct(
                    cell.at,
                    "progress_range",
                    cell.number,
                    None,
                    Msg(
                        "Päätehtävän '{text}' tilanne {number} ei ole välillä 0–100 %; tilaa ei "
                        "voi päätellä",
                        text=row.text("task"),
                        number=Num(cell.number, 0, "%"),
                    ),
                )
            )
    return result
