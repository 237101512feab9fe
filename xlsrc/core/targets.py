"""Comparing an actual value with a target written in words.

Targets in the reports are text: "≥ 90%", "≤ -5%", "≥ 1M€", "toteutuma
vähintään 98,5 %", "siirtoviive ... alle 0,15 vrk", "pienempi kuin vuonna
2022", "talousarvion mukainen tai parempi".  :func:`parse_target` reads the
comparator and the number; the comparator fixes the direction (higher or lower
is better).  :func:`assess` turns actual + target into a status with one of
four methods:

* ``value``    — the actual is itself the measured share (the 80/90 traffic
  light of 001 is defined on the share of services in time);
* ``met``      — met or not met: green or red, nothing between;
* ``ratio``    — achievement ratio actual/target, or target/actual when lower
  is better, banded by the scheme;
* ``progress`` — distance covered from the baseline: (actual − baseline) /
  (target − baseline), banded by the scheme.

A missing actual is *pending* with its reason, never green or red; a target
that cannot be read is *not assessable*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from xlsrc.core.errors import InvalidTarget, UndefinedRatio
from xlsrc.core.numbers import Blank, Nil, NotANumber, Number, Reading, read_number
from xlsrc.core.schemes import Band, StatusScheme
from xlsrc.core.text import N_, Language, Msg, Num, Text, compact, translate
from xlsrc.core.words import METHOD_WORDS, Method

Comparator = Literal["≥", ">", "≤", "<"]
Direction = Literal["higher", "lower"]
State = Literal["green", "yellow", "red", "pending", "not_assessable"]

#: The assessment methods by code (their words: :data:`xlsrc.core.words.METHOD_WORDS`).
METHODS: tuple[Method, ...] = METHOD_WORDS.codes

#: Labels of the states that have no band (catalogue texts, shown in the workbook's language).
PENDING_LABEL = N_("Valmistuu myöhemmin")
NOT_ASSESSABLE_LABEL = N_("Ei arvioitavissa")

#: Comparator words (Finnish, Swedish, English), longest first so "pienempi kuin" wins
#: over shorter ones.
_WORDS: tuple[tuple[str, Comparator], ...] = (  # i18n: words a target text is read by
    ("pienempi kuin", "<"),
    ("suurempi kuin", ">"),
    ("vähemmän kuin", "<"),
    ("enemmän kuin", ">"),
    ("vähintään", "≥"),
    ("enintään", "≤"),
    ("korkeintaan", "≤"),
    ("tai parempi", "≥"),
    ("mindre än", "<"),
    ("större än", ">"),
    ("eller bättre", "≥"),
    ("at least", "≥"),
    ("at most", "≤"),
    ("more than", ">"),
    ("less than", "<"),
    ("or better", "≥"),
    ("minst", "≥"),
    ("högst", "≤"),
    ("över", ">"),
    ("under", "<"),
    ("yli", ">"),
    ("alle", "<"),
)
_OR_BETTER = ("tai parempi", "eller bättre", "or better")  # i18n: words of target texts
_SYMBOLS: dict[str, Comparator] = {">=": "≥", "≥": "≥", "<=": "≤", "≤": "≤", ">": ">", "<": "<"}
_NUMBER_TOKEN = re.compile(
    r"[+\-\u2212]?\s?\d[\d\u00a0\u2009\u202f ]*(?:[.,]\d+)?\s?(?:%|M€|m€|k€|€|vrk|pv|min)?"
)
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Target:
    """A parsed target; ``value`` is None when the target is the baseline itself."""

    comparator: Comparator
    value: float | None
    text: str
    unit: str = ""

    @property
    def direction(self) -> Direction:
        return "higher" if self.comparator in ("≥", ">") else "lower"

    @property
    def relative_to_baseline(self) -> bool:
        return self.value is None

    def reference(self, baseline: float | None) -> float:
        """The number to compare with: the target's own, or the baseline."""
        if self.value is not None:
            return self.value
        if baseline is None:
            raise InvalidTarget(
                Msg("tavoite {target!r} viittaa lähtöarvoon, joka puuttuu", target=self.text)
            )
        return baseline


