"""The progress bar every batch command shows (on a terminal only; silent in pipes and CI)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any

import click


@contextlib.contextmanager
def progress_bar(length: int, label: str) -> Iterator[Any]:
    """A click progress bar on stderr when it is a terminal, else one that prints nothing."""
    if sys.stderr.isatty():
        with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
            yield bar
        return
    with (
        open(os.devnull, "w") as devnull,
        click.progressbar(length=length, label=label, file=devnull) as bar,
    ):
        yield bar
