"""The number format of every cell style of a package, read from its styles part.

A cell's ``s`` attribute indexes ``cellXfs``; each ``xf`` names a number
format by id, either one the part defines in ``numFmts`` or a built-in one
(:data:`xlsrc.reading.numformats.BUILTIN_FORMATS`).  Read once, on the first
cell that asks (validation asks for number cells only), never for a
recalculation that is not validated.
"""

from __future__ import annotations

from xlsrc.engine.package import Package
from xlsrc.ooxml.rels import relationships
from xlsrc.ooxml.xml import children, parse
from xlsrc.reading.numformats import BUILTIN_FORMATS, GENERAL


def style_formats(package: Package) -> list[str]:
    """Number format code by style index (``General`` where the part says nothing)."""
    part = next(
        (
            rel.target
            for rel in relationships(package.archive, package.workbook_part)
            if rel.kind == "styles" and not rel.external and package.archive.has(rel.target)
        ),
        None,
    )
    if part is None:
        return []
    root = parse(package.read(part), part)
    custom: dict[int, str] = {}
    for block in children(root, "numFmts"):
        for item in children(block, "numFmt"):
            number = _number(item.get("numFmtId"))
            if number is not None:
                custom[number] = str(item.get("formatCode") or GENERAL)
    formats: list[str] = []
    for block in children(root, "cellXfs"):
        for xf in children(block, "xf"):
            number = _number(xf.get("numFmtId"))
            code = None if number is None else custom.get(number, BUILTIN_FORMATS.get(number))
            formats.append(code or GENERAL)
    return formats


def _number(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None
