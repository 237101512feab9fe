"""Status schemes: ordered bands that turn a measured share into a status.

A scheme is data, not code, so that an audit committee can read and change the
rule on a workbook's rules sheet: each :class:`Band` has a lower and an upper
bound with explicit inclusivity, a colour key, a hex colour, labels in Finnish,
Swedish and English, and a shape symbol so the status survives black-and-white
print and colour-blind readers.  :meth:`StatusScheme.from_rows` reads the rules
table of a workbook; :meth:`StatusScheme.to_rows` writes it.  The built-in
schemes' labels and colour words come from the message catalogue, so a
Swedish workbook is written with Swedish ones; a workbook's own rules table
states its labels itself (Merkintä, Märkning, Label), and readers accept the
colour codes (green) and every language's colour words (vihreä, grön).

Built-in schemes and their boundary decisions (one test per boundary):

``TRAFFIC_LIGHT_80_90`` — seed 001, Taulukko 1: "punainen <80%, keltainen
80-90% ja vihreä 90-100% palveluista toteutuu lakisääteisessä ajassa", target
"≥ 90%".
  * 80 % exactly is yellow: red is "<80%", yellow "80-90%" starts at 80.
  * 90 % exactly is green: both ranges name 90, and the target "≥ 90%" says
    that 90 meets the target.
  * 100 % is green (inclusive, "90-100%"); a share below 0 % or above 100 %
    is outside the scheme and an error, not a colour.

``YEAR_END_50_90`` — seed 004: "Vihreä – tavoite toteutui (tavoitteesta
arvioidaan yli 90 % toteutuneen)", "Keltainen – ... (yli 50 % toteutuneen)",
"Punainen – ... (toteutui alle puolet)".
  * 90 % exactly is yellow: green requires "yli 90 %" (strictly more).
  * 50 % exactly is red: yellow requires "yli 50 %" and red says "alle
    puolet"; the text leaves exactly half in neither band, and we close that
    gap downwards — a status is never upgraded by a gap in the wording.
  * 100 % is green; outside 0–100 % is an error.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from xlsrc.core.errors import InvalidRule, OutOfRange
from xlsrc.core.text import (
    LANGUAGES,
    N_,
    Language,
    Msg,
    Text,
    compact,
    current_language,
    text_in,
    translate,
)

ColourKey = Literal["green", "yellow", "red"]

#: Column headers of a rules table, in order (Finnish source texts; a workbook shows them
#: in its language).  The three label columns are named in their own language everywhere.
RULES_HEADERS: tuple[str, ...] = (
    N_("Tila"),
    N_("Alaraja"),
    N_("Alaraja mukaan"),
    N_("Yläraja"),
    N_("Yläraja mukaan"),
    N_("Väri"),
    N_("Värikoodi"),
    "Merkintä",  # i18n: the Finnish label column, named in Finnish in every language
    "Märkning",  # i18n: the Swedish label column, named in Swedish in every language
    "Label",
    N_("Symboli"),
)
#: What a rules table read from a workbook is called when no name is given.
RULES_TABLE = N_("Sääntötaulukko")
#: The label column of each language (index into :data:`RULES_HEADERS`).
LABEL_COLUMNS: dict[Language, int] = {"fi": 7, "sv": 8, "en": 9}

COLOUR_HEX: dict[ColourKey, str] = {"green": "63BE7B", "yellow": "FFD966", "red": "F8696B"}
#: The colour words (Finnish source texts), shown in a workbook's language.
COLOUR_NAMES: dict[ColourKey, str] = {
    "green": N_("vihreä"),
    "yellow": N_("keltainen"),
    "red": N_("punainen"),
}
SYMBOL: dict[ColourKey, str] = {"green": "●", "yellow": "▲", "red": "■"}


def colour_name(key: ColourKey, language: Language | None = None) -> str:
    """The colour word of ``key`` in ``language`` ("vihreä", "grön", "green")."""
    return translate(COLOUR_NAMES[key], language)


def colour_words(key: ColourKey) -> tuple[str, ...]:
    """Every way a rules table may name the colour: the code and each language's word."""
    return tuple(dict.fromkeys((key, *(colour_name(key, lang) for lang in LANGUAGES))))


