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
from xlsrc.core.vocab import PROGRAMME_STATUSES, TARGET_STATUSES, TASK_STATES, Vocabulary
from xlsrc.core.words import METHOD_WORDS

RULES_SHEET = "Säännöt"
#: Empty rows kept inside each scheme table, for a band added later (blank rows are skipped).
SPARE_RULE_ROWS = 2

SCHEMES: dict[str, StatusScheme] = BUILT_IN_SCHEMES
VOCABULARIES: dict[str, Vocabulary] = {
    "target_status": TARGET_STATUSES,
    "programme_status": PROGRAMME_STATUSES,
    "task_state": TASK_STATES,
}
VOCABULARY_HEADERS: tuple[str, ...] = ("Koodi", "Tila", "Väri", "Svenska", "English")
METHOD_HEADERS: tuple[str, ...] = ("Arviointitapa", "Selitys")
SETTINGS_HEADERS: tuple[str, ...] = ("Asetus", "Arvo", "Selitys")
SETTINGS_TABLE = "Asetukset"
METHODS_TABLE = "Arviointitavat"

METHOD_HELP: dict[str, str] = {
    "value": "Toteuma on itse mitattu osuus (esim. lakisääteisessä ajassa toteutuneiden "
    "palvelujen osuus); tila luetaan suoraan sääntötaulukosta.",
    "met": "Tavoite joko saavutettu (vihreä) tai ei (punainen), ei välimuotoa.",
    "ratio": "Toteuma suhteessa tavoitteeseen (tai tavoite / toteuma, kun pienempi on "
    "parempi); suhdeluku luokitellaan sääntötaulukolla.",
    "progress": "Kuljettu matka lähtöarvosta tavoitteeseen: (toteuma − lähtöarvo) / "
    "(tavoite − lähtöarvo); luokitellaan sääntötaulukolla.",
}
assert tuple(METHOD_HELP) == METHOD_WORDS.codes


@dataclass(frozen=True)
class RulesBlock:
    """One Table on the rules sheet: a status scheme, a vocabulary, the methods, settings."""

    key: str
    name: str
    title: str
    note: str
    headers: tuple[str, ...]
    rows: int

    @property
    def first_header(self) -> str:
        return self.headers[0]

    @property
    def last_header(self) -> str:
        return self.headers[-1]


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
            f"Lähde: {scheme.source}",
            RULES_HEADERS,
            len(scheme.bands) + SPARE_RULE_ROWS,
        )
        for key, scheme in SCHEMES.items()
    ]
    blocks += [
        RulesBlock(
            key,
            vocabulary_table_name(key),
            f"Sanasto: {vocabulary.name}",
            "Sallitut tilat (tietojen kelpoisuustarkistuksen luettelo) ja niiden värit.",
            VOCABULARY_HEADERS,
            len(vocabulary.statuses),
        )
        for key, vocabulary in VOCABULARIES.items()
    ]
    blocks.append(
        RulesBlock(
            "methods",
            METHODS_TABLE,
            "Arviointitavat (sarake Arviointitapa)",
            "Miten toteumaa verrataan tavoitteeseen.",
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
