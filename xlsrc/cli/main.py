"""Entry point of the ``xlsrc`` console script.

Each subcommand lives in its own module of this package and exposes a
``command`` (a :class:`click.Command`); ``COMMANDS`` lists those modules so a
new subcommand is one new module plus one line here.  Errors are mapped by
type in one place, :class:`XlsrcGroup`: an :class:`~xlsrc.core.errors.XlsrcError`
prints its message and exits with the status it carries; anything else is a
bug (exit 3, see :mod:`xlsrc.cli.errors`).  The mapping sits in the group, not
in ``main``, so click's in-process test runner sees exactly what a user sees.
"""

from __future__ import annotations

import contextvars
import importlib
import os
from typing import Any

import click

from xlsrc import __version__
from xlsrc.cli.errors import report_error
from xlsrc.cli.language import Group, language_from_environment, language_option, translate_click
from xlsrc.core.text import N_

#: Subcommand modules, in the order ``xlsrc --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "report",
    "functions",
    "build_templates",
    "demo",
    "status_sheet",
    "validate",
    "publish",
    "upgrade",
    "build_addin",
    "addin",
    "officejs",
    "recalc",
    "collect",
    "serve",
)


class XlsrcGroup(Group):
    """The ``xlsrc`` group: runs a subcommand and maps its errors to exit statuses.

    Each run starts in the language of ``XLSRC_LANG`` (Finnish by default;
    ``--lang`` then overrides it) and keeps its language to itself: the run
    happens in a copy of the context, so an in-process caller (click's test
    runner, the ribbon) is left in the language it had.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        translate_click()
        return contextvars.copy_context().run(super().main, *args, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        language_from_environment(os.environ)
        return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            raise  # the reader closed the pipe (`xlsrc report | head`): click exits quietly
        except Exception as error:
            ctx.exit(report_error(error))


@click.group(
    cls=XlsrcGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_(
        "xlsrc: Excel-raportointitaulukot, jotka laskevat ja tarkistavat itsensä.\n\n"
        "Strategiset tavoitteet, säästöohjelmat ja talousarviot: tilavärit, ohjelmien "
        "summat ja talousarvion muutokset lasketaan yhdellä Python-ytimellä, Excelissä "
        "(xlwings-funktiot ja xlsrc-valintanauha) ja palvelimella ilman Exceliä."
    ),
)
@click.version_option(__version__, prog_name="xlsrc")
@language_option
def cli() -> None:
    """The ``xlsrc`` command group (its help text is the Finnish ``help`` above)."""


for _module_name in COMMANDS:
    _module = importlib.import_module(f"xlsrc.cli.{_module_name}")
    cli.add_command(_module.command)


def main() -> None:
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
