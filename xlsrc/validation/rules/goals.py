"""Quarterly goal cards (seed 004): a main task's progress is a share between 0 and 100 %.

The year-end 50/90 scheme bands the progress ("Tilanne") of each main task; a
value outside 0-100 % has no band (the status formula shows an error), so it is
reported at its cell.  Text there ("alle 10%") is the input rule's finding.
"""

from __future__ import annotations

from xlsrc.core.numbers import format_fi
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
                    f"Päätehtävän '{row.text('task')}' tilanne {format_fi(cell.number, 0, '%')} "
                    "ei ole välillä 0–100 %; tilaa ei voi päätellä",
                )
            )
    return result
