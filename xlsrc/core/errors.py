"""Typed Excel error values and the core's typed exceptions.

Excel errors travel as :class:`XlError` members, never as loose strings, so a
cell that holds the *text* "#N/A" can never be confused with the error #N/A.
Everything xlsrc raises on purpose derives from :class:`XlsrcError`; adapters
(xlwings, the headless engine, the CLI, the server) turn it into an
:class:`XlError` cell value, an exit status or an HTTP status.  Each exception
class names the Excel error and the exit status it maps to.
"""

from __future__ import annotations

from enum import Enum


class XlError(Enum):
    """The error values an Excel cell can hold, valued by their literal spelling."""

    NULL = "#NULL!"
    DIV0 = "#DIV/0!"
    VALUE = "#VALUE!"
    REF = "#REF!"
    NAME = "#NAME?"
    NUM = "#NUM!"
    NA = "#N/A"
    SPILL = "#SPILL!"
    CALC = "#CALC!"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def from_literal(cls, text: str) -> XlError | None:
        """The error spelled ``text`` (as stored in a file), or None if it is not one."""
        for member in cls:
            if member.value == text.strip().upper():
                return member
        return None


#: Exit statuses of every xlsrc command; each error class carries its own.
EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_INTERNAL = 3


class XlsrcError(Exception):
    """The one root of every error xlsrc raises on purpose.

    Every layer (core, engine, validation, status sheet, CLI, server) raises
    subclasses of this, so an adapter maps errors by type, never by catching
    ``ValueError``: ``exit_code`` is the command's exit status for it and
    ``xl_error`` the cell value an Excel-facing adapter shows.  The message
    says what was expected, in words a finance user can act on.  Anything
    that is *not* an ``XlsrcError`` is a bug and is reported as one (exit 3).
    """

    exit_code: int = EXIT_UNUSABLE
    xl_error: XlError = XlError.VALUE


class UnusableInput(XlsrcError):
    """A file, argument or option that cannot be used as given (exit status 2)."""


class UnreadableWorkbook(UnusableInput):
    """The file is not a workbook xlsrc can read: corrupt, encrypted, not xlsx, no tables.

    The one class for "cannot read this workbook", whichever reader found out.
    """


class EnvironmentProblem(XlsrcError):
    """A tool xlsrc needs (LibreOffice, Excel, xlwings) is missing or failed (exit status 2).

    Not a bug in xlsrc and not the user's file: the message says what to install or fix.
    """


class FindingsFound(XlsrcError):
    """The input was read and checked, and it has errors (exit status 1)."""

    exit_code = EXIT_FINDINGS


class SomeInputsFailed(XlsrcError):
    """A batch finished, but some of its inputs could not be processed.

    The exit status is the worst of the failures: 2 when every failure was an
    unusable input, 3 when one was an internal error.
    """

    def __init__(self, message: str, *, internal: bool = False) -> None:
        super().__init__(message)
        self.exit_code = EXIT_INTERNAL if internal else EXIT_UNUSABLE


class InternalError(XlsrcError):
    """A bug in xlsrc, met and caught on purpose; reported with a traceback hint (exit 3)."""

    exit_code = EXIT_INTERNAL


class InvalidNumber(XlsrcError):
    """A cell that must hold a number holds something that cannot be read as one."""


class UnknownStatus(XlsrcError):
    """A status word or code that is not in the vocabulary in force."""

    xl_error = XlError.NA


class InvalidRule(XlsrcError):
    """A status scheme (rules table) that is inconsistent: gaps, overlaps, bad bounds."""


class UndefinedRatio(XlsrcError):
    """A ratio or per cent whose base is zero or missing: explicitly undefined, not 0."""

    xl_error = XlError.DIV0


class InvalidTarget(XlsrcError):
    """A target text from which no comparator or number can be read."""


class ShapeMismatch(XlsrcError):
    """Ranges given together (keys, statuses, amounts) do not have the same length."""


class OutOfRange(XlsrcError):
    """A value that falls outside every band of a status scheme (e.g. a share of 130 %)."""

    xl_error = XlError.NUM


class MissingKey(XlsrcError):
    """A programme or division label without the number prefix it is matched by."""

    xl_error = XlError.NA


class UnknownLineKind(XlsrcError):
    """A budget line whose name says neither income, expense nor margin."""

    xl_error = XlError.NA
