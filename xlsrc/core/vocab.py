"""Status vocabularies as first-class values.

The reports use fixed words: the target statuses of seed 001 (Tavoitteessa,
Lähellä tavoitetta, Ei tavoitteessa, Valmistuu myöhemmin), the numbered
programme statuses of the savings programmes (1. Aloittamatta, 2. Etenee
suunnitellusti, 3. Haasteita, 5. Valmis — code 4 does not occur and the codes
stay as written), and the task states of the 004 goal cards.  Reading a word
through :meth:`Vocabulary.parse` accepts the printed form, the code alone or
the name without its code, and rejects anything else with the list of allowed
words, so a typo is a finding rather than a silently uncounted row.  The
labels are the message catalogue's: a Swedish workbook shows "2. Framskrider
enligt plan", and every language's word (with or without its code) is read
as the same status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from xlsrc.core.errors import UnknownStatus
from xlsrc.core.schemes import COLOUR_NAMES, ColourKey
from xlsrc.core.text import LANGUAGES, N_, Language, Msg, current_language, translate

StateKind = Literal["assessed", "pending"]
#: distinct words a vocabulary remembers having read
_KEPT_WORDS = 4096


@dataclass(frozen=True)
class Status:
    """One word of a vocabulary; ``colour`` is None for pending words.

    ``label`` is the Finnish source text of the catalogue (the seeds' own
    word); :meth:`label_in` is the word in any language.
    """

    code: str
    label: str
    colour: ColourKey | None
    kind: StateKind = "assessed"

    def label_in(self, language: Language | None = None) -> str:
        return translate(self.label, language)

    @property
    def label_fi(self) -> str:
        return self.label_in("fi")

    @property
    def label_sv(self) -> str:
        return self.label_in("sv")

    @property
    def label_en(self) -> str:
        return self.label_in("en")

    def printed_in(self, language: Language | None = None) -> str:
        """The form the reports print: "2. Etenee suunnitellusti" or the bare label."""
        label = self.label_in(language)
        return f"{self.code}. {label}" if self.code.isdigit() else label

    @property
    def printed(self) -> str:
        """:meth:`printed_in` the current language."""
        return self.printed_in(current_language())

    def names(self) -> set[str]:
        """Every printed form and label in every language, case-folded."""
        return {
            form.casefold()
            for language in LANGUAGES
            for form in (self.printed_in(language), self.label_in(language))
        }


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of statuses (report column order); ``name`` is a catalogue text."""

    name: str
    statuses: tuple[Status, ...]
    #: words already read (a table repeats a handful of them thousands of times)
    _read: dict[str, Status] = field(default_factory=dict, init=False, compare=False, repr=False)

    def parse(self, text: object) -> Status:
        """The status ``text`` names; :class:`UnknownStatus` (with the allowed words) if none."""
        word = str(text if text is not None else "")
        found = self._read.get(word)
        if found is None:
            found = self._parse(word)
            if len(self._read) < _KEPT_WORDS:
                self._read[word] = found
        return found

    def _parse(self, word: str) -> Status:
        raw = re.sub(r"\s+", " ", word).strip()
        wanted = raw.casefold()
        code_only = re.fullmatch(r"(\d+)\.?", raw)
        with_code = re.fullmatch(r"(\d+)\.?\s+(.+)", raw)
        for status in self.statuses:
            names = status.names()
            if wanted in names:
                return status
            if code_only and code_only[1] == status.code:
                return status
            if with_code and with_code[1] == status.code and with_code[2].casefold() in names:
                return status
        raise UnknownStatus(
            Msg(
                "{vocabulary}: tuntematon tila {word!r}; sallitut: {allowed}",
                vocabulary=Msg(self.name),
                word=raw,
                allowed=", ".join(self.printed),
            )
        )

    def by_colour(self, colour: ColourKey) -> Status:
        for status in self.statuses:
            if status.colour == colour:
                return status
        raise UnknownStatus(
            Msg("{vocabulary}: ei tilaa värille {colour}", vocabulary=Msg(self.name),
                colour=Msg(COLOUR_NAMES[colour]))
        )  # fmt: skip

    @property
    def pending(self) -> Status:
        for status in self.statuses:
            if status.kind == "pending":
                return status
        raise UnknownStatus(Msg("{vocabulary}: ei odottavaa tilaa", vocabulary=Msg(self.name)))

    @property
    def printed(self) -> list[str]:
        """The printed forms in the current language, in report column order."""
        return [s.printed for s in self.statuses]


TARGET_STATUSES = Vocabulary(
    N_("Tavoitteen tila"),
    (
        Status("T", N_("Tavoitteessa"), "green"),
        Status("L", N_("Lähellä tavoitetta"), "yellow"),
        Status("E", N_("Ei tavoitteessa"), "red"),
        Status("V", N_("Valmistuu myöhemmin"), None, "pending"),
    ),
)

PROGRAMME_STATUSES = Vocabulary(
    N_("Tilannekuva"),
    (
        Status("1", N_("Aloittamatta"), None),
        Status("2", N_("Etenee suunnitellusti"), "green"),
        Status("3", N_("Haasteita"), "yellow"),
        Status("5", N_("Valmis"), "green"),
    ),
)

TASK_STATES = Vocabulary(
    N_("Päätehtävän tila"),
    (
        Status("G", N_("Työ edistyy suunnitellusti"), "green"),
        Status("Y", N_("Työn toteutuksessa haasteita, joita ratkaistaan"), "yellow"),
        Status("R", N_("Työ ei etene, tarvitaan tukea"), "red"),
    ),
)
