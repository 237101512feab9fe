"""The status sheet on the bundled 004 example, read back cell by cell with openpyxl.

Expectations are computed here from the workbook's own rules sheet and task
table (located through the template layout, not through the generator's
reader), so a changed rule changes the expectation too; no colour is
hard-coded.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from statistics import mean

import openpyxl
import pytest

from tests.edits import Table
from tests.status_sheet_support import (
    SEED_TARGETS,
    StatusTable,
    add_settings,
    add_targets,
    both,
    edited,
    example,
    fill_of,
    sheet,
    task_only_example,
    write,
)
from xlsrc.core.a1 import parse_range
from xlsrc.core.numbers import Number, read_number
from xlsrc.core.schemes import Band, StatusScheme, colour_name
from xlsrc.core.targets import NOT_ASSESSABLE_LABEL
from xlsrc.core.vocab import TASK_STATES
from xlsrc.status_sheet.grid import NOT_ASSESSABLE_FILL, NOT_ASSESSABLE_SYMBOL
from xlsrc.status_sheet.headless import generate_file
from xlsrc.workbooks.layouts import GOAL_TRACKING, RULES_SHEET, rules_block

NOW = datetime(2025, 3, 25, 14, 2)
TASKS = GOAL_TRACKING.table("tasks")


def scheme_of(path: Path) -> StatusScheme:
    """The scheme the workbook's task-status formulas use, read from its rules sheet."""
    block = rules_block(TASKS.column("status_calc").rules or "")
    ws = openpyxl.load_workbook(path)[RULES_SHEET]
    top, left, last, right = parse_range(ws.tables[block.name].ref)
    rows = [[ws.cell(r, c).value for c in range(left, right + 1)] for r in range(top + 1, last + 1)]
    return StatusScheme.from_rows(rows)


def task_progress(path: Path) -> dict[str, list[object]]:
    tasks = Table(openpyxl.load_workbook(path), TASKS)
    found: dict[str, list[object]] = {}
    for index in range(len(tasks.rows)):
        if tasks.get("goal_id", index):
            found.setdefault(str(tasks.get("goal_id", index)), []).append(
                tasks.get("progress", index)
            )
    return found


def share(value: object) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    reading = read_number(value)  # type: ignore[arg-type]
    return reading.value if isinstance(reading, Number) and reading.unit == "%" else None


def expected_band(progress: list[object], scheme: StatusScheme) -> Band | None:
    """The band of the mean progress share; None when no task has a share (not assessable)."""
    shares = [s for s in map(share, progress) if s is not None]
    return scheme.classify(mean(shares)) if shares else None


def judged(scheme: StatusScheme, actual: float, level: float) -> Band:
    """The band of a KPI at ``actual`` against "≥ level": the share of the level, banded,
    except that a KPI that misses its level is never in the top band (issue 9, item 8)."""
    band = scheme.classify(min(actual / level, 1.0))
    if actual < level and band == scheme.bands[-1]:
        return scheme.bands[-2]
    return band


def shown(band: Band | None) -> tuple[str, str]:
    if band is None:
        return f"{NOT_ASSESSABLE_SYMBOL} {NOT_ASSESSABLE_LABEL}", NOT_ASSESSABLE_FILL
    return f"{band.symbol} {band.label_fi}", band.colour


@pytest.fixture
def q3(tmp_path: Path) -> Path:
    """Q3 of the example without KPI targets and settings: statuses come from the tasks."""
    path = write(tmp_path, task_only_example())
    result = generate_file(path, 3, year=2024, now=NOW)
    assert result.sheet == "Tilanne Q3 2024"
    return path


def test_goal_statuses_follow_the_rules_sheet_through_the_tasks(q3: Path) -> None:
    scheme, progress = scheme_of(q3), task_progress(q3)
    table = StatusTable(sheet(q3, "Tilanne Q3 2024"))
    assert len(table.rows) == 25  # one row per goal/KPI: 22 goals, G02 x3 and G21 x2
    for key in table.rows:
        goal = key.split(".")[0]
        assert table.status(key) == shown(expected_band(progress[goal], scheme)), key
    # not vacuous on the example: two bands and the not-assessable case occur
    colours = {table.status(k)[1] for k in table.rows}
    assert len(colours & {b.colour for b in scheme.bands}) >= 2
    assert NOT_ASSESSABLE_FILL in colours


