"""Proving a whole package sound before a tool that trusts it (openpyxl) opens it.

The status sheet reads its workbook with openpyxl, which inflates whatever the
zip holds and has its own ideas about duplicate entries.  :func:`check_package`
runs every check of :mod:`xlsrc.ooxml` first - a regular file, no duplicate
or encrypted entries, ``[Content_Types].xml``, sizes within the limits, a
workbook part - and proves every XML part well-formed, so a hostile or broken
file is refused with a located Finnish message instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

from xlsrc.limits import Limits
from xlsrc.ooxml.archive import open_archive
from xlsrc.ooxml.rels import office_document
from xlsrc.ooxml.xml import check_wellformed

#: parts that are XML by their name (content types say the same for every Office part)
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_package(path: Path, limits: Limits | None = None) -> None:
    """Refuse ``path`` unless it is an Excel workbook package every reader can parse."""
    archive = open_archive(path, limits)
    try:
        office_document(archive)
        for name in archive.names:
            if name.lower().endswith(_XML_SUFFIXES):
                check_wellformed(archive.read(name), f"{archive.name}: {name}")
    finally:
        archive.close()
