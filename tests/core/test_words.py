"""One parser per rule word: every path reads "toteutumisaste" as the ratio method."""

from __future__ import annotations

import pytest

from xlsrc.core.errors import InvalidRule, InvalidTarget
from xlsrc.core.schemes import RULES_HEADERS, TRAFFIC_LIGHT_80_90
from xlsrc.core.words import (
    METHOD_WORDS,
    ROLLUP_WORDS,
    parse_method,
    parse_rollup,
    scheme_key,
)
from xlsrc.registry import Registry, invoke

RULES = [list(RULES_HEADERS), *TRAFFIC_LIGHT_80_90.to_rows()]


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("ratio", "ratio"),
        ("Toteutumisaste", "ratio"),
        ("toteutumisaste", "ratio"),
        (" TOTEUTUMISASTE ", "ratio"),
        ("Måluppfyllelse", "ratio"),
        ("Achievement ratio", "ratio"),
        ("Mitattu osuus", "value"),
        ("value", "value"),
        ("Saavutettu tai ei", "met"),
        ("Edistymä", "progress"),
        ("progress", "progress"),
    ],
)
def test_method_words(word: str, code: str) -> None:
    assert parse_method(word) == code


def test_unknown_method_names_the_labels() -> None:
    with pytest.raises(InvalidTarget, match="Toteutumisaste"):
        parse_method("arvio", "KPI-arvot!I5")


def test_every_method_label_parses_back_to_its_code_in_every_language() -> None:
    for word in METHOD_WORDS.words:
        for language in ("fi", "sv", "en"):
            assert parse_method(word.label(language)) == word.code
    for rollup in ROLLUP_WORDS.words:
        for language in ("fi", "sv", "en"):
            assert parse_rollup(rollup.label(language)) == rollup.code


def test_rollups() -> None:
    assert parse_rollup("Huonoin") == "worst"
    assert parse_rollup("painotettu keskiarvo") == "weighted"
    with pytest.raises(InvalidRule, match="koontitapa"):
        parse_rollup("mediaani")


def test_scheme_names() -> None:
    names = {"year_end": ("Vuoden lopun arvio 50/90", "Saanto_year_end")}
    assert scheme_key("saanto_year_end", names) == "year_end"
    assert scheme_key("Vuoden lopun arvio 50/90", names) == "year_end"
    with pytest.raises(InvalidRule, match="Vuoden lopun arvio"):
        scheme_key("80/90", names)


def test_the_function_reads_the_finnish_method_word() -> None:
    registry = Registry.default()
    status = invoke(registry.get("XS_TARGET_STATUS"), 0.95, "≥ 90%", "toteutumisaste", RULES)
    assert status == invoke(registry.get("XS_TARGET_STATUS"), 0.95, "≥ 90%", "ratio", RULES)
    assert status == "Tavoitteessa"
