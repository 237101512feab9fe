"""Native Excel functions the engine implements, by upper-case name.

Importing this package registers every function module; :data:`NATIVE` maps
the Excel name to its :class:`~xlsrc.engine.library.spec.Native` description.
"""

from __future__ import annotations

from xlsrc.engine.library import (  # noqa: F401  (imported to register their functions)
    arithmetic,
    conditional,
    dates,
    dynamic,
    finance,
    info,
    logic,
    lookup,
    numerals,
    subtotal,
    text,
)
from xlsrc.engine.library.spec import NATIVE, Native

__all__ = ["NATIVE", "Native", "supported_functions"]


def supported_functions() -> list[str]:
    """Names of every native function, sorted: the list the docs publish."""
    return sorted(NATIVE)
