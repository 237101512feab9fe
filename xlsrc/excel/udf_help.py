"""The function reference as rows: what the ribbon's "function help" sheet shows.

Built from the registry, so the sheet can never list a function that does not
exist or miss one that does.  Pure: rows of strings, written by whichever writer
(xlwings in Excel, openpyxl headless) needs them.
"""

from __future__ import annotations

from collections.abc import Iterable

from xlsrc.registry import FunctionSpec

HEADER = ("Function", "Signature", "Category", "Result", "Description", "Arguments")

_RESULT = {"scalar": "one value", "array": "array (spills)"}
_KIND = {"scalar": "one cell", "range": "range"}


def argument_lines(spec: FunctionSpec) -> str:
    """One line per argument: ``name (range, optional): help``."""
    lines = []
    for arg in spec.args:
        traits = [_KIND[arg.kind]] + (["optional"] if arg.optional else [])
        lines.append(f"{arg.name} ({', '.join(traits)}): {arg.help}")
    return "\n".join(lines)


def help_rows(specs: Iterable[FunctionSpec]) -> list[list[str]]:
    """Header plus one row per function, sorted by category then name."""
    rows = [list(HEADER)]
    for spec in sorted(specs, key=lambda s: (s.category, s.name)):
        rows.append(
            [
                spec.name,
                spec.signature,
                spec.category,
                _RESULT[spec.returns],
                spec.help,
                argument_lines(spec),
            ]
        )
    return rows
