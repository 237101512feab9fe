"""Circular references through branches that are not evaluated, found as Excel finds them.

The evaluator meets a cycle when computing a cell reaches the cell again.
A branch that IF, IFERROR, CHOOSE, IFS or SWITCH does not take is never
computed, so a cycle through it would go unseen; Excel, which works out the
dependencies from the formula text, reports it (and shows no current value).
So after such a function returns, the cells its lazy arguments refer to are
*touched*: computed if still pending, which meets the cycle if there is one.
A touched cell that is taken anyway costs a lookup; a touched cell that is
refused for its own reason does not refuse this one.

Only references that the branch would read count: not those a function
takes as a reference without its values (ROW, COLUMN, OFFSET's base).
"""

from __future__ import annotations

from xlsrc.engine.context import CompileContext, Fn, NodeCompiler
from xlsrc.engine.lexer import C1_ABS, R1_ABS
from xlsrc.engine.library import NATIVE
from xlsrc.engine.parser import Node
from xlsrc.engine.refs import COL_BITS
from xlsrc.engine.sheetstate import SheetState

_REFERENCES = ("ref", "struct", "name", "range")


def static_refs(node: Node) -> list[Node]:
    """The reference nodes of ``node`` whose cells computing it would read."""
    kind = node[0]
    if kind in _REFERENCES:
        return [node]
    if kind in ("neg", "pct", "ii"):
        return static_refs(node[1])
    if kind == "bin":
        return static_refs(node[2]) + static_refs(node[3])
    if kind == "call":
        _, name, args = node
        native = NATIVE.get(name)
        kinds = native.kinds_for(len(args)) if native is not None else "v" * len(args)
        found: list[Node] = []
        for kind_of_arg, arg in zip(kinds, args, strict=False):
            if kind_of_arg != "r":
                found.extend(static_refs(arg))
        return found
    return []


def branch_toucher(
    compiler: NodeCompiler, kinds: str, args: tuple[Node, ...], ctx: CompileContext
) -> Fn | None:
    """A closure touching the references of the lazy arguments, or None when they have none."""
    nodes = [
        ref
        for kind, arg in zip(kinds, args, strict=True)
        if kind in "lL"
        for ref in static_refs(arg)
    ]
    if not nodes:
        return None
    cells = [_single_cell(compiler, node, ctx) for node in nodes]
    singles = [cell for cell in cells if cell is not None]
    rest = [node for node, cell in zip(nodes, cells, strict=True) if cell is None]
    rows = [compiler.own_row_cell(node, ctx) for node in rest]
    own_rows = [row for row in rows if row is not None]
    others = [node for node, row in zip(rest, rows, strict=True) if row is None]
    references = [compiler.reference(node, ctx) for node in others]
    book = compiler.book
    touch, touch_cell = book.touch, book.touch_cell

    def touch_all(r: int, c: int) -> None:
        # a single cell is looked up directly: most are constants or computed already
        for sheet, row, row_abs, col, col_abs in singles:
            key = ((row if row_abs else r + row) << COL_BITS) | (col if col_abs else c + col)
            if key in sheet.pending:
                touch_cell(sheet, key)
        for sheet, top, bottom, col in own_rows:  # [@Column]: its cell in this row, if any
            key = (r << COL_BITS) | col
            if top <= r <= bottom and key in sheet.pending:
                touch_cell(sheet, key)
        for reference in references:
            touch(reference(r, c))

    return touch_all


def _single_cell(
    compiler: NodeCompiler, node: Node, ctx: CompileContext
) -> tuple[SheetState, int, bool, int, bool] | None:
    """(sheet, row, row absolute, column, column absolute) of a one-cell reference node."""
    if node[0] != "ref":
        return None
    _, sheet_name, r1, c1, r2, c2, flags = node
    if r1 != r2 or c1 != c2 or (flags & 3) != (flags >> 2) & 3:
        return None
    return compiler.sheet_of(sheet_name, ctx), r1, bool(flags & R1_ABS), c1, bool(flags & C1_ABS)


def touching(call: Fn, toucher: Fn) -> Fn:
    """``call``, then the untaken branches touched (see the module docstring)."""

    def call_and_touch(r: int, c: int) -> object:
        result = call(r, c)
        toucher(r, c)
        return result

    return call_and_touch
