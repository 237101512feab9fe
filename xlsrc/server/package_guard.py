"""Refuse a zip bomb before any worker opens it: parts, unpacked size, compression ratio.

REPLACE ME when the package reader's own limits land (issue 11: per-part and
total uncompressed size, compression ratio, counted while decompressing);
then this module should call that check and keep only the service's limits.
Until then this is the minimal guard: it reads the package's central
directory only (cheap, no decompression).  Python's zip reader never
inflates a part beyond its declared size, so checking the declared sizes
bounds what the engine will decompress.

The first check is the engine's own :func:`~xlsrc.engine.package.sniff`, so a
text file named ``.xlsx`` is refused with exactly the reason ``xlsrc recalc``
gives for it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.engine.package import sniff
from xlsrc.server.config import MB, Limits

#: Parts smaller than this are not ratio-checked (tiny XML parts compress very well).
RATIO_FLOOR = 1 * MB


class PackageTooLarge(UnreadableWorkbook):
    """A workbook package over the service's size limits (likely a zip bomb)."""


def check_package(path: Path, limits: Limits) -> None:
    """Raise :class:`UnreadableWorkbook` if ``path`` is not a workbook package or is too large.

    A zip the reader cannot open passes here: the engine reports it with its own reason.
    """
    sniff(path)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    if len(entries) > limits.max_parts:
        raise PackageTooLarge(
            f"työkirjapaketissa on liian monta osaa: {len(entries)} (raja {limits.max_parts})"
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise PackageTooLarge(
            f"työkirjapaketti on purettuna liian suuri: {unpacked / MB:.0f} Mt "
            f"(raja {limits.max_unpacked_bytes / MB:.0f} Mt)"
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR and ratio > limits.max_compression_ratio:
            raise PackageTooLarge(
                f"työkirjapaketin osa {entry.filename} on pakattu epäilyttävän tiiviisti "
                f"({ratio:.0f}:1, raja {limits.max_compression_ratio}:1): liian suuri purettavaksi"
            )
