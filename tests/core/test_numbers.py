"""Finnish number reading: every format in the seeds, and property tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlsrc.core.errors import InvalidNumber
from xlsrc.core.numbers import (
    Blank,
    Nil,
    NotANumber,
    Number,
    amount_of,
    finite_number,
    read_cell,
    read_number,
    require_number,
    round_half_up,
)
from xlsrc.core.text import format_number


@pytest.mark.parametrize(
    ("text", "value", "unit", "decimals"),
    [
        ("-2 891,2", -2891.2, "", 1),  # 002 1.2 text
        ("13,6 %", 0.136, "%", 1),  # 000
        ("88.3%", 0.883, "%", 1),  # 001 Taulukko 1
        ("-3.4%", -0.034, "%", 1),
        ("1,0 M€", 1_000_000.0, "€", 1),
        ("0,15 vrk", 0.15, "vrk", 2),
        ("1\u2009300\u00a0000", 1_300_000.0, "", 0),  # thin + no-break spaces
        ("1\u202f300\u202f000", 1_300_000.0, "", 0),
        ("\u2212591", -591.0, "", 0),  # U+2212 minus
        ("- 2,2 m€", -2_200_000.0, "€", 1),  # 002 Keskeiset selitykset
        ("+4,6 m€", 4_600_000.0, "€", 1),
        ("3004", 3004.0, "", 0),
        ("-50 000", -50_000.0, "", 0),
        ("178,0 %", 1.78, "%", 1),
        ("70%", 0.70, "%", 0),
    ],
)
def test_seed_formats(text: str, value: float, unit: str, decimals: int) -> None:
    reading = read_number(text)
    assert isinstance(reading, Number)
    assert reading.value == pytest.approx(value, rel=1e-12, abs=1e-12)
    assert (reading.unit, reading.decimals, reading.from_text) == (unit, decimals, True)


def test_qualifier_and_label_are_kept() -> None:
    at_least = read_number("≥ 1M€")
    assert isinstance(at_least, Number)
    assert (at_least.qualifier, at_least.value) == ("≥", 1_000_000.0)
    labelled = read_number("2022: 13,6 %")
    assert isinstance(labelled, Number)
    assert (labelled.label, labelled.value) == ("2022", pytest.approx(0.136))
    rank = read_number("≤ 5.")
    assert isinstance(rank, Number) and (rank.qualifier, rank.value) == ("≤", 5.0)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("NA", "not_available"),
        ("Ei mittaria", "no_metric"),
        ("Valmistuu myöhemmin", "pending"),
        ("alle 10%", "unreadable"),
        ("+/-0 / htv2", "unreadable"),
        ("1.234,5", "unreadable"),  # ambiguous grouping is refused, not guessed
        ("1,234,567", "unreadable"),
        ("12 34", "unreadable"),
    ],
)
def test_words_are_typed_not_zero(text: str, kind: str) -> None:
    reading = read_number(text)
    assert isinstance(reading, NotANumber)
    assert reading.kind == kind
    assert reading.reason


def test_nil_blank_and_numeric_cells() -> None:
    assert read_number("-") == Nil("-")
    assert read_number("\u2013") == Nil("\u2013")
    assert read_number("") == Blank()
    assert read_number("  \u00a0") == Blank()
    assert read_number(None) == Blank()
    numeric = read_number(12.5)
    assert isinstance(numeric, Number) and numeric.value == 12.5 and not numeric.from_text
    assert isinstance(read_number(True), NotANumber)
    assert isinstance(read_number(float("nan")), NotANumber)


def test_require_number_names_the_cell() -> None:
    assert require_number("1 300 000", "T3!E5", "Tavoitesumma") == 1_300_000.0
    assert require_number("-", "T3!E5", "Tavoitesumma") == 0.0
    with pytest.raises(InvalidNumber, match=r"T3!E5.*Tavoitesumma.*'abc'"):
        require_number("abc", "T3!E5", "Tavoitesumma")
    with pytest.raises(InvalidNumber, match="tyhjä solu"):
        require_number(None, "T3!E6", "Tavoitesumma")


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(2.675, 2, 2.68), (-4.45, 1, -4.5), (0.5, 0, 1.0), (-0.5, 0, -1.0), (4.575, 1, 4.6)],
)
def test_round_half_up_away_from_zero(value: float, decimals: int, expected: float) -> None:
    assert round_half_up(value, decimals) == expected


def _spaces() -> st.SearchStrategy[str]:
    return st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"])


@given(
    units=st.integers(min_value=0, max_value=10**12),
    fraction=st.integers(min_value=0, max_value=999),
    places=st.integers(min_value=0, max_value=3),
    negative=st.booleans(),
    space=_spaces(),
    minus=st.sampled_from(["-", "\u2212"]),
)
def test_random_finnish_numbers_read_back_exactly(
    units: int, fraction: int, places: int, negative: bool, space: str, minus: str
) -> None:
    digits = f"{units:,}".replace(",", space)
    fraction_digits = str(fraction).zfill(3)[:places]
    text = digits + (f",{fraction_digits}" if places else "")
    if negative:
        text = minus + text
    expected = Decimal(f"{units}.{fraction_digits or '0'}") * (-1 if negative else 1)
    reading = read_number(text)
    assert isinstance(reading, Number), (text, reading)
    assert reading.value == float(expected)
    assert reading.decimals == places


@given(
    points=st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False),
)
def test_format_then_read_is_identity_for_percents(points: Decimal) -> None:
    fraction = float(points) / 100
    text = format_number(fraction, 1, "%")
    reading = read_number(text)
    assert isinstance(reading, Number)
    assert round_half_up(reading.value * 100, 1) == float(points)


def test_a_number_typed_as_text_is_quoted_as_the_user_typed_it() -> None:
    """The reason shows "1 234" with its no-break space, not Python's '1\\xa0234'."""
    reading = read_cell("1\u00a0234")
    assert isinstance(reading, NotANumber)
    assert "('1\u00a0234')" in str(reading.reason) and "\\x" not in str(reading.reason)


