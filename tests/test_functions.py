"""Excel-facing functions called with cell-shaped arguments, as adapters call them."""

from __future__ import annotations

import pytest

from xlsrc.core.errors import XlError
from xlsrc.core.schemes import RULES_HEADERS, TRAFFIC_LIGHT_80_90, YEAR_END_50_90
from xlsrc.core.text import use_language
from xlsrc.docs import function_reference
from xlsrc.registry import Registry, invoke, invoke_explained

REG = Registry.default()
RULES = [list(RULES_HEADERS), *TRAFFIC_LIGHT_80_90.to_rows()]
YEAR_RULES = YEAR_END_50_90.to_rows()


def call(name: str, *args: object) -> object:
    return invoke(REG.get(name), *args)


def test_band_reads_the_rules_table_with_or_without_header() -> None:
    assert call("XS_BAND", 0.883, RULES) == "Lähellä tavoitetta"
    assert call("XS_BAND", 0.9, RULES[1:]) == "Tavoitteessa"
    assert call("XS_BAND", 1.3, RULES) is XlError.NUM
    assert call("XS_BAND", None, RULES) == ""  # an unused row stays blank
    assert call("XS_BANDS", [[0.5], [None], [0.9]], YEAR_RULES) == [
        ["Ei toteutunut"],
        [""],
        ["Toteutui osittain"],
    ]


def test_a_number_typed_as_text_is_refused_as_excels_sum_skips_it() -> None:
    """One reading of number cells everywhere (core.numbers.read_cell): SUM skips text,
    so a function that read "90 %" or "1 234,5" as a number would give a second total."""
    assert call("XS_BAND", "90 %", RULES) is XlError.VALUE
    assert call("XS_CHANGE", "1 234,5", 100, "Tulot") is XlError.VALUE
    assert call("XS_CHANGE", "-", 100, "Tulot") == 100.0  # "-" is nil, as SUM skipping it
    assert call("XS_TARGET_STATUS", "88,3 %", "≥ 90%", "value", RULES) is XlError.VALUE
    assert call("XS_TARGET_STATUS", "Valmistuu myöhemmin", "≥ 90%", "value", RULES) == (
        "Valmistuu myöhemmin"
    )
    assert call("XS_NUMBER", "1 234,5") == 1234.5  # reading text is what XS_NUMBER is for


def test_target_status_scalar_and_range_agree() -> None:
    actuals = [[None], [0.883], [-0.034], [1_000_000], [None]]
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
    assert call("XS_PROGRAMME_KEY", "20 Ikääntyneiden palvelut") == "20"


def test_one_bad_measure_fails_only_its_own_cells() -> None:
    """An unknown status counts in no status column but in its programme's total; a
    number typed as text fails the cells its measure belongs to; everything else computes."""
    programmes = [["1. A"], ["1. A"], ["2. B"], ["3. C"]]
    statuses = [["2. Etenee suunnitellusti"], ["4. Pysähtynyt"], ["2"], ["3"]]
    amounts = [[100], [40], ["1 234,5"], [7]]
    grid = call("XS_PIVOT", programmes, statuses, amounts, [["1. A"], ["2. B"], ["3. C"]])
    assert grid[0] == ["", 100.0, "", "", 140.0]
    assert grid[1] == ["", XlError.VALUE, "", "", XlError.VALUE]
    assert grid[2] == ["", "", 7.0, "", 7.0]
    assert grid[3] == ["", XlError.VALUE, 7.0, "", XlError.VALUE]
    args = (programmes, statuses, amounts)
    assert call("XS_PIVOT_CELL", "1", "2. Etenee suunnitellusti", *args) == 100.0
    assert call("XS_PIVOT_CELL", "1", "*", *args) == 140.0
    assert call("XS_PIVOT_CELL", "3", "3. Haasteita", *args) == 7.0
    assert call("XS_PIVOT_CELL", "*", "3. Haasteita", *args) == 7.0
    assert call("XS_PIVOT_CELL", None, "3. Haasteita", *args) == ""  # an unused pivot row
    note = call("XS_PIVOT_NOTE", "1. A", *args)
    assert "rivi 2" in note and "Pysähtynyt" in note
    assert "rivi 3" in call("XS_PIVOT_NOTE", "2", *args)
    assert call("XS_PIVOT_NOTE", "3", *args) == ""


def test_spare_blank_rows_stay_blank_in_range_forms() -> None:
    statuses = call(
        "XS_TARGET_STATUSES", [[0.883], [None]], [["≥ 90%"], [None]], [["value"], [None]], RULES
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


def reason(name: str, *args: object) -> str | None:
    return invoke_explained(REG.get(name), *args)[1]


def test_refusals_name_the_argument_in_the_language_of_the_reader() -> None:
    assert reason("XS_RATIO_PCT", 1, None) == "nimittäjä: puuttuu"
    with use_language("sv"):
        assert reason("XS_RATIO_PCT", 1, None) == "nämnare: saknas"
        assert reason("XS_BAND", XlError.NA, RULES) == "indatacellen innehåller felet #N/A"
        assert reason("XS_RATIOS_PCT", [[1], [2]], [[1]]) == (
            "områdena är olika långa (1, 2 rader); ange lika långa områden"
        )
    assert reason("XS_BANDS", [[1, 2], [3, 4]], RULES) == (
        "odotettiin yhtä saraketta tai riviä, saatiin 2×2 solun alue"
    )


def test_the_function_reference_is_finnish_by_default_and_swedish_on_request() -> None:
    finnish = function_reference(REG)
    assert finnish.startswith("# xlsrc-funktioiden ohje\n")
    assert "- `rules` (alue): Sääntötaulukon alue (Säännöt-välilehti)" in finnish
    with use_language("sv"):
        swedish = function_reference(REG)
    assert swedish.startswith("# Hjälp för xlsrc-funktionerna\n")
    assert "## xlsrc statusar" in swedish and "Resultat: matris (sprids)." in swedish
    assert "- `baseline` (en cell, valfritt): Utgångsvärde (för bedömningsmetoden Framsteg)" in (
        swedish
    )
