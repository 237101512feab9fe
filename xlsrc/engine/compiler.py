"""Expression trees -> Python closures ``fn(row, col)``, compiled once per formula shape.

A *shape* is a formula with its relative references expressed as offsets from
its own cell, so a column of copied formulas (or an Excel shared formula) is
one shape: tokenized, parsed and compiled once, then called with each host
cell's (row, col).  Looking a formula up costs a string comparison in the
common case: the compiler remembers the last shape of each column and checks
whether the new formula is that shape rendered for the new row.

Closures come in two flavours, chosen at compile time:

* scalar formulas: every sub-expression yields one value; a range where a
  value is expected is implicitly intersected with the formula's row/column,
  as Excel does for formulas that are not array formulas;
* array formulas (``<f t="array">``): ranges yield 2-D lists, operators and
  value arguments broadcast element by element, and the result fills the
  formula's area.

Everything the engine cannot compute faithfully (unknown functions, external
or 3-D references, undefined names, literal ``#REF!``) raises a
:class:`~xlsrc.engine.errors.FormulaProblem` at compile time, before any value
is computed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.arrays import broadcast1, broadcast2, lift
from xlsrc.engine.codegen import generate
from xlsrc.engine.errors import (
    BrokenReference,
    FormulaProblem,
    FormulaSyntaxError,
    UdfFailure,
    UnsupportedFeature,
    UnsupportedFunction,
)
from xlsrc.engine.evaluator import Book, SheetState
from xlsrc.engine.lexer import C1_ABS, C2_ABS, R1_ABS, R2_ABS, tokenize
from xlsrc.engine.library import NATIVE
from xlsrc.engine.library.common import grid
from xlsrc.engine.operators import negate, percent, scalar_operator
from xlsrc.engine.parser import Node, parse
from xlsrc.engine.refs import COL_BITS, MAX_COL, MAX_ROW, Ref, col_index
from xlsrc.engine.structrefs import data_body, struct_reference
from xlsrc.engine.values import (
    normalise,
)
from xlsrc.engine.xmltext import unescape
from xlsrc.registry import PREFIX, FunctionSpec, Registry, invoke_explained

Fn = Callable[[int, int], Any]

# Skips string literals, quoted sheet names and [bracketed] parts; captures A1 references.
_SHAPE_REFS = re.compile(
    r"\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'|\[(?:[^\[\]']|'.|\[(?:[^\[\]']|'.)*\])*\]"
    r"|(?<![\w.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w.(\[!])"
)

# Entities that could stand for a quote, apostrophe, bracket or other ASCII syntax.
_UNSAFE_ENTITY = re.compile(
    r"&(?:quot|apos);|&#(?:0*(?:[0-9]|[1-9][0-9]|1[01][0-9]|12[0-7])|x0*[0-7]?[0-9a-fA-F]);"
)


class Shape:
    """One compiled formula shape.

    ``fn`` starts as the closure tree; when a second cell turns out to share
    the shape, it is replaced by generated code (:mod:`codegen`), which is
    faster per call but costs more to build than a shape used once is worth.
    """

    __slots__ = ("fn", "udf", "node", "ctx", "uses")

    def __init__(
        self, fn: Fn, udf: bool, node: Node | None = None, ctx: _Context | None = None
    ) -> None:
        self.fn = fn
        self.udf = udf
        self.node = node
        self.ctx = ctx
        self.uses = 1


class _Template:
    """A shape's formula text for any row of one column: ``fmt % rows``."""

    __slots__ = ("fmt", "offsets", "shape", "same", "count")

    def __init__(self, fmt: str, offsets: tuple[int, ...], shape: Shape) -> None:
        self.fmt = fmt
        self.offsets = offsets
        self.shape = shape
        # the usual case: every relative row is the same row (F2-E2 in row 2)
        self.same = offsets[0] if offsets and len(set(offsets)) == 1 else None
        self.count = len(offsets)

    def render(self, row: int) -> str:
        if self.same is not None:
            return self.fmt % ((row + self.same,) * self.count)
        return self.fmt % tuple(row + d for d in self.offsets)


