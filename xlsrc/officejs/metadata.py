"""``functions.json``: the custom-function metadata Excel reads, generated from the registry.

Excel learns the add-in's functions from this JSON file (Microsoft's "custom
functions JSON metadata" format), not from the script: for every registry
function one entry whose ``id`` and ``name`` are the registry name (``XS_...``),
with the registry's argument names, Finnish argument help and optional flags,
and a Finnish description.  A ``range`` argument is a matrix parameter (Excel
passes the whole range in one call, so range forms stay one call per range);
a ``scalar`` argument is a scalar of type ``any`` (Excel passes blanks, text and
numbers as they are, and xlsrc reads Finnish number text itself).  An ``array``
result is a matrix that spills.  The namespace (``XS``) is not in this file: the
manifest declares it.
"""

from __future__ import annotations

from typing import Any

from xlsrc.officejs.finnish import finnish_description
from xlsrc.registry import ArgSpec, FunctionSpec, Registry

#: The custom-function namespace declared in the manifest: Excel shows ``XS.XS_BAND``.
NAMESPACE = "XS"

_DIMENSIONALITY = {"scalar": "scalar", "range": "matrix", "array": "matrix"}


def parameter(arg: ArgSpec) -> dict[str, Any]:
    """One ``parameters`` entry: name, Finnish help, ``any``, scalar or matrix, optional."""
    entry: dict[str, Any] = {
        "name": arg.name,
        "description": arg.help,
        "type": "any",
        "dimensionality": _DIMENSIONALITY[arg.kind],
    }
    if arg.optional:
        entry["optional"] = True
    return entry


def function_entry(spec: FunctionSpec) -> dict[str, Any]:
    """One ``functions`` entry of the metadata for ``spec``."""
    return {
        "id": spec.name,
        "name": spec.name,
        "description": finnish_description(spec.name),
        "parameters": [parameter(arg) for arg in spec.args],
        "result": {"type": "any", "dimensionality": _DIMENSIONALITY[spec.returns]},
    }


def functions_metadata(registry: Registry) -> dict[str, Any]:
    """The whole ``functions.json`` document for ``registry``, in registry order."""
    return {"functions": [function_entry(spec) for spec in registry]}
