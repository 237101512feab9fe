"""The rule words of the workbooks, each parsed in exactly one place.

A rules sheet, a KPI row or an ``XS_`` argument names a rule by a word: an
assessment method ("Toteutumisaste", "ratio", "Måluppfyllelse"), a roll-up
("huonoin", "keskiarvo"), a status scheme ("Vuosiarvio 50/90",
"year_end").  Every reader - the ``XS_`` functions, validation, the status
sheet, the templates - goes through the parsers here, so one word means one
thing everywhere and an unknown word is refused the same way everywhere.

Internal codes (``ratio``, ``worst``, ``year_end``) are stable and
language-neutral; users see and type the labels (the message catalogue's, in
the workbook's language; every language's label is accepted), and the codes
are accepted too, so workbooks written with either keep working.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from xlsrc.core.errors import InvalidRule, InvalidTarget, XlsrcError
from xlsrc.core.text import LANGUAGES, N_, Language, Msg, Text, located, translate

Method = Literal["value", "met", "ratio", "progress"]
RollUp = Literal["worst", "mean", "weighted"]
Code = TypeVar("Code", bound=str)


def normal_word(value: object) -> str:
    """Comparison form of a word: NFC, case-folded, single spaces, no trailing colon."""
    text = unicodedata.normalize("NFC", str(value if value is not None else ""))
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().casefold()


@dataclass(frozen=True)
class Word(Generic[Code]):
    """One rule word: its code, its label (a catalogue text), and further spellings people use."""

    code: Code
    source: str
    aliases: tuple[str, ...] = ()

    def label(self, language: Language | None = None) -> str:
        """The label in ``language`` (the current language when None)."""
        return translate(self.source, language)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.code, *(self.label(lang) for lang in LANGUAGES), *self.aliases)


@dataclass(frozen=True)
class WordList(Generic[Code]):
    """The words of one kind of rule, and the one parser for them."""

    what: str
    words: tuple[Word[Code], ...]
    error: type[XlsrcError] = InvalidRule

    def parse(self, value: object, where: Text = "") -> Code:
        """The code of ``value``; the list's error naming the allowed labels otherwise."""
        wanted = normal_word(value)
        for word in self.words:
            if wanted in (normal_word(s) for s in word.spellings):
                return word.code
        allowed = ", ".join(w.label() for w in self.words)
        message = Msg(
            "{what} {value!r} ei ole mikään näistä: {allowed}",
            what=Msg(self.what),
            value=value,
            allowed=allowed,
        )
        raise self.error(located(where, message))

    def word(self, code: str) -> Word[Code]:
        for word in self.words:
            if word.code == code:
                return word
        raise KeyError(code)

    def label(self, code: str, language: Language | None = None) -> str:
        return self.word(code).label(language)

    @property
    def codes(self) -> tuple[Code, ...]:
        return tuple(w.code for w in self.words)


#: Each word's label is a catalogue text; the aliases are further spellings people type
#: (read, never shown).
METHOD_WORDS: WordList[Method] = WordList(
    N_("arviointitapa"),
    (
        Word("value", N_("Mitattu osuus"), ("arvo", "osuus", "toteuma", "värde")),  # i18n: input
        Word(
            "met",
            N_("Saavutettu tai ei"),
            ("saavutettu", "toteutui", "uppnått", "met or not met"),  # i18n: input words
        ),
        Word(
            "ratio", N_("Toteutumisaste"), ("suhde", "suhdeluku", "toteutuma-aste", "achievement")
        ),
        Word("progress", N_("Edistymä"), ("eteneminen", "edistyminen", "progress from baseline")),
    ),
    InvalidTarget,
)

ROLLUP_WORDS: WordList[RollUp] = WordList(
    N_("koontitapa"),
    (
        Word("worst", N_("huonoin"), ("heikoin", "worst-of", "huonoin tila")),
        Word("mean", N_("keskiarvo"), ("average",)),
        Word(
            "weighted",
            N_("painotettu"),
            ("painotettu keskiarvo", "viktat medelvärde", "weighted mean"),  # i18n: input words
        ),
    ),
)


def parse_method(value: object, where: Text = "") -> Method:
    """An assessment method from its label or code; :class:`InvalidTarget` otherwise."""
    return METHOD_WORDS.parse(value, where)


def parse_rollup(value: object, where: Text = "") -> RollUp:
    """A roll-up from its label or code; :class:`InvalidRule` otherwise."""
    return ROLLUP_WORDS.parse(value, where)


def method_label(method: str, language: Language | None = None) -> str:
    return METHOD_WORDS.label(method, language)


def scheme_key(value: object, names: Mapping[str, tuple[str, ...]], where: Text = "") -> str:
    """The key of the scheme ``value`` names, given each scheme's key -> its names.

    A scheme is named by its key (``year_end``), its title on the rules sheet
    or its Excel Table name; the caller passes what the workbook has, so a
    scheme a committee added is found the same way as a built-in one.
    """
    wanted = normal_word(value)
    for key, spellings in names.items():
        if wanted in {normal_word(key), *(normal_word(s) for s in spellings)}:
            return key
    known = "; ".join(spellings[0] if spellings else key for key, spellings in names.items())
    message = Msg(
        "tila-asteikkoa {value!r} ei löydy; asteikot: {known}",
        value=value,
        known=known or Msg("ei yhtään"),
    )
    raise InvalidRule(located(where, message))