def test_task_summaries_count_states_by_the_rule_on_the_first_row_of_each_goal(q3: Path) -> None:
    scheme, progress = scheme_of(q3), task_progress(q3)
    table = StatusTable(sheet(q3, "Tilanne Q3 2024"))
    for key in table.rows:
        goal, _, series = key.partition(".")
        counts = table.task_counts(key)
        if series not in ("", "1"):
            assert counts == (None, None, None, None), key
            continue
        shares = [share(v) for v in progress[goal]]
        keys = [scheme.classify(s).key for s in shares if s is not None]
        assert counts == (
            keys.count("green"),
            keys.count("yellow"),
            keys.count("red"),
            shares.count(None),
        ), key
    words = [TASK_STATES.by_colour(c).label_fi for c in ("green", "yellow", "red")]
    legend = " ".join(str(c.value) for row in table.ws.iter_rows() for c in row if c.value)
    assert all(word in legend for word in words), "the task rule is printed"


def test_theme_and_organisation_roll_ups_are_worst_of_by_default(q3: Path) -> None:
    ws = sheet(q3, "Tilanne Q3 2024")
    table = StatusTable(ws)
    scheme = scheme_of(q3)
    rank = {b.colour: i for i, b in enumerate(scheme.bands)}
    themes: dict[str, list[str]] = {}
    current = ""
    for row in range(table.header + 2, max(table.roll_ups.values()) + 1):
        label = ws.cell(row, 2).value
        if row in table.roll_ups.values():
            current = str(label)
        elif row in table.rows.values():
            themes.setdefault(current, []).append(str(ws.cell(row, 1).value))
    assert set(themes) == {
        "Autamme sopivalle polulle",
        "Onnistumme toisiimme luottaen",
        "Osaamme ennakoida",
        "Järjestämme vaikuttavat palvelut",
    }
    bands = {b.colour: b for b in scheme.bands}
    for theme, keys in themes.items():
        assessed = [table.status(k)[1] for k in keys if table.status(k)[1] in rank]
        worst = min(assessed, key=lambda c: rank[c])
        cell = ws.cell(table.roll_ups[theme], table.status_column)
        assert (cell.value, fill_of(cell)) == shown(bands[worst]), theme
    assessed = [table.status(k)[1] for k in table.rows if table.status(k)[1] in rank]
    assert len(assessed) < len(table.rows)  # G20 has no task share: left out, not guessed
    everything = min(assessed, key=lambda c: rank[c])
    org = ws.cell(table.roll_ups["Koko organisaatio"], table.status_column)
    assert (org.value, fill_of(org)) == shown(bands[everything])
    header = [ws.cell(r, 1).value for r in range(1, table.header)]
    method_row = header.index("Koontitapa") + 1
    assert str(ws.cell(method_row, 3).value).startswith("huonoin")
    assert "oletus" in str(ws.cell(method_row, 3).value)  # nobody chose it: said so


def test_changing_the_rules_sheet_changes_the_statuses(tmp_path: Path) -> None:
    def lower_green(workbook: openpyxl.Workbook) -> None:
        block = rules_block("year_end")
        ws = workbook[RULES_SHEET]
        top, _, last, _ = parse_range(ws.tables[block.name].ref)
        for row in range(top + 1, last + 1):
            key = ws.cell(row, block.headers.index("Väri") + 1).value
            lower = block.headers.index("Alaraja") + 1
            upper = block.headers.index("Yläraja") + 1
            if key == colour_name("green"):
                ws.cell(row, lower).value = 0.75
            if key == colour_name("yellow"):
                ws.cell(row, upper).value = 0.75

    path = write(tmp_path, edited(task_only_example(), lower_green))
    generate_file(path, 3, year=2024, now=NOW)
    scheme, progress = scheme_of(path), task_progress(path)
    assert scheme.classify(0.8).key == "green"
    table = StatusTable(sheet(path, "Tilanne Q3 2024"))
    for key in table.rows:
        assert table.status(key) == shown(expected_band(progress[key.split(".")[0]], scheme))
    assert table.status("G04")[1] == scheme.band("green").colour  # mean 80 %: green now


