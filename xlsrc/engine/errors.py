"""Why the engine refuses a workbook or a formula, as located, typed exceptions.

Cell *values* such as #DIV/0! are not errors here: they are results and travel
as :class:`~xlsrc.core.errors.XlError`.  These exceptions are for what the
engine cannot or must not compute, so that no cell gets a silently wrong value.
"""

from __future__ import annotations

from xlsrc.core.errors import UnreadableWorkbook, XlsrcError
from xlsrc.engine import messages

__all__ = ["UnreadableWorkbook"]  # the one "cannot read this workbook" class, re-exported


class EngineError(XlsrcError):
    """Base of everything the engine refuses; the message says where and why."""


class FormulaProblem(EngineError):
    """A formula that cannot be computed faithfully; ``cell`` is ``Sheet!A1``."""

    def __init__(self, message: str, cell: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.cell = cell

    def __str__(self) -> str:
        return f"{self.cell}: {self.message}" if self.cell else self.message


class FormulaSyntaxError(FormulaProblem):
    """The formula text cannot be parsed (or uses syntax the engine does not support)."""


class UnsupportedFunction(FormulaProblem):
    """A function the engine does not implement (native or missing from the registry)."""

    def __init__(self, name: str, cell: str | None = None) -> None:
        super().__init__(messages.unsupported_function(name), cell)
        self.name = name


class UnsupportedFeature(FormulaProblem):
    """A feature of a supported function the engine refuses (e.g. a TEXT format code)."""


class BrokenReference(FormulaProblem):
    """A reference to a missing sheet, an undefined name, or a literal #REF!."""


class CircularReference(FormulaProblem):
    """Formulas that depend on themselves; ``cycle`` lists the cells involved.

    Raised where the evaluator meets a cell that is still being computed; the
    cells being unwound add themselves (:meth:`extend`) until the cycle closes.
    """

    def __init__(self, cycle: list[str]) -> None:
        self.cycle = list(cycle)
        self.closed = False
        #: the evaluator's pending cells of the cycle, gathered while unwinding
        self.members: list[object] = []
        super().__init__(self._describe(), cycle[0] if cycle else None)

    def extend(self, cell: str) -> None:
        self.cycle.append(cell)
        self.closed = cell == self.cycle[0]
        self.message = self._describe()

    def _describe(self) -> str:
        return messages.circular(list(reversed(self.cycle)))


class RefusedDependency(FormulaProblem):
    """A formula that reads a refused cell: it is refused too, naming the cell it depends on.

    ``origin`` is the refused cell (``Sheet!A1``) and ``reason`` why it was
    refused; the dependent's own cell is filled in by the evaluator.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(messages.depends_on_refused(origin, reason))
        self.origin = origin
        self.reason = reason


class UdfFailure(FormulaProblem):
    """A registry function raised an unexpected exception (a bug, not a cell error)."""


class InternalError(FormulaProblem):
    """A bug in the engine met while computing a cell; reported, never written as a value."""


class TooLarge(FormulaProblem):
    """A formula too deep to compile or a range too large to read ("liian syvä / liian suuri").

    A limit of the engine's (see :mod:`xlsrc.limits`), never a value: the file
    is refused with the cell, rather than failing with a RecursionError or
    running out of memory.
    """
