"""The function reference, generated from the registry (never written by hand).

Its words are catalogue texts: ``docs/functions.md`` is the Finnish reference
(the default language), and ``xlsrc functions --markdown --lang sv`` prints the
same reference in Swedish.
"""

from __future__ import annotations

from xlsrc.core.text import tr, translate
from xlsrc.excel.udf_help import RESULT, argument_traits
from xlsrc.registry import Registry


def function_reference(registry: Registry | None = None) -> str:
    """Markdown reference of every Excel-facing function, grouped by category."""
    registry = registry or Registry.default()
    lines = [
        "# " + tr("xlsrc-funktioiden ohje"),
        "",
        tr(
            "Luotu funktiorekisteristä komennolla `xlsrc functions --markdown`; älä muokkaa "
            "käsin. Alueargumentiksi käy koko sarake; taulukkotulos levittyy viereisiin "
            "soluihin (Excel-versioissa, joissa ei ole dynaamisia taulukoita, syötä se "
            "matriisikaavana koko tulosalueelle)."
        ),
    ]
    category = None
    for spec in registry:
        if spec.category != category:
            category = spec.category
            lines += ["", f"## {spec.category_in()}"]
        shape = tr("Tulos: {shape}.", shape=translate(RESULT[spec.returns]))
        lines += ["", f"### `{spec.signature}`", "", spec.help_in(), "", shape, ""]
        for arg in spec.args:
            lines.append(f"- `{arg.name}` ({argument_traits(arg)}): {arg.help_in()}")
    return "\n".join(lines) + "\n"
