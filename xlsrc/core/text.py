"""Words a person reads, in Finnish, Swedish or English: the one way text is made.

Every user-facing string of xlsrc is a *message*: a Finnish source text (the
gettext ``msgid``; Finnish is the product's own language) with named
``{placeholders}``, looked up in the message catalogue (``xlsrc/locale``) for
the language in force.  Three forms, one lookup:

* :func:`tr` - translated now, into the current language (CLI output);
* :class:`Msg` - translated when it is shown (:func:`str`, :meth:`Msg.render`):
  exception messages, layout headers and labels that outlive the moment they
  were made, so one value prints in whichever language asks;
* :func:`N_` - marks a source text for the catalogue without translating it
  (data tables whose entries are translated where they are shown).

Numbers inside messages are :class:`Num` values, formatted by
:func:`format_number` in the language of the rendering ("−4,9 %" in Finnish
and Swedish, "-4.9%" in English), so a message never carries a number
formatted in another language's convention.

The core stays pure: this module does no I/O.  The catalogue is installed from
outside (:func:`install_catalogue`, done by :mod:`xlsrc.i18n` when the package
is imported); without one, every message is its Finnish source text.
"""

from __future__ import annotations

import contextlib
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, Protocol

Language = Literal["fi", "sv", "en"]
#: The languages of the catalogue; Finnish first (the default and the source language).
LANGUAGES: tuple[Language, ...] = ("fi", "sv", "en")
DEFAULT_LANGUAGE: Language = "fi"


class Catalogue(Protocol):
    """The translations of the source texts (installed by :mod:`xlsrc.i18n`)."""

    def gettext(self, language: Language, context: str | None, msgid: str) -> str:
        """``msgid`` in ``language``; ``msgid`` itself when the catalogue lacks it."""
        ...

    def ngettext(
        self, language: Language, context: str | None, msgid: str, plural: str, n: int
    ) -> str:
        """The singular or plural form for ``n`` in ``language``."""
        ...


_current: ContextVar[Language] = ContextVar("xlsrc_language", default=DEFAULT_LANGUAGE)
_catalogue: list[Catalogue] = []

#: Every way a person or a setting names a language ("sv", "svenska", "ruotsi", ...).
_LANGUAGE_NAMES: dict[str, Language] = {
    "fi": "fi",
    "fin": "fi",
    "suomi": "fi",
    "finska": "fi",
    "finnish": "fi",
    "sv": "sv",
    "swe": "sv",
    "svenska": "sv",
    "ruotsi": "sv",
    "swedish": "sv",
    "en": "en",
    "eng": "en",
    "english": "en",
    "englanti": "en",
    "engelska": "en",
}

#: The name of each language in itself, as a workbook's "Kieli" setting shows it.
LANGUAGE_NAMES: dict[Language, str] = {"fi": "suomi", "sv": "svenska", "en": "English"}


def install_catalogue(catalogue: Catalogue) -> None:
    """Make ``catalogue`` the one every message is translated through."""
    _catalogue[:] = [catalogue]


def language_of(value: object) -> Language | None:
    """The language ``value`` names ("sv", "svenska", "fi-FI", "Suomi"), None if none."""
    text = unicodedata.normalize("NFC", str(value if value is not None else "")).strip()
    key = re.split(r"[-_.@ ]", text.casefold(), maxsplit=1)[0] if text else ""
    return _LANGUAGE_NAMES.get(key)


def current_language() -> Language:
    """The language messages are rendered in now (Finnish unless a caller chose another)."""
    return _current.get()


@contextlib.contextmanager
def use_language(language: Language) -> Iterator[Language]:
    """Render messages in ``language`` inside the ``with`` block (per thread and task)."""
    token = _current.set(language)
    try:
        yield language
    finally:
        _current.reset(token)


def set_language(language: Language) -> None:
    """Render messages in ``language`` from now on (the CLI's ``--lang``)."""
    _current.set(language)


def translate(msgid: str, language: Language | None = None, context: str | None = None) -> str:
    """``msgid`` (a Finnish source text) in ``language``; the source text if not translated."""
    if _catalogue:
        return _catalogue[0].gettext(language or _current.get(), context, msgid)
    return msgid


