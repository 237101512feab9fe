"""Excel-facing budget deltas and ratios (seed 002 Taulukko 5, seed 003)."""

from __future__ import annotations

from typing import Any

from xlsrc.core.budget import (
    LineKind,
    change_eur,
    change_pct,
    line_kind,
    percent_rounded,
    ratio_pct,
)
from xlsrc.core.text import N_, Msg
from xlsrc.functions.cells import check, flat, is_blank, number, per_row, same_length
from xlsrc.registry import excel_function

_LINE_HELP = N_("Rivin nimi (Tulot, Menot, Toimintakate) tai laji income/expense/margin")


def _kind(line: Any) -> LineKind:
    text = str(check(line) or "").strip().lower()
    if text in ("income", "expense", "margin"):
        return text  # type: ignore[return-value]
    return line_kind(text)


def _decimals(decimals: Any) -> int:
    return 1 if decimals is None or decimals == "" else int(number(decimals, Msg("desimaalit")))


@excel_function(
    name="XS_CHANGE",
    category=N_("xlsrc talous"),
    description=N_(
        "Muutos €: uusi − vertailuvuosi; menoriveillä "
        "(tallennettu negatiivisina) kustannusten kasvu on positiivinen."
    ),
    args={
        "previous": N_("Vertailuvuoden arvo (esim. TB 2023)"),
        "current": N_("Uusi arvo (esim. TB 2024)"),
        "line": _LINE_HELP,
    },
)
def xs_change(previous: Any, current: Any, line: Any) -> float | str:
    """Muutos €: current − previous; on expense lines (stored negative) cost growth is positive.

    An empty row (all three blank) stays empty.
    """
    if is_blank(check(previous), check(current), check(line)):
        return ""
    return change_eur(
        number(previous, Msg("vertailuarvo")), number(current, Msg("uusi arvo")), _kind(line)
    )


@excel_function(
    name="XS_CHANGE_PCT",
    category=N_("xlsrc talous"),
    description=N_(
        "Muutos %: muutos suhteessa vertailuarvon "
        "itseisarvoon, pyöristys puolet ylöspäin; nollapohjalla #DIV/0!."
    ),
    args={
        "previous": N_("Vertailuvuoden arvo"),
        "current": N_("Uusi arvo"),
        "line": _LINE_HELP,
        "decimals": N_("Tulostetut desimaalit (oletus 1)"),
    },
)
def xs_change_pct(previous: Any, current: Any, line: Any, decimals: Any = None) -> float | str:
    """Muutos %: the change relative to |previous|, rounded half-up; #DIV/0! on a zero base.

    An empty row (all three blank) stays empty.
    """
    if is_blank(check(previous), check(current), check(line)):
        return ""
    fraction = change_pct(
        number(previous, Msg("vertailuarvo")), number(current, Msg("uusi arvo")), _kind(line)
    )
    return percent_rounded(fraction, _decimals(decimals))


@excel_function(
    name="XS_CHANGES",
    category=N_("xlsrc talous"),
    description=N_(
        "Alueelle: Muutos € ja Muutos % riveittäin; tyhjät "
        "rivit jäävät tyhjiksi, virheellinen solu ei kaada muita."
    ),
    args={
        "previous": (N_("Vertailuvuoden sarake"), "range"),
        "current": (N_("Uuden vuoden sarake"), "range"),
        "lines": (N_("Rivinimien sarake"), "range"),
        "decimals": N_("Tulostetut desimaalit (oletus 1)"),
    },
    returns="array",
)
def xs_changes(previous: Any, current: Any, lines: Any, decimals: Any = None) -> list[list[Any]]:
    """Range form: Muutos € and Muutos % per row; blank rows stay blank, bad cells fail alone."""
    old_column, new_column, line_column = flat(previous), flat(current), flat(lines)
    count = same_length(old_column, new_column, line_column)
    places = _decimals(decimals)

    def euro(i: int) -> float | str:
        if is_blank(old_column[i], new_column[i], line_column[i]):
            return ""
        return xs_change(old_column[i], new_column[i], line_column[i])

    def pct(i: int) -> float | str:
        if is_blank(old_column[i], new_column[i], line_column[i]):
            return ""
        return xs_change_pct(old_column[i], new_column[i], line_column[i], places)

    return [e + p for e, p in zip(per_row(count, euro), per_row(count, pct), strict=True)]


@excel_function(
    name="XS_RATIO_PCT",
    category=N_("xlsrc talous"),
    description=N_(
        '"X vs Y %": X / Y prosentteina, pyöristys puolet ylöspäin (kokonaiset prosentit).'
    ),
    args={
        "numerator": N_("Osoittaja (esim. TOT)"),
        "denominator": N_("Nimittäjä (esim. TA)"),
        "decimals": N_("Prosenttien desimaalit (oletus 0)"),
    },
)
def xs_ratio_pct(numerator: Any, denominator: Any, decimals: Any = None) -> float | str:
    """ "X vs Y %" of seed 003: X / Y in per cent, rounded half-up (whole per cents).

    An empty row (both blank) stays empty.
    """
    if is_blank(check(numerator), check(denominator)):
        return ""
    places = 0 if decimals is None or decimals == "" else int(number(decimals, Msg("desimaalit")))
    return ratio_pct(
        number(numerator, Msg("osoittaja")), number(denominator, Msg("nimittäjä")), places
    )


@excel_function(
    name="XS_RATIOS_PCT",
    category=N_("xlsrc talous"),
    description=N_("XS_RATIO_PCT alueelle; tyhjä rivi jää tyhjäksi."),
    args={
        "numerators": (N_("Osoittajasarake"), "range"),
        "denominators": (N_("Nimittäjäsarake"), "range"),
        "decimals": N_("Prosenttien desimaalit (oletus 0)"),
    },
    returns="array",
)
def xs_ratios_pct(numerators: Any, denominators: Any, decimals: Any = None) -> list[list[Any]]:
    """Range form of XS_RATIO_PCT; a blank row stays blank."""
    top, bottom = flat(numerators), flat(denominators)
    count = same_length(top, bottom)

    def one(i: int) -> float | str:
        if top[i] in (None, "") or bottom[i] in (None, ""):
            return ""
        return xs_ratio_pct(top[i], bottom[i], decimals)

    return per_row(count, one)
