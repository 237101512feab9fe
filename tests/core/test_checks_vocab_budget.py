"""Checks, vocabularies and budget line kinds: the small rules everything else uses."""

from __future__ import annotations

import pytest

from xlsrc.core.budget import change_pct, line_kind, percent_rounded
from xlsrc.core.checks import compare_amount, compare_percent, likely_typo, mismatch
from xlsrc.core.errors import MissingKey, UndefinedRatio, UnknownLineKind, UnknownStatus
from xlsrc.core.pivot import number_prefix
from xlsrc.core.vocab import PROGRAMME_STATUSES, TARGET_STATUSES, TASK_STATES


def test_amount_tolerance_note_versus_error() -> None:
    assert compare_amount(100.0, 100.0, rule="r", what="w") is None
    note = compare_amount(935, 936, rule="r", what="w", where="S!K2")
    assert note is not None and (note.severity, note.difference, note.where) == ("note", -1, "S!K2")
    error = compare_amount(-518_358, -502_964, rule="r", what="Toimintakate")
    assert error is not None and error.severity == "error" and "\u221215\u00a0394" in error.message


def test_percent_compared_at_printed_precision() -> None:
    assert compare_percent(0.046, 23_453 / 512_625, decimals=1, rule="r", what="w") is None
    assert compare_percent(0.05, 0.0457, decimals=0, rule="r", what="w") is None
    error = compare_percent(-0.049, -38_847 / 479_511, decimals=1, rule="r", what="w")
    assert error is not None and error.severity == "error"
    assert error.computed == pytest.approx(-0.081)


@pytest.mark.parametrize(
    ("stated", "computed", "hint"),
    [(-300, 300, "etumerkki"), (1234, 1324, "vaihtanut paikkaa"), (18_731, 18_796, "")],
)
def test_typo_hints(stated: float, computed: float, hint: str) -> None:
    found = likely_typo(stated, computed)
    assert (hint in found) if hint else found == ""


def test_mismatch_is_an_error_with_both_values() -> None:
    finding = mismatch("Tavoitteessa", "Lähellä tavoitetta", rule="status", what="Status")
    assert finding.severity == "error" and "Lähellä tavoitetta" in finding.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2. Etenee suunnitellusti", "2"),
        ("Etenee  suunnitellusti", "2"),
        ("5", "5"),
        ("3.", "3"),
        ("Valmis", "5"),
        ("On track", "2"),
    ],
)
def test_programme_statuses_keep_their_codes(text: str, code: str) -> None:
    assert PROGRAMME_STATUSES.parse(text).code == code


@pytest.mark.parametrize("text", ["4. Viivästynyt", "2. Valmis", "", "Etenee"])
def test_unknown_status_words_are_refused(text: str) -> None:
    with pytest.raises(UnknownStatus, match="sallitut"):
        PROGRAMME_STATUSES.parse(text)


def test_target_and_task_vocabularies() -> None:
    assert TARGET_STATUSES.parse("lähellä tavoitetta").colour == "yellow"
    assert TARGET_STATUSES.pending.label_fi == "Valmistuu myöhemmin"
    assert TASK_STATES.by_colour("red").label_fi == "Työ ei etene, tarvitaan tukea"
    assert PROGRAMME_STATUSES.printed == [
        "1. Aloittamatta",
        "2. Etenee suunnitellusti",
        "3. Haasteita",
        "5. Valmis",
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Tulot", "income"),
        ("Toimintatulot", "income"),
        ("Menot yhteensä", "expense"),
        ("Toimintakate", "margin"),
        ("Vuosikate", "margin"),
        ("Tilikauden tulos", "margin"),
        ("Valtion rahoitus", "income"),
        ("Poistot", "expense"),
        ("Toimintakulut - Verksamhetskostnader", "expense"),
    ],
)
def test_line_kinds(name: str, kind: str) -> None:
    assert line_kind(name) == kind


def test_unknown_line_and_zero_base() -> None:
    with pytest.raises(UnknownLineKind):
        line_kind("Henkilöstömäärä")
    for typo in ("Tulott", "Inkomsterr", "Menotx"):  # a kind word inside a longer one
        with pytest.raises(UnknownLineKind):
            line_kind(typo)
    with pytest.raises(UndefinedRatio):
        change_pct(0, 2_000, "income")
    assert percent_rounded(0.045749, 1) == 0.046


@pytest.mark.parametrize(
    ("label", "key"),
    [("3. Palvelutuotanto", "3"), ("20 Ikä", "20"), ("94", "94"), (" 5.Sopeutus", "5")],
)
def test_number_prefix(label: str, key: str) -> None:
    assert number_prefix(label) == key


@pytest.mark.parametrize("label", ["Kaikki yhteensä", "", None, "Ohjelma 3"])
def test_missing_prefix_is_refused(label: object) -> None:
    with pytest.raises(MissingKey):
        number_prefix(label)


def test_a_rounded_per_cent_is_stored_without_binary_noise() -> None:
    """2,7 % is 0.027 in the cell, not 0.027000000000000003 (issue 17)."""
    from xlsrc.core.budget import percent_rounded, ratio_pct

    assert repr(ratio_pct(2.675, 100, 1)) == "0.027"
    assert repr(percent_rounded(-0.041, 1)) == "-0.041"
    assert repr(percent_rounded(0.02049999999999999, 1)) == "0.021"  # half-up of 2,05 %
