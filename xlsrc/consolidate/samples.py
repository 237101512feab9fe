"""Generated unit workbooks: the demo examples with other numbers, for tests and the benchmark.

Unit ``n`` gets the seed example of a family with every euro amount (input
and stated alike) multiplied by a whole factor, so its stated totals, pivots
and Muutos € still agree with its rows and its Muutos % is unchanged; a
goal-tracking workbook gets the unit's name as its "Organisaatio".
"""

from __future__ import annotations

from xlsrc.core.numbers import Number, read_number
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.fill import example_data
from xlsrc.workbooks.layouts import Setting, TableLayout, WorkbookLayout
from xlsrc.workbooks.layouts.goal_tracking import GOAL_TRACKING_SETTINGS
from xlsrc.workbooks.sheet import TableData


def factor(unit: int) -> int:
    """The whole factor unit ``unit``'s amounts are multiplied by (1..7)."""
    return 1 + unit % 7


def _scaled(table: TableLayout, cells: dict[str, object], times: int) -> dict[str, object]:
    out = dict(cells)
    for column in table.input_columns:
        if column.kind != "amount" or not isinstance(cells.get(column.key), str):
            continue
        reading = read_number(str(cells[column.key]))
        if isinstance(reading, Number):
            value = reading.value * times
            out[column.key] = int(value) if value.is_integer() else value
    return out


def unit_workbook(layout: WorkbookLayout, unit: int, name: str) -> bytes:
    """The example of ``layout`` for unit number ``unit`` called ``name``."""
    times = factor(unit)
    data = {}
    for table in layout.tables:
        example = example_data(table)
        data[table.key] = TableData(
            [_scaled(table, dict(row), times) for row in example.rows],
            _scaled(table, dict(example.total), times),
        )
    settings: tuple[Setting, ...] | None = None
    if layout.settings:
        settings = tuple(
            Setting(s.name, name, s.note) if s.name == "Organisaatio" else s
            for s in GOAL_TRACKING_SETTINGS
        )
    return build_workbook(layout, example=True, data=data, settings=settings)