@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(10**15), 10**15),
        st.booleans(),
        st.text(max_size=8),
        st.none(),
    )
)
def test_the_fast_number_is_the_amount_read_cell_gives_or_none(cell: object) -> None:
    fast = finite_number(cell)
    reading = read_cell(cell)  # type: ignore[arg-type]
    if fast is None:  # everything but a finite number goes the full way
        assert not (isinstance(reading, Number) and type(cell) in (int, float))
    else:
        assert isinstance(reading, Number)
        assert fast == amount_of(reading)
        assert type(fast) is float


def test_the_fast_number_leaves_bools_and_floats_subclasses_to_the_full_reading() -> None:
    class Money(float):
        pass

    assert finite_number(True) is None
    assert finite_number(Money(2.5)) is None
    assert finite_number(float("inf")) is None
    assert finite_number(-0.0) == 0.0
    assert finite_number(3) == 3.0


@pytest.mark.parametrize(
    ("typed", "hint", "not_said"),
    [
        ("90 %", "kirjoita se lukuna 0,9", "1234,5"),
        ("13,6 %", "kirjoita se lukuna 0,136", "1234,5"),
        ("1,0 M€", "ilman yksikköä", "1000000"),  # the column's unit decides: no guess
        ("1 234,5", "kirjoita se lukuna, esim. 1234,5", "yksikkö"),
    ],
)
def test_a_number_typed_as_text_says_how_to_type_it(typed: str, hint: str, not_said: str) -> None:
    """The hint used to be "esim. 1234,5" for "13,6 %" and "1,0 M€" too."""
    reading = read_cell(typed)
    assert isinstance(reading, NotANumber) and reading.kind == "text"
    assert hint in str(reading.reason) and not_said not in str(reading.reason)
