"""The one atomic file writer: a reader sees the old file or the new one, never half of one.

Every output of xlsrc (recalculated workbooks, status sheets, findings
workbooks, PDFs, JSON reports, the add-in, templates) goes through
:func:`write_atomic`, so the rules live in one place:

* the data goes to a temporary file in the target's own folder (a rename is
  atomic only within one file system), is flushed and ``fsync``-ed, and is then
  moved over the target with :func:`os.replace`; the folder is synced too, so
  the rename survives a power cut;
* a new file gets the mode the user's umask allows (``0o666 & ~umask``), like
  any file the user creates, so colleagues on a shared drive can open it;
* a file replaced in place keeps its mode, and - when we run as root, as a
  server might - its owner and group, so its owner is never locked out;
* on any failure (full disk, a killed write, an exception while producing the
  data) the temporary file is removed and the old target is untouched;
* the temporary name is short and fixed-length (``.xlsrc-<hex>.tmp``), so a
  target whose name is already at the file system's limit can still be written;
* a file system that refuses the write (read-only, no permission, full, a
  name too long, a folder that cannot hold files such as ``/proc``, a file
  where the folder should be) is :class:`OutputNotWritable`: a located
  message and exit status 2, never an internal error;
* a process killed with SIGKILL cannot clean up: its temporary file is never
  taken for a workbook (a batch skips the name), and
  :func:`remove_stale_temporaries` removes those older than a day.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import N_, Msg, Text

#: Temporary files start with this; a batch skips them, and a clean-up may remove them.
TEMP_PREFIX = ".xlsrc-"
TEMP_SUFFIX = ".tmp"

Producer = Callable[[BinaryIO], None]
#: a temporary file is abandoned (its writer was killed) once it is this old, in seconds
STALE_AFTER = 24 * 3600
_TEMPORARY = re.compile(rf"{re.escape(TEMP_PREFIX)}[0-9a-f]{{12}}{re.escape(TEMP_SUFFIX)}")


def current_umask() -> int:
    """The process umask, read without changing it where the platform allows.

    ``os.umask`` can only be read by setting it, which races with other
    threads creating files; Linux reports it in ``/proc/self/status``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_name() -> str:
    """A fresh temporary file name (random bytes from the OS: unique, and no ``secrets`` import)."""
    return f"{TEMP_PREFIX}{os.urandom(6).hex()}{TEMP_SUFFIX}"


class OutputNotWritable(UnusableInput, OSError):
    """The file system refused an output (exit status 2); nothing was replaced.

    An :class:`OSError` too, so code that already handles file-system failures
    (a server job, the JSON report) keeps handling this one.
    """

    def __init__(self, message: Text, reason: Text) -> None:
        super().__init__(message)
        self.reason = reason


#: why a write failed, as a user can act on it (translated where it is shown)
_REASONS = {
    errno.EROFS: N_("levy on vain luku -tilassa"),
    errno.EACCES: N_("kirjoitusoikeus puuttuu"),
    errno.EPERM: N_("kirjoitusoikeus puuttuu"),
    errno.ENOSPC: N_("levy on täynnä"),
    errno.EDQUOT: N_("levykiintiö on täynnä"),
    errno.ENAMETOOLONG: N_("nimi on liian pitkä"),
    errno.ENOTDIR: N_("polun osa ei ole kansio"),
    errno.EISDIR: N_("kohde on kansio"),
}


def write_failure(error: OSError) -> Text:
    """Why the file system refused a write, in words a user can act on ("levy on täynnä").

    The reason an :class:`OutputNotWritable` carries; for another error the
    system's own words (``strerror``), or the error's type when it has none.
    """
    if isinstance(error, OutputNotWritable):
        return error.reason
    known = _REASONS.get(error.errno or 0)
    if known is not None:
        return Msg(known)
    return error.strerror or type(error).__name__


def _shown(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _unwritable(path: Path, error: OSError, reason: Text | None = None) -> OutputNotWritable:
    """The located form of a file system's refusal to write ``path`` (``reason``: why)."""
    reason = write_failure(error) if reason is None else reason
    shown = _shown(path)
    return OutputNotWritable(
        Msg(
            "{path}: tiedostoa ei voi kirjoittaa: {reason}; aiempi tiedosto (jos oli) on "
            "ennallaan - anna toinen kohde tai korjaa kansion oikeudet",
            path=shown,
            reason=reason,
        ),
        reason,
    )


def write_atomic(path: Path, data: bytes | Producer) -> None:
    """Write ``data`` (bytes, or a function that writes into a binary stream) to ``path``.

    The folder is created if missing (a command's own output is refused
    earlier, by :func:`xlsrc.io.paths.check_output`, when its folder is
    missing).  See the module docstring for what is guaranteed; the file
    system's refusal is :class:`OutputNotWritable`.
    """
    try:
        _write(Path(path), data)
    except OutputNotWritable:
        raise
    except OSError as error:
        if error.errno in _REASONS:
            raise _unwritable(Path(path), error) from error
        raise


def _write(path: Path, data: bytes | Producer) -> None:
    folder = path.parent
    _make_folder(folder, path)
    temporary = folder / temporary_name()
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileNotFoundError as error:  # the folder is there, but cannot hold files (/proc)
        raise _unwritable(path, error, Msg("kansioon ei voi luoda tiedostoja")) from error
    try:
        with os.fdopen(fd, "wb") as stream:
            if isinstance(data, bytes | bytearray | memoryview):
                stream.write(data)
            else:
                data(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _take_over_metadata(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    _sync_folder(folder)


def _make_folder(folder: Path, target: Path) -> None:
    """``folder`` and its parents; a file where a folder should be is named as the reason."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as error:
        blocker = next(
            (p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None
        )
        if blocker is None:
            raise
        reason = Msg("{folder} ei ole kansio vaan tiedosto", folder=_shown(blocker))
        raise _unwritable(target, error, reason) from error
    except FileNotFoundError as error:  # a parent that cannot hold folders (/proc)
        reason = Msg("kansiota {folder} ei voi luoda", folder=_shown(folder))
        raise _unwritable(target, error, reason) from error


def _take_over_metadata(target: Path, temporary: Path) -> None:
    """Mode (and, as root, owner) of the file being replaced; else the umask's mode."""
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        os.chmod(temporary, 0o666 & ~current_umask())
        return
    os.chmod(temporary, existing.st_mode & 0o7777)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.chown(temporary, existing.st_uid, existing.st_gid)
        os.chmod(temporary, existing.st_mode & 0o7777)  # chown clears set-id bits


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot sync a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove this writer's temporary files in ``folder`` left by killed processes.

    Only names this module makes, and only files older than ``older_than``
    seconds (a younger one may belong to a run still writing).
    """
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMPORARY.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