def translate_plural(
    msgid: str,
    plural: str,
    n: int,
    language: Language | None = None,
    context: str | None = None,
) -> str:
    """The form of ``msgid``/``plural`` for ``n`` in ``language`` (n != 1: plural)."""
    if _catalogue:
        return _catalogue[0].ngettext(language or _current.get(), context, msgid, plural, n)
    return msgid if n == 1 else plural


def N_(msgid: str) -> str:  # noqa: N802 - the gettext name of the marker
    """Mark ``msgid`` for the catalogue; it is translated where it is shown."""
    return msgid


def tr(msgid: str, /, **params: object) -> str:
    """``msgid`` translated into the current language, with ``params`` filled in."""
    return Msg(msgid, **params).render()


def ptr(context: str, msgid: str, /, **params: object) -> str:
    """:func:`tr` of a text whose translation depends on where it stands (``context``)."""
    return Msg.in_context(context, msgid, **params).render()


def ntr(msgid: str, plural: str, n: int, /, **params: object) -> str:
    """:func:`tr` with a singular and a plural form chosen by ``n`` ({n} is filled in)."""
    return Msg.plural(msgid, plural, n, **params).render()


class Msg:
    """A message translated when it is shown, in the language of the one who shows it.

    ``params`` fill the ``{placeholders}``; a parameter that is itself a
    :class:`Msg`, :class:`Num` or :class:`Joined` is rendered in the same
    language.  Equal messages compare equal; ``str()`` renders in the current
    language.
    """

    __slots__ = ("context", "msgid", "n", "params", "plural_id")

    def __init__(self, msgid: str, /, **params: object) -> None:
        self.msgid = msgid
        self.params = params
        self.context: str | None = None
        self.plural_id: str | None = None
        self.n = 0

    @classmethod
    def in_context(cls, context: str, msgid: str, /, **params: object) -> Msg:
        """A message whose translation depends on where it stands (gettext's msgctxt)."""
        made = cls(msgid, **params)
        made.context = context
        return made

    @classmethod
    def plural(cls, msgid: str, plural: str, n: int, /, **params: object) -> Msg:
        """A message with a singular and a plural form, chosen by ``n`` (also ``{n}``)."""
        made = cls(msgid, **{"n": n, **params})
        made.plural_id = plural
        made.n = n
        return made

    def render(self, language: Language | None = None) -> str:
        chosen = language or _current.get()
        if self.plural_id is None:
            template = translate(self.msgid, chosen, self.context)
        else:
            template = translate_plural(self.msgid, self.plural_id, self.n, chosen, self.context)
        if not self.params:
            return template
        values = {key: render(value, chosen) for key, value in self.params.items()}
        return _FORMATTER.vformat(template, (), values)

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)

    def __contains__(self, part: str) -> bool:
        return part in self.render()

    def __repr__(self) -> str:
        return f"Msg({self.msgid!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and self._key() == other._key()

    def _key(self) -> tuple[object, ...]:
        return (self.msgid, self.context, self.plural_id, self.n, self.params)

    def __hash__(self) -> int:
        return hash((self.msgid, self.context))

    def renderings(self) -> tuple[str, ...]:
        """The message in every language (a reader accepts any of them)."""
        return tuple(dict.fromkeys(self.render(language) for language in LANGUAGES))


#: Text a layout or a label holds: a plain string (shown as it is) or a message.
Text = str | Msg


def render(value: object, language: Language | None = None) -> object:
    """``value`` as shown in ``language``: messages and numbers rendered, the rest as it is."""
    if isinstance(value, Msg | Num | Joined):
        return value.render(language)
    return value


def text_in(value: Text, language: Language | None = None) -> str:
    """A :data:`Text` as a string in ``language``: a message rendered, a plain string
    translated (a source text the catalogue lacks, "TB 2024", stays as it is)."""
    return value.render(language) if isinstance(value, Msg) else translate(value, language)


