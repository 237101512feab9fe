"""Writing the recalculated package: patched worksheet parts, every other part as it was.

Each zip entry keeps its name, order, timestamp, permissions and compression
method; only the worksheet parts that hold formulas are replaced, and those
differ from the input only in cached values (see :mod:`xlsrc.engine.sheetpatch`).
``workbook.xml`` (with its ``calcPr``, so Excel's ``fullCalcOnLoad`` setting is
kept) and ``calcChain.xml`` are untouched: the engine adds no formula and
removes none, so the calculation chain stays valid.

The file is written through :func:`xlsrc.io.atomic.write_atomic`, so a reader
never sees a half-written workbook and a failure leaves the old file intact.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from xlsrc.engine.package import Package
from xlsrc.io.atomic import write_atomic

#: zlib level for rewritten worksheet parts: a third of level 6's time on a large
#: sheet for a file about a fifth larger (parts' bytes are the same either way)
_PATCHED_LEVEL = 1


def write_package(package: Package, patched: dict[str, bytes], target: Path) -> None:
    """Write ``package`` with the ``patched`` parts to ``target`` (atomically)."""

    def produce(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w") as out:
            for info in package.archive.infolist():
                data = patched.get(info.filename)
                level = _PATCHED_LEVEL
                if data is None:
                    data = package.read(info.filename)
                    level = None
                entry = zipfile.ZipInfo(info.filename, info.date_time)
                entry.compress_type = info.compress_type
                entry.external_attr = info.external_attr
                entry.create_system = info.create_system
                entry.comment = info.comment
                out.writestr(entry, data, compresslevel=level)

    write_atomic(target, produce)
