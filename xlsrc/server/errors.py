"""HTTP statuses for xlsrc's errors, mapped by type, and the service's own error classes.

The service raises and receives :class:`~xlsrc.core.errors.XlsrcError`
subclasses only, like every other layer; :func:`http_status` turns one into
the answer's status: a class of this module names its own status, the
library's classes are mapped by what they mean, and the rest by their exit
status (2 unusable input -> 422, 3 internal error -> 500).  Messages are
catalogue texts (:class:`~xlsrc.core.text.Msg`), rendered in the request's
language: a finance user reads them in the add-in or in a script's output.
"""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import (
    EXIT_INTERNAL,
    EnvironmentProblem,
    InternalError,
    UnusableInput,
    XlsrcError,
)
from xlsrc.core.text import Text
from xlsrc.status_sheet.headless import LockedQuarter


class ServiceError(XlsrcError):
    """An error that belongs to the HTTP layer and names its own status."""

    http_status: int = 422

    def __init__(self, message: Text, **details: Any) -> None:
        super().__init__(message)
        self.details = details


class Unauthorized(ServiceError):
    """No bearer token, or one that is not in the token file."""

    http_status = 401


class NotFound(ServiceError):
    """No such job for this token (another token's job is not found either)."""

    http_status = 404


class TooLarge(ServiceError):
    """An upload over a size or count limit."""

    http_status = 413


class TooManyJobs(ServiceError):
    """The token already has as many jobs running as it may."""

    http_status = 429


class NotReady(ServiceError):
    """The job's result was asked for before the job finished."""

    http_status = 409


class BadUpload(ServiceError, UnusableInput):
    """A request that cannot be processed as sent (no file, two files of one name...)."""

    http_status = 422


class TooMuchMemory(ServiceError, UnusableInput):
    """The file needed more memory than a worker may use (a huge or hostile workbook)."""

    http_status = 413


class JobTimedOut(ServiceError):
    """A file's work took longer than the per-job time limit; its worker was stopped."""

    http_status = 504


class WorkerDied(ServiceError, InternalError):
    """The worker process running the job ended without an answer (killed, out of memory)."""

    http_status = 500
    exit_code = EXIT_INTERNAL


class StorageFailed(ServiceError):
    """The service could not store an upload or a result (a full disk, say)."""

    http_status = 507


class JobInterrupted(ServiceError):
    """The service stopped (or was killed) before the job finished."""

    http_status = 503


#: Library errors whose meaning has a more precise status than their exit code gives.
_BY_TYPE: tuple[tuple[type[XlsrcError], int], ...] = (
    (LockedQuarter, 409),
    (EnvironmentProblem, 503),
)


def http_status(error: BaseException) -> int:
    """The status an answer about ``error`` carries."""
    if isinstance(error, ServiceError):
        return error.http_status
    if not isinstance(error, XlsrcError):
        return 500
    for kind, status in _BY_TYPE:
        if isinstance(error, kind):
            return status
    return 500 if error.exit_code == EXIT_INTERNAL else 422


class FileFailed(ServiceError):
    """The one file of a request could not be processed; the library's reasons, joined.

    ``internal`` when a reason is an internal error of xlsrc (500), else the
    file was refused as unusable (422) - the same split as ``xlsrc recalc``'s
    exit status.
    """

    def __init__(self, message: Text, *, internal: bool = False) -> None:
        super().__init__(message)
        self.http_status = 500 if internal else 422
        self.exit_code = EXIT_INTERNAL if internal else self.exit_code

    def __reduce__(self) -> tuple[Any, ...]:
        return (_file_failed, (self.args[0], self.http_status == 500))


def _file_failed(message: Text, internal: bool) -> FileFailed:
    return FileFailed(message, internal=internal)
