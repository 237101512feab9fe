"""Expression trees -> Python closures ``fn(row, col)``, compiled once per formula shape.

Formulas that differ only by their row share one compiled shape (:mod:`shapes`).
Closures come in two flavours, chosen at compile time:

* scalar formulas: every sub-expression yields one value; a range where a
  value is expected is implicitly intersected with the formula's row/column,
  as Excel does for formulas that are not array formulas;
* array formulas (``<f t="array">``): ranges yield 2-D lists, operators and
  value arguments broadcast element by element, and the result fills the
  formula's area.

Function calls are compiled by :mod:`calls`; a shape used by many cells is
compiled again to straight Python by :mod:`codegen`.  Everything the engine
cannot compute faithfully (unknown functions, external or 3-D references,
undefined names, literal ``#REF!``) raises a
:class:`~xlsrc.engine.errors.FormulaProblem` at compile time, before any value
is computed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import calls, messages
from xlsrc.engine.arrays import broadcast1, broadcast2
from xlsrc.engine.codegen import generate
from xlsrc.engine.context import CompileContext, Fn
from xlsrc.engine.errors import BrokenReference, FormulaProblem, FormulaSyntaxError
from xlsrc.engine.evaluator import Book
from xlsrc.engine.lexer import C1_ABS, C2_ABS, R1_ABS, R2_ABS, tokenize
from xlsrc.engine.operators import negate, percent, scalar_operator
from xlsrc.engine.parser import Node, parse
from xlsrc.engine.refs import COL_BITS, MAX_COL, MAX_ROW, Ref
from xlsrc.engine.shapes import UNSAFE_ENTITY, Shape, Template, shape_text
from xlsrc.engine.sheetstate import SheetState, Table
from xlsrc.engine.structrefs import data_body, struct_reference, this_row_column
from xlsrc.engine.xmltext import unescape
from xlsrc.registry import Registry

__all__ = ["Compiler", "Shape"]


class Compiler:
    """Compiles the formulas of one :class:`Book` against a function registry."""

    #: generate code for a shape once this many cells share it (tests set 1 to
    #: run every formula through the generated path)
    codegen_after = 2

    def __init__(self, book: Book, registry: Registry) -> None:
        self.book = book
        self.registry = registry
        self._shapes: dict[tuple[Any, ...], Shape] = {}
        self._templates: dict[tuple[int, int, bool], Template] = {}
        #: per column, the last formula without A1 references (a Table's calculated column):
        #: (raw XML text, formula text, shape key); the next row with the same text needs
        #: no recognising, only its own Table looked up
        self._row_free: dict[tuple[int, int, bool], tuple[str, str, tuple[Any, ...]]] = {}
        self._names_open: set[tuple[int | None, str]] = set()

    # -- entry point -------------------------------------------------------------
    def compile(self, sheet: SheetState, raw: str, row: int, col: int, array: bool) -> Shape:
        """The shape of the formula whose XML text is ``raw`` in cell (row, col).

        Shapes are recognised on the raw XML text (entities unresolved) when
        that is safe: entities for characters that delimit strings, sheet
        names or brackets would hide them from :func:`shape_text`.
        """
        slot = (sheet.index, col, array)
        template = self._templates.get(slot)
        if template is not None and template.render(row) == raw:
            return self._reused(template.shape)
        free = self._row_free.get(slot)
        template_parts: tuple[str, tuple[int, ...]] | None = None
        if free is not None and free[0] == raw:
            text, key = free[1], free[2]
        else:
            text = unescape(raw).lstrip("=")
            source = raw if "&" not in raw or not UNSAFE_ENTITY.search(raw) else text
            key_text, fmt, offsets = shape_text(source, row, col)
            key = (sheet.index, array, source is raw, key_text)
            if key_text == source:  # no A1 reference: the same text is the same key anywhere
                self._row_free[slot] = (raw, text, key)
            if source is raw:
                template_parts = (fmt, offsets)
        if "[" in text:  # unqualified structured refs depend on the table around the cell
            table = self.book.table_at(sheet, row, col)
            key += (table.name if table else None,)
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._build(sheet, text, row, col, array)
            self._shapes[key] = shape
        else:
            shape = self._reused(shape)
        if "[" not in text and template_parts is not None:
            self._templates[slot] = Template(*template_parts, shape)
        return shape

    def _build(self, sheet: SheetState, text: str, row: int, col: int, array: bool) -> Shape:
        node = parse(tokenize(text, row, col))
        ctx = CompileContext(sheet, array, row, col)
        if array:
            return Shape(self.anything(node, ctx), ctx.udf)
        inner = self.value(node, ctx)

        def top(r: int, c: int) -> Any:
            v = inner(r, c)
            return 0.0 if v is None else v

        shape = Shape(top, ctx.udf, node, ctx)
        if self.codegen_after <= 1:
            shape.fn = generate(self, ctx, node)
        return shape

    def _reused(self, shape: Shape) -> Shape:
        shape.uses += 1
        if shape.uses == self.codegen_after and shape.node is not None and shape.ctx is not None:
            shape.fn = generate(self, shape.ctx, shape.node)
        return shape

    # -- three ways to compile a node -------------------------------------------
    def value(self, node: Node, ctx: CompileContext) -> Fn:
        """A closure giving a scalar (scalar formulas) or scalar/2-D list (array formulas)."""
        kind = node[0]
        if kind == "ref":
            return self._ref_value(node, ctx)
        if kind in ("num", "str", "bool", "err", "missing"):
            return self._literal(node)
        if kind == "neg":
            return self._unary(self.value(node[1], ctx), negate, ctx)
        if kind == "pct":
            return self._unary(self.value(node[1], ctx), percent, ctx)
        if kind == "bin":
            return self._binary(node, ctx)
        if kind == "call" and not ctx.array and not calls.shaped(self, node[1]):
            return self._call(node, ctx)  # a scalar already: no intersection needed
        if kind == "struct" and not ctx.array:
            own_row = self._this_row_cell(node, ctx)
            if own_row is not None:
                return own_row
        raw = self.anything(node, ctx)
        return self._as_value(raw, ctx)

    def anything(self, node: Node, ctx: CompileContext) -> Fn:
        """A closure giving whatever the node evaluates to: Ref, 2-D list or scalar."""
        kind = node[0]
        if kind == "ref":
            return self._ref(node, ctx)
        if kind == "name":
            return self._name(node, ctx)
        if kind == "struct":
            return self._struct(node, ctx)
        if kind == "range":
            return self._range(node, ctx)
        if kind == "call":
            return self._call(node, ctx, keep_refs=True)
        if kind == "array":
            rows = [[self.constant(item) for item in line] for line in node[1]]
            return lambda r, c: rows
        if kind == "ii":
            inner = self.anything(node[1], ctx)
            book = self.book
            return lambda r, c: _intersected(book, inner(r, c), r, c)
        return self.value(node, ctx)

    def reference(self, node: Node, ctx: CompileContext) -> Fn:
        """A closure giving a Ref (or an error value when the node is not a reference)."""
        raw = self.anything(node, ctx)

        def as_ref(r: int, c: int) -> Any:
            v = raw(r, c)
            return v if type(v) is Ref or type(v) is XlError else XlError.VALUE

        return as_ref

    # -- leaves ------------------------------------------------------------------
    @staticmethod
    def constant(node: Node) -> Any:
        kind = node[0]
        if kind == "missing":
            return None
        if kind == "err" and node[1] is XlError.REF:
            raise BrokenReference(messages.deleted_reference())
        return node[1]

    def _literal(self, node: Node) -> Fn:
        value = self.constant(node)
        return lambda r, c: value

    def sheet_of(self, name: str | None, ctx: CompileContext) -> SheetState:
        return ctx.sheet if name is None else self.book.sheet(name)

    def _ref(self, node: Node, ctx: CompileContext) -> Fn:
        _, sheet_name, r1, c1, r2, c2, flags = node
        sheet = self.sheet_of(sheet_name, ctx)
        if flags & (R1_ABS | C1_ABS | R2_ABS | C2_ABS) == R1_ABS | C1_ABS | R2_ABS | C2_ABS:
            fixed = Ref(sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))
            return lambda r, c: fixed
        ra1, ca1, ra2, ca2 = flags & R1_ABS, flags & C1_ABS, flags & R2_ABS, flags & C2_ABS

        def make(r: int, c: int) -> Any:
            a = r1 if ra1 else r + r1
            b = c1 if ca1 else c + c1
            x = r2 if ra2 else r + r2
            y = c2 if ca2 else c + c2
            if (
                a < 1
                or b < 1
                or x < 1
                or y < 1
                or a > MAX_ROW
                or x > MAX_ROW
                or b > MAX_COL
                or y > MAX_COL
            ):
                return XlError.REF
            if a > x:
                a, x = x, a
            if b > y:
                b, y = y, b
            return Ref(sheet, a, b, x, y)

        return make

    def _ref_value(self, node: Node, ctx: CompileContext) -> Fn:
        """A reference used as a value: one cell read directly, an area intersected or spread.

        The cases are Excel's: a single cell (the fast path, most formulas), an
        area in an array formula (all its values), and an area in an ordinary
        formula (implicit intersection with the formula's row or column).  They
        are one method so the single-cell test on the reference flags is made once.
        """
        _, sheet_name, r1, c1, r2, c2, flags = node
        sheet = self.sheet_of(sheet_name, ctx)
        book = self.book
        single = (
            r1 == r2
            and c1 == c2
            and (flags & R1_ABS) == (flags & R2_ABS) >> 2
            and (flags & C1_ABS) == (flags & C2_ABS) >> 2
        )
        if not single:
            make = self._ref(node, ctx)
            if ctx.array:

                def area_values(r: int, c: int) -> Any:
                    ref = make(r, c)
                    if type(ref) is XlError:
                        return ref
                    return book.array(ref)

                return area_values
            intersect = book.intersect

            def area_intersection(r: int, c: int) -> Any:
                ref = make(r, c)
                if type(ref) is XlError:
                    return ref
                return intersect(ref, r, c)

            return area_intersection
        values, waiting, force = sheet.values, sheet.pending, book.force
        if flags & R1_ABS and flags & C1_ABS:
            fixed = (r1 << COL_BITS) | c1

            def absolute_cell(r: int, c: int) -> Any:
                if fixed in waiting:
                    force(sheet, fixed)
                return values.get(fixed)

            return absolute_cell
        row_abs, col_abs = flags & R1_ABS, flags & C1_ABS

        def relative_cell(r: int, c: int) -> Any:
            rr = r1 if row_abs else r + r1
            cc = c1 if col_abs else c + c1
            if rr < 1 or cc < 1 or rr > MAX_ROW or cc > MAX_COL:
                return XlError.REF
            key = (rr << COL_BITS) | cc
            if key in waiting:
                force(sheet, key)
            return values.get(key)

        return relative_cell

    def _as_value(self, raw: Fn, ctx: CompileContext) -> Fn:
        book = self.book
        if ctx.array:

            def array_value(r: int, c: int) -> Any:
                v = raw(r, c)
                if type(v) is Ref:
                    if v.is_cell:
                        return book.cell(v.sheet, v.r1, v.c1)
                    return book.array(v)
                return v

            return array_value

        def scalar_value(r: int, c: int) -> Any:
            return _intersected(book, raw(r, c), r, c)

        return scalar_value

    # -- names, tables, ranges ----------------------------------------------------
    def _name(self, node: Node, ctx: CompileContext) -> Fn:
        _, sheet_name, name = node
        upper = name.upper()
        scope_sheet = self.book.sheet(sheet_name) if sheet_name else ctx.sheet
        key: tuple[int | None, str] = (scope_sheet.index, upper)
        text = self.book.names.get(key)
        if text is None and sheet_name is None:
            key = (None, upper)
            text = self.book.names.get(key)
        if text is None:
            table = self.book.tables.get(upper) if sheet_name is None else None
            if table is not None:  # a bare table name is its data body (Excel)
                body = data_body(table)
                return lambda r, c: body
            raise BrokenReference(messages.undefined_name(name))
        if key in self._names_open:
            raise FormulaSyntaxError(messages.name_refers_to_itself(name))
        self._names_open.add(key)
        try:
            definition = parse(tokenize(text.lstrip("="), 1, 1))
            return self.anything(definition, ctx)
        except FormulaProblem as problem:
            problem.message = messages.in_defined_name(name, problem.message)
            raise
        finally:
            self._names_open.discard(key)

    def _struct(self, node: Node, ctx: CompileContext) -> Fn:
        return struct_reference(self._table_of(node, ctx), node[2])

    def _this_row_cell(self, node: Node, ctx: CompileContext) -> Fn | None:
        """``[@Column]`` in a scalar formula: the cell of the formula's row, read directly.

        The same value as the Ref :meth:`_struct` gives, intersected with the
        formula's cell (:meth:`Book.intersect` of a one-cell Ref); None for
        any other structured reference, which goes the general way.
        """
        found = self.own_row_cell(node, ctx)
        if found is None:
            return None
        sheet, top, bottom, col = found
        cell = self.book.cell

        def this_row_cell(r: int, c: int) -> Any:
            return cell(sheet, r, col) if top <= r <= bottom else XlError.VALUE

        return this_row_cell

    def own_row_cell(
        self, node: Node, ctx: CompileContext
    ) -> tuple[SheetState, int, int, int] | None:
        """(sheet, first and last data row, column) of a ``[@Column]`` struct node, else None."""
        if node[0] != "struct":
            return None
        table = self._table_of(node, ctx)
        found = this_row_column(table, node[2])
        return None if found is None else (table.sheet, *found)

    def _table_of(self, node: Node, ctx: CompileContext) -> Table:
        """The table a structured reference names (or the one the formula is in)."""
        _, table_name, body = node
        if table_name is None:
            table = self.book.table_at(ctx.sheet, ctx.row, ctx.col)
            if table is None:
                raise BrokenReference(messages.outside_any_table(body))
        else:
            table = self.book.tables.get(table_name.upper())
            if table is None:
                raise BrokenReference(messages.missing_table(table_name))
        return table

    def _range(self, node: Node, ctx: CompileContext) -> Fn:
        left, right = self.reference(node[1], ctx), self.reference(node[2], ctx)

        def span(r: int, c: int) -> Any:
            a, b = left(r, c), right(r, c)
            if type(a) is XlError:
                return a
            if type(b) is XlError:
                return b
            if a.sheet is not b.sheet:
                return XlError.VALUE
            return Ref(a.sheet, min(a.r1, b.r1), min(a.c1, b.c1), max(a.r2, b.r2), max(a.c2, b.c2))

        return span

    # -- operators ---------------------------------------------------------------
    def _unary(self, operand: Fn, op: Callable[[Any], Any], ctx: CompileContext) -> Fn:
        if ctx.array:
            return lambda r, c: broadcast1(op, operand(r, c))
        return lambda r, c: op(operand(r, c))

    def _binary(self, node: Node, ctx: CompileContext) -> Fn:
        _, op, left_node, right_node = node
        left, right = self.value(left_node, ctx), self.value(right_node, ctx)
        scalar = scalar_operator(op)
        if ctx.array:
            return lambda r, c: broadcast2(scalar, left(r, c), right(r, c))
        return lambda r, c: scalar(left(r, c), right(r, c))

    # -- function calls ----------------------------------------------------------
    def _call(self, node: Node, ctx: CompileContext, keep_refs: bool = False) -> Fn:
        return calls.compile_call(self, node, ctx, keep_refs)

    def argument(self, kind: str, arg: Node, ctx: CompileContext) -> Fn:
        return calls.argument(self, kind, arg, ctx)


# -- helpers used by compiled closures -------------------------------------------


def _intersected(book: Book, v: Any, r: int, c: int) -> Any:
    kind = type(v)
    if kind is Ref:
        return book.intersect(v, r, c)
    if kind is list:
        return v[0][0] if v and v[0] else XlError.VALUE
    return v
