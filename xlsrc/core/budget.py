"""Budget deltas with the conventions of the seed reports.

Seed 002 Taulukko 5 prints, per line, TB 2023, TB 2024, "Muutos €" and
"Muutos %".  Income and margin lines (Tulot, Toimintakate) change by
new − old.  Expense lines (Menot) are stored negative, and their change is
reported so that cost growth is positive: old − new (−512 625 → −536 078 is
+23 453).  The per cent is the change relative to the absolute old value,
rounded half-up to the decimals the table prints; a zero base has no per cent
(:class:`UndefinedRatio`), never 0 % and never a crash.

Seed 003 prints "X vs Y %" columns (TOT vs TA %, ENN vs TA %, TAE24 vs TA23 %,
TAE24 vs ENN23 %) as the plain ratio X / Y in whole per cents, and
"KEHYS24 vs TAE24" as the difference TA-esitys − Kehys in euros.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from xlsrc.core.errors import UndefinedRatio, UnknownLineKind
from xlsrc.core.numbers import round_half_up
from xlsrc.core.text import LANGUAGES, N_, Msg, compact, translate

LineKind = Literal["income", "expense", "margin"]

#: Words of line names (Finnish and Swedish, seed 003's bilingual statement), read as kinds.
_KINDS: tuple[tuple[str, LineKind], ...] = (  # i18n: patterns of line names
    (r"toimintakate|vuosikate|tilikauden tulos|tulos\b|kate\b|verksamhetsbidrag", "margin"),
    (r"menot|kulut|kustannukset|poistot|utgifter|kostnader", "expense"),
    (r"tulot|tuotot|rahoitus|inkomster|intäkter", "income"),
)

#: A word counts where it ends a word of the name ("Toimintatulot", "Menot yhteensä"), never
#: inside a longer one: "Tulott" and "Inkomsterr" are typos, not income.
_KIND_PATTERNS = tuple((re.compile(rf"(?:{pattern})\b"), kind) for pattern, kind in _KINDS)

#: The words a result budget's "Erä" column uses for each kind of line (seed 002
#: Taulukko 5); the templates' SUMIFS and the dropdown list use exactly these, in the
#: workbook's language (catalogue texts).
LINE_NAMES: dict[LineKind, str] = {
    "income": N_("Tulot"),
    "expense": N_("Menot"),
    "margin": N_("Toimintakate"),
}

#: Items of a budget statement (seed 002 Taulukot 1-4): item -> (its name, pattern on the
#: case-folded label with single spaces).  "Toimintatulot" and "Tulot yhteensä" are both
#: the income line; a label that fits no pattern is no item (a free-text line).
STATEMENT_ITEMS: dict[str, tuple[str, str]] = {  # i18n: patterns of Finnish row labels
    "income": (N_("Tulot"), r"^(toiminta)?tulot( yhteensä)?$"),
    "expense": (N_("Menot"), r"^(toiminta)?menot( yhteensä)?$"),
    "margin": (N_("Toimintakate"), r"^toimintakate$"),
    "state": (N_("Valtion rahoitus"), r"^valtion rahoitus$"),
    "financial": (N_("Rahoitustulot"), r"^rahoitustulot$"),
    "annual": (N_("Vuosikate"), r"^vuosikate$"),
    "depreciation": (N_("Poistot"), r"^poistot$"),
    "result": (N_("Tilikauden tulos"), r"^tilikauden tulos$"),
}


#: The other labels the templates print for an item (source texts): the patterns read their
#: Finnish, but a Swedish workbook prints "Inkomster totalt", so every language's rendering
#: of these is read too.  tests/test_statement_labels.py checks every template row against it.
STATEMENT_LABELS: dict[str, tuple[str, ...]] = {
    "income": (N_("Tulot yhteensä"), N_("Toimintatulot")),
    "expense": (N_("Menot yhteensä"), N_("Toimintamenot")),
}


def statement_item(label: object) -> str | None:
    """The statement item a row label names ("Toimintamenot" -> "expense"), or None.

    A label is the Finnish form the patterns describe, or the item's name or one
    of its template labels in any language of the catalogue ("Verksamhetsbidrag"
    is the margin, "Inkomster totalt" the income line).
    """
    text = re.sub(r"\s+", " ", str(label or "")).strip().casefold()
    for item, (name, pattern) in STATEMENT_ITEMS.items():
        if re.match(pattern, text) or text in _names((name, *STATEMENT_LABELS.get(item, ()))):
            return item
    return None


def _names(names: tuple[str, ...]) -> set[str]:
    return {
        " ".join(translate(name, language).split()).casefold()
        for name in names
        for language in LANGUAGES
    }


def line_kind(name: object) -> LineKind:
    """Classify a budget line by its name ("Menot yhteensä" -> expense)."""
    kind = _kind_of(str(name or "").casefold())
    if kind is not None:
        return kind
    raise UnknownLineKind(
        Msg("rivin {name!r} lajia ei tunnisteta (tulot, menot tai toimintakate)", name=name)
    )


@lru_cache(maxsize=4096)
def _kind_of(text: str) -> LineKind | None:
    """The kind of a casefolded line name, or None.

    Remembered: a budget repeats a handful of names, and XS_CHANGE_PCT asks once per row.
    Besides the patterns' words, the template's own line word in any language of the
    catalogue ("Operating margin" in an English workbook) is its kind.
    """
    for pattern, kind in _KIND_PATTERNS:
        if pattern.search(text):
            return kind
    words = " ".join(text.split())
    return next((k for k, name in LINE_NAMES.items() if words in _names((name,))), None)


def change_eur(old: float, new: float, kind: LineKind) -> float:
    """Change between versions; cost growth positive on expense lines."""
    return old - new if kind == "expense" else new - old


def change_pct(old: float, new: float, kind: LineKind) -> float:
    """Change as a fraction of the absolute old value; undefined on a zero base."""
    if old == 0:
        raise UndefinedRatio(
            Msg(
                "muutosprosentti ei ole määritelty: vertailuarvo on 0 (uusi arvo {new})",
                new=compact(new),
            )  # fmt: skip
        )
    return change_eur(old, new, kind) / abs(old)


def ratio_pct(numerator: float, denominator: float, decimals: int = 0) -> float:
    """X vs Y % as a fraction rounded half-up to ``decimals`` per cent places."""
    if denominator == 0:
        raise UndefinedRatio(Msg("suhdeluku ei ole määritelty: jakaja on 0"))
    return percent_rounded(numerator / denominator, decimals)


def percent_rounded(fraction: float, decimals: int) -> float:
    """Round a fraction the way a table prints it in per cent: 0.04575, 1 -> 0.046.

    The result is the float nearest to the printed number (2,7 % is stored as
    0.027, not 0.027000000000000003), so no binary noise reaches a cell.
    """
    points = round_half_up(fraction * 100, decimals)
    return float(Decimal(repr(points)) / 100)


def frame_difference(proposal: float, frame: float) -> float:
    """KEHYS24 vs TAE24 of seed 003: the proposal minus the frame."""
    return proposal - frame
