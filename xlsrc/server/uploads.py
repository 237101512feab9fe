"""Uploaded workbooks, stored under their job's folder with the one atomic writer.

Each upload gets its own folder (``in/0/``, ``in/1/``, ...) and keeps its
file name, cleaned of any path and control characters, so messages and
outputs name the file as the user knows it, and two uploads can never write
over each other.  Two files of one name in one request are refused: the
results would carry one name for two different files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from xlsrc.core.text import Msg
from xlsrc.io.atomic import write_atomic
from xlsrc.server.errors import BadUpload

#: What a nameless upload is called.
FALLBACK_NAME = "tyokirja.xlsx"
MAX_NAME = 150
CHUNK = 1024 * 1024
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


class Upload(Protocol):
    """What is needed of an upload (FastAPI's ``UploadFile`` fits)."""

    filename: str | None
    file: BinaryIO


@dataclass(frozen=True)
class StoredInput:
    name: str
    path: Path
    size: int


def safe_name(raw: str | None) -> str:
    """The upload's own file name without folders or characters a file system refuses."""
    text = unicodedata.normalize("NFC", raw or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _UNSAFE.sub("_", text).strip(" .")
    if not text:
        return FALLBACK_NAME
    if len(text) > MAX_NAME:
        stem, dot, suffix = text.rpartition(".")
        text = stem[: MAX_NAME - len(suffix) - 1] + dot + suffix if dot else text[:MAX_NAME]
    return text


def unique_names(uploads: Sequence[Upload]) -> list[str]:
    names = [safe_name(upload.filename) for upload in uploads]
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise BadUpload(
                Msg("kaksi tiedostoa samalla nimellä {name!r}: nimeä toinen uudelleen", name=name)
            )
        seen.add(name.casefold())
    return names


def store(upload: Upload, name: str, folder: Path) -> StoredInput:
    """Copy ``upload`` to ``folder/name`` atomically (blocking: run it in a thread)."""
    size = 0

    def produce(stream: BinaryIO) -> None:
        nonlocal size
        upload.file.seek(0)
        while chunk := upload.file.read(CHUNK):
            size += len(chunk)
            stream.write(chunk)

    path = folder / name
    write_atomic(path, produce)
    return StoredInput(name, path, size)
