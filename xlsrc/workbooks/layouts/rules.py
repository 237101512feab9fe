"""The rules sheet ("Säännöt"): its blocks, each an Excel Table found by its name.

Status schemes, vocabularies, the assessment methods and the settings live
here as Tables, so formulas reference them as ``Saanto_year_end[...]`` and
readers find them by Table name: a committee may add a band (a row typed
under a block grows it), and a newer template may add a block, without any
existing workbook losing its rules.  The schemes and vocabularies themselves
are the core's registries (:data:`xlsrc.core.schemes.BUILT_IN_SCHEMES`,
:data:`VOCABULARIES`); this module only says how they are laid out.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsrc.core.schemes import BUILT_IN_SCHEMES, RULES_HEADERS, ColourKey, StatusScheme
from xlsrc.core.text import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    Language,
    Msg,
    Text,
    current_language,
    language_of,
    renderings,
    translate,
)
from xlsrc.core.vocab import PROGRAMME_STATUSES, TARGET_STATUSES, TASK_STATES, Vocabulary
from xlsrc.core.words import METHOD_WORDS
from xlsrc.workbooks.layouts.model import Setting, as_message

#: The rules sheet's name (a catalogue text: "Regler" in a Swedish workbook).
RULES_SHEET = N_("Säännöt")
#: Empty rows kept inside each scheme table, for a band added later (blank rows are skipped).
SPARE_RULE_ROWS = 2

SCHEMES: dict[str, StatusScheme] = BUILT_IN_SCHEMES
VOCABULARIES: dict[str, Vocabulary] = {
    "target_status": TARGET_STATUSES,
    "programme_status": PROGRAMME_STATUSES,
    "task_state": TASK_STATES,
}
#: A vocabulary block: code, the status word in the workbook's language (the dropdown
#: list), its colour word, and the word in the two other languages (headers: their names).
VOCABULARY_HEADERS: tuple[str, ...] = (N_("Koodi"), N_("Tila"), N_("Väri"), "", "")
METHOD_HEADERS: tuple[str, ...] = (N_("Arviointitapa"), N_("Selitys"))
SETTINGS_HEADERS: tuple[str, ...] = (N_("Asetus"), N_("Arvo"), N_("Selitys"))
SETTINGS_TABLE = "Asetukset"  # i18n: an Excel Table name, the same in every language
METHODS_TABLE = "Arviointitavat"
#: The name of each language in itself, as the other-language columns are headed.
LANGUAGE_HEADERS: dict[str, str] = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def other_languages(language: str) -> tuple[Language, Language]:
    """The two languages a vocabulary block gives beside the workbook's own."""
    others = [code for code in LANGUAGES if code != language]
    return others[0], others[1]


def header_text(header: str, language: str | None = None, position: int = 0) -> str:
    """A rules-block header as a workbook in ``language`` shows it (the other-language
    columns of a vocabulary block are named after their language)."""
    chosen = language_of(language) or current_language()
    if header:
        return translate(header, chosen)
    return LANGUAGE_HEADERS[other_languages(chosen)[position - 3]]


def header_texts(header: str, position: int = 0) -> tuple[str, ...]:
    """The header in every language (a reader accepts any)."""
    if header:
        return renderings(header)
    return tuple(LANGUAGE_HEADERS.values())


#: The setting that says in which language xlsrc writes into the workbook.
LANGUAGE_SETTING = N_("Kieli")


def is_language_setting(name: object) -> bool:
    """Whether a settings row's name is "Kieli" (in any language)."""
    wanted = str(name or "").strip().rstrip(":").casefold()
    return wanted in (word.casefold() for word in renderings(LANGUAGE_SETTING))


def language_setting() -> Setting:
    """The "Kieli" row every workbook's settings start with: the language it is written in."""
    return Setting(
        LANGUAGE_SETTING,
        LANGUAGE_NAMES[current_language()],
        N_("Tilannekatsauksen ja tarkistusten kieli: suomi, svenska tai English"),
    )


METHOD_HELP: dict[str, str] = {
    "value": N_(
        "Toteuma on itse mitattu osuus (esim. lakisääteisessä ajassa toteutuneiden "
        "palvelujen osuus); tila luetaan suoraan sääntötaulukosta."
    ),
    "met": N_("Tavoite joko saavutettu (vihreä) tai ei (punainen), ei välimuotoa."),
    "ratio": N_(
        "Toteuma suhteessa tavoitteeseen (tai tavoite / toteuma, kun pienempi on "
        "parempi); suhdeluku luokitellaan sääntötaulukolla."
    ),
    "progress": N_(
        "Kuljettu matka lähtöarvosta tavoitteeseen: (toteuma − lähtöarvo) / "
        "(tavoite − lähtöarvo); luokitellaan sääntötaulukolla."
    ),
}
assert tuple(METHOD_HELP) == METHOD_WORDS.codes


@dataclass(frozen=True)
class RulesBlock:
    """One Table on the rules sheet: a status scheme, a vocabulary, the methods, settings."""

    key: str
    name: str
    title: Text
    note: Text
    headers: tuple[str, ...]
    """Catalogue texts (shown in the workbook's language; see :func:`header_text`)."""
    rows: int

    def header(self, index: int) -> str:
        """Header ``index`` in the current language."""
        return header_text(self.headers[index], position=index)

    @property
    def first_header(self) -> str:
        return self.header(0)

    @property
    def last_header(self) -> str:
        return self.header(len(self.headers) - 1)

    def index_of(self, header: str) -> int:
        """The position of a header given by its source text ("Väri")."""
        return self.headers.index(header)


def scheme_table_name(key: str) -> str:
    return f"Saanto_{key}"


def vocabulary_table_name(key: str) -> str:
    return f"Sanasto_{key}"


def _blocks() -> tuple[RulesBlock, ...]:
    blocks = [
        RulesBlock(
            key,
            scheme_table_name(key),
            scheme.name,
            Msg("Lähde: {source}", source=as_message(scheme.source)),
            RULES_HEADERS,
            len(scheme.bands) + SPARE_RULE_ROWS,
        )
        for key, scheme in SCHEMES.items()
    ]
    blocks += [
        RulesBlock(
            key,
            vocabulary_table_name(key),
            Msg("Sanasto: {vocabulary}", vocabulary=Msg(vocabulary.name)),
            N_("Sallitut tilat (tietojen kelpoisuustarkistuksen luettelo) ja niiden värit."),
            VOCABULARY_HEADERS,
            len(vocabulary.statuses),
        )
        for key, vocabulary in VOCABULARIES.items()
    ]
    blocks.append(
        RulesBlock(
            "methods",
            METHODS_TABLE,
            N_("Arviointitavat (sarake Arviointitapa)"),
            N_("Miten toteumaa verrataan tavoitteeseen."),
            METHOD_HEADERS,
            len(METHOD_WORDS.words),
        )
    )
    return tuple(blocks)


RULES_BLOCKS: tuple[RulesBlock, ...] = _blocks()


def rules_block(key: str) -> RulesBlock:
    for block in RULES_BLOCKS:
        if block.key == key:
            return block
    raise KeyError(f"no rules block {key!r}")


def band_order(scheme_key: str) -> list[ColourKey]:
    """Colours of a scheme block's rows as written (highest band first)."""
    return [band.key for band in reversed(SCHEMES[scheme_key].bands)]
