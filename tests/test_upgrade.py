"""``xlsrc upgrade``: a version 1 workbook's rows and rules in the current template."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.edits import Table
from tests.test_validation_workbook import EXPECTED, key
from xlsrc.cli.main import cli
from xlsrc.core.a1 import parse_range
from xlsrc.core.schemes import colour_name
from xlsrc.core.text import translate, use_language
from xlsrc.reading.locate import identify
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.upgrade import UpgradeRefused, UpgradeReport, upgrade
from xlsrc.validation import validate_workbook
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import GOAL_TRACKING, RESULT_BUDGET, RULES_SHEET, WORKBOOKS
from xlsrc.workbooks.layouts.strategic_targets import TARGETS_001

V1 = Path(__file__).parent / "fixtures" / "v1"


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("upgraded")
    paths = {}
    for source in sorted((V1 / "examples").glob("*.xlsx")):
        before = source.read_bytes()
        run = CliRunner().invoke(cli, ["upgrade", str(source), "--out", str(out / source.name)])
        assert run.exit_code == 0, run.output
        assert "malliversio 1 -> 2" in run.output and "riviä siirretty" in run.output
        assert source.read_bytes() == before
        paths[source.name] = out / source.name
    return paths


def test_upgraded_examples_are_version_2_with_the_same_findings_at_their_new_cells(
    upgraded: dict[str, Path],
) -> None:
    for path in upgraded.values():
        assert identify(OpenpyxlSource.open(path)).version == 2
    found = {key(name, f) for name, path in upgraded.items() for f in validate_workbook(path)}
    assert found == EXPECTED


def test_every_row_moves_and_method_codes_become_labels(upgraded: dict[str, Path]) -> None:
    old = openpyxl.load_workbook(V1 / "examples" / "strategiset_tavoitteet.xlsx")
    top, _, last, _ = parse_range(old["Taulukko 1"].tables[TARGETS_001.name].ref)
    new = Table(openpyxl.load_workbook(upgraded["strategiset_tavoitteet.xlsx"]), TARGETS_001)
    assert len(new.rows) == last - top
    methods = {new.get("method", i) for i in range(len(new.rows))}
    assert methods <= {"Mitattu osuus", "Saavutettu tai ei"}  # v1 wrote "value"/"met"


def test_an_empty_version_1_template_upgrades_to_a_clean_workbook(tmp_path: Path) -> None:
    for layout in WORKBOOKS:
        target = tmp_path / layout.file_name
        upgrade(V1 / "templates" / layout.file_name, target)
        assert validate_workbook(target) == [], layout.file_name


def test_a_committees_band_is_kept(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(V1 / "examples" / "strategiset_tavoitteet.xlsx")
    rules = book[RULES_SHEET]
    top, _, last, _ = parse_range(rules.tables["Saanto_traffic_light"].ref)
    for row in range(top + 1, last + 1):
        if rules.cell(row, 6).value == "green":
            rules.cell(row, 2).value = 0.85
        if rules.cell(row, 6).value == "yellow":
            rules.cell(row, 4).value = 0.85
    old = tmp_path / "vanha.xlsx"
    book.save(old)
    upgrade(old, tmp_path / "uusi.xlsx")
    new = openpyxl.load_workbook(tmp_path / "uusi.xlsx")[RULES_SHEET]
    top, _, last, _ = parse_range(new.tables["Saanto_traffic_light"].ref)
    greens = [
        new.cell(r, 2).value
        for r in range(top + 1, last + 1)
        if new.cell(r, 6).value == colour_name("green")  # the colour's name, not its code
    ]
    assert greens == [0.85]


def test_a_filled_column_the_template_does_not_know_refuses_the_upgrade(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(V1 / "examples" / "tavoiteohjelmat.xlsx")
    sheet = book["Taulukko 3"]
    table = sheet.tables["Toimenpiteet_T3"]
    top, left, last, right = parse_range(table.ref)
    sheet.cell(top, right + 1, "Oma huomautus")
    sheet.cell(top + 2, right + 1, "tarkista")
    table.ref = f"A{top}:F{last}"
    table._initialise_columns()
    for column, cell in zip(table.tableColumns, sheet[top][:6], strict=False):
        column.name = str(cell.value)
    old = tmp_path / "oma.xlsx"
    book.save(old)
    before = old.read_bytes()
    with pytest.raises(UpgradeRefused, match="Oma huomautus") as raised:
        upgrade(old, tmp_path / "uusi.xlsx")
    assert "Taulukko 3!F" in str(raised.value)
    assert old.read_bytes() == before and not (tmp_path / "uusi.xlsx").exists()
    with use_language("sv"):  # a catalogue text, one cell in the singular
        assert "'Oma huomautus' i tabellen Toimenpiteet_T3 har uppgifter (1 cell, Taulukko 3!F" in (
            str(raised.value)
        )


def test_the_report_is_printed_in_the_language_asked_for() -> None:
    report = UpgradeReport(
        "vanha.xlsx", "uusi.xlsx", "programmes", 1, 2, rows={"Tabell 3": 1234, "Tabell 4": 1},
        totals=["Tabell 3"], settings=3, template="Tavoiteohjelmat",
    )  # fmt: skip
    with use_language("sv"):
        lines = report.lines()
    assert lines == [
        "vanha.xlsx -> uusi.xlsx: Tavoiteohjelmat, mallversion 1 -> 2",
        "  Tabell 3: 1\u00a0234 rader flyttade",
        "  Tabell 4: 1 rad flyttad",
        "  Tabell 3: den angivna totalraden flyttad",
        "  Regler: statusskalor och 3 inställningar flyttade",
    ]


def test_a_swedish_workbook_upgrades_into_the_swedish_template(tmp_path: Path) -> None:
    """The template's language is the workbook's, not the command line's: under the Finnish
    command line every Swedish header was refused as a column the template does not know."""
    for layout in (RESULT_BUDGET, GOAL_TRACKING):
        source = tmp_path / f"sv_{layout.file_name}"
        source.write_bytes(build_workbook(layout, example=True, language="sv"))
        target = tmp_path / layout.file_name
        upgrade(source, target)
        names = openpyxl.load_workbook(target, read_only=True).sheetnames
        assert translate(RULES_SHEET, "sv") in names and RULES_SHEET not in names
        found = [key(layout.file_name, f) for f in validate_workbook(target)]
        assert found == [key(layout.file_name, f) for f in validate_workbook(source)]
        assert found or layout is GOAL_TRACKING  # the budget seed's own errors moved along


def test_version_1_workbooks_keep_recalculating_and_getting_status_sheets(tmp_path: Path) -> None:
    """An old workbook need not be upgraded to keep working this quarter."""
    from xlsrc.engine.recalc import recalc
    from xlsrc.status_sheet.headless import generate_file

    for source in sorted((V1 / "examples").glob("*.xlsx")):
        result = recalc(source, tmp_path / source.name)
        assert result.ok and result.formulas > 0, (source.name, result.problems)
    done = generate_file(tmp_path / "tavoiteseuranta.xlsx", 3, now=None)
    assert done.sheet == "Tilanne Q3 2024"
    with pytest.raises(UpgradeRefused, match="Tilanne Q3 2024"):
        upgrade(tmp_path / "tavoiteseuranta.xlsx", tmp_path / "uusi.xlsx")