@dataclass(frozen=True)
class Assessment:
    """The outcome of comparing an actual with a target."""

    state: State
    score: float | None
    band: Band | None
    reason: Text

    def label(self, language: Language | None = None) -> str:
        """The state's label in ``language`` (the current language when None)."""
        if self.band is not None:
            return self.band.label(language)
        return translate(
            PENDING_LABEL if self.state == "pending" else NOT_ASSESSABLE_LABEL, language
        )


def parse_target(text: object, baseline: float | None = None) -> Target:
    """Read comparator and number from a target text; see the module doc.

    A text with one number and no comparator ("0", "NPS-tulos 65") takes its
    direction from the baseline (improving from -5 to 0 means higher is
    better); four-digit years are not taken for the number.
    """
    raw = re.sub(r"\s+", " ", str(text if text is not None else "")).strip()
    if not raw:
        raise InvalidTarget(Msg("tavoitearvo puuttuu"))
    lowered = raw.casefold()

    for symbol, comparator in _SYMBOLS.items():
        if lowered.startswith(symbol):
            number = _first_number(raw[len(symbol) :])
            if number is None:
                raise InvalidTarget(
                    Msg("tavoitteesta {target!r} puuttuu luku vertailun {symbol} jälkeen",
                        target=raw, symbol=symbol)
                )  # fmt: skip
            return Target(comparator, number.value, raw, number.unit)

    for word, comparator in _WORDS:
        at = lowered.find(word)
        if at < 0:
            continue
        after = raw[at + len(word) :] if word not in _OR_BETTER else ""
        number = _first_number(after)
        if number is None or (_YEAR.match(number.text.strip()) and "vuon" in lowered):
            return Target(comparator, None, raw)
        return Target(comparator, number.value, raw, number.unit)

    numbers = [n for n in _numbers(raw) if not _YEAR.match(n.text.strip())]
    if len(numbers) == 1:
        number = numbers[0]
        if baseline is None or baseline == number.value:
            raise InvalidTarget(
                Msg("tavoitteesta {target!r} ei käy ilmi suunta (≥ tai ≤); lähtöarvo ei ratkaise "
                    "sitä", target=raw)
            )  # fmt: skip
        inferred: Comparator = "≥" if number.value > baseline else "≤"
        return Target(inferred, number.value, raw, number.unit)
    raise InvalidTarget(
        Msg("tavoitteesta {target!r} ei löydy vertailua (≥, ≤, vähintään, alle ...)", target=raw)
    )


def _numbers(text: str) -> list[Number]:
    found = []
    for match in _NUMBER_TOKEN.finditer(text):
        reading = read_number(match.group(0).strip())
        if isinstance(reading, Number):
            found.append(reading)
    return found


def _first_number(text: str) -> Number | None:
    numbers = _numbers(text)
    return numbers[0] if numbers else None


def number_in_text(text: object) -> float | None:
    """The one number in a descriptive text ("2022 lopussa ... 896"), years ignored.

    None when there is no number or more than one: a baseline written in words
    is then left for a person to fill in, not guessed.
    """
    numbers = [n for n in _numbers(str(text or "")) if not _YEAR.match(n.text.strip())]
    return numbers[0].value if len(numbers) == 1 else None


def is_met(actual: float, target: Target, baseline: float | None = None) -> bool:
    reference = target.reference(baseline)
    return {
        "≥": actual >= reference,
        ">": actual > reference,
        "≤": actual <= reference,
        "<": actual < reference,
    }[target.comparator]


def achievement_ratio(actual: float, target: Target, baseline: float | None = None) -> float:
    """Share of the target achieved, oriented so that 1.0 means exactly on target.

    Higher is better: actual/target.  Lower is better: target/actual for
    positive quantities (a waiting time of 16 days against 14 is 87.5 %), but
    actual/target for a reduction written as a negative change (−3.4 % against
    ≤ −5 % is 68 %).  An actual of 0 against a higher-is-better target is 0 %
    achieved; a zero divisor (a zero target, or a zero actual where lower is
    better) and actual and target of opposite sign have no meaningful ratio
    and raise :class:`UndefinedRatio`.
    """
    reference = target.reference(baseline)
    inverted = target.direction == "lower" and reference > 0
    divisor = actual if inverted else reference
    opposite = actual != 0 and (reference > 0) != (actual > 0)
    if divisor == 0 or opposite:
        raise UndefinedRatio(
            Msg(
                "suhdeluku ei ole määritelty: toteuma {actual}, tavoite {target} (jakaja nolla "
                "tai eri etumerkit); käytä arviointitapaa {progress} tai {met}",
                actual=compact(actual),
                target=compact(reference),
                progress=_method_label("progress"),
                met=_method_label("met"),
            )
        )
    return reference / actual if inverted else actual / reference