def header_words(index: int) -> tuple[str, ...]:
    """A rules-table header in every language (a reader accepts any of them)."""
    header = RULES_HEADERS[index]
    return tuple(dict.fromkeys(translate(header, lang) for lang in LANGUAGES))


@dataclass(frozen=True, eq=False)
class Band:
    """One band of a scheme: ``lower``..``upper`` with explicit inclusivity.

    The labels are a workbook's own words (plain strings from its rules
    table) or, for the built-in schemes, one message in the catalogue (the
    same :class:`~xlsrc.core.text.Msg` in all three); :meth:`label` gives
    the label in a language, falling back to the Finnish one when a rules
    table leaves a language's label empty.
    """

    key: ColourKey
    lower: float
    lower_inclusive: bool
    upper: float
    upper_inclusive: bool
    label_fi: Text
    label_sv: Text
    label_en: Text

    @property
    def colour(self) -> str:
        return COLOUR_HEX[self.key]

    @property
    def symbol(self) -> str:
        return SYMBOL[self.key]

    def label(self, language: Language | None = None) -> str:
        """The label in ``language`` (the current language when None)."""
        chosen = language or current_language()
        text = {"fi": self.label_fi, "sv": self.label_sv, "en": self.label_en}[chosen]
        return text_in(text, chosen) if text else text_in(self.label_fi, chosen)

    def labels(self) -> tuple[str, ...]:
        """The label in every language, each once (a reader accepts any of them)."""
        return tuple(dict.fromkeys(self.label(lang) for lang in LANGUAGES))

    def _identity(self) -> tuple[object, ...]:
        bounds = (self.key, self.lower, self.lower_inclusive, self.upper, self.upper_inclusive)
        return (*bounds, *(self.label(lang) for lang in LANGUAGES))

    def __eq__(self, other: object) -> bool:
        """Equal bands have the same bounds and say the same in every language (a label
        from the catalogue equals the same words typed into a rules table)."""
        return isinstance(other, Band) and self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity()[:5])

    def contains(self, value: float) -> bool:
        above = value > self.lower or (self.lower_inclusive and value == self.lower)
        below = value < self.upper or (self.upper_inclusive and value == self.upper)
        return above and below

    def describe(self) -> str:
        """The band as a person writes it: "80 % ≤ x < 90 %"."""
        low = "≤" if self.lower_inclusive else "<"
        high = "≤" if self.upper_inclusive else "<"
        return f"{_pct(self.lower)} {low} x {high} {_pct(self.upper)}"


