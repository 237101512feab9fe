"""Status schemes: ordered bands that turn a measured share into a status.

A scheme is data, not code, so that an audit committee can read and change the
rule on a workbook's rules sheet: each :class:`Band` has a lower and an upper
bound with explicit inclusivity, a colour key, a hex colour, labels in Finnish,
Swedish and English, and a shape symbol so the status survives black-and-white
print and colour-blind readers.  :meth:`StatusScheme.from_rows` reads the rules
table of a workbook; :meth:`StatusScheme.to_rows` writes it.

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

ColourKey = Literal["green", "yellow", "red"]
Language = Literal["fi", "sv", "en"]

#: Column headers of a rules table, in order, as written on the rules sheet.
RULES_HEADERS: tuple[str, ...] = (
    "Tila",
    "Alaraja",
    "Alaraja mukaan",
    "Yläraja",
    "Yläraja mukaan",
    "Väri",
    "Värikoodi",
    "Merkintä",
    "Märkning",
    "Label",
    "Symboli",
)

COLOUR_HEX: dict[ColourKey, str] = {"green": "63BE7B", "yellow": "FFD966", "red": "F8696B"}
COLOUR_NAME_FI: dict[ColourKey, str] = {"green": "vihreä", "yellow": "keltainen", "red": "punainen"}
SYMBOL: dict[ColourKey, str] = {"green": "●", "yellow": "▲", "red": "■"}


@dataclass(frozen=True)
class Band:
    """One band of a scheme: ``lower``..``upper`` with explicit inclusivity."""

    key: ColourKey
    lower: float
    lower_inclusive: bool
    upper: float
    upper_inclusive: bool
    label_fi: str
    label_sv: str
    label_en: str

    @property
    def colour(self) -> str:
        return COLOUR_HEX[self.key]

    @property
    def symbol(self) -> str:
        return SYMBOL[self.key]

    def label(self, language: Language = "fi") -> str:
        return {"fi": self.label_fi, "sv": self.label_sv, "en": self.label_en}[language]

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
    name: str
    source: str
    bands: tuple[Band, ...]

    def __post_init__(self) -> None:
        _check_bands(self.scheme_id, self.bands)

    def classify(self, value: float) -> Band:
        """The band containing ``value``; :class:`OutOfRange` if none does."""
        if math.isnan(value):
            raise OutOfRange(f"{self.name}: arvo puuttuu (NaN)")
        for band in self.bands:
            if band.contains(value):
                return band
        first, last = self.bands[0], self.bands[-1]
        raise OutOfRange(
            f"{self.name}: arvo {_pct(value)} on asteikon ulkopuolella "
            f"({_pct(first.lower)}–{_pct(last.upper)})"
        )

    def band(self, key: ColourKey) -> Band:
        for band in self.bands:
            if band.key == key:
                return band
        raise InvalidRule(f"{self.name}: ei tilaa {key!r}")

    def to_rows(self) -> list[list[str | float | bool]]:
        """The rules table body (highest band first, as people read it)."""
        return [
            [
                COLOUR_NAME_FI[b.key],
                b.lower,
                b.lower_inclusive,
                b.upper,
                b.upper_inclusive,
                b.key,
                b.colour,
                b.label_fi,
                b.label_sv,
                b.label_en,
                b.symbol,
            ]
            for b in reversed(self.bands)
        ]

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[Sequence[object]],
        scheme_id: str = "workbook",
        name: str = "Sääntötaulukko",
    ) -> StatusScheme:
        """Read a rules table body laid out as :data:`RULES_HEADERS` (any row order).

        Blank rows are skipped; anything else malformed is an :class:`InvalidRule`
        naming the row, so a mistyped bound is reported, not silently used.
        """
        bands: list[Band] = []
        for index, row in enumerate(rows, start=1):
            cells = list(row) + [None] * (len(RULES_HEADERS) - len(row))
            if all(c is None or c == "" for c in cells):
                continue
            where = f"{name}, rivi {index}"
            key = _colour_key(cells[5], where)
            bands.append(
                Band(
                    key=key,
                    lower=_bound(cells[1], where, "Alaraja"),
                    lower_inclusive=_flag(cells[2], where, "Alaraja mukaan"),
                    upper=_bound(cells[3], where, "Yläraja"),
                    upper_inclusive=_flag(cells[4], where, "Yläraja mukaan"),
                    label_fi=_text(cells[7], where, "Merkintä"),
                    label_sv=_text(cells[8], where, "Märkning") if cells[8] else "",
                    label_en=_text(cells[9], where, "Label") if cells[9] else "",
                )
            )
        if not bands:
            raise InvalidRule(f"{name}: sääntötaulukko on tyhjä")
        bands.sort(key=lambda b: (b.lower, not b.lower_inclusive))
        return cls(scheme_id, name, "työkirjan sääntötaulukko", tuple(bands))


def _check_bands(scheme_id: str, bands: Sequence[Band]) -> None:
    if not bands:
        raise InvalidRule(f"{scheme_id}: ei yhtään tilaa")
    for band in bands:
        if band.lower > band.upper or (
            band.lower == band.upper and not (band.lower_inclusive and band.upper_inclusive)
        ):
            raise InvalidRule(f"{scheme_id}: tila {band.key} on tyhjä väli {band.describe()}")
    for below, above in zip(bands, bands[1:], strict=False):
        if below.upper != above.lower:
            gap_or_overlap = "aukko" if below.upper < above.lower else "päällekkäisyys"
            raise InvalidRule(
                f"{scheme_id}: {gap_or_overlap} tilojen {below.key} ja {above.key} välillä "
                f"({_pct(below.upper)} / {_pct(above.lower)})"
            )
        if below.upper_inclusive == above.lower_inclusive:
            what = "kuuluu molempiin" if below.upper_inclusive else "ei kuulu kumpaankaan"
            raise InvalidRule(
                f"{scheme_id}: raja {_pct(below.upper)} {what} ({below.key}/{above.key}); "
                "merkitse raja mukaan täsmälleen toiseen"
            )


def _colour_key(cell: object, where: str) -> ColourKey:
    text = str(cell or "").strip().lower()
    for key, fi in COLOUR_NAME_FI.items():
        if text in (key, fi):
            return key
    raise InvalidRule(f"{where}: Väri {cell!r} ei ole green/yellow/red")


def _bound(cell: object, where: str, column: str) -> float:
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        raise InvalidRule(f"{where}: {column} {cell!r} ei ole luku")
    return float(cell)


def _flag(cell: object, where: str, column: str) -> bool:
    if isinstance(cell, bool):
        return cell
    text = str(cell or "").strip().lower()
    if text in ("true", "tosi", "kyllä", "1"):
        return True
    if text in ("false", "epätosi", "ei", "0"):
        return False
    raise InvalidRule(f"{where}: {column} {cell!r} ei ole TOSI/EPÄTOSI")


def _text(cell: object, where: str, column: str) -> str:
    text = str(cell or "").strip()
    if not text:
        raise InvalidRule(f"{where}: {column} puuttuu")
    return text


def _pct(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value * 100:g} %"


TRAFFIC_LIGHT_80_90 = StatusScheme(
    scheme_id="liikennevalo_80_90",
    name="Liikennevalomalli 80/90",
    source=(
        "001 Taulukko 1: punainen <80%, keltainen 80-90% ja vihreä 90-100% palveluista "
        "toteutuu lakisääteisessä ajassa; tavoitearvo ≥ 90%"
    ),
    bands=(
        Band("red", 0.0, True, 0.8, False, "Ei tavoitteessa", "Målet nås inte", "Not on target"),
        Band("yellow", 0.8, True, 0.9, False, "Lähellä tavoitetta", "Nära målet", "Near target"),
        Band("green", 0.9, True, 1.0, True, "Tavoitteessa", "Målet nås", "On target"),
    ),
)

YEAR_END_50_90 = StatusScheme(
    scheme_id="vuosiarvio_50_90",
    name="Vuoden lopun arvio 50/90",
    source=(
        "004: Vihreä – yli 90 % toteutunut, Keltainen – yli 50 % toteutunut, "
        "Punainen – toteutui alle puolet"
    ),
    bands=(
        Band("red", 0.0, True, 0.5, True, "Ei toteutunut", "Inte uppnått", "Not achieved"),
        Band(
            "yellow",
            0.5,
            False,
            0.9,
            True,
            "Toteutui osittain",
            "Delvis uppnått",
            "Partly achieved",
        ),
        Band("green", 0.9, False, 1.0, True, "Toteutui", "Uppnått", "Achieved"),
    ),
)

#: The one registry of built-in schemes, by the key the rules sheet's blocks and
#: the layouts use; a workbook's own rules sheet overrides them (same keys).
BUILT_IN_SCHEMES: dict[str, StatusScheme] = {
    "traffic_light": TRAFFIC_LIGHT_80_90,
    "year_end": YEAR_END_50_90,
}
