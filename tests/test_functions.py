"""Excel-facing functions called with cell-shaped arguments, as adapters call them."""

from __future__ import annotations

import pytest

from xlsrc.core.errors import XlError
from xlsrc.core.schemes import RULES_HEADERS, TRAFFIC_LIGHT_80_90, YEAR_END_50_90
from xlsrc.registry import Registry, invoke

REG = Registry.default()
RULES = [list(RULES_HEADERS), *TRAFFIC_LIGHT_80_90.to_rows()]
YEAR_RULES = YEAR_END_50_90.to_rows()


def call(name: str, *args: object) -> object:
    return invoke(REG.get(name), *args)


def test_band_reads_the_rules_table_with_or_without_header() -> None:
    assert call("XS_BAND", 0.883, RULES) == "Lähellä tavoitetta"
    assert call("XS_BAND", "90 %", RULES[1:]) == "Tavoitteessa"
    assert call("XS_BAND", 1.3, RULES) is XlError.NUM
    assert call("XS_BANDS", [[0.5], [None], ["0,9"]], YEAR_RULES) == [
        ["Ei toteutunut"],
        [""],
        ["Toteutui osittain"],
    ]


def test_target_status_scalar_and_range_agree() -> None:
    actuals = [[None], ["88.3%"], ["-3.4%"], ["1,0 M€"], [None]]
    targets = [["≥ 75"], ["≥ 90%"], ["≤ -5%"], ["≥ 1M€"], ["≤ 5."]]
    methods = [["ratio"], ["value"], ["met"], ["met"], ["met"]]
    column = call("XS_TARGET_STATUSES", actuals, targets, methods, RULES)
    singles = [
        [call("XS_TARGET_STATUS", a[0], t[0], m[0], RULES)]
        for a, t, m in zip(actuals, targets, methods, strict=True)
    ]
    assert (
        column
        == singles
        == [
            ["Valmistuu myöhemmin"],
            ["Lähellä tavoitetta"],
            ["Ei tavoitteessa"],
            ["Tavoitteessa"],
            ["Valmistuu myöhemmin"],
        ]
    )
    bad_method = call("XS_TARGET_STATUSES", [[1]], [["≥ 1"]], [["guess"]], RULES)
    assert bad_method == [[XlError.VALUE]]
    assert call("XS_TARGET_STATUSES", [[1], [2]], [["≥ 1"]], [["met"]], RULES) == [[XlError.VALUE]]


def test_changes_spill_two_columns_and_fail_per_cell() -> None:
    olds = [[33_114], [-512_625], [0]]
    news = [[33_114], [-536_078], [2_000]]
    lines = [["Tulot"], ["Menot"], ["Tulot"]]
    assert call("XS_CHANGES", olds, news, lines) == [
        [0.0, 0.0],
        [23_453.0, 0.046],
        [2_000.0, XlError.DIV0],
    ]
    assert call("XS_CHANGE", -795, -2_210, "Toimintakate") == -1_415
    assert call("XS_CHANGE_PCT", -795, -2_210, "Menot", 1) == pytest.approx(1.78)
    assert call("XS_CHANGE", 1, 2, "Muu rivi") is XlError.NA


def test_ratios_as_seed_003_prints_them() -> None:
    assert call("XS_RATIO_PCT", 15_575, 30_842) == 0.50  # TOT vs TA % 50 %
    assert call("XS_RATIO_PCT", -175_986, -378_568) == 0.46
    assert call("XS_RATIOS_PCT", [[2_501], [None]], [[7_197], [7_722]]) == [[0.35], [""]]
    assert call("XS_RATIO_PCT", 1, 0) is XlError.DIV0


def test_pivot_spills_with_totals_and_blank_for_no_measures() -> None:
    programmes = [["1. A"], ["1. A"], ["2. B"], [None]]
    statuses = [["2. Etenee suunnitellusti"], ["1. Aloittamatta"], ["2"], [None]]
    amounts = [[100], [-50], [0], [None]]
    grid = call("XS_PIVOT", programmes, statuses, amounts, [["1. Alpha"], ["2. Beta"]])
    assert grid == [
        [-50.0, 100.0, "", "", 50.0],
        ["", 0.0, "", "", 0.0],
        [-50.0, 100.0, "", "", 50.0],
    ]
    assert call("XS_PIVOT_CELL", "2.", "Etenee suunnitellusti", programmes, statuses, amounts) == 0
    assert call("XS_PIVOT_CELL", "2", "3. Haasteita", programmes, statuses, amounts) == ""
    unknown_status = [["9. Tuntematon"]] * 3
    assert call("XS_PIVOT", programmes[:3], unknown_status, amounts[:3]) == [[XlError.NA]]
    assert call("XS_PROGRAMME_KEY", "20 Ikääntyneiden palvelut") == "20"


def test_spare_blank_rows_stay_blank_in_range_forms() -> None:
    statuses = call(
        "XS_TARGET_STATUSES", [["88.3%"], [None]], [["≥ 90%"], [None]], [["value"], [None]], RULES
    )
    assert statuses == [["Lähellä tavoitetta"], [""]]
    changes = call("XS_CHANGES", [[100], [None]], [[110], [""]], [["Tulot"], [None]])
    assert changes == [[10.0, 0.1], ["", ""]]


def test_pivot_keeps_blank_label_rows_in_place() -> None:
    grid = call(
        "XS_PIVOT",
        [["1. A"], ["2. B"]],
        [["2"], ["3"]],
        [[10], [5]],
        [["1. A"], [None], ["2. B"], [None]],
    )
    assert grid == [
        ["", 10.0, "", "", 10.0],
        ["", "", "", "", ""],
        ["", "", 5.0, "", 5.0],
        ["", "", "", "", ""],
        ["", 10.0, 5.0, "", 15.0],
    ]
