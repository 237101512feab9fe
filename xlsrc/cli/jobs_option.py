"""The ``--jobs`` option of the batch commands, whose help names this machine's core count.

A help text is a catalogue text, translated only when the help is shown
(:mod:`xlsrc.cli.language`), so the number of cores cannot be written into it
when the command is defined.  The help of a :class:`JobsOption` holds a
``{cores}`` placeholder instead, filled in as the help is shown: counted then
(only ``--help`` asks for it) and formatted in the language of the help.
"""

from __future__ import annotations

import click

from xlsrc.core.text import format_number
from xlsrc.cpus import default_jobs


class JobsOption(click.Option):
    """An option whose (translated) help text has ``{cores}``: the default worker count."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        template = self.help
        if not template:
            return super().get_help_record(ctx)
        self.help = template.format(cores=format_number(default_jobs()))
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = template
