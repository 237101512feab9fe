"""Status vocabularies as first-class values.

The reports use fixed words: the target statuses of seed 001 (Tavoitteessa,
Lähellä tavoitetta, Ei tavoitteessa, Valmistuu myöhemmin), the numbered
programme statuses of the savings programmes (1. Aloittamatta, 2. Etenee
suunnitellusti, 3. Haasteita, 5. Valmis — code 4 does not occur and the codes
stay as written), and the task states of the 004 goal cards.  Reading a word
through :meth:`Vocabulary.parse` accepts the printed form, the code alone or
the name without its code, and rejects anything else with the list of allowed
words, so a typo is a finding rather than a silently uncounted row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from xlsrc.core.errors import UnknownStatus
from xlsrc.core.schemes import ColourKey

StateKind = Literal["assessed", "pending"]
#: distinct words a vocabulary remembers having read
_KEPT_WORDS = 4096


@dataclass(frozen=True)
class Status:
    """One word of a vocabulary; ``colour`` is None for pending words."""

    code: str
    label_fi: str
    label_sv: str
    label_en: str
    colour: ColourKey | None
    kind: StateKind = "assessed"

    @property
    def printed(self) -> str:
        """The form the reports print: "2. Etenee suunnitellusti" or the bare label."""
        return f"{self.code}. {self.label_fi}" if self.code.isdigit() else self.label_fi


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of statuses (report column order)."""

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
            names = {
                status.printed.casefold(),
                status.label_fi.casefold(),
                status.label_sv.casefold(),
                status.label_en.casefold(),
            }
            if wanted in names:
                return status
            if code_only and code_only[1] == status.code:
                return status
            if with_code and with_code[1] == status.code:
                if with_code[2].casefold() == status.label_fi.casefold():
                    return status
        allowed = ", ".join(s.printed for s in self.statuses)
        raise UnknownStatus(f"{self.name}: tuntematon tila {raw!r}; sallitut: {allowed}")

    def by_colour(self, colour: ColourKey) -> Status:
        for status in self.statuses:
            if status.colour == colour:
                return status
        raise UnknownStatus(f"{self.name}: ei tilaa värille {colour}")

    @property
    def pending(self) -> Status:
        for status in self.statuses:
            if status.kind == "pending":
                return status
        raise UnknownStatus(f"{self.name}: ei odottavaa tilaa")

    @property
    def printed(self) -> list[str]:
        return [s.printed for s in self.statuses]


TARGET_STATUSES = Vocabulary(
    "Tavoitteen tila",
    (
        Status("T", "Tavoitteessa", "Målet nås", "On target", "green"),
        Status("L", "Lähellä tavoitetta", "Nära målet", "Near target", "yellow"),
        Status("E", "Ei tavoitteessa", "Målet nås inte", "Not on target", "red"),
        Status(
            "V", "Valmistuu myöhemmin", "Färdigställs senare", "Available later", None, "pending"
        ),
    ),
)

PROGRAMME_STATUSES = Vocabulary(
    "Tilannekuva",
    (
        Status("1", "Aloittamatta", "Inte påbörjad", "Not started", None),
        Status("2", "Etenee suunnitellusti", "Framskrider enligt plan", "On track", "green"),
        Status("3", "Haasteita", "Utmaningar", "Challenges", "yellow"),
        Status("5", "Valmis", "Klar", "Done", "green"),
    ),
)

TASK_STATES = Vocabulary(
    "Päätehtävän tila",
    (
        Status(
            "G", "Työ edistyy suunnitellusti", "Arbetet framskrider enligt plan", "On plan", "green"
        ),
        Status(
            "Y",
            "Työn toteutuksessa haasteita, joita ratkaistaan",
            "Utmaningar som håller på att lösas",
            "Challenges being solved",
            "yellow",
        ),
        Status(
            "R",
            "Työ ei etene, tarvitaan tukea",
            "Arbetet framskrider inte, stöd behövs",
            "Stalled, support needed",
            "red",
        ),
    ),
)