def progress_from_baseline(actual: float, target: Target, baseline: float | None) -> float:
    """(actual − baseline) / (target − baseline): 0 at the start, 1 at the target."""
    if baseline is None:
        raise UndefinedRatio(Msg("edistymä vaatii lähtöarvon"))
    reference = target.reference(baseline)
    if reference == baseline:
        raise UndefinedRatio(Msg("edistymä ei ole määritelty: tavoite on sama kuin lähtöarvo"))
    return (actual - baseline) / (reference - baseline)


def assess(
    actual: object,
    target: object,
    method: Method,
    scheme: StatusScheme,
    baseline: object = None,
) -> Assessment:
    """Status of ``actual`` against ``target`` (texts or numbers) by ``method``.

    ``actual`` may be a :data:`Reading` already (a workbook cell read with
    :func:`xlsrc.core.numbers.read_cell`); a value is read as a report prints it.
    """
    actual_reading = (
        actual
        if isinstance(actual, Number | Nil | Blank | NotANumber)
        else read_number(_cell(actual))
    )
    missing = _missing_reason(actual_reading)
    if missing is not None:
        return Assessment(missing[0], None, None, missing[1])
    if isinstance(actual_reading, Nil):
        # "-" is nil: 0 in a sum, but as an actual it reports no value, not a 0 % result
        return Assessment("not_assessable", None, None, Msg("toteumana '-' (ei arvoa)"))
    assert isinstance(actual_reading, Number)
    value = actual_reading.value

    if method == "value":
        return _banded(value, scheme, Msg("toteuma {value}", value=compact(value)))

    base = _optional_number(baseline)
    try:
        parsed = parse_target(target, base)
        if method == "met":
            met = is_met(value, parsed, base)
            band = scheme.band("green" if met else "red")
            reason = (
                Msg("tavoite {target} saavutettu", target=parsed.text)
                if met
                else Msg("tavoite {target} ei saavutettu", target=parsed.text)
            )
            return Assessment(band.key, 1.0 if met else 0.0, band, reason)
        if method == "ratio":
            score = achievement_ratio(value, parsed, base)
        elif method == "progress":
            score = progress_from_baseline(value, parsed, base)
        else:
            raise InvalidTarget(
                Msg("tuntematon arviointitapa {method!r}; sallitut: {allowed}", method=method,
                    allowed=", ".join(METHOD_WORDS.label(m) for m in METHODS))
            )  # fmt: skip
        reached = is_met(value, parsed, base)
    except (InvalidTarget, UndefinedRatio) as error:
        return Assessment("not_assessable", None, None, _reason(error))
    label = _method_label(method)
    banded = _banded(score, scheme, Msg("{method} {score}", method=label, score=Num(score, 3)),
                     clamp=True)  # fmt: skip
    return _capped_when_missed(banded, reached, parsed, scheme)


def _capped_when_missed(
    banded: Assessment, met: bool, target: Target, scheme: StatusScheme
) -> Assessment:
    """A KPI that misses its level is never in the top band ("Toteutui").

    A ratio or a progress share can reach the top band short of the level
    (87 % against "≥ 96 %" is 91 % of it, and "yli 90 %" is green), but a reader
    takes the top band to mean the target was reached; such a score goes one band
    down, and the reason says why.
    """
    top = scheme.bands[-1]
    if met or banded.band is None or banded.band.key != top.key or len(scheme.bands) < 2:
        return banded
    below = scheme.bands[-2]
    reason = Msg("{reason}; taso {level} ei saavutettu", reason=banded.reason, level=target.text)
    return Assessment(below.key, banded.score, below, reason)


def _method_label(method: str) -> Msg:
    return Msg(METHOD_WORDS.word(method).source)


def _reason(error: Exception) -> Text:
    """The message an error carries, kept lazy when it is a catalogue message."""
    message = error.args[0] if error.args else ""
    return message if isinstance(message, Msg | str) else str(message)


