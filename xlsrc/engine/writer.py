"""Writing the recalculated package: patched worksheet parts, every other part as it was.

Each zip entry keeps its name, order, timestamp, permissions and compression
method; only the worksheet parts that hold formulas are replaced, and those
differ from the input only in cached values (see :mod:`xlsrc.engine.sheetpatch`).
``workbook.xml`` (with its ``calcPr``, so Excel's ``fullCalcOnLoad`` setting is
kept) and ``calcChain.xml`` are untouched: the engine adds no formula and
removes none, so the calculation chain stays valid.

The file is written to a temporary file in the target's own folder and moved
into place with :func:`os.replace`, so a reader never sees a half-written
workbook and a failure leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from xlsrc.engine.package import Package

#: zlib level for rewritten worksheet parts: a third of level 6's time on a large
#: sheet for a file about a fifth larger (parts' bytes are the same either way)
_PATCHED_LEVEL = 1


def write_package(package: Package, patched: dict[str, bytes], target: Path) -> None:
    target = target.resolve()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=".xlsrc-tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
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
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            shutil.copymode(target, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
