"""``functions.json``: the custom-function metadata Excel reads, generated from the registry.

Excel learns the add-in's functions from this JSON file (Microsoft's "custom
functions JSON metadata" format), not from the script: for every registry
function one entry whose ``id`` and ``name`` are the registry name (``XS_...``),
with the registry's argument names, argument help and optional flags, and its
description.  A ``range`` argument is a matrix parameter (Excel passes the
whole range in one call, so range forms stay one call per range); a ``scalar``
argument is a scalar of type ``any`` (Excel passes blanks, text and numbers as
they are, and xlsrc reads Finnish number text itself).  An ``array`` result is
a matrix that spills.  The namespace (``XS``) is not in this file: the manifest
declares it.

Office localises custom functions by one metadata file per language, chosen by
the manifest (``Override`` elements of the ``Functions.Metadata.Url``
resource, see :mod:`.manifest`): ``functions.json`` is Finnish, the default,
and :func:`metadata_file` names the Swedish and English ones.  The texts are
the registry's catalogue texts rendered in that language; ids and names stay
the same in every language, so a workbook's formulas do not depend on the
language of the Excel that opens it.
"""

from __future__ import annotations

from typing import Any

from xlsrc.core.text import DEFAULT_LANGUAGE, LANGUAGES, Language
from xlsrc.registry import ArgSpec, FunctionSpec, Registry

#: The custom-function namespace declared in the manifest: Excel shows ``XS.XS_BAND``.
NAMESPACE = "XS"

_DIMENSIONALITY = {"scalar": "scalar", "range": "matrix", "array": "matrix"}


def metadata_file(language: Language) -> str:
    """The add-in file holding the metadata in ``language`` (Finnish: ``functions.json``)."""
    return "functions.json" if language == DEFAULT_LANGUAGE else f"functions-{language}.json"


#: Every metadata file, by language (Finnish first: the default the manifest names).
METADATA_FILES: dict[Language, str] = {language: metadata_file(language) for language in LANGUAGES}


def parameter(arg: ArgSpec, language: Language = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """One ``parameters`` entry: name, help in ``language``, ``any``, scalar or matrix."""
    entry: dict[str, Any] = {
        "name": arg.name,
        "description": arg.help_in(language),
        "type": "any",
        "dimensionality": _DIMENSIONALITY[arg.kind],
    }
    if arg.optional:
        entry["optional"] = True
    return entry


def function_entry(spec: FunctionSpec, language: Language = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """One ``functions`` entry of the metadata for ``spec``, its texts in ``language``."""
    return {
        "id": spec.name,
        "name": spec.name,
        "description": spec.help_in(language),
        "parameters": [parameter(arg, language) for arg in spec.args],
        "result": {"type": "any", "dimensionality": _DIMENSIONALITY[spec.returns]},
    }


def functions_metadata(registry: Registry, language: Language = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The whole ``functions.json`` document for ``registry`` in ``language``."""
    return {"functions": [function_entry(spec, language) for spec in registry]}