def _banded(score: float, scheme: StatusScheme, reason: Text, clamp: bool = False) -> Assessment:
    """Band ``score``; achievement beyond the scale's ends counts as its end."""
    if clamp:
        score_in_scale = min(max(score, scheme.bands[0].lower), scheme.bands[-1].upper)
    else:
        score_in_scale = score
    band = scheme.classify(score_in_scale)
    return Assessment(band.key, score, band, reason)


def _cell(value: object) -> str | float | int | bool | None:
    if value is None or isinstance(value, str | float | int | bool):
        return value
    return str(value)


def _optional_number(value: object) -> float | None:
    reading: Reading = read_number(_cell(value))
    return reading.value if isinstance(reading, Number) else None


def _missing_reason(reading: Reading) -> tuple[State, Text] | None:
    if isinstance(reading, Blank):
        return "pending", Msg("toteuma puuttuu")
    if isinstance(reading, NotANumber):
        if reading.kind in ("pending", "not_available"):
            return "pending", reading.reason
        return "not_assessable", reading.reason
    return None


# --- a level a goal states in its own words ---------------------------------------------

_LEVEL_NUMBER = r"(?P<n>\d+(?:[.,]\d+)?)\s?(?P<pct>%)?"
#: "96 %:sti" (to 96 per cent), "50 % hoituu", "on yli 50", "enintään 6,75 %", "alle
#: kansallisen keskitason 1,6 %:iin": the forms the 004 goal texts state levels in.
_LEVEL_FORMS: tuple[tuple[re.Pattern[str], Comparator | None], ...] = (  # i18n: goal words
    (re.compile(_LEVEL_NUMBER.replace("(?P<pct>%)?", "(?P<pct>%)") + r"\s?:\s?sti\b"), "≥"),
    (
        re.compile(
            _LEVEL_NUMBER.replace("(?P<pct>%)?", "(?P<pct>%)")
            + r"\s+(?:\w+\s+){0,2}?(?:hoituu|hoidetaan|toteutuu|toteutuvat|saavuttaa)\b"
        ),
        "≥",
    ),
    (
        re.compile(
            r"(?P<w>\bvähintään|\benintään|\bkorkeintaan|\byli|\balle|\bsuurempi kuin"
            r"|\bpienempi kuin|\benemmän kuin|\bvähemmän kuin|>=|<=|[<>≥≤])"
            r"\s*(?:[^\W\d]+\s+){0,3}?" + _LEVEL_NUMBER
        ),
        None,
    ),
)
_WORD_COMPARATOR: dict[str, Comparator] = {  # i18n: words of goal texts
    "vähintään": "≥",
    "enintään": "≤",
    "korkeintaan": "≤",
    "yli": ">",
    "alle": "<",
    "suurempi kuin": ">",
    "pienempi kuin": "<",
    "enemmän kuin": ">",
    "vähemmän kuin": "<",
    **_SYMBOLS,
}


def stated_level(text: object) -> Target | None:
    """The target level a goal states in its own words, or None.

    "ensihoidon kiireettömistä potilaista 50 % hoituu ilman ambulanssia" means
    at least 50 %; "vasteajat toteutuvat 96 %:sti" means at least 96 %; "on
    yli 50" means more than 50.  Only a text with exactly one such level
    gives one: two levels (one for February, one for the year end) or a
    change ("vähenee 10 %", "kasvavat 20 %") is not a level and is left for a
    person to state as a target, never guessed.  Years are never levels.
    """
    found: set[tuple[Comparator, float, str]] = set()
    raw = re.sub(r"\s+", " ", str(text or ""))
    lowered = raw.casefold()
    for pattern, comparator in _LEVEL_FORMS:
        for match in pattern.finditer(lowered):
            number = match["n"]
            if _YEAR.match(number) and not match["pct"]:
                continue
            chosen = comparator or _WORD_COMPARATOR[match["w"]]
            value = float(number.replace(",", "."))
            unit = "%" if match["pct"] else ""
            found.add((chosen, value / 100 if unit else value, unit))
    if len(found) != 1:
        return None
    comparator, value, unit = found.pop()
    shown = f"{value * 100:g} %".replace(".", ",") if unit else f"{value:g}".replace(".", ",")
    return Target(comparator, value, f"{comparator} {shown}", unit)
