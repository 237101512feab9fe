"""One writer at a time per workbook: an advisory lock, and respect for Excel's owner file.

``recalc --in-place`` and ``status-sheet`` (without ``--out``) read a
workbook, change it and replace it.  Two of them at once would each read the
old file and the second replace would lose the first one's work, so both take
:func:`workbook_lock` around the whole read-modify-write: the second waits
(up to ``wait`` seconds) or is refused.

The lock is ``flock`` on the workbook file itself, which every process that
opens the same file sees (``flock`` belongs to the open file, so reading the
workbook through another descriptor cannot release it, as POSIX record locks
would).  The atomic writer replaces the file with a new one, so after
acquiring the lock the path is checked to still be the locked file; if it was
replaced meanwhile, the new file is locked instead.

Excel keeps an owner file ``~$name.xlsx`` beside a workbook while it is open
(Word-style names drop the name's first two characters; LibreOffice writes
``.~lock.name#``).  A workbook that is open there is refused, unless the user
says ``--force``: its owner would save over our result.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Msg
from xlsrc.io.paths import display

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; the owner-file check still runs
    fcntl = None  # type: ignore[assignment]

#: how long a second writer waits for the first one by default, in seconds
WAIT_SECONDS = 120.0
_POLL = 0.05


class WorkbookBusy(UnusableInput):
    """The workbook is open in Excel or being changed by another xlsrc run."""


def owner_files(path: Path) -> list[Path]:
    """Owner/lock files of office programs that say ``path`` is open right now."""
    name = path.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(name) > 2:
        candidates.append(f"~${name[2:]}")
    return [path.with_name(c) for c in candidates if path.with_name(c).exists()]


def check_not_open(path: Path, force: bool) -> None:
    """Refuse ``path`` if an office program has it open (unless ``force``)."""
    found = owner_files(path)
    if found and not force:
        raise WorkbookBusy(
            Msg(
                "{path}: työkirja näyttää olevan auki Excelissä tai LibreOfficessa "
                "(omistajatiedosto {name}). Sulje työkirja ja yritä uudelleen; jos se ei ole "
                "auki, poista omistajatiedosto tai käytä --force",
                path=display(path),
                name=display(found[0].name),
            )
        )


@contextlib.contextmanager
def workbook_lock(path: Path, *, force: bool = False, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the workbook lock on ``path`` while the block reads, changes and replaces it."""
    check_not_open(path, force)
    if fcntl is None:  # pragma: no cover
        yield
        return
    deadline = time.monotonic() + wait
    while True:
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise WorkbookBusy(
                    Msg(
                        "{path}: toinen xlsrc-ajo käsittelee työkirjaa yhä ({wait:.0f} s "
                        "odotettu); yritä myöhemmin uudelleen",
                        path=display(path),
                        wait=wait,
                    )
                ) from None
            time.sleep(_POLL)
            continue
        if _same_file(fd, path):
            break
        os.close(fd)  # replaced while we waited: lock the new file
    try:
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the flock


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise WorkbookBusy(Msg("{path}: tiedostoa ei löydy", path=display(path))) from None
    except OSError as error:
        raise WorkbookBusy(
            Msg(
                "{path}: tiedostoa ei voi avata ({strerror})",
                path=display(path),
                strerror=error.strerror,
            )
        ) from None


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)