class _Context:
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
        parent: _Context | None = None,
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

    def as_array(self) -> _Context:
        """The context of an argument evaluated as an array (itself in an array formula)."""
        if self.array:
            return self
        return _Context(self.sheet, True, self.row, self.col, forced=True, parent=self)


def shape_text(text: str, row: int, col: int) -> tuple[str, str, tuple[int, ...]]:
    """(key, template format, row offsets) of a formula seen from (row, col)."""
    key: list[str] = []
    fmt: list[str] = []
    offsets: list[int] = []
    pos = 0
    for match in _SHAPE_REFS.finditer(text):
        letters = match.group(2)
        if letters is None:
            continue
        literal = text[pos : match.start()]
        key.append(literal)
        fmt.append(literal.replace("%", "%%"))
        col_abs, row_abs, digits = match.group(1), match.group(3), match.group(4)
        key.append(f"${letters.upper()}" if col_abs else f"C[{col_index(letters) - col}]")
        if row_abs:
            key.append(f"${digits}")
            fmt.append(match.group().replace("%", "%%"))
        else:
            offset = int(digits) - row
            key.append(f"R[{offset}]")
            fmt.append(f"{col_abs}{letters}%d")
            offsets.append(offset)
        pos = match.end()
    rest = text[pos:]
    key.append(rest)
    fmt.append(rest.replace("%", "%%"))
    return "".join(key), "".join(fmt), tuple(offsets)


