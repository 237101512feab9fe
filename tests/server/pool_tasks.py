"""Module-level tasks for the worker-pool tests (a worker imports them by name)."""

from __future__ import annotations

import os
import signal
import time

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import tr


def square(value: int) -> int:
    return value * value


def pid() -> int:
    return os.getpid()


def sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "heräsin"


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def refuse(message: str) -> None:
    raise UnreadableWorkbook(message)


def crash() -> None:
    raise ZeroDivisionError("bug")


def hoard(megabytes: int) -> int:
    """Allocate ``megabytes`` at once (a workbook that needs too much memory)."""
    return len(bytearray(megabytes * 1024 * 1024))


def speak() -> str:
    """A catalogue text rendered in the worker, in whatever language the worker runs in."""
    return tr("tuntematon tai poistettu tunnus")
