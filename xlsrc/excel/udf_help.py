"""The function reference as rows: what the ribbon's "function help" sheet shows.

Built from the registry, so the sheet can never list a function that does not
exist or miss one that does.  Pure: rows of strings, written by whichever writer
(xlwings in Excel, openpyxl headless) needs them.  The headers and the words
for kinds and results are Finnish catalogue texts, shown in the language asked
for, like the registry's descriptions and argument help; the docs
(:mod:`xlsrc.docs`) use the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

from xlsrc.core.text import N_, Language, translate
from xlsrc.registry import ArgSpec, FunctionSpec

HEADER = (
    N_("Funktio"),
    N_("Muoto"),
    N_("Luokka"),
    N_("Tulos"),
    N_("Kuvaus"),
    N_("Argumentit"),
)

#: What a function returns, as the reader sees it.
RESULT = {"scalar": N_("yksi arvo"), "array": N_("taulukko (levittyy)")}
#: What an argument takes, as the reader sees it.
KIND = {"scalar": N_("yksi solu"), "range": N_("alue")}
OPTIONAL = N_("valinnainen")


def argument_traits(arg: ArgSpec, language: Language | None = None) -> str:
    """``alue, valinnainen``: what the argument takes and whether it may be left out."""
    traits = [KIND[arg.kind]] + ([OPTIONAL] if arg.optional else [])
    return ", ".join(translate(trait, language) for trait in traits)


def argument_lines(spec: FunctionSpec, language: Language | None = None) -> str:
    """One line per argument: ``name (alue, valinnainen): help``."""
    return "\n".join(
        f"{arg.name} ({argument_traits(arg, language)}): {arg.help_in(language)}"
        for arg in spec.args
    )


def help_rows(specs: Iterable[FunctionSpec], language: Language | None = None) -> list[list[str]]:
    """Header plus one row per function, sorted by category then name, in ``language``."""
    rows = [[translate(header, language) for header in HEADER]]
    for spec in sorted(specs, key=lambda s: (s.category, s.name)):
        rows.append(
            [
                spec.name,
                spec.signature,
                spec.category_in(language),
                translate(RESULT[spec.returns], language),
                spec.help_in(language),
                argument_lines(spec, language),
            ]
        )
    return rows
