"""Target texts, directions and the four assessment methods."""

from __future__ import annotations

import pytest

from xlsrc.core.errors import InvalidTarget, UndefinedRatio
from xlsrc.core.schemes import TRAFFIC_LIGHT_80_90, YEAR_END_50_90
from xlsrc.core.targets import (
    achievement_ratio,
    assess,
    is_met,
    number_in_text,
    parse_target,
    progress_from_baseline,
)


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [
        ("≥ 75", "≥", 75.0),
        ("≥ 90%", "≥", 0.9),
        ("≤ -5%", "≤", -0.05),
        ("≥ 1M€", "≥", 1_000_000.0),
        ("≤ 5.", "≤", 5.0),
        (">=60", "≥", 60.0),
        ("toteutuma vähintään 98,5 %", "≥", 0.985),
        ("enintään 6,75 %", "≤", 0.0675),
        ("siirtoviive päivystyksistä perusterveydenhoitoon alle 0,15 vrk", "<", 0.15),
        ("Alle 10 %", "<", 0.10),
        ("yli 90", ">", 90.0),
    ],
)
def test_comparators(text: str, comparator: str, value: float) -> None:
    target = parse_target(text)
    assert target.comparator == comparator
    assert target.value == pytest.approx(value)


def test_relative_targets_refer_to_the_baseline() -> None:
    fewer = parse_target("pienempi kuin vuonna 2022")
    assert (fewer.comparator, fewer.value, fewer.direction) == ("<", None, "lower")
    assert is_met(0.12, fewer, baseline=0.136)
    assert not is_met(0.14, fewer, baseline=0.136)
    with pytest.raises(InvalidTarget):
        fewer.reference(None)
    budget = parse_target("Vuonna 2024 toteutuu talousarvion mukainen tai parempi tulos")
    assert (budget.comparator, budget.value) == ("≥", None)


def test_bare_numbers_take_direction_from_baseline() -> None:
    assert parse_target("0", baseline=-5).comparator == "≥"  # 000: NPS -5 -> 0
    assert (
        parse_target("2024 lopussa yksin eläviä asunnottomia 300", baseline=896).comparator == "≤"
    )
    with pytest.raises(InvalidTarget, match="suunta"):
        parse_target("65")
    with pytest.raises(InvalidTarget):
        parse_target("kiireetön hoito toteutuu 14 pv aikana")


def test_number_in_text_ignores_years_and_refuses_two_numbers() -> None:
    assert number_in_text("2022 lopussa yksin eläviä asunnottomia 896") == 896
    assert number_in_text("NPS-suositte-luindek-sin tulos 58 (vuodelta 2022).") == 58
    assert number_in_text("enintään kuusi minuuttia 52 %:ssa ja 7 min") is None


def test_ratio_directions() -> None:
    assert achievement_ratio(0.883, parse_target("≥ 90%")) == pytest.approx(0.981111, rel=1e-5)
    assert achievement_ratio(16, parse_target("≤ 14")) == pytest.approx(14 / 16)  # waiting time
    assert achievement_ratio(-0.034, parse_target("≤ -5%")) == pytest.approx(0.68)  # reduction
    with pytest.raises(UndefinedRatio):
        achievement_ratio(0.01, parse_target("≤ -5%"))  # opposite signs
    assert achievement_ratio(0, parse_target("vähintään 10")) == 0.0  # nothing achieved yet
    with pytest.raises(UndefinedRatio):
        achievement_ratio(0, parse_target("≤ 14"))  # zero waiting time: no ratio
    with pytest.raises(UndefinedRatio):
        achievement_ratio(5, parse_target("≥ 0"))  # zero target


def test_progress_from_baseline() -> None:
    target = parse_target("NPS-tulos 65", baseline=58)
    assert progress_from_baseline(63, target, 58) == pytest.approx(5 / 7)
    with pytest.raises(UndefinedRatio):
        progress_from_baseline(63, target, None)


@pytest.mark.parametrize(
    ("actual", "target", "method", "label"),
    [  # 001 Taulukko 1, row by row, with the stated statuses
        (None, "≥ 75", "ratio", "Valmistuu myöhemmin"),
        ("88.3%", "≥ 90%", "value", "Lähellä tavoitetta"),
        ("-3.4%", "≤ -5%", "met", "Ei tavoitteessa"),
        ("1,0 M€", "≥ 1M€", "met", "Tavoitteessa"),
        (None, "≤ 5.", "met", "Valmistuu myöhemmin"),
    ],
)
def test_seed_001_statuses(actual: object, target: str, method: str, label: str) -> None:
    assert assess(actual, target, method, TRAFFIC_LIGHT_80_90).label() == label  # type: ignore[arg-type]


def test_pending_is_never_coloured() -> None:
    for actual in (None, "", "Valmistuu myöhemmin", "NA"):
        outcome = assess(actual, "≥ 90%", "ratio", TRAFFIC_LIGHT_80_90)
        assert outcome.state == "pending" and outcome.band is None and outcome.reason
    no_metric = assess("Ei mittaria", "≥ 90%", "ratio", TRAFFIC_LIGHT_80_90)
    assert no_metric.state == "not_assessable"
    unreadable_target = assess("50", "kiireetön hoito 14 pv aikana", "met", TRAFFIC_LIGHT_80_90)
    assert unreadable_target.state == "not_assessable"
    assert "kiireetön hoito" in unreadable_target.reason


def test_over_achievement_is_top_band_but_score_is_kept() -> None:
    outcome = assess("120", "≥ 100", "ratio", YEAR_END_50_90)
    assert outcome.state == "green" and outcome.score == pytest.approx(1.2)


@pytest.mark.parametrize(
    ("actual", "target", "method", "baseline"),
    [
        ("87 %", "≥ 96 %", "ratio", None),  # 004 G20 in Q3: 91 % of the level
        ("95", "≥ 100", "ratio", None),
        ("15", "≤ 14", "ratio", None),  # a waiting time: 93 % of the level
        ("96", "≥ 100", "progress", "50"),  # 92 % of the way from the baseline
    ],
)
def test_a_kpi_that_misses_its_level_is_never_in_the_top_band(
    actual: str, target: str, method: str, baseline: str | None
) -> None:
    outcome = assess(actual, target, method, YEAR_END_50_90, baseline)  # type: ignore[arg-type]
    assert outcome.score is not None and outcome.score > 0.9  # the scheme alone says green
    assert outcome.state == "yellow" and outcome.band == YEAR_END_50_90.band("yellow")
    assert "ei saavutettu" in outcome.reason


def test_a_kpi_that_reaches_its_level_exactly_is_in_the_top_band() -> None:
    assert assess("96 %", "≥ 96 %", "ratio", YEAR_END_50_90).state == "green"
    assert assess("14", "≤ 14", "ratio", YEAR_END_50_90).state == "green"


@pytest.mark.parametrize("method", ["ratio", "progress", "met", "value"])
def test_a_dash_as_the_actual_is_no_value_not_a_zero_result(method: str) -> None:
    outcome = assess("-", "≥ 50 %", method, YEAR_END_50_90, "10 %")  # type: ignore[arg-type]
    assert (outcome.state, outcome.band, outcome.score) == ("not_assessable", None, None)
    assert "'-'" in outcome.reason
