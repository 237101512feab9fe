"""Validation rules on the bundled seed tables: the exact findings, and rules that can fail.

Every expected finding below was worked out by hand from the seed texts
(../shared/seeds/002_*.txt lines 66-334, 003_*.txt lines 77-89); the
arithmetic is in the comment beside it.  Cells are ``column@line`` of the
seed file; amounts are thousands of euros.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from xlsrc.seeds import load_table
from xlsrc.validation.findings import CellFinding
from xlsrc.validation.model import Cell, Location, Row, Table
from xlsrc.validation.rules import validate_tables
from xlsrc.validation.seed_tables import located, seed_tables

# (sheet, cell, rule, severity, stated, computed)
EXPECTED = {
    # 002 Taulukko 3, Ltk TAE: Tilikauden tulos -1 846 900 but -1 901 000 + -16 000 = -1 917 000
    ("002-T3", "ltk_tae@97", "result_identity", "error", -1_846_900.0, -1_917_000.0),
    # 002 Taulukko 5, PERHE- JA SOSIAALIPALVELUT Toimintakate TB2024: 33 114 - 536 078 =
    # -502 964; the services also sum to -502 964 and Taulukko 3 TA 2024 needs it (3 checks)
    (
        "002-T5",
        "tb2024@118",
        "margin_identity+area_sum+cross_table",
        "error",
        -518_358.0,
        -502_964.0,
    ),
    # Suun terveydenhuolto Toimintakate TB2024: 15 000 - 73 019 = -58 019, printed -59 034;
    # the area TERVEYS- JA PÄIHDEPALVELUT only adds up (to 1) with -58 019
    ("002-T5", "tb2024@168", "margin_identity+area_sum", "error", -59_034.0, -58_019.0),
    # PELASTUSLAITOS Menot TB2024 -71 624; its services: -300 -5 052 -26 080 -2 000 -36 192
    ("002-T5", "tb2024@197", "area_sum", "error", -71_624.0, -69_624.0),
    # ... and its Toimintakate: -300 - 4 607 - 25 680 + 0 - 15 099 = -45 686 (2 000 again)
    ("002-T5", "tb2024@198", "area_sum", "error", -47_686.0, -45_686.0),
    # TERVEYS- JA PÄIHDEPALVELUT: services add up to one more than the area (rounding)
    ("002-T5", "tb2023@145", "area_sum", "note", -357_412.0, -357_413.0),
    ("002-T5", "tb2024@145", "area_sum", "note", -376_208.0, -376_209.0),
    ("002-T5", "tb2023@146", "area_sum", "note", -332_062.0, -332_063.0),
    ("002-T5", "tb2024@146", "area_sum", "note", -350_858.0, -350_859.0),
    # TERVEYS- JA PÄIHDEPALVELUT Menot Muutos €: -357 412 - (-376 208) = 18 796, printed 18 731
    ("002-T5", "change_eur@145", "change_eur", "error", 18_731.0, 18_796.0),
    ("002-T5", "change_eur@146", "change_eur", "error", -18_731.0, -18_796.0),
    # Pelastuslaitoksen yhteiset Menot 0 -> -300: cost growth +300, printed -300 (sign)
    ("002-T5", "change_eur@202", "change_eur", "error", -300.0, 300.0),
    # ... a per cent on a zero base is undefined, yet "0 %" is printed (202, 203, 213)
    ("002-T5", "change_pct@202", "change_pct_undefined", "error", 0.0, None),
    ("002-T5", "change_pct@203", "change_pct_undefined", "error", 0.0, None),
    ("002-T5", "change_pct@213", "change_pct_undefined", "error", 0.0, None),
    # Pelastuskoulu Menot: 1 013 / 987 = 102,63 % -> 102,6 %, printed 102,5 % (one digit)
    ("002-T5", "change_pct@214", "change_pct", "note", 1.025, 1.026),
    # 002 Taulukko 6, Sote "Vuotuinen vuokravastuiden muutos" 2025 printed 3 576: the
    # subtotal (4 143 - 576 = 3 567), the combined plan (3 681 - 114 = 3 567) and the row
    # total (66 192 - 62 624 = 3 568) all point to 3 567: two digits transposed
    ("002-T6", "y2025@279", "subtotal_sum+row_total+block_sum", "error", 3_576.0, 3_567.0),
    # rounding in the Yhteensä column of the plans
    ("002-T6", "total@274", "row_total", "note", 66_768.0, 66_767.0),
    ("002-T6", "total@279", "row_total", "note", 66_192.0, 66_191.0),
    ("002-T6", "total@312", "block_sum", "note", 72_072.0, 72_073.0),
    ("002-T6", "total@317", "block_sum", "note", 71_431.0, 71_432.0),
    # 003: sub-lines, margin and KEHYS difference off by one thousand (rounding)
    ("003-budget", "ta2023@83", "subtotal_sum", "note", -378_568.0, -378_567.0),
    ("003-budget", "enn2023@78", "subtotal_sum", "note", 32_701.0, 32_700.0),
    ("003-budget", "enn2023@83", "subtotal_sum", "note", -371_217.0, -371_218.0),
    ("003-budget", "tae2024@78", "subtotal_sum", "note", 31_738.0, 31_737.0),
    ("003-budget", "tae2024@89", "margin_identity", "note", -336_926.0, -336_925.0),
    # Toimintatuotot KEHYS diff 935: 31 738 - 30 802 = 936, and its lines sum to 936
    ("003-budget", "kehys24_vs_tae24@78", "subtotal_sum", "note", 935.0, 936.0),
    ("003-budget", "kehys24_vs_tae24@79", "frame_difference", "note", 24.0, 23.0),
    ("003-budget", "kehys24_vs_tae24@87", "frame_difference", "note", 105.0, 106.0),
    ("003-budget", "kehys24_vs_tae24@88", "frame_difference", "note", -403.0, -404.0),
    # 004 main tasks: text where the progress per cent belongs
    ("004-tasks", "status@353", "not_a_number", "error", "+/-0 / htv2", None),
    ("004-tasks", "status@354", "not_a_number", "error", "alle 10%", None),
}


def _key(f: CellFinding) -> tuple[object, ...]:
    return (f.sheet, f.cell, f.rule, f.severity, f.stated, f.computed)


@pytest.fixture(scope="module")
def findings() -> list[CellFinding]:
    return validate_tables(seed_tables())


def test_exact_findings_on_the_seed_tables(findings: list[CellFinding]) -> None:
    assert {_key(f) for f in findings} == EXPECTED
    assert len(findings) == len(EXPECTED)  # one finding per cell and cause


def test_every_finding_has_a_finnish_message_with_the_numbers(
    findings: list[CellFinding],
) -> None:
    by_cell = {(f.sheet, f.cell): f for f in findings}
    perhe = by_cell[("002-T5", "tb2024@118")]
    # Finnish number formats: U+2212 minus, no-break-space thousands
    assert "\u2212518\u00a0358" in perhe.message and "\u2212502\u00a0964" in perhe.message
    assert perhe.difference == -15_394.0
    assert "etumerkki" in by_cell[("002-T5", "change_eur@202")].message
    assert "kaksi numeroa vaihtanut paikkaa" in by_cell[("002-T6", "y2025@279")].message
    assert "vertailuarvo TB 2023 on 0" in by_cell[("002-T5", "change_pct@213")].message
    assert by_cell[("002-T5", "change_pct@214")].difference == pytest.approx(-0.001)
    assert all(f.message and f.severity in ("note", "error") for f in findings)


def test_consistent_tables_have_no_findings(findings: list[CellFinding]) -> None:
    """001 pivots equal their detail, 002 Taulukot 1, 2, 4 and 8 add up."""
    quiet = {
        "001-T1",
        "001-T2",
        "001-T3",
        "001-T4",
        "001-T5",
        "002-T1",
        "002-T2",
        "002-T4",
        "002-T8",
    }
    assert not [f for f in findings if f.sheet in quiet]


# --- the rules can fail: one changed cell, one finding ------------------------------


def _with(table: Table, cell: str, raw: str | None) -> Table:
    """``table`` with the cell ``key@line`` set to ``raw`` (None: blank)."""
    key, line = cell.split("@")
    rows = []
    for row in table.rows:
        if row.at.cell == f"@{line}":
            cells = {**row.cells, key: Cell.of(Location(table.sheet, cell), raw)}
            row = replace(row, cells=MappingProxyType(cells))
        rows.append(row)
    return replace(table, rows=tuple(rows))


def _run(*changes: tuple[str, str, str | None]) -> set[tuple[object, ...]]:
    tables = {t.family: t for t in seed_tables()}
    for family, cell, raw in changes:
        tables[family] = _with(tables[family], cell, raw)
    return {_key(f) for f in validate_tables(tables.values())} - EXPECTED


def test_a_pivot_cell_that_is_not_the_sum_of_its_measures() -> None:
    # 001 Taulukko 2, 1. Digiohjelma, 2. Etenee: measures 20 000 + 800 000 - 770 000 - 200 000
    assert _run(("001-T2", "status_2@16", "-160 000")) == {
        ("001-T2", "status_2@16", "pivot_cell", "error", -160_000.0, -150_000.0)
    }


def test_empty_and_zero_are_different_in_a_pivot() -> None:
    # programme 4 "2. Etenee" sums to 0 over its measures: printed 0, never empty
    assert _run(("001-T2", "status_2@19", None)) == {
        ("001-T2", "status_2@19", "pivot_cell", "error", None, 0.0)
    }
    # programme 5 has no "3. Haasteita" measures: the cell must stay empty
    assert _run(("001-T2", "status_3@20", "0")) == {
        ("001-T2", "status_3@20", "pivot_empty", "error", 0.0, None)
    }


def test_readiness_must_match_done_and_not_started() -> None:
    assert _run(("001-T3", "readiness@54", "90 %")) == {
        ("001-T3", "readiness@54", "readiness_status", "error", 0.9, 1.0)
    }
    assert _run(("001-T5", "readiness@97", "5 %")) == {
        ("001-T5", "readiness@97", "readiness_status", "error", 0.05, 0.0)
    }


def test_unknown_status_word_is_reported_once_at_its_cell() -> None:
    # the measure (-1 000 000) may belong to any status column of its programme, so the
    # pivot's status cells it could change are not judged: one finding, at the word
    assert _run(("001-T3", "status@54", "Valmis ehkä")) == {
        ("001-T3", "status@54", "unknown_status", "error", "Valmis ehkä", None)
    }


def test_a_measure_under_a_programme_the_pivot_does_not_have() -> None:
    found = _run(("001-T3", "programme@64", "7. Uusi ohjelma"))
    assert ("001-T3", "programme@64", "programme_number", "error", "7. Uusi ohjelma", None) in found
    found = _run(("001-T5", "division@97", "Terveyspalvelut"))
    assert ("001-T5", "division@97", "programme_number", "error", "Terveyspalvelut", None) in found


def test_a_measure_listed_twice_under_its_programme() -> None:
    tables = {t.family: t for t in seed_tables()}
    detail = tables["001-T3"]
    copy = detail.rows[1]
    moved = Row(
        Location("001-T3", "@99"),
        MappingProxyType(
            {k: Cell.of(Location("001-T3", f"{k}@99"), c.raw) for k, c in copy.cells.items()}
        ),
    )
    tables["001-T3"] = replace(detail, rows=(*detail.rows[:-1], moved, detail.rows[-1]))
    found = {_key(f) for f in validate_tables(tables.values())} - EXPECTED
    assert (
        "001-T3",
        "measure@99",
        "duplicate_measure",
        "error",
        "Digitaalinen palvelualusta (ta24)",
        None,
    ) in found
    # the copy also breaks the pivot and the "Kaikki yhteensä" of the detail; every Digiohjelma
    # measure fits the broken sums equally well, so no single measure is blamed
    assert ("001-T3", "target_sum@65", "list_total", "error", -10_000_000.0, -9_200_000.0) in found
    assert ("001-T2", "status_2@16", "pivot_cell", "error", -150_000.0, 650_000.0) in found
    assert not any(f[0] == "001-T3" and f[1].startswith("target_sum@2") for f in found)


def test_statement_identities_find_a_changed_margin() -> None:
    # 002 Taulukko 2 Vuosikate 2024 = -2 691 055 + 2 699 551 + 3 004 = 11 500
    found = _run(("002-T2", "ta2024@81", "11 600"))
    assert (
        "002-T2",
        "ta2024@81",
        "annual_margin+result_identity",
        "error",
        11_600.0,
        11_500.0,
    ) in found
    # Taulukko 1 against 2: TA24 Toimintatulot 200 100 in both
    found = _run(("002-T1", "ta2024@69", "200 700"))
    assert any(f[1] == "ta2024@69" and f[3] == "error" for f in found)


def test_a_change_that_follows_from_a_wrong_margin_is_not_reported_twice() -> None:
    """Line 118: -23 453 follows from the right Toimintakate, so only TB2024 is reported."""
    cells = {(s, c) for s, c, *_ in EXPECTED}
    assert ("002-T5", "change_eur@118") not in cells
    assert ("002-T5", "change_pct@118") not in cells


def test_staff_total() -> None:
    assert _run(("002-T8", "y2024@415", "15 732")) == {
        ("002-T8", "y2024@415", "list_total", "error", 15_732.0, 15_731.0)
    }


def test_task_progress_outside_0_100() -> None:
    assert _run(("004-tasks", "status@856", "120 %")) == {
        ("004-tasks", "status@856", "progress_range", "error", 1.2, None)
    }


def test_ratio_columns_of_003() -> None:
    # Maksutuotot TOT vs TA: 9 990 / 17 024 = 58,7 % -> 59 %
    assert _run(("003-budget", "tot_vs_ta_pct@80", "57 %")) == {
        ("003-budget", "tot_vs_ta_pct@80", "ratio_pct", "error", 0.57, 0.59)
    }


def test_seed_locations_name_the_seed_line() -> None:
    table = located(load_table("002-T5"))
    row = next(r for r in table if r.at.cell == "@118")
    cell = row.cell("tb2024")
    assert cell is not None and cell.at == Location("002-T5", "tb2024@118")
    assert cell.number == -518_358.0


def test_a_dash_where_a_per_cent_has_no_meaning_is_accepted() -> None:
    # Pelastuskoulu Tulot 0 -> 2 000: "-" instead of the printed "0 %" is the right form
    tables = {t.family: t for t in seed_tables()}
    tables["002-T5"] = _with(tables["002-T5"], "change_pct@213", "-")
    found = {_key(f) for f in validate_tables(tables.values())}
    assert found == EXPECTED - {
        ("002-T5", "change_pct@213", "change_pct_undefined", "error", 0.0, None)
    }
