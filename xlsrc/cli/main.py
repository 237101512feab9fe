"""Entry point of the ``xlsrc`` console script.

Each subcommand lives in its own module of this package and exposes a
``command`` (a :class:`click.Command`); ``COMMANDS`` lists those modules so a
new subcommand is one new module plus one line here.  User-facing failures are
:class:`click.ClickException` subclasses (see :mod:`xlsrc.cli.errors`), so the
message is printed without a traceback and the exit status is non-zero.
"""

from __future__ import annotations

import importlib

import click

from xlsrc import __version__

#: Subcommand modules, in the order ``xlsrc --help`` lists them.
COMMANDS: tuple[str, ...] = (
    "report",
    "functions",
    "build_templates",
    "demo",
    "status_sheet",
    "validate",
    "build_addin",
    "recalc",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
