"""Typed Excel error values and the core's typed exceptions.

Excel errors travel as :class:`XlError` members, never as loose strings, so a
cell that holds the *text* "#N/A" can never be confused with the error #N/A.
Core functions raise :class:`XlsrcError` subclasses; adapters (xlwings, the
headless engine, the CLI) turn them into an :class:`XlError` cell value or a
located message.  Each exception class names the Excel error it maps to.
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


class XlsrcError(Exception):
    """Base of every error the core raises on purpose.

    ``xl_error`` is the cell value an adapter shows for it; the message says
    what was expected, in words a finance user can act on.
    """

    xl_error: XlError = XlError.VALUE


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
