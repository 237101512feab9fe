"""Writing the recalculated package: patched worksheet parts, every other part as it was.

Each zip entry keeps its name, order, timestamp, permissions and compression
method; only the worksheet parts that hold formulas are replaced, and those
differ from the input only in cached values (see :mod:`xlsrc.engine.sheetpatch`).
``calcChain.xml`` is untouched: the engine adds no formula and removes none,
so the calculation chain stays valid.  ``workbook.xml`` changes in one
attribute only, ``calcPr/@fullCalcOnLoad``: a complete recalculation removes
it (the cached values are current, Excel need not recompute on open), a
partial one sets it to ``1`` (the refused cells have no value until Excel
computes them); every other byte of the part stays as it was.

The file is written through :func:`xlsrc.io.atomic.write_atomic`, so a reader
never sees a half-written workbook and a failure leaves the old file intact.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from xlsrc.engine.package import Package
from xlsrc.io.atomic import write_atomic

#: zlib level for rewritten worksheet parts: a third of level 6's time on a large
#: sheet for a file about a fifth larger (parts' bytes are the same either way)
_PATCHED_LEVEL = 1


_CALC_PR = re.compile(rb"<(?:\w+:)?calcPr\b([^>]*?)/?>")
_FULL_CALC = re.compile(rb"""\sfullCalcOnLoad\s*=\s*(?:"[^"]*"|'[^']*')""")
_ROOT_PREFIX = re.compile(rb"<(?:(\w+):)?workbook\b")
#: the elements that may come before calcPr in CT_Workbook, closing tags last
_BEFORE_CALC_PR = re.compile(
    rb"</(?:\w+:)?(?:sheets|functionGroups|externalReferences|definedNames)>"
    rb"|<(?:\w+:)?(?:sheets|functionGroups|externalReferences|definedNames)\b[^>]*/>"
)


def calc_on_load(xml: bytes, complete: bool) -> bytes:
    """``workbook.xml`` with ``fullCalcOnLoad`` removed (``complete``) or set to 1."""
    found = _CALC_PR.search(xml)
    if found is None:
        if complete:
            return xml
        anchors = list(_BEFORE_CALC_PR.finditer(xml))
        if not anchors:
            return xml  # no sheets element: not a workbook part this writer can place it in
        root = _ROOT_PREFIX.search(xml)
        prefix = root.group(1) + b":" if root is not None and root.group(1) else b""
        at = anchors[-1].end()
        return xml[:at] + b"<" + prefix + b'calcPr fullCalcOnLoad="1"/>' + xml[at:]
    attrs = found.group(1)
    kept = _FULL_CALC.sub(b"", attrs)
    if complete:
        if kept == attrs:
            return xml
        return xml[: found.start(1)] + kept + xml[found.end(1) :]
    return xml[: found.start(1)] + kept + b' fullCalcOnLoad="1"' + xml[found.end(1) :]


#: a replaced part: its bytes, or its text in pieces (encoded and compressed as they come)
PatchedPart = bytes | Iterable[str]


def write_package(
    package: Package, patched: Mapping[str, PatchedPart], target: Path, complete: bool = True
) -> None:
    """Write ``package`` with the ``patched`` parts to ``target`` (atomically).

    ``complete`` says whether every formula got a current value (see
    :func:`calc_on_load`).  A part given as text pieces is streamed into the
    archive, so a large sheet's new text is never held whole (nor twice, as
    text and as bytes).
    """
    workbook = package.workbook_part
    if workbook not in patched:
        original = package.read(workbook)
        changed = calc_on_load(original, complete)
        if changed != original:
            patched = {**patched, workbook: changed}

    def produce(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w") as out:
            for info in package.archive.infos.values():
                data = patched.get(info.filename)
                level: int | None = _PATCHED_LEVEL
                if data is None:
                    data = package.read(info.filename)
                    level = None
                entry = zipfile.ZipInfo(info.filename, info.date_time)
                entry.compress_type = info.compress_type
                entry.external_attr = info.external_attr
                entry.create_system = info.create_system
                entry.comment = info.comment
                if isinstance(data, bytes):
                    out.writestr(entry, data, compresslevel=level)
                    continue
                # what writestr(compresslevel=...) sets; zipfile has no public name before 3.13
                setattr(entry, "_compresslevel", level)  # noqa: B010
                with out.open(entry, "w") as part:
                    for piece in data:
                        part.write(piece.encode("utf-8"))

    write_atomic(target, produce)