@dataclass(frozen=True)
class StatusScheme:
    """Ordered, gap-free, non-overlapping bands from the lowest to the highest."""

    scheme_id: str
    name: Text
    source: Text
    bands: tuple[Band, ...]
    #: The language the rules table is written in (its "Väri" words), Finnish by default:
    #: the language the workbook's XS_ functions print their labels in.
    written_in: Language = "fi"

    def __post_init__(self) -> None:
        _check_bands(self.scheme_id, self.bands)

    def classify(self, value: float) -> Band:
        """The band containing ``value``; :class:`OutOfRange` if none does."""
        if math.isnan(value):
            raise OutOfRange(Msg("{scheme}: arvo puuttuu (NaN)", scheme=self.name))
        for band in self.bands:
            if band.contains(value):
                return band
        first, last = self.bands[0], self.bands[-1]
        raise OutOfRange(
            Msg(
                "{scheme}: arvo {value} on asteikon ulkopuolella ({lowest}–{highest})",
                scheme=self.name,
                value=_pct(value),
                lowest=_pct(first.lower),
                highest=_pct(last.upper),
            )
        )

    def band(self, key: ColourKey) -> Band:
        for band in self.bands:
            if band.key == key:
                return band
        raise InvalidRule(Msg("{scheme}: ei tilaa {key!r}", scheme=self.name, key=key))

    def to_rows(self, language: Language | None = None) -> list[list[str | float | bool]]:
        """The rules table body (highest band first, as people read it), its words in
        ``language`` (the current language when None)."""
        return [
            [
                colour_name(b.key, language),
                b.lower,
                b.lower_inclusive,
                b.upper,
                b.upper_inclusive,
                colour_name(b.key, language),
                b.colour,
                b.label("fi"),
                b.label("sv"),
                b.label("en"),
                b.symbol,
            ]
            for b in reversed(self.bands)
        ]

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[Sequence[object]],
        scheme_id: str = "workbook",
        name: Text = RULES_TABLE,
    ) -> StatusScheme:
        """Read a rules table body laid out as :data:`RULES_HEADERS` (any row order).

        Blank rows are skipped; anything else malformed is an :class:`InvalidRule`
        naming the row, so a mistyped bound is reported, not silently used.
        """
        bands: list[Band] = []
        swedish = False
        for index, row in enumerate(rows, start=1):
            cells = list(row) + [None] * (len(RULES_HEADERS) - len(row))
            if all(c is None or c == "" for c in cells):
                continue
            where = Msg("{table}, rivi {row}", table=name, row=index)
            key = _colour_key(cells[5], where)
            swedish = swedish or _is_word_of(cells[5], key, "sv")
            bands.append(
                Band(
                    key=key,
                    lower=_bound(cells[1], where, 1),
                    lower_inclusive=_flag(cells[2], where, 2),
                    upper=_bound(cells[3], where, 3),
                    upper_inclusive=_flag(cells[4], where, 4),
                    label_fi=_text(cells[7], where, 7),
                    label_sv=_text(cells[8], where, 8) if cells[8] else "",
                    label_en=_text(cells[9], where, 9) if cells[9] else "",
                )
            )
        if not bands:
            raise InvalidRule(Msg("{table}: sääntötaulukko on tyhjä", table=name))
        bands.sort(key=lambda b: (b.lower, not b.lower_inclusive))
        language: Language = "sv" if swedish else "fi"
        return cls(scheme_id, name, N_("työkirjan sääntötaulukko"), tuple(bands), language)


def _is_word_of(cell: object, key: ColourKey, language: Language) -> bool:
    """Whether ``cell`` names colour ``key`` in ``language``'s own word, not another's.

    English colour words are the codes themselves, so only a Swedish rules table
    says its language this way; any other is read as Finnish (the default)."""
    word = str(cell or "").strip().casefold()
    own = colour_name(key, language).casefold()
    return word == own and word != colour_name(key, "fi").casefold()


def _check_bands(scheme_id: str, bands: Sequence[Band]) -> None:
    if not bands:
        raise InvalidRule(Msg("{scheme}: ei yhtään tilaa", scheme=scheme_id))
    for band in bands:
        if band.lower > band.upper or (
            band.lower == band.upper and not (band.lower_inclusive and band.upper_inclusive)
        ):
            raise InvalidRule(
                Msg(
                    "{scheme}: tila {colour} on tyhjä väli {interval}",
                    scheme=scheme_id,
                    colour=Msg(COLOUR_NAMES[band.key]),
                    interval=band.describe(),
                )
            )
    for below, above in zip(bands, bands[1:], strict=False):
        names = {"lower": Msg(COLOUR_NAMES[below.key]), "upper": Msg(COLOUR_NAMES[above.key])}
        if below.upper != above.lower:
            bounds = {"first": _pct(below.upper), "second": _pct(above.lower)}
            if below.upper < above.lower:
                raise InvalidRule(
                    Msg("{scheme}: aukko tilojen {lower} ja {upper} välillä ({first} / {second})",
                        scheme=scheme_id, **names, **bounds)
                )  # fmt: skip
            raise InvalidRule(
                Msg("{scheme}: päällekkäisyys tilojen {lower} ja {upper} välillä "
                    "({first} / {second})", scheme=scheme_id, **names, **bounds)
            )  # fmt: skip
        if below.upper_inclusive == above.lower_inclusive:
            bound = _pct(below.upper)
            if below.upper_inclusive:
                raise InvalidRule(
                    Msg("{scheme}: raja {bound} kuuluu molempiin ({lower}/{upper}); merkitse "
                        "raja mukaan täsmälleen toiseen", scheme=scheme_id, bound=bound, **names)
                )  # fmt: skip
            raise InvalidRule(
                Msg("{scheme}: raja {bound} ei kuulu kumpaankaan ({lower}/{upper}); merkitse "
                    "raja mukaan täsmälleen toiseen", scheme=scheme_id, bound=bound, **names)
            )  # fmt: skip


