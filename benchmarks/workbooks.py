"""The benchmark workbooks: a version-2 template at any size, and the old shape.

``template_workbook(path, rows)`` is the programmes template
(``tavoiteohjelmat.xlsx``, marker ``programmes:2``) as ``xlsrc.workbooks``
builds it, with ``rows`` measures in Toimenpiteet_T3: an Excel Table whose
calculated column (Huomio) is written with structured references on every
row, and a pivot (Ohjelmat_T2) whose cells are ``XS_PIVOT_CELL`` /
``XS_PIVOT_NOTE`` over the Table's whole columns.  The stated pivot and total
are the sums of the generated rows, so validation has real work (every
equation is checked) and no findings.  The other tables keep the seed example.

The old shape (fixed ranges, SUMIFS pivots, an array formula of ``XS_BANDS``,
``XS_CHANGE_PCT`` nested in IFERROR on every row) is
``tests.engine.builders.programme_workbook``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from xlsrc.core.numbers import Number, read_number
from xlsrc.core.pivot import number_prefix
from xlsrc.core.vocab import PROGRAMME_STATUSES
from xlsrc.io.atomic import write_atomic
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.fill import example_data
from xlsrc.workbooks.layouts.programmes import PIVOT_SAVINGS, PROGRAMMES, SAVINGS_MEASURES
from xlsrc.workbooks.sheet import TableData

#: the pivot's stated total column and the grand-total row's label
_TOTAL, _TOTAL_LABEL = "total", "Kaikki yhteensä"


def _amount(text: object) -> int:
    reading = read_number(str(text))
    assert isinstance(reading, Number), text
    return int(reading.value)


def template_workbook(path: Path, rows: int) -> Path:
    """The programmes template with ``rows`` generated measures (see the module docstring)."""
    seed = example_data(SAVINGS_MEASURES).rows
    measures = []
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for i in range(rows):
        row = dict(seed[i % len(seed)])
        amount = _amount(row["target_sum"]) + 1000 * (i % 13)
        row["measure"] = f"{row['measure']} #{i + 1}"
        row["target_sum"] = amount
        measures.append(row)
        status = PROGRAMME_STATUSES.parse(row["status"])
        sums[number_prefix(row["programme"]), f"status_{status.code}"] += amount
    pivot = []
    codes = [f"status_{s.code}" for s in PROGRAMME_STATUSES.statuses]
    for line in example_data(PIVOT_SAVINGS).rows:
        key = number_prefix(line["programme"])
        cells: dict[str, object] = {"programme": line["programme"]}
        present = [sums[key, code] for code in codes if (key, code) in sums]
        for code in codes:
            cells[code] = sums.get((key, code))
        cells[_TOTAL] = sum(present) if present else None
        pivot.append(cells)
    total: dict[str, object] = {"programme": _TOTAL_LABEL}
    for code in codes:
        column = [amount for (_, status), amount in sums.items() if status == code]
        total[code] = sum(column) if column else None
    total[_TOTAL] = sum(sums.values())
    data = {
        SAVINGS_MEASURES.key: TableData(
            measures, {"programme": _TOTAL_LABEL, "target_sum": sum(sums.values())}
        ),
        PIVOT_SAVINGS.key: TableData(pivot, total),
    }
    write_atomic(path, build_workbook(PROGRAMMES, example=True, data=data))
    return path
