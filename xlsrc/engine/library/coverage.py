"""The function coverage matrix of the engine, generated from the registrations themselves.

``docs/engine-functions.md`` is this module's output (``python -m
xlsrc.engine.library.coverage > docs/engine-functions.md``); a test keeps the
file in step with the code, so the published list can never claim a function
the engine does not have or hide a refusal it makes.
"""

from __future__ import annotations

from xlsrc.engine.library import NATIVE
from xlsrc.engine.library.spec import REFUSED_FORMS, Native

_KINDS = {
    "v": "value",
    "V": "value (errors passed in)",
    "a": "range or array",
    "A": "array (evaluated as an array formula)",
    "r": "reference",
    "g": "array",
    "l": "lazy",
    "n": "number",
    "i": "whole number",
    "s": "text",
    "b": "logical",
}

#: refusals made outside the function library (the compiler handles INDIRECT itself)
_COMPILER = {
    "INDIRECT": (
        "1-2",
        "literal A1 text",
        "a reference text computed at run time; R1C1 style",
    ),
}


def _arguments(native: Native) -> str:
    kinds = [_KINDS[k] for k in native.kinds]
    if native.repeat:
        kinds.append("repeated: " + ", ".join(_KINDS[k] for k in native.repeat))
    return "; ".join(kinds) if kinds else "none"


def _count(native: Native) -> str:
    if native.max_args is None:
        return f"{native.min_args}+"
    if native.max_args == native.min_args:
        return str(native.min_args)
    return f"{native.min_args}-{native.max_args}"


def coverage_markdown() -> str:
    lines = [
        "# Native Excel functions of the headless engine",
        "",
        "Generated from the engine's function registrations by",
        "`python -m xlsrc.engine.library.coverage` (a test keeps this file current).",
        "Every function not listed is refused by name and cell. A listed function",
        "refuses the argument forms in its last column, by name and cell, rather",
        "than give a value Excel would not give. In array formulas value arguments",
        "that hold arrays are applied element by element.",
        "",
        "Known platform differences: CHAR(128-159) follows Excel for Windows (code",
        "page 1252; Excel for Mac uses Mac Roman); texts read as numbers follow",
        "en-US Excel (decimal point), and texts whose number depends on the",
        "regional settings (`1,5`, `€100`, `1.2.2024`, `10:30`) are refused.",
        "",
        "| function | arguments | argument forms | refused |",
        "|---|---|---|---|",
    ]
    rows: dict[str, tuple[str, str, str]] = {
        name: (_count(native), _arguments(native), "; ".join(REFUSED_FORMS.get(name, [])))
        for name, native in NATIVE.items()
    }
    rows.update(_COMPILER)
    for name in sorted(rows):
        count, forms, refused = rows[name]
        lines.append(f"| {name} | {count} | {forms} | {refused or '-'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(coverage_markdown(), end="")
