"""Function calls in formulas: native functions, registry (XS_) functions, INDIRECT, @.

A call compiles each argument by the kind its function declares
(:mod:`library.spec`), then calls the function with the values; in an array
formula a value argument holding an array lifts the function over its
elements (:func:`arrays.lift`).  The closures built here are the hot path of
every formula, so the common signatures are generated once as straight code
(:func:`call_maker`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.arrays import lift
from xlsrc.engine.context import CompileContext, Fn, NodeCompiler
from xlsrc.engine.cycles import branch_toucher, touching
from xlsrc.engine.errors import (
    FormulaSyntaxError,
    UdfFailure,
    UnsupportedFeature,
    UnsupportedFunction,
)
from xlsrc.engine.lexer import C1_ABS, C2_ABS, R1_ABS, R2_ABS, tokenize
from xlsrc.engine.library import NATIVE
from xlsrc.engine.library.common import grid
from xlsrc.engine.parser import Node, parse
from xlsrc.engine.values import normalise
from xlsrc.registry import PREFIX, FunctionSpec, invoke_explained


def shaped(compiler: NodeCompiler, name: str) -> bool:
    """Whether calling ``name`` can give a reference or an array."""
    if name in compiler.registry:
        return compiler.registry.get(name).returns == "array"
    native = NATIVE.get(name)
    return native is None or native.shaped


def compile_call(
    compiler: NodeCompiler, node: Node, ctx: CompileContext, keep_refs: bool = False
) -> Fn:
    """A function call; ``keep_refs``: the caller takes references (lazy branches keep them).

    IF, CHOOSE, IFS and SWITCH return whichever branch they pick, reference
    and all (``SUM(CHOOSE(2, A1:A2, A1:A3))`` sums three cells); where a
    single value is wanted the branch is intersected, which is the same.
    """
    _, name, args = node
    if name == "SINGLE":  # _xlfn.SINGLE is the @ operator
        if len(args) != 1:
            raise FormulaSyntaxError(messages.single_argument())
        return compiler.anything(("ii", args[0]), ctx)
    if name == "INDIRECT":
        return _indirect(compiler, args, ctx)
    if name.startswith(PREFIX) or name in compiler.registry:
        if name not in compiler.registry:
            raise UnsupportedFunction(name)
        ctx.udf = True
        return _udf(compiler, compiler.registry.get(name), args, ctx)
    native = NATIVE.get(name)
    if native is None:
        raise UnsupportedFunction(name)
    if name == "FORMULATEXT":
        compiler.book.reads_formula_texts = True
    if len(args) < native.min_args or (native.max_args is not None and len(args) > native.max_args):
        raise FormulaSyntaxError(messages.argument_count(name, len(args)))
    if not native.omitted and any(arg[0] == "missing" for arg in args):
        raise UnsupportedFeature(messages.omitted_argument(name))
    if not native.ranges and any(_several_cells(arg) for arg in args):
        raise UnsupportedFeature(messages.range_argument(name))
    kinds = native.kinds_for(len(args))
    if keep_refs:
        kinds = kinds.replace("l", "L")
    prefix: tuple[Any, ...] = (compiler.book,) if native.book else ()
    # without Ctrl+Shift+Enter Excel does not lift these over an array argument
    unlifted = ctx.forced and (native.shaped or "l" in native.kinds + native.repeat)
    call = invoke(compiler, native.func, prefix, native.host, kinds, args, ctx, name, unlifted)
    toucher = branch_toucher(compiler, kinds, args, ctx) if "l" in kinds.lower() else None
    return call if toucher is None else touching(call, toucher)


def _indirect(compiler: NodeCompiler, args: tuple[Node, ...], ctx: CompileContext) -> Fn:
    """INDIRECT("Sheet!A1:B2"): a literal A1 reference is compiled as that reference.

    A reference text computed at run time would make the dependencies of
    the formula unknowable before it runs; it is refused, as is R1C1 style.
    """
    a1 = len(args) == 1 or (len(args) == 2 and args[1][0] == "bool" and args[1][1])
    if not args or args[0][0] != "str" or not a1:
        raise UnsupportedFeature(messages.indirect_literal_only())
    try:  # read from (0, 0), relative parts are the absolute row and column
        target = parse(tokenize(args[0][1], 0, 0))
    except FormulaSyntaxError:
        return lambda r, c: XlError.REF
    if target[0] not in ("ref", "range"):
        return lambda r, c: XlError.REF
    return compiler.anything(_absolute(target), ctx)


def _udf(
    compiler: NodeCompiler, spec: FunctionSpec, args: tuple[Node, ...], ctx: CompileContext
) -> Fn:
    required = sum(1 for a in spec.args if not a.optional)
    if not required <= len(args) <= len(spec.args):
        raise FormulaSyntaxError(
            messages.udf_argument_count(spec.signature, required, len(spec.args), len(args))
        )
    kinds = "".join("g" if a.kind == "range" else "V" for a in spec.args[: len(args)])
    array = spec.returns == "array"
    book = compiler.book

    def call(*values: Any) -> Any:
        try:
            result, reason = invoke_explained(spec, *values)
        except Exception as error:
            raise UdfFailure(messages.udf_failed(spec.name, error)) from error
        if reason is not None:
            book.explain(reason)
        return _udf_result(result, array)

    return invoke(compiler, call, (), False, kinds, args, ctx)


def invoke(
    compiler: NodeCompiler,
    func: Callable[..., Any],
    prefix: tuple[Any, ...],
    host: bool,
    kinds: str,
    args: tuple[Node, ...],
    ctx: CompileContext,
    name: str = "",
    unlifted: bool = False,
) -> Fn:
    """A closure calling ``func``; ``unlifted``: an array in a value argument is refused."""
    fns = [compiler.argument(kind, arg, ctx) for kind, arg in zip(kinds, args, strict=True)]
    propagate = tuple(i for i, k in enumerate(kinds) if k == "v")
    liftable = tuple(i for i, k in enumerate(kinds) if k in "vV") if ctx.array else ()
    book = compiler.book

    if not fns:
        if host:
            return lambda r, c: func(*prefix, r, c)
        return lambda r, c: func(*prefix)
    if not liftable and not host and len(fns) <= 6:
        bound = functools.partial(func, *prefix) if prefix else func
        return call_maker(len(fns), propagate)(bound, *fns)

    def call(r: int, c: int) -> Any:
        values = [f(r, c) for f in fns]
        for i in liftable:
            if type(values[i]) is list:
                if unlifted:
                    raise UnsupportedFeature(messages.unlifted_in_sumproduct(name))
                return lift(func, prefix + ((r, c) if host else ()), kinds, values, book)
        for i in propagate:
            if type(values[i]) is XlError:
                return values[i]
        if host:
            return func(*prefix, r, c, *values)
        return func(*prefix, *values)

    return call


def argument(compiler: NodeCompiler, kind: str, arg: Node, ctx: CompileContext) -> Fn:
    """A closure giving an argument of ``kind`` (the kinds of library/spec.py)."""
    if arg[0] == "missing":  # IF(1,,A2): an omitted argument is blank, lazy or not
        return (lambda r, c: _omitted) if kind in "lL" else (lambda r, c: None)
    if kind in "vV":
        return compiler.value(arg, ctx)
    if kind == "a":
        return compiler.anything(arg, ctx)
    if kind == "A":
        return compiler.anything(arg, ctx.as_array())
    if kind == "r":
        return compiler.reference(arg, ctx)
    if kind == "g":
        raw = compiler.anything(arg, ctx)
        book = compiler.book
        return lambda r, c: grid(book, raw(r, c))
    if kind in "lL":
        keep = ctx.array or kind == "L"
        inner = compiler.anything(arg, ctx) if keep else compiler.value(arg, ctx)
        return lambda r, c: lambda: inner(r, c)
    raise AssertionError(kind)  # pragma: no cover


@functools.cache
def call_maker(count: int, propagate: tuple[int, ...]) -> Callable[..., Fn]:
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
    make: Callable[..., Fn] = namespace["make"]
    return make


def _several_cells(node: Node) -> bool:
    """Whether a node is written as a reference to more than one cell (A1:A3, T[Col])."""
    kind = node[0]
    if kind == "ref":
        _, _, r1, c1, r2, c2, flags = node
        return bool(r1 != r2 or c1 != c2 or (flags & 3) != (flags >> 2) & 3)
    if kind == "struct":
        body = str(node[2]).lower()
        return not (body.startswith("@") or "#this row" in body)
    return bool(kind == "range")


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