class Compiler:
    """Compiles the formulas of one :class:`Book` against a function registry."""

    #: generate code for a shape once this many cells share it (tests set 1 to
    #: run every formula through the generated path)
    codegen_after = 2

    def __init__(self, book: Book, registry: Registry) -> None:
        self.book = book
        self.registry = registry
        self._shapes: dict[tuple[Any, ...], Shape] = {}
        self._templates: dict[tuple[int, int, bool], _Template] = {}
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
        text = unescape(raw).lstrip("=")
        source = raw if "&" not in raw or not _UNSAFE_ENTITY.search(raw) else text
        key_text, fmt, offsets = shape_text(source, row, col)
        key: tuple[Any, ...] = (sheet.index, array, source is raw, key_text)
        if "[" in text:  # unqualified structured refs depend on the table around the cell
            table = self.book.table_at(sheet, row, col)
            key += (table.name if table else None,)
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._build(sheet, text, row, col, array)
            self._shapes[key] = shape
        else:
            shape = self._reused(shape)
        if "[" not in text and source is raw:
            self._templates[slot] = _Template(fmt, offsets, shape)
        return shape

    def _build(self, sheet: SheetState, text: str, row: int, col: int, array: bool) -> Shape:
        node = parse(tokenize(text, row, col))
        ctx = _Context(sheet, array, row, col)
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
    def value(self, node: Node, ctx: _Context) -> Fn:
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
        if kind == "call" and not ctx.array and not self._shaped(node[1]):
            return self._call(node, ctx)  # a scalar already: no intersection needed
        raw = self.anything(node, ctx)
        return self._as_value(raw, ctx)

    def _shaped(self, name: str) -> bool:
        """Whether calling ``name`` can give a reference or an array."""
        if name in self.registry:
            return self.registry.get(name).returns == "array"
        native = NATIVE.get(name)
        return native is None or native.shaped

    def anything(self, node: Node, ctx: _Context) -> Fn:
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
            rows = [[self._constant(item) for item in line] for line in node[1]]
            return lambda r, c: rows
        if kind == "ii":
            inner = self.anything(node[1], ctx)
            book = self.book
            return lambda r, c: _intersected(book, inner(r, c), r, c)
        return self.value(node, ctx)

    def reference(self, node: Node, ctx: _Context) -> Fn:
        """A closure giving a Ref (or an error value when the node is not a reference)."""
        raw = self.anything(node, ctx)

        def as_ref(r: int, c: int) -> Any:
            v = raw(r, c)
            return v if type(v) is Ref or type(v) is XlError else XlError.VALUE

        return as_ref

    # -- leaves ------------------------------------------------------------------
    @staticmethod
    def _constant(node: Node) -> Any:
        kind = node[0]
        if kind == "missing":
            return None
        if kind == "err" and node[1] is XlError.REF:
            raise BrokenReference("the formula contains #REF! (a reference that was deleted)")
        return node[1]

    def _literal(self, node: Node) -> Fn:
        value = self._constant(node)
        return lambda r, c: value

    def _sheet_of(self, name: str | None, ctx: _Context) -> SheetState:
        return ctx.sheet if name is None else self.book.sheet(name)

    def _ref(self, node: Node, ctx: _Context) -> Fn:
        _, sheet_name, r1, c1, r2, c2, flags = node
        sheet = self._sheet_of(sheet_name, ctx)
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

    def _ref_value(self, node: Node, ctx: _Context) -> Fn:
        _, sheet_name, r1, c1, r2, c2, flags = node
        sheet = self._sheet_of(sheet_name, ctx)
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
                    return book.values(ref, pad=True)

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

    def _as_value(self, raw: Fn, ctx: _Context) -> Fn:
        book = self.book
        if ctx.array:

            def array_value(r: int, c: int) -> Any:
                v = raw(r, c)
                if type(v) is Ref:
                    if v.is_cell:
                        return book.cell(v.sheet, v.r1, v.c1)
                    return book.values(v, pad=True)
                return v

            return array_value

        def scalar_value(r: int, c: int) -> Any:
            return _intersected(book, raw(r, c), r, c)

        return scalar_value

    # -- names, tables, ranges ----------------------------------------------------
    def _name(self, node: Node, ctx: _Context) -> Fn:
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
            raise BrokenReference(f"name {name!r} is not defined in this workbook")
        if key in self._names_open:
            raise FormulaSyntaxError(f"defined name {name!r} refers to itself")
        self._names_open.add(key)
        try:
            definition = parse(tokenize(text.lstrip("="), 1, 1))
            return self.anything(definition, ctx)
        except FormulaProblem as problem:
            problem.message = f"in defined name {name}: {problem.message}"
            raise
        finally:
            self._names_open.discard(key)

    def _struct(self, node: Node, ctx: _Context) -> Fn:
        _, table_name, body = node
        if table_name is None:
            table = self.book.table_at(ctx.sheet, ctx.row, ctx.col)
            if table is None:
                raise BrokenReference(f"structured reference [{body}] outside any table")
        else:
            table = self.book.tables.get(table_name.upper())
            if table is None:
                raise BrokenReference(f"table {table_name!r} does not exist")
        return struct_reference(table, body)

    def _range(self, node: Node, ctx: _Context) -> Fn:
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
    def _unary(self, operand: Fn, op: Callable[[Any], Any], ctx: _Context) -> Fn:
        if ctx.array:
            return lambda r, c: broadcast1(op, operand(r, c))
        return lambda r, c: op(operand(r, c))

    def _binary(self, node: Node, ctx: _Context) -> Fn:
        _, op, left_node, right_node = node
        left, right = self.value(left_node, ctx), self.value(right_node, ctx)
        scalar = scalar_operator(op)
        if ctx.array:
            return lambda r, c: broadcast2(scalar, left(r, c), right(r, c))
        return lambda r, c: scalar(left(r, c), right(r, c))

    # -- function calls ----------------------------------------------------------
    def _call(self, node: Node, ctx: _Context, keep_refs: bool = False) -> Fn:
        """A function call; ``keep_refs``: the caller takes references (lazy branches keep them).

        IF, CHOOSE, IFS and SWITCH return whichever branch they pick, reference
        and all (``SUM(CHOOSE(2, A1:A2, A1:A3))`` sums three cells); where a
        single value is wanted the branch is intersected, which is the same.
        """
        _, name, args = node
        if name == "SINGLE":  # _xlfn.SINGLE is the @ operator
            if len(args) != 1:
                raise FormulaSyntaxError("SINGLE takes one argument")
            return self.anything(("ii", args[0]), ctx)
        if name == "INDIRECT":
            return self._indirect(args, ctx)
        if name.startswith(PREFIX) or name in self.registry:
            if name not in self.registry:
                raise UnsupportedFunction(name)
            ctx.udf = True
            return self._udf(self.registry.get(name), args, ctx)
        native = NATIVE.get(name)
        if native is None:
            raise UnsupportedFunction(name)
        if len(args) < native.min_args or (
            native.max_args is not None and len(args) > native.max_args
        ):
            raise FormulaSyntaxError(f"{name} was given {len(args)} arguments")
        if not native.omitted and any(arg[0] == "missing" for arg in args):
            raise UnsupportedFeature(f"{name} with an omitted argument")
        kinds = native.kinds_for(len(args))
        if keep_refs:
            kinds = kinds.replace("l", "L")
        prefix: tuple[Any, ...] = (self.book,) if native.book else ()
        # without Ctrl+Shift+Enter Excel does not lift these over an array argument
        unlifted = ctx.forced and (native.shaped or "l" in native.kinds + native.repeat)
        return self._invoke(native.func, prefix, native.host, kinds, args, ctx, name, unlifted)

    def _indirect(self, args: tuple[Node, ...], ctx: _Context) -> Fn:
        """INDIRECT("Sheet!A1:B2"): a literal A1 reference is compiled as that reference.

        A reference text computed at run time would make the dependencies of
        the formula unknowable before it runs; it is refused, as is R1C1 style.
        """
        a1 = len(args) == 1 or (len(args) == 2 and args[1][0] == "bool" and args[1][1])
        if not args or args[0][0] != "str" or not a1:
            raise UnsupportedFeature(
                "INDIRECT is supported only with a literal A1 reference text, "
                'such as INDIRECT("Sheet1!A1:B5")'
            )
        try:  # read from (0, 0), relative parts are the absolute row and column
            target = parse(tokenize(args[0][1], 0, 0))
        except FormulaSyntaxError:
            return lambda r, c: XlError.REF
        if target[0] not in ("ref", "range"):
            return lambda r, c: XlError.REF
        return self.anything(_absolute(target), ctx)

    def _udf(self, spec: FunctionSpec, args: tuple[Node, ...], ctx: _Context) -> Fn:
        required = sum(1 for a in spec.args if not a.optional)
        if not required <= len(args) <= len(spec.args):
            raise FormulaSyntaxError(
                f"{spec.signature} takes {required}-{len(spec.args)} arguments, got {len(args)}"
            )
        kinds = "".join("g" if a.kind == "range" else "V" for a in spec.args[: len(args)])
        array = spec.returns == "array"

        book = self.book

        def call(*values: Any) -> Any:
            try:
                result, reason = invoke_explained(spec, *values)
            except Exception as error:
                raise UdfFailure(f"{spec.name} raised {type(error).__name__}: {error}") from error
            if reason is not None:
                book.explain(reason)
            return _udf_result(result, array)

        return self._invoke(call, (), False, kinds, args, ctx)

    def _invoke(
        self,
        func: Callable[..., Any],
        prefix: tuple[Any, ...],
        host: bool,
        kinds: str,
        args: tuple[Node, ...],
        ctx: _Context,
        name: str = "",
        unlifted: bool = False,
    ) -> Fn:
        """A closure calling ``func``; ``unlifted``: an array in a value argument is refused."""
        fns: list[Fn] = []
        for kind, arg in zip(kinds, args, strict=True):
            fns.append(self._argument(kind, arg, ctx))
        propagate = tuple(i for i, k in enumerate(kinds) if k == "v")
        liftable = tuple(i for i, k in enumerate(kinds) if k in "vV") if ctx.array else ()
        book = self.book

        if not fns:
            if host:
                return lambda r, c: func(*prefix, r, c)
            return lambda r, c: func(*prefix)
        if not liftable and not host and len(fns) <= 6:
            bound = functools.partial(func, *prefix) if prefix else func
            return _call_maker(len(fns), propagate)(bound, *fns)

        def call(r: int, c: int) -> Any:
            values = [f(r, c) for f in fns]
            for i in liftable:
                if type(values[i]) is list:
                    if unlifted:
                        raise UnsupportedFeature(
                            f"{name} given an array inside SUMPRODUCT in an ordinary formula "
                            "(Excel evaluates it element by element only in an array formula)"
                        )
                    return lift(func, prefix + ((r, c) if host else ()), kinds, values, book)
            for i in propagate:
                if type(values[i]) is XlError:
                    return values[i]
            if host:
                return func(*prefix, r, c, *values)
            return func(*prefix, *values)

        return call

    def _argument(self, kind: str, arg: Node, ctx: _Context) -> Fn:
        if arg[0] == "missing":  # IF(1,,A2): an omitted argument is blank, lazy or not
            return (lambda r, c: _omitted) if kind in "lL" else (lambda r, c: None)
        if kind in "vV":
            return self.value(arg, ctx)
        if kind == "a":
            return self.anything(arg, ctx)
        if kind == "A":
            return self.anything(arg, ctx.as_array())
        if kind == "r":
            return self.reference(arg, ctx)
        if kind == "g":
            raw = self.anything(arg, ctx)
            book = self.book
            return lambda r, c: grid(book, raw(r, c))
        if kind in "lL":
            keep = ctx.array or kind == "L"
            inner = self.anything(arg, ctx) if keep else self.value(arg, ctx)
            return lambda r, c: lambda: inner(r, c)
        raise AssertionError(kind)  # pragma: no cover