def renderings(value: Text) -> tuple[str, ...]:
    """A :data:`Text` in every language, each once (a reader accepts any of them)."""
    return tuple(dict.fromkeys(text_in(value, language) for language in LANGUAGES))


@dataclass(frozen=True)
class Num:
    """A number in a message, formatted in the language it is shown in."""

    value: float
    decimals: int = 0
    unit: str = ""

    def render(self, language: Language | None = None) -> str:
        return format_number(self.value, self.decimals, self.unit, language)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class Joined:
    """Several texts joined by ``separator`` (", "), each rendered in the same language."""

    items: tuple[object, ...]
    separator: str = ", "

    @classmethod
    def of(cls, items: Iterable[object], separator: str = ", ") -> Joined:
        return cls(tuple(items), separator)

    def render(self, language: Language | None = None) -> str:
        return self.separator.join(str(render(item, language)) for item in self.items)

    def __str__(self) -> str:
        return self.render()


class _Formatter(string.Formatter):
    """``{text!r}`` in a message quotes the text as a person reads it, not as Python does.

    ``repr("1\xa0234")`` is ``'1\\xa0234'``: a user who typed "1 234" would not recognise
    it.  A quoted text keeps its spaces of every kind and escapes only what cannot be
    seen at all (control characters).
    """

    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "r" and isinstance(value, str):
            return quoted(value)
        return super().convert_field(value, conversion)


def quoted(text: str) -> str:
    """``text`` in single quotes, visible as typed: only invisible characters escaped."""
    shown = "".join(
        c if c.isprintable() or unicodedata.category(c) == "Zs" else repr(c)[1:-1] for c in text
    )
    return f"'{shown}'"


_FORMATTER = _Formatter()


# --- numbers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberSymbols:
    """How a language writes numbers (CLDR's symbols, as Babel gives them)."""

    decimal: str
    group: str
    minus: str
    percent: str
    """What follows a per cent number: "\\xa0%" (a no-break space, then %) or "%"."""
    unit_space: str = "\u00a0"


#: CLDR number symbols of each language (checked against Babel's data by the tests).
NUMBER_SYMBOLS: dict[Language, NumberSymbols] = {
    "fi": NumberSymbols(",", "\u00a0", "\u2212", "\u00a0%"),
    "sv": NumberSymbols(",", "\u00a0", "\u2212", "\u00a0%"),
    "en": NumberSymbols(".", ",", "-", "%", " "),
}


def format_number(
    value: float, decimals: int = 0, unit: str = "", language: Language | None = None
) -> str:
    """``value`` as a person reads it in ``language``: "−2 891,2", "13,6 %", "1,0 M€".

    Rounded half-up to ``decimals`` (as the reports round); per cents (``unit``
    "%") are fractions and printed in per cent points.  Thousands are grouped
    with the language's separator (a no-break space in Finnish and Swedish),
    negative numbers carry the language's minus sign (U+2212 in Finnish and
    Swedish), and a value that rounds to zero has no sign.
    """
    symbols = NUMBER_SYMBOLS[language or _current.get()]
    shown = Decimal(repr(float(value)))
    if unit == "%":
        shown = shown * 100
    quantum = Decimal(1).scaleb(-decimals)
    rounded = shown.quantize(quantum, rounding=ROUND_HALF_UP)
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    sign = symbols.minus if rounded < 0 else ""
    number = sign + symbols.group.join(groups) + (symbols.decimal + fraction if fraction else "")
    if unit == "%":
        return number + symbols.percent
    return f"{number}{symbols.unit_space}{unit}" if unit else number


def located(where: object, message: Msg) -> Msg:
    """``message`` after the place it is about ("Taulukko 3!E7: ..."); as it is without one."""
    return Msg("{where}: {message}", where=where, message=message) if where else message


def compact(value: float, unit: str = "") -> Num:
    """A number with as many decimals as it has (at most six significant digits, as "%g"
    would show it): 0.15 -> "0,15", 2.0 -> "2"; per cents ("%") in per cent points."""
    shown = value * 100 if unit == "%" else value
    text = f"{shown:g}"
    decimals = 0 if "e" in text else len(text.partition(".")[2])
    return Num(value, decimals, unit)
