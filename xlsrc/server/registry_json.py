"""The function registry as JSON: what ``GET /api/functions`` answers and the add-in is built from.

One function, :func:`registry_json`, so the Office.js generator and the
endpoint read the same description of every ``XS_`` function: its name,
category, help, argument names, kinds (scalar or range) and optionality, and
whether it returns one value or an array.
"""

from __future__ import annotations

from typing import Any

from xlsrc.engine.recalc import default_registry
from xlsrc.registry import FunctionSpec, Registry


def spec_json(spec: FunctionSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "category": spec.category,
        "help": spec.help,
        "signature": spec.signature,
        "returns": spec.returns,
        "args": [
            {"name": a.name, "help": a.help, "kind": a.kind, "optional": a.optional}
            for a in spec.args
        ],
    }


def registry_json(registry: Registry | None = None) -> dict[str, Any]:
    """``{"functions": [...]}`` for ``registry`` (default: every function xlsrc ships)."""
    chosen = registry if registry is not None else default_registry()
    return {"functions": [spec_json(spec) for spec in chosen]}
