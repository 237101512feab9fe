"""Typed user-facing CLI errors: a located message and an exit status, no traceback."""

from __future__ import annotations

import click


class UserInputError(click.ClickException):
    """The user's file or argument cannot be used; the message says where and why."""

    exit_code = 2


class ProcessingFailed(click.ClickException):
    """One or more inputs failed while the others were processed (batch commands)."""

    exit_code = 1