def test_header_sheet_name_protection_and_checksum(q3: Path) -> None:
    ws = sheet(q3, "Tilanne Q3 2024")
    labels = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(2, 10)}
    assert labels["Vuosineljännes"].startswith("Q3 2024")
    assert labels["Luotu"] == "25.03.2025 klo 14.02"
    assert len(labels["Syötteiden tarkiste (SHA-256)"]) == 64
    assert ws.protection.sheet is True
    assert "Tilanne Q3 2024" in ws.title


def test_with_targets_quarters_have_statuses_trends_and_charts(tmp_path: Path) -> None:
    path = write(tmp_path, edited(example(), both(add_targets(), add_settings())))
    result = generate_file(path, 3, now=NOW)  # year from the settings table
    assert result.sheet == "Tilanne Q3 2024"
    scheme = scheme_of(path)
    ws = sheet(path, "Tilanne Q3 2024")
    table = StatusTable(ws)
    row = table.rows["G07"]
    values = {q: ws.cell(row, table.quarter_value[q]).value for q in (1, 2, 3, 4)}
    assert values == {1: 0.46, 2: 0.47, 3: 0.54, 4: None}  # Q4 is not due in a Q3 sheet
    for q in (1, 2, 3):
        band = judged(scheme, values[q], 0.5)
        symbol = ws.cell(row, table.quarter_value[q] + 1)
        assert (symbol.value, fill_of(symbol)) == (band.symbol, band.colour)
    trend = ws.cell(row, table.columns["Trendi Q2→Q3"]).value
    assert trend == "↗ parempi"  # 47 % -> 54 % against "≥ 50 %"
    # G20: 87 % against "≥ 96 %": the ratio 0.906 would be green, but the level is missed
    assert table.status("G20") == shown(judged(scheme, 0.87, 0.96))
    assert table.status("G20") != shown(scheme.bands[-1])
    assert ws.cell(2, 3).value == "Kanta-Hämeen hyvinvointialue"
    # one native line chart per KPI row with numbers up to Q3
    kpi_rows = [k for k in ("G07", "G14", "G20", "G21.1")]
    assert len(ws._charts) == len(kpi_rows)
    assert {s for s in SEED_TARGETS.values()} >= {ws.cell(table.rows[k], 4).value for k in kpi_rows}


def test_pending_kpi_rows_are_never_green(tmp_path: Path) -> None:
    targets = {**SEED_TARGETS, ("G02", "Ratkaisu % sairaanhoitaja-chat"): "> 50 %"}
    path = write(tmp_path, edited(example(), add_targets(targets)))
    generate_file(path, 3, year=2024, now=NOW)
    ws = sheet(path, "Tilanne Q3 2024")
    table = StatusTable(ws)
    green = scheme_of(path).band("green").colour
    for key in ("G02.3", "G21.2"):  # no Q3 value / "NA" in every quarter
        text, fill = table.status(key)
        assert text == "○ Valmistuu myöhemmin" and fill != green
        notes = ws.cell(table.rows[key], table.columns["Peruste ja huomiot"]).value
        assert "Q3" in notes
        for q in (1, 2, 3):
            cell = ws.cell(table.rows[key], table.quarter_value[q] + 1)
            assert cell.value == "○" and fill_of(cell) != green


def test_roll_up_method_is_configurable_on_the_rules_sheet(tmp_path: Path) -> None:
    settings = {"Vuosi": 2024, "Koontitapa": "keskiarvo"}
    path = write(tmp_path, edited(example(), add_settings(settings)))
    generate_file(path, 3, now=NOW)
    ws = sheet(path, "Tilanne Q3 2024")
    table = StatusTable(ws)
    scheme, progress = scheme_of(path), task_progress(path)
    scores = [
        mean(shares)
        for k in table.rows
        if (shares := [s for s in map(share, progress[k.split(".")[0]]) if s is not None])
    ]
    org = ws.cell(table.roll_ups["Koko organisaatio"], table.status_column)
    assert (org.value, fill_of(org)) == shown(scheme.classify(mean(scores)))
    header = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(2, 10)}
    assert str(header["Koontitapa"]).startswith("keskiarvo")
    assert "oletus" not in str(header["Koontitapa"])
