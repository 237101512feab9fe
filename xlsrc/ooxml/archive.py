"""Opening an Office package: what the file is, and why it cannot be read if it cannot.

An administrator must learn *why* a file was skipped, so the file is sniffed
before it is opened: an encrypted (password-protected) workbook and a legacy
.xls are both OLE compound files, a text file renamed to .xlsx is not a zip at
all, and a zip may be truncated, password-protected at zip level, a bomb, or
hold two entries of one name (a reader would silently pick one of them).

Only regular files are opened, and without blocking: a FIFO named
``raportti.xlsx`` is refused instead of hanging the batch.  Declared sizes
are checked against :class:`~xlsrc.limits.Limits` before anything is
inflated, and parts are read in bounded chunks (zipfile's own ``read()``
inflates a whole member at once before it trims it to the declared size).
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg
from xlsrc.limits import Limits

CONTENT_TYPES_PART = "[Content_Types].xml"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
#: Office writes parts stored or deflated; bzip2/lzma members could inflate unbounded.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_READ_CHUNK = 1 << 20


@dataclass
class Archive:
    """An opened, checked zip package; parts are read with :meth:`read`."""

    name: str
    zip: zipfile.ZipFile
    limits: Limits
    infos: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    def has(self, part: str) -> bool:
        return part in self.infos

    @property
    def names(self) -> list[str]:
        """Part names in the order of the zip's central directory."""
        return list(self.infos)

    def read(self, part: str) -> bytes:
        """The bytes of ``part``, inflated in bounded chunks (never beyond the limits)."""
        info = self.infos.get(part)
        if info is None:
            raise UnreadableWorkbook(
                Msg("{name}: paketista puuttuu osa {part}", name=self.name, part=part)
            )
        cap = min(info.file_size, self.limits.part_bytes)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as stream:
                while True:
                    chunk = stream.read(_READ_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > cap:
                        self.limits.check_part(self.name, part, size, info.compress_size)
                        raise UnreadableWorkbook(
                            Msg(
                                "{name}: osa {part} on ilmoitettua suurempi",
                                name=self.name,
                                part=part,
                            )
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise UnreadableWorkbook(
                Msg(
                    "{name}: zip-paketti on rikki, osaa {part} ei voi lukea ({error})",
                    name=self.name,
                    part=part,
                    error=error,
                )
            ) from error
        return b"".join(chunks)

    def close(self) -> None:
        self.zip.close()


def open_file(path: Path) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file (never blocks on a FIFO)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as error:
        raise UnreadableWorkbook(Msg("{path}: tiedostoa ei löydy", path=path)) from error
    except IsADirectoryError as error:
        raise UnreadableWorkbook(Msg("{path}: on kansio, ei työkirja", path=path)) from error
    except PermissionError as error:
        raise UnreadableWorkbook(Msg("{path}: ei lukuoikeutta tiedostoon", path=path)) from error
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = (
            Msg("kansio")
            if stat.S_ISDIR(mode)
            else Msg("erikoistiedosto (FIFO, laite tai pistoke)")
        )
        raise UnreadableWorkbook(
            Msg(
                "{path}: on {what}, ei tavallinen tiedosto; anna työkirjatiedosto",
                path=path,
                what=what,
            )
        )
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def open_archive(path: Path, limits: Limits | None = None) -> Archive:
    """Sniff and open the package at ``path`` (a regular file), with every check applied."""
    stream = open_file(path)
    try:
        sniff(stream, str(path))
        return _checked(stream, str(path), limits or Limits())
    except BaseException:
        stream.close()
        raise


def archive_from_bytes(data: bytes, name: str, limits: Limits | None = None) -> Archive:
    """The same checks for a package already in memory (the status-sheet transplant)."""
    stream = io.BytesIO(data)
    sniff(stream, name)
    return _checked(stream, name, limits or Limits())


def broken_zip(name: str) -> UnreadableWorkbook:
    """A file that starts as a zip package but has no readable directory at its end: almost
    always a file cut short (a copy or a save that did not finish).  Said in words, not
    in Python's "File is not a zip file", and the same from every command."""
    return UnreadableWorkbook(
        Msg(
            "{name}: zip-paketti on rikki: sen hakemisto puuttuu tai on vioittunut (tiedosto "
            "on todennäköisesti katkennut kopioitaessa tai tallennettaessa); avaa alkuperäinen "
            "tai tallenna se uudelleen Excelissä",
            name=name,
        )
    )


def sniff(stream: BinaryIO, name: str) -> None:
    """Refuse, with the reason, anything that is not a zip package; leaves ``stream`` at 0."""
    head = stream.read(8)
    if head.startswith(_OLE_MAGIC):
        body = head + stream.read(16 * 1024 * 1024)
        stream.seek(0)
        if _ENCRYPTED_STREAM in body:
            raise UnreadableWorkbook(
                Msg(
                    "{name}: työkirja on suojattu salasanalla (salattu); tallenna suojaamaton "
                    "kopio",
                    name=name,
                )
            )
        raise UnreadableWorkbook(
            Msg(
                "{name}: vanha Excel 97-2003 -työkirja (.xls); tallenna se .xlsx- tai "
                ".xlsm-muodossa",
                name=name,
            )
        )
    if not head:
        raise UnreadableWorkbook(Msg("{name}: tiedosto on tyhjä", name=name))
    if not head.startswith(_ZIP_MAGIC):
        stream.seek(0)
        text = _looks_like_text(stream.read(4096))
        stream.seek(0)
        why = Msg("se on tekstitiedosto") if text else Msg("ei zip-pakettia (.xlsx/.xlsm)")
        raise UnreadableWorkbook(Msg("{name}: ei Excel-työkirja: {why}", name=name, why=why))
    stream.seek(0)


def _looks_like_text(sample: bytes) -> bool:
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        # a multi-byte character cut at the end of the sample is still text
        try:
            text = sample[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return all(ch.isprintable() or ch in "\t\r\n" for ch in text)


def _checked(stream: BinaryIO, name: str, limits: Limits) -> Archive:
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as error:
        raise broken_zip(name) from error
    except (OSError, EOFError, ValueError) as error:
        raise UnreadableWorkbook(
            Msg("{name}: zip-paketti on rikki ({error})", name=name, error=error)
        ) from error
    try:
        infos = _entries(archive, name, limits)
    except BaseException:
        archive.close()
        raise
    if CONTENT_TYPES_PART not in infos:
        archive.close()
        raise UnreadableWorkbook(
            Msg(
                "{name}: ei Office-paketti: {CONTENT_TYPES_PART} puuttuu; tallenna työkirja "
                "uudelleen Excelissä",
                name=name,
                CONTENT_TYPES_PART=CONTENT_TYPES_PART,
            )
        )
    opened = Archive(name=name, zip=archive, limits=limits, infos=infos)
    _check_content_types(opened)
    return opened


def _check_content_types(archive: Archive) -> None:
    """Every reader parses this part first; one with a DTD or broken XML is no package.

    The engine and publishing copy it byte for byte, so without this check they
    passed a ``<!DOCTYPE>`` on that the status sheet (and Excel) refuse.
    """
    from xlsrc.ooxml.xml import check_wellformed  # lxml: only once a package is open

    try:
        check_wellformed(archive.read(CONTENT_TYPES_PART), f"{archive.name}: {CONTENT_TYPES_PART}")
    except BaseException:
        archive.close()
        raise


def _entries(archive: zipfile.ZipFile, name: str, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Part name -> zip entry, refusing duplicates, encryption, odd methods and bombs.

    Every check needs the running totals of the entries seen so far (case-folded
    names for duplicates, declared sizes for the package limit), so they are
    made in one pass over the central directory, before anything is inflated.
    """
    infos: dict[str, zipfile.ZipInfo] = {}
    folded: dict[str, str] = {}
    total = 0
    for info in archive.infolist():
        part = info.filename
        if info.is_dir():
            continue
        other = folded.get(part.lower())
        if other is not None:
            names = repr(part) if other == part else f"{part!r}, {other!r}"
            raise UnreadableWorkbook(
                Msg(
                    "{name}: zip-paketissa on kaksi osaa nimeltä {parts}; Office-paketissa "
                    "jokainen osa on vain kerran (tiedosto on muokattu tai rikki)",
                    name=name,
                    parts=names,
                )
            )
        folded[part.lower()] = part
        if info.flag_bits & 0x1:
            raise UnreadableWorkbook(
                Msg(
                    "{name}: zip-paketti on suojattu salasanalla (osa {part}); tallenna työkirja "
                    "Excelissä ilman zip-salausta",
                    name=name,
                    part=part,
                )
            )
        if info.compress_type not in _METHODS:
            raise UnreadableWorkbook(
                Msg(
                    "{name}: osa {part} on pakattu menetelmällä {compress_type}, jota Office ei "
                    "käytä; tallenna työkirja uudelleen Excelissä",
                    name=name,
                    part=part,
                    compress_type=info.compress_type,
                )
            )
        limits.check_part(name, part, info.file_size, info.compress_size)
        total += info.file_size
        infos[part] = info
    limits.check_total(name, total)
    return infos