def _colour_key(cell: object, where: Msg) -> ColourKey:
    text = str(cell or "").strip().casefold()
    for key in COLOUR_HEX:
        if text in (word.casefold() for word in colour_words(key)):
            return key
    raise InvalidRule(
        Msg(
            "{where}: {column} {value!r} ei ole mikään väreistä {allowed}",
            where=where,
            column=Msg(RULES_HEADERS[5]),
            value=cell,
            allowed="/".join(translate(COLOUR_NAMES[k]) for k in COLOUR_HEX),
        )
    )


def _bound(cell: object, where: Msg, column: int) -> float:
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        raise InvalidRule(
            Msg("{where}: {column} {value!r} ei ole luku", where=where,
                column=Msg(RULES_HEADERS[column]), value=cell)
        )  # fmt: skip
    return float(cell)


#: How TRUE and FALSE are written in a rules table (Excel's words in each language).
_TRUE = (
    "true",  # i18n: words read as TRUE
    "tosi",
    "kyllä",
    "sant",
    "ja",
    "yes",
    "1",
)
_FALSE = (
    "false",  # i18n: words read as FALSE
    "epätosi",
    "ei",
    "falskt",
    "nej",
    "no",
    "0",
)


def _flag(cell: object, where: Msg, column: int) -> bool:
    if isinstance(cell, bool):
        return cell
    text = str(cell or "").strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InvalidRule(
        Msg("{where}: {column} {value!r} ei ole TOSI/EPÄTOSI", where=where,
            column=Msg(RULES_HEADERS[column]), value=cell)
    )  # fmt: skip


def _text(cell: object, where: Msg, column: int) -> str:
    text = str(cell or "").strip()
    if not text:
        raise InvalidRule(
            Msg("{where}: {column} puuttuu", where=where, column=Msg(RULES_HEADERS[column]))
        )
    return text


def _pct(value: float) -> object:
    """A bound as a person reads it: "80 %", "92,5 %" (per cent points of a fraction)."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return compact(value, "%")


def _built_in(key: ColourKey, lower: float, lower_in: bool, upper: float, upper_in: bool,
              label: str) -> Band:  # fmt: skip
    """A band of a built-in scheme: its label is one message of the catalogue."""
    text = Msg(label)
    return Band(key, lower, lower_in, upper, upper_in, text, text, text)


TRAFFIC_LIGHT_80_90 = StatusScheme(
    scheme_id="liikennevalo_80_90",
    name=N_("Liikennevalomalli 80/90"),
    source=N_(
        "001 Taulukko 1: punainen <80%, keltainen 80-90% ja vihreä 90-100% palveluista "
        "toteutuu lakisääteisessä ajassa; tavoitearvo ≥ 90%"
    ),
    bands=(
        _built_in("red", 0.0, True, 0.8, False, N_("Ei tavoitteessa")),
        _built_in("yellow", 0.8, True, 0.9, False, N_("Lähellä tavoitetta")),
        _built_in("green", 0.9, True, 1.0, True, N_("Tavoitteessa")),
    ),
)

YEAR_END_50_90 = StatusScheme(
    scheme_id="vuosiarvio_50_90",
    name=N_("Vuoden lopun arvio 50/90"),
    source=N_(
        "004: Vihreä – yli 90 % toteutunut, Keltainen – yli 50 % toteutunut, "
        "Punainen – toteutui alle puolet"
    ),
    bands=(
        _built_in("red", 0.0, True, 0.5, True, N_("Ei toteutunut")),
        _built_in("yellow", 0.5, False, 0.9, True, N_("Toteutui osittain")),
        _built_in("green", 0.9, False, 1.0, True, N_("Toteutui")),
    ),
)

#: The one registry of built-in schemes, by the key the rules sheet's blocks and
#: the layouts use; a workbook's own rules sheet overrides them (same keys).
BUILT_IN_SCHEMES: dict[str, StatusScheme] = {
    "traffic_light": TRAFFIC_LIGHT_80_90,
    "year_end": YEAR_END_50_90,
}
