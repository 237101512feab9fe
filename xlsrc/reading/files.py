"""Whether a path can be a workbook at all: the checks every file reader makes first.

Both workbook sources (:mod:`.openpyxl_source`, :mod:`xlsrc.engine.source`)
refuse the same files with the same reasons before they parse
anything: a missing file, a folder, a special file, a password-protected or
old binary workbook (an OLE container), anything that is not a zip package.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg
from xlsrc.ooxml.archive import broken_zip, sniff


def check_workbook_file(path: Path) -> None:
    """Refuse ``path`` (:class:`UnreadableWorkbook`, naming it) unless it holds a zip package."""
    name = str(path)
    if not path.exists():
        raise UnreadableWorkbook(Msg("{path}: tiedostoa ei löydy", path=name))
    if path.is_dir():
        raise UnreadableWorkbook(Msg("{path}: on kansio, ei työkirja", path=name))
    if not path.is_file():
        raise UnreadableWorkbook(
            Msg(
                "{path}: on {what}, ei tavallinen tiedosto; anna työkirjatiedosto",
                path=name,
                what=Msg("erikoistiedosto (FIFO, laite tai pistoke)"),
            )
        )
    with path.open("rb") as handle:
        check_workbook_stream(handle, name)


def check_workbook_stream(stream: BinaryIO, name: str) -> None:
    """The content checks of :func:`check_workbook_file`, for bytes already at hand: the
    package module's own (:func:`xlsrc.ooxml.archive.sniff`), so every command refuses a
    file with the same words."""
    sniff(stream, name)
    if not zipfile.is_zipfile(stream):
        raise broken_zip(name)
    stream.seek(0)
