"""Status schemes: one test per band edge, with the seed sentence each rests on."""

from __future__ import annotations

import pytest

from xlsrc.core.errors import InvalidRule, OutOfRange
from xlsrc.core.schemes import (
    RULES_HEADERS,
    TRAFFIC_LIGHT_80_90,
    YEAR_END_50_90,
    Band,
    StatusScheme,
    colour_name,
)

# 001: "punainen <80%, keltainen 80-90% ja vihreä 90-100%", target "≥ 90%"
TRAFFIC_EDGES = [
    (0.0, "red"),
    (0.7999999, "red"),
    (0.80, "yellow"),  # "<80%" is red, so 80 itself opens yellow
    (0.883, "yellow"),  # 001 Taulukko 1: 88.3% -> Lähellä tavoitetta
    (0.8999999, "yellow"),
    (0.90, "green"),  # "≥ 90%" meets the target
    (1.00, "green"),  # "90-100%"
]

# 004: "Vihreä – yli 90 %", "Keltainen – yli 50 %", "Punainen – alle puolet"
YEAR_END_EDGES = [
    (0.0, "red"),
    (0.4999, "red"),
    (0.50, "red"),  # neither "yli 50 %" nor "alle puolet": gap closed downwards
    (0.5001, "yellow"),
    (0.90, "yellow"),  # "yli 90 %" is strict
    (0.9001, "green"),
    (1.00, "green"),
]


@pytest.mark.parametrize(("value", "key"), TRAFFIC_EDGES)
def test_traffic_light_edges(value: float, key: str) -> None:
    assert TRAFFIC_LIGHT_80_90.classify(value).key == key


@pytest.mark.parametrize(("value", "key"), YEAR_END_EDGES)
def test_year_end_edges(value: float, key: str) -> None:
    assert YEAR_END_50_90.classify(value).key == key


@pytest.mark.parametrize("scheme", [TRAFFIC_LIGHT_80_90, YEAR_END_50_90])
@pytest.mark.parametrize("value", [-0.01, 1.01, float("nan")])
def test_outside_the_scale_is_an_error_not_a_colour(scheme: StatusScheme, value: float) -> None:
    with pytest.raises(OutOfRange):
        scheme.classify(value)


def test_labels_in_three_languages_and_symbols_differ() -> None:
    green = TRAFFIC_LIGHT_80_90.band("green")
    assert (green.label("fi"), green.label("sv"), green.label("en")) == (
        "Tavoitteessa",
        "Målet nås",
        "On target",
    )
    symbols = {b.symbol for b in TRAFFIC_LIGHT_80_90.bands}
    assert len(symbols) == 3  # distinguishable without colour


@pytest.mark.parametrize("scheme", [TRAFFIC_LIGHT_80_90, YEAR_END_50_90])
def test_rules_table_round_trip(scheme: StatusScheme) -> None:
    rows = scheme.to_rows()
    assert all(len(row) == len(RULES_HEADERS) for row in rows)
    again = StatusScheme.from_rows(rows)
    assert again.bands == scheme.bands


def test_edited_rules_table_changes_the_outcome() -> None:
    rows = TRAFFIC_LIGHT_80_90.to_rows()
    for row in rows:  # the committee moves the green edge from 90 % to 95 %
        if row[5] == colour_name("green"):
            row[1] = 0.95
        if row[5] == colour_name("yellow"):
            row[3] = 0.95
    edited = StatusScheme.from_rows(rows)
    assert edited.classify(0.92).key == "yellow"
    assert TRAFFIC_LIGHT_80_90.classify(0.92).key == "green"


def _band(key: str, lo: float, lo_in: bool, hi: float, hi_in: bool) -> Band:
    return Band(key, lo, lo_in, hi, hi_in, key, key, key)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ((_band("red", 0, True, 0.7, False), _band("green", 0.8, True, 1, True)), "aukko"),
        ((_band("red", 0, True, 0.9, False), _band("green", 0.8, True, 1, True)), "päällekkäisyys"),
        ((_band("red", 0, True, 0.8, True), _band("green", 0.8, True, 1, True)), "molempiin"),
        ((_band("red", 0, True, 0.8, False), _band("green", 0.8, False, 1, True)), "kumpaankaan"),
        ((_band("red", 0.5, True, 0.2, True),), "tyhjä väli"),
    ],
)
def test_inconsistent_rules_are_refused(bands: tuple[Band, ...], message: str) -> None:
    with pytest.raises(InvalidRule, match=message):
        StatusScheme("test", "test", "test", bands)


def test_malformed_rules_row_is_located() -> None:
    rows = TRAFFIC_LIGHT_80_90.to_rows()
    rows[1][1] = "80 %"  # text where a bound belongs
    with pytest.raises(InvalidRule, match="rivi 2.*Alaraja"):
        StatusScheme.from_rows(rows)
