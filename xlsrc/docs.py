"""The function reference, generated from the registry (never written by hand)."""

from __future__ import annotations

from xlsrc.registry import Registry


def function_reference(registry: Registry | None = None) -> str:
    """Markdown reference of every Excel-facing function, grouped by category."""
    registry = registry or Registry.default()
    lines = [
        "# xlsrc function reference",
        "",
        "Generated from the function registry by `xlsrc functions --markdown`; do not edit.",
        "Range arguments take a whole column; array results spill (enter them as array",
        "formulas over the output range in Excel versions without dynamic arrays).",
    ]
    category = None
    for spec in registry:
        if spec.category != category:
            category = spec.category
            lines += ["", f"## {category}"]
        shape = "array (spills)" if spec.returns == "array" else "one value"
        lines += ["", f"### `{spec.signature}`", "", spec.help, "", f"Returns {shape}.", ""]
        for arg in spec.args:
            kind = "range" if arg.kind == "range" else "value"
            optional = ", optional" if arg.optional else ""
            lines.append(f"- `{arg.name}` ({kind}{optional}): {arg.help}")
    return "\n".join(lines) + "\n"
