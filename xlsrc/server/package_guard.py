"""Refuse a zip bomb before any worker opens it, with the package reader's own checks.

The guard is :func:`xlsrc.ooxml.archive.open_archive`, the same opening the
engine does: sniffing (a text file or an old .xls named ``.xlsx``), zip
integrity, duplicate and encrypted entries, ``[Content_Types].xml`` and the
declared sizes against :class:`xlsrc.limits.Limits`.  It reads the central
directory only, so it is cheap enough to run in the request.  The service
sets its own unpacked-size and compression-ratio limits and adds one check of
its own: the number of parts.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg, Num
from xlsrc.limits import Limits as PackageLimits
from xlsrc.ooxml.archive import open_archive
from xlsrc.server.config import Limits


class PackageTooLarge(UnreadableWorkbook):
    """A workbook package with more parts than the service accepts (likely a zip bomb)."""


def package_limits(limits: Limits) -> PackageLimits:
    """The reader's limits with the service's unpacked-size and ratio limits in them."""
    return replace(
        PackageLimits(),
        total_bytes=limits.max_unpacked_bytes,
        part_bytes=min(PackageLimits().part_bytes, limits.max_unpacked_bytes),
        compression_ratio=float(limits.max_compression_ratio),
    )


def check_package(path: Path, limits: Limits) -> None:
    """Raise an :class:`~xlsrc.core.errors.XlsrcError` unless ``path`` may go to a worker."""
    archive = open_archive(path, package_limits(limits))
    try:
        parts = len(archive.names)
    finally:
        archive.close()
    if parts > limits.max_parts:
        raise PackageTooLarge(
            Msg(
                "{name}: työkirjapaketissa on liian monta osaa: {parts} (raja {limit})",
                name=archive.name,
                parts=Num(parts),
                limit=Num(limits.max_parts),
            )
        )
