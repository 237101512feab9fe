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

import importlib
from typing import Any

import click

from xlsrc import __version__
from xlsrc.cli.errors import report_error

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


class XlsrcGroup(click.Group):
    """The ``xlsrc`` group: runs a subcommand and maps its errors to exit statuses."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            raise  # the reader closed the pipe (`xlsrc report | head`): click exits quietly
        except Exception as error:
            ctx.exit(report_error(error))


@click.group(cls=XlsrcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xlsrc")
def cli() -> None:
    """xlsrc: Excel reporting tables that compute and check themselves.

    Strategic targets, savings programmes and budgets: status colours,
    programme totals and budget deltas computed by one Python core, in Excel
    (xlwings UDFs and the xlsrc ribbon) and headless on a server.
    """


for _module_name in COMMANDS:
    _module = importlib.import_module(f"xlsrc.cli.{_module_name}")
    cli.add_command(_module.command)


def main() -> None:
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