# -- helpers used by compiled closures -------------------------------------------


@functools.cache
def _call_maker(count: int, propagate: tuple[int, ...]) -> Callable[..., Fn]:
    """A factory of call closures for ``count`` arguments, generated once per signature.

    The generated closure evaluates the arguments in order and returns the
    first error among the ``propagate`` positions, without the per-call list
    and loops of the general path (the hot path of every formula).
    """
    names = [f"f{i}" for i in range(count)]
    lines = [f"def make(func, {', '.join(names)}):", "    def call(r, c):"]
    for i in range(count):
        lines.append(f"        a{i} = f{i}(r, c)")
        if i in propagate:
            lines.append(f"        if type(a{i}) is XlError: return a{i}")
    lines.append(f"        return func({', '.join(f'a{i}' for i in range(count))})")
    lines.append("    return call")
    namespace: dict[str, Any] = {"XlError": XlError}
    exec("\n".join(lines), namespace)  # noqa: S102 - source built from integers only
    return namespace["make"]  # type: ignore[no-any-return]


def _omitted() -> None:
    """The lazy value of an omitted argument: blank."""
    return None


def _absolute(node: Node) -> Node:
    """A reference node read from (0, 0) with every part made absolute (INDIRECT's text)."""
    if node[0] == "range":
        return ("range", _absolute(node[1]), _absolute(node[2]))
    if node[0] == "ref":
        return (*node[:6], R1_ABS | C1_ABS | R2_ABS | C2_ABS)
    return node


def _intersected(book: Book, v: Any, r: int, c: int) -> Any:
    kind = type(v)
    if kind is Ref:
        return book.intersect(v, r, c)
    if kind is list:
        return v[0][0] if v and v[0] else XlError.VALUE
    return v


def _udf_result(result: Any, array: bool) -> Any:
    if isinstance(result, list | tuple):
        rows = [list(r) if isinstance(r, list | tuple) else [r] for r in result]
        if rows and not isinstance(result[0], list | tuple):
            rows = [[r for r in result]]  # a flat list is one row, as xlwings returns it
        if not rows or not rows[0]:
            return XlError.CALC
        width = max(len(r) for r in rows)
        return [[normalise(v) for v in r] + [XlError.NA] * (width - len(r)) for r in rows]
    value = normalise(result)
    return [[value]] if array else value
