"""A level a goal states in its own words is its KPI's target (issue 9, item 8).

On the plain 004 example (no explicit targets for these goals), the Q4 status sheet judges
G07 ("ensihoidon kiireettömistä potilaista 50 % hoituu ...") against "≥ 50 %" and G20
("vasteajat toteutuvat 96 %:sti") against "≥ 96 %"; neither misses-its-level KPI is ever
"Toteutui".  Goals that state a level but have no KPI values stay assessed through their
tasks, and show the level as their target.  Expectations are computed here from the values
and the rules sheet's scheme, cell by cell.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.status_sheet_support import StatusTable, example, fill_of, sheet, write
from tests.test_status_sheet import judged, scheme_of, shown
from xlsrc.core.targets import stated_level
from xlsrc.seeds import load_table
from xlsrc.status_sheet.headless import generate_file

NOW = datetime(2025, 1, 20, 9, 0)
FROM_TEXT = "(tavoitteen tekstistä)"


@pytest.fixture(scope="module")
def q4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write(tmp_path_factory.mktemp("q4"), example())
    assert generate_file(path, 4, now=NOW).sheet == "Tilanne Q4 2024"
    return path


def _goal_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for row in load_table("004-goals").rows:
        texts.setdefault(str(row.cells.get("goal_id")), str(row.cells.get("goal") or ""))
    return texts


@pytest.mark.parametrize(
    ("goal", "values", "level"),
    [("G07", (0.46, 0.47, 0.54, 0.41), 0.50), ("G20", (0.71, 0.73, 0.87, 0.83), 0.96)],
)
def test_a_kpi_is_judged_against_the_level_its_goal_states(
    q4: Path, goal: str, values: tuple[float, ...], level: float
) -> None:
    scheme = scheme_of(q4)
    ws = sheet(q4, "Tilanne Q4 2024")
    table = StatusTable(ws)
    row = table.rows[goal]
    assert ws.cell(row, 4).value == f"≥ {level * 100:g} % {FROM_TEXT}"
    for quarter, actual in enumerate(values, start=1):
        assert ws.cell(row, table.quarter_value[quarter]).value == pytest.approx(actual)
        band = judged(scheme, actual, level)
        symbol = ws.cell(row, table.quarter_value[quarter] + 1)
        assert (symbol.value, fill_of(symbol)) == (band.symbol, band.colour), (goal, quarter)
    current = judged(scheme, values[3], level)
    assert table.status(goal) == shown(current)
    assert values[3] < level and "Toteutui" != current.label_fi  # missed its level: not green
    for quarter, actual in enumerate(values, start=1):
        symbol = ws.cell(row, table.quarter_value[quarter] + 1).value
        assert actual >= level or symbol != scheme.bands[-1].symbol, (goal, quarter)


def test_goals_with_a_level_but_no_values_show_it_and_keep_their_task_basis(q4: Path) -> None:
    ws = sheet(q4, "Tilanne Q4 2024")
    table = StatusTable(ws)
    shown_levels = {
        key: ws.cell(row, 4).value
        for key, row in table.rows.items()
        if FROM_TEXT in str(ws.cell(row, 4).value)
    }
    expected = {
        goal: f"{level.text} {FROM_TEXT}"
        for goal, text in _goal_texts().items()
        if (level := stated_level(text)) is not None and goal in table.rows
    }
    # G14 states its level too, but its KPI row has an explicit target, which wins
    assert shown_levels == {k: v for k, v in expected.items() if k != "G14"}
    for goal in shown_levels:
        if goal in ("G07", "G20"):
            continue
        notes = str(ws.cell(table.rows[goal], table.columns["Peruste ja huomiot"]).value)
        assert "päätehtäv" in notes.lower(), goal  # assessed through its tasks
        assert "ei tavoitearvoa" not in notes.lower(), goal  # it has one: shown beside
