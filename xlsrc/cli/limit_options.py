"""The ``--max-*`` and ``--timeout`` options: :class:`xlsrc.limits.Limits` from the command line.

One table of options, so every command that reads user workbooks on a server
offers the same flags with the same defaults (shown by ``--help``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from typing import Any, TypeVar

import click

from xlsrc.core.text import N_
from xlsrc.limits import MIB, Limits

F = TypeVar("F", bound=Callable[..., Any])

_DEFAULTS = Limits()
#: option name -> (Limits field, scale from the option's unit to the field's, help)
_OPTIONS: dict[str, tuple[str, int, str]] = {
    "max_part_mib": ("part_bytes", MIB, N_("Raja: purettu koko osaa kohti (MiB).")),
    "max_total_mib": ("total_bytes", MIB, N_("Raja: purettu koko koko paketille (MiB).")),
    "max_ratio": (
        "compression_ratio", 1, N_("Raja: pakkaussuhde osaa kohti (yli 1 MiB:n osat)."),
    ),
    "max_cells": ("cells", 1, N_("Raja: soluja kaikilla välilehdillä.")),
    "max_formula_cells": ("formula_cells", 1, N_("Raja: kaavasoluja (matriisikaavan koko alue).")),
    "max_array_cells": ("array_area", 1, N_("Raja: yhden matriisikaavan alueen soluja.")),
    "max_range_cells": ("range_cells", 1, N_("Raja: soluja, jotka yksi viittaus tuo laskentaan.")),
    "timeout": (
        "seconds", 1, N_("Raja: sekuntia tiedostoa kohti, ennen kuin käsittely keskeytetään."),
    ),
}  # fmt: skip


def limit_options(command: F) -> F:
    """Add one option per limit to a click command (its values arrive as keyword arguments)."""
    for option, (name, scale, text) in reversed(_OPTIONS.items()):
        default = getattr(_DEFAULTS, name) / scale
        command = click.option(
            "--" + option.replace("_", "-"),
            option,
            type=click.FloatRange(min=0.001),
            default=int(default) if default.is_integer() else default,
            show_default=True,  # as "256", not click's "(256)" for a string default
            metavar=N_("LUKU"),  # not click's English type name "FLOAT RANGE"
            help=text,
        )(command)
    return command


def limits_from(values: Mapping[str, Any]) -> Limits:
    """The limits the options give (defaults where an option was not given)."""
    known = {f.name for f in fields(Limits)}
    changes: dict[str, Any] = {}
    for option, (name, scale, _text) in _OPTIONS.items():
        value = values.get(option)
        if value is not None and name in known:
            field_type = type(getattr(_DEFAULTS, name))
            changes[name] = field_type(value * scale)
    return replace(_DEFAULTS, **changes)
