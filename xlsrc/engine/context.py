"""What compiling one formula shape needs to know, shared by the compiler and the code generator.

:class:`CompileContext` is the per-shape state (host sheet and cell, array
mode); :class:`NodeCompiler` is the part of the closure compiler that the
code generator (:mod:`codegen`) and the call compiler (:mod:`calls`) use, so
neither imports the compiler itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from xlsrc.engine.evaluator import Book
from xlsrc.engine.parser import Node
from xlsrc.engine.sheetstate import SheetState
from xlsrc.registry import Registry

#: a compiled formula part: (row, col) of the host cell -> its value
Fn = Callable[[int, int], Any]


class CompileContext:
    """Per-shape compile state: host sheet, array mode, whether a UDF is called.

    ``forced`` marks array evaluation that an argument asks for inside an
    ordinary formula (SUMPRODUCT's arrays): there Excel lifts most functions
    element by element, but not the branching ones (IF, IFERROR, CHOOSE...)
    nor those returning references (INDEX, OFFSET), which without
    Ctrl+Shift+Enter see one value; those are refused.  A child context shares
    its parent's ``udf`` flag.
    """

    def __init__(
        self,
        sheet: SheetState,
        array: bool,
        row: int,
        col: int,
        forced: bool = False,
        parent: CompileContext | None = None,
    ) -> None:
        self.sheet = sheet
        self.array = array
        self.row = row
        self.col = col
        self.forced = forced
        self._parent = parent
        self._udf = False

    @property
    def udf(self) -> bool:
        return self._udf if self._parent is None else self._parent.udf

    @udf.setter
    def udf(self, value: bool) -> None:
        if self._parent is None:
            self._udf = value
        else:
            self._parent.udf = value

    def as_array(self) -> CompileContext:
        """The context of an argument evaluated as an array (itself in an array formula)."""
        if self.array:
            return self
        return CompileContext(self.sheet, True, self.row, self.col, forced=True, parent=self)


class NodeCompiler(Protocol):
    """Compiling expression nodes to closures (implemented by :class:`compiler.Compiler`)."""

    book: Book
    registry: Registry

    def constant(self, node: Node) -> Any:
        """The value of a literal node (``#REF!`` is refused)."""

    def sheet_of(self, name: str | None, ctx: CompileContext) -> SheetState:
        """The sheet a reference names (the host sheet when unqualified)."""

    def own_row_cell(
        self, node: Node, ctx: CompileContext
    ) -> tuple[SheetState, int, int, int] | None:
        """(sheet, first and last data row, column) of a ``[@Column]`` node, else None."""

    def value(self, node: Node, ctx: CompileContext) -> Fn:
        """A closure giving the node's value (intersected in a scalar formula)."""

    def anything(self, node: Node, ctx: CompileContext) -> Fn:
        """A closure giving a reference, an array or a value, as the node evaluates."""

    def reference(self, node: Node, ctx: CompileContext) -> Fn:
        """A closure giving a reference (or an error value)."""

    def argument(self, kind: str, arg: Node, ctx: CompileContext) -> Fn:
        """A closure giving a function argument of ``kind`` (library/spec.py)."""
