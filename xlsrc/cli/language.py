"""The command line in the user's language: ``--lang``, ``XLSRC_LANG``, and click's own texts.

Help texts are Finnish source texts (``help=N_("...")``), translated when the
help is shown, so ``xlsrc --lang sv recalc --help`` is Swedish although the
command was defined before the language was known: :class:`Command` and
:class:`Group` show their help, their options' help and their usage line
through the catalogue.  Click marks its own messages ("Usage:", "Error:",
"Show this message and exit.", "Missing argument ...") for gettext and looks
them up through the names ``_`` and ``ngettext`` of its modules;
:func:`translate_click` points those names at the catalogue, so click speaks
the same language as xlsrc.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator, Mapping
from typing import Any

import click

from xlsrc.core.text import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    N_,
    language_of,
    set_language,
    tr,
    translate,
    translate_plural,
)
from xlsrc.i18n import LANGUAGE_VARIABLE

#: Click's modules that translate through ``_``/``ngettext`` (``from gettext import ...``).
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
)

OPTIONS_METAVAR = N_("[VALINNAT]")
SUBCOMMAND_METAVAR = N_("KOMENTO [ARGUMENTIT]...")


def _click_gettext(message: str) -> str:
    return translate(message)


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return translate_plural(singular, plural, n)


def translate_click() -> None:
    """Make click's own messages go through the catalogue (in the current language)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]  # click's own gettext alias
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]


@contextlib.contextmanager
def _translated(command: click.Command) -> Iterator[None]:
    """``command``'s help texts (and its options') in the current language, for a moment."""
    saved: list[tuple[object, str, Any]] = []

    def swap(target: object, attribute: str) -> None:
        value = getattr(target, attribute, None)
        if isinstance(value, str) and value:
            saved.append((target, attribute, value))
            setattr(target, attribute, translate(value))

    for attribute in ("help", "short_help", "epilog", "options_metavar", "subcommand_metavar"):
        swap(command, attribute)
    for param in command.params:
        swap(param, "help")
        swap(param, "metavar")
        if isinstance(param.type, click.Path):  # "directory", "file": named in its errors
            swap(param.type, "name")
    try:
        yield
    finally:
        for target, attribute, value in reversed(saved):
            setattr(target, attribute, value)


class _Translated(click.Command):
    """Help, usage and parsing of a click command in the current language (the base of
    :class:`Command` and, before click's own group, of :class:`Group`)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self):
            super().format_help(ctx, formatter)

    def get_usage(self, ctx: click.Context) -> str:
        with _translated(self):
            return super().get_usage(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with _translated(self):  # a bad value's message names the parameter's type
            return super().parse_args(ctx, args)


class Command(_Translated, click.Command):
    """A click command whose help is shown in the current language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class Group(_Translated, click.Group):
    """A click group whose help, and its subcommands' help, is in the current language."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)


Group.group_class = Group


def language_from_environment(environ: Mapping[str, str]) -> None:
    """Use the language :data:`LANGUAGE_VARIABLE` names (Finnish when unset); refuse a
    value that names none."""
    set_language(DEFAULT_LANGUAGE)
    value = environ.get(LANGUAGE_VARIABLE)
    if value is None or not value.strip():
        return
    chosen = language_of(value)
    if chosen is None:
        raise click.UsageError(
            tr(
                "{variable}={value!r} ei ole tuettu kieli; sallitut: {allowed}",
                variable=LANGUAGE_VARIABLE,
                value=value,
                allowed=", ".join(LANGUAGES),
            )
        )
    set_language(chosen)


def _use_option(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        chosen = language_of(value)
        assert chosen is not None  # click.Choice admits only the catalogue's languages
        set_language(chosen)


def language_option(command: Any) -> Any:
    """The ``--lang fi|sv|en`` option (eager: it applies before ``--help`` is shown)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        is_eager=True,
        expose_value=False,
        callback=_use_option,
        help=N_("Kieli: fi (suomi, oletus), sv (svenska) tai en (English); myös XLSRC_LANG."),
    )(command)
