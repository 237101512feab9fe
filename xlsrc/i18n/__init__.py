"""The message catalogue: compiled gettext catalogues, one per language, read on first use.

The source texts are Finnish (the ``msgid`` of every message, see
:mod:`xlsrc.core.text`); ``xlsrc/locale/<lang>/LC_MESSAGES/xlsrc.po`` holds
the Finnish, Swedish and English texts and ``xlsrc.mo`` their compiled form,
committed beside them (a test checks that each equals a fresh compile).  Only
the ``.mo`` files are read at run time, through the standard library's
:mod:`gettext`, and only when a message is first rendered in that language:
``xlsrc --help`` never parses a ``.po`` file.

Importing :mod:`xlsrc` installs this catalogue into the core (the core does no
I/O itself); :mod:`xlsrc.i18n.catalogue` extracts, updates and compiles it.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from xlsrc.core.text import LANGUAGES, Language, install_catalogue

DOMAIN = "xlsrc"
#: Where the catalogues are: ``<lang>/LC_MESSAGES/xlsrc.po`` and ``.mo``.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: Environment variable that chooses the language of the command line (``--lang`` wins).
LANGUAGE_VARIABLE = "XLSRC_LANG"


def catalogue_path(language: Language, suffix: str = ".mo") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


class GettextCatalogue:
    """The compiled catalogues, each loaded the first time a message needs it."""

    def __init__(self, locale_dir: Path = LOCALE_DIR) -> None:
        self._dir = locale_dir
        self._loaded: dict[str, gettext.NullTranslations] = {}

    def _translations(self, language: Language) -> gettext.NullTranslations:
        found = self._loaded.get(language)
        if found is None:
            path = self._dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
            try:
                with path.open("rb") as stream:
                    found = gettext.GNUTranslations(stream)
            except FileNotFoundError:
                # An installation without a catalogue shows the Finnish source texts.
                found = gettext.NullTranslations()
            self._loaded[language] = found
        return found

    def gettext(self, language: Language, context: str | None, msgid: str) -> str:
        translations = self._translations(language)
        if context is None:
            return translations.gettext(msgid)
        return translations.pgettext(context, msgid)

    def ngettext(
        self, language: Language, context: str | None, msgid: str, plural: str, n: int
    ) -> str:
        translations = self._translations(language)
        if context is None:
            return translations.ngettext(msgid, plural, n)
        return translations.npgettext(context, msgid, plural, n)


def install() -> GettextCatalogue:
    """Install the package's catalogue into the core (done once, on ``import xlsrc``)."""
    catalogue = GettextCatalogue()
    install_catalogue(catalogue)
    return catalogue


__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LANGUAGE_VARIABLE",
    "LOCALE_DIR",
    "GettextCatalogue",
    "catalogue_path",
    "install",
]
