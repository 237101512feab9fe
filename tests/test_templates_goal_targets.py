"""KPI targets and the settings table of the goal-tracking workbook (004).

The targets come from the goal texts of the seed (verbatim, with their
comparator, cited by line); the status-sheet generator reads them by header
from the plain bundled example, so ``xlsrc demo`` followed by ``xlsrc
status-sheet`` gives the KPI rows statuses without any test-side edit.
Expected statuses are recomputed here with :mod:`xlsrc.core`, never hard-coded.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.edits import Table
from tests.status_sheet_support import StatusTable, fill_of, sheet
from tests.test_seed_data import seed_lines
from tests.test_status_sheet import scheme_of, shown
from xlsrc.cli.main import cli
from xlsrc.core.targets import assess, parse_target
from xlsrc.seeds import load_table
from xlsrc.workbooks.layouts import GOAL_TRACKING, RULES_SHEET, SETTINGS_HEADERS

KPIS = GOAL_TRACKING.table("kpis")
GOALS_SEED = load_table("004-goals")


def _targets() -> dict[tuple[str | None, str | None], str]:
    return {
        (row.text("goal_id"), row.text("kpi_series")): text
        for row in GOALS_SEED.rows
        if (text := row.text("target")) is not None
    }


def test_seed_targets_are_from_the_goal_text_and_parse_with_their_comparator() -> None:
    targets = _targets()
    assert set(targets) == {("G14", "NPS-indeksi"), ("G21", "lkm"), ("G21", "%")}
    lines = seed_lines(GOALS_SEED)
    for row in GOALS_SEED.rows:
        text = row.text("target")
        if text is None:
            continue
        assert row.lines_of("target") == row.lines_of("goal")  # the card's Tavoite line
        assert text in (row.text("goal") or "")
        assert all(text in lines[n - 1] for n in row.lines_of("target"))
        parsed = parse_target(text)
        assert parsed.value is not None and parsed.comparator in ("≥", ">")
    assert parse_target(targets[("G21", "%")]).value == pytest.approx(0.25)
    assert parse_target(targets[("G14", "NPS-indeksi")]).value == 60
    assert any("taken from the goal text" in c for c in GOALS_SEED.corrections)


def _demo(tmp_path: Path) -> Path:
    done = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "demo")])
    assert done.exit_code == 0, done.output
    return tmp_path / "demo" / GOAL_TRACKING.file_name


def test_example_has_target_method_columns_and_the_settings_table(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_demo(tmp_path))
    kpis = Table(book, KPIS)
    header = [kpis.sheet[f"{kpis.letter(k)}{kpis.header_row}"].value for k in ("target", "method")]
    assert header == ["Tavoitearvo", "Arviointitapa"]
    written = {
        (kpis.get("goal_id", i), kpis.get("kpi_series", i)): (
            kpis.get("target", i),
            kpis.get("method", i),
        )
        for i in range(len(kpis.rows))
    }
    assert len(written) == len(GOALS_SEED.rows)
    for key, text in _targets().items():
        assert written[key] == (text, "Toteutumisaste")  # users see labels, not codes
    assert sum(1 for t, _ in written.values() if t is None) == len(written) - len(_targets())
    assert all(m is None for t, m in written.values() if t is None)

    rules = book[RULES_SHEET]
    top = next(
        r
        for r in range(1, rules.max_row + 1)
        if tuple(rules.cell(r, c).value for c in (1, 2, 3)) == SETTINGS_HEADERS
    )
    settings = {
        rules.cell(r, 1).value: rules.cell(r, 2).value
        for r in range(top + 1, top + 2 + len(GOAL_TRACKING.settings))  # "Kieli" first
    }
    organisation = seed_lines(GOALS_SEED)[11 - 1]
    assert settings == {
        "Kieli": "suomi",
        "Organisaatio": organisation,
        "Vuosi": 2024,
        "Koontitapa": "huonoin",
        "Trendin toleranssi": 0.02,
        "Arviointitapa": "Toteutumisaste",
    }
    assert organisation == "Kanta-Hämeen hyvinvointialue"


def test_status_sheet_on_the_plain_demo_example_assesses_kpis_against_targets(
    tmp_path: Path,
) -> None:
    source = _demo(tmp_path)
    out = tmp_path / "q3.xlsx"
    done = CliRunner().invoke(
        cli, ["status-sheet", str(source), "--quarter", "Q3", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output  # no --year: the settings table gives it
    ws = sheet(out, "Tilanne Q3 2024")
    assert ws.cell(2, 3).value == "Kanta-Hämeen hyvinvointialue"
    table = StatusTable(ws)
    scheme = scheme_of(out)
    targets = _targets()
    for key, seed_key in (("G14", ("G14", "NPS-indeksi")), ("G21.1", ("G21", "lkm"))):
        row = table.rows[key]
        bands = []
        for q in (1, 2, 3):
            actual = ws.cell(row, table.quarter_value[q]).value
            assessed = assess(actual, targets[seed_key], "ratio", scheme)
            assert assessed.band is not None, key
            symbol = ws.cell(row, table.quarter_value[q] + 1)
            assert (symbol.value, fill_of(symbol)) == (
                assessed.band.symbol,
                assessed.band.colour,
            ), (key, q)
            bands.append(assessed.band)
        assert table.status(key) == shown(bands[-1]), key
    # not vacuous: the two KPI rows land in different bands on the example
    assert table.status("G14") != table.status("G21.1")
    # "NA" in every quarter: pending, never coloured as a band
    pending = table.status("G21.2")
    assert pending[1] not in {band.colour for band in scheme.bands}
