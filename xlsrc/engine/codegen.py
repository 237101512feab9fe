"""Formula shapes that many cells share, compiled to one generated Python function each.

The closure compiler (:mod:`compiler`) builds a tree of small functions per
shape; calling it costs one Python call per node.  For a shape used by many
cells (a copied column of 20,000 formulas) this module writes the same
computation as straight-line Python source - cell fetches, operators with a
fast path for two numbers, IF/IFERROR/IFNA as real branches, calls of native
functions - and compiles it once.  Anything it does not generate itself
(names, ranges, references passed to functions, lookups, UDFs, array
formulas) it calls as the closure the compiler already has, so both paths
share one implementation of every semantic rule, and the generated code only
inlines what is unambiguous.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.context import CompileContext, Fn, NodeCompiler
from xlsrc.engine.cycles import branch_toucher
from xlsrc.engine.lexer import C1_ABS, R1_ABS
from xlsrc.engine.library import NATIVE
from xlsrc.engine.library.arithmetic import power_of
from xlsrc.engine.operators import negate, percent, scalar_operator
from xlsrc.engine.parser import Node
from xlsrc.engine.refs import COL_BITS, MAX_COL, MAX_ROW
from xlsrc.engine.values import EPSILON, to_bool, to_number

# Same-number tests that agree with values.compare (equal within rounding noise).
_FLOAT_COMPARE = {
    "=": "{t} = {a} == {b} or abs({a} - {b}) < abs({a}) * EPS",
    "<>": "{t} = not ({a} == {b} or abs({a} - {b}) < abs({a}) * EPS)",
    "<": "{t} = {a} < {b} and not abs({a} - {b}) < abs({a}) * EPS",
    ">": "{t} = {a} > {b} and not abs({a} - {b}) < abs({a}) * EPS",
    "<=": "{t} = {a} <= {b} or abs({a} - {b}) < abs({a}) * EPS",
    ">=": "{t} = {a} >= {b} or abs({a} - {b}) < abs({a}) * EPS",
}
# Two-number arithmetic; + and - give exactly 0 for operands that cancel (values.approx_add);
# a result beyond the largest double (inf, or nan from inf - inf) is #NUM!, as in Excel.
_FLOAT_ARITHMETIC = {
    "+": ["{t} = {a} + {b}", "if abs({t}) < abs({a}) * EPS: {t} = 0.0",
          "elif not -BIG <= {t} <= BIG: {t} = NUM"],
    "-": ["{t} = {a} - {b}", "if abs({t}) < abs({a}) * EPS: {t} = 0.0",
          "elif not -BIG <= {t} <= BIG: {t} = NUM"],
    "*": ["{t} = {a} * {b}", "if not -BIG < {t} < BIG: {t} = NUM"],
    "/": ["if {b} == 0.0: {t} = DIV0", "else:", "    {t} = {a} / {b}",
          "    if not -BIG < {t} < BIG: {t} = NUM"],
    "^": ["{t} = POWER({a}, {b})"],
}  # fmt: skip
_VALUE_KINDS = set("vV")


class _Writer:
    """Python source for one shape, with the objects it uses bound by name."""

    def __init__(self, compiler: NodeCompiler, ctx: CompileContext) -> None:
        self.compiler = compiler
        self.ctx = ctx
        self.lines: list[str] = []
        self.names: dict[str, Any] = {
            "XlError": XlError, "EPS": EPSILON, "BIG": 1.7976931348623157e308,
            "NUM": XlError.NUM, "DIV0": XlError.DIV0, "REF": XlError.REF,
            "POWER": power_of, "TO_BOOL": to_bool, "TO_NUMBER": to_number,
        }  # fmt: skip
        self.depth = 2
        self.count = 0

    def bind(self, value: Any) -> str:
        name = f"_b{len(self.names)}"
        self.names[name] = value
        return name

    def temp(self) -> str:
        self.count += 1
        return f"t{self.count}"

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    @contextmanager
    def block(self) -> Any:
        self.depth += 1
        yield
        self.depth -= 1

    # -- expressions -------------------------------------------------------------
    def value(self, node: Node) -> str:
        """Emit code computing ``node``'s scalar value; return the variable (or constant) name."""
        kind = node[0]
        if kind in ("num", "str", "bool", "err", "missing"):
            return self.bind(self.compiler.constant(node))
        if kind == "ref" and node[2] == node[4] and node[3] == node[5] and _one_cell(node[6]):
            return self._cell(node)
        if kind == "bin":
            return self._binary(node)
        if kind in ("neg", "pct"):
            return self._unary(node)
        if kind == "call":
            generated = self._call(node)
            if generated is not None:
                return generated
        return self._closure(self.compiler.value(node, self.ctx))

    def _closure(self, fn: Fn) -> str:
        t = self.temp()
        self.emit(f"{t} = {self.bind(fn)}(r, c)")
        return t

    def _cell(self, node: Node) -> str:
        _, sheet_name, r1, c1, _, _, flags = node
        sheet = self.compiler.sheet_of(sheet_name, self.ctx)
        waiting, values = self.bind(sheet.pending), self.bind(sheet.values.get)
        force, where = self.bind(self.compiler.book.force), self.bind(sheet)
        t, k = self.temp(), self.temp()
        row = str(r1) if flags & R1_ABS else f"(r + {r1})"
        col = str(c1) if flags & C1_ABS else f"(c + {c1})"
        checks = []
        if not flags & R1_ABS:
            checks.append(f"{row} < 1" if r1 < 0 else f"{row} > {MAX_ROW}" if r1 > 0 else "")
        if not flags & C1_ABS:
            checks.append(f"{col} < 1" if c1 < 0 else f"{col} > {MAX_COL}" if c1 > 0 else "")
        outside = " or ".join(c for c in checks if c)
        if outside:
            self.emit(f"if {outside}: {t} = REF")
            self.emit("else:")
            self.depth += 1
        self.emit(f"{k} = ({row} << {COL_BITS}) | {col}")
        self.emit(f"if {k} in {waiting}: {force}({where}, {k})")
        self.emit(f"{t} = {values}({k})")
        if outside:
            self.depth -= 1
        return t

    def _binary(self, node: Node) -> str:
        _, op, left, right = node
        a, b = self.value(left), self.value(right)
        t = self.temp()
        slow = self.bind(scalar_operator(op))
        if op == "&":
            self.emit(f"if type({a}) is str and type({b}) is str: {t} = {a} + {b}")
            self.emit(f"else: {t} = {slow}({a}, {b})")
            return t
        self.emit(f"if type({a}) is float and type({b}) is float:")
        with self.block():
            template = _FLOAT_COMPARE.get(op)
            lines = [template] if template else _FLOAT_ARITHMETIC[op]
            for line in lines:
                self.emit(line.format(t=t, a=a, b=b))
        self.emit(f"else: {t} = {slow}({a}, {b})")
        return t

    def _unary(self, node: Node) -> str:
        a = self.value(node[1])
        t = self.temp()
        fast, slow = ("-{a}", negate) if node[0] == "neg" else ("{a} / 100.0", percent)
        self.emit(f"{t} = {fast.format(a=a)} if type({a}) is float else {self.bind(slow)}({a})")
        return t

    # -- calls -------------------------------------------------------------------
    def _call(self, node: Node) -> str | None:
        _, name, args = node
        if name in self.compiler.registry:
            return None
        native = NATIVE.get(name)
        if native is None or native.shaped or native.host:
            return None
        if name == "IF" and 2 <= len(args) <= 3:
            return self._if(args)
        if name in ("IFERROR", "IFNA") and len(args) == 2:
            return self._if_error(args, only_na=name == "IFNA")
        if len(args) < native.min_args or (
            native.max_args is not None and len(args) > native.max_args
        ):
            return None  # let the closure compiler report it
        kinds = list(native.kinds_for(len(args)))
        if "l" in kinds:
            return None
        values = []
        for kind, arg in zip(kinds, args, strict=True):
            if arg[0] == "missing":
                values.append(self.bind(None))
            elif kind in _VALUE_KINDS:
                values.append(self.value(arg))
            else:
                values.append(self._closure(self.compiler.argument(kind, arg, self.ctx)))
        func = functools.partial(native.func, self.compiler.book) if native.book else native.func
        t = self.temp()
        checked = [v for kind, v in zip(kinds, values, strict=True) if kind == "v"]
        call = f"{self.bind(func)}({', '.join(values)})"
        if not checked:
            self.emit(f"{t} = {call}")
            return t
        for i, v in enumerate(checked):
            self.emit(f"{'if' if i == 0 else 'elif'} type({v}) is XlError: {t} = {v}")
        self.emit(f"else: {t} = {call}")
        return t

    def _if(self, args: tuple[Node, ...]) -> str:
        condition = self.value(args[0])
        t, flag = self.temp(), self.temp()
        self.emit(f"{flag} = {condition} if type({condition}) is bool else TO_BOOL({condition})")
        self.emit(f"if type({flag}) is XlError: {t} = {flag}")
        self.emit(f"elif {flag}:")
        with self.block():
            self.emit(f"{t} = {self.value(args[1])}")
        self.emit("else:")
        with self.block():
            self.emit(f"{t} = {self.value(args[2]) if len(args) == 3 else 'False'}")
        self._touch("vll"[: len(args)], args)
        return t

    def _touch(self, kinds: str, args: tuple[Node, ...]) -> None:
        """Touch the references of the branches (cycles.py), taken or not."""
        toucher = branch_toucher(self.compiler, kinds, args, self.ctx)
        if toucher is not None:
            self.emit(f"{self.bind(toucher)}(r, c)")

    def _if_error(self, args: tuple[Node, ...], only_na: bool) -> str:
        value = self.value(args[0])
        t = self.temp()
        test = f"{value} is {self.bind(XlError.NA)}" if only_na else f"type({value}) is XlError"
        self.emit(f"if {test}:")
        with self.block():
            self.emit(f"{t} = {self.value(args[1])}")
        self.emit(f"else: {t} = {value}")
        self._touch("Vl", args)
        return t


def _one_cell(flags: int) -> bool:
    """A ref token whose two corners are the same and equally absolute."""
    return (flags & 3) == (flags >> 2) & 3


def generate(compiler: NodeCompiler, ctx: CompileContext, node: Node) -> Fn:
    """One Python function computing a scalar formula's value at (r, c)."""
    writer = _Writer(compiler, ctx)
    result = writer.value(node)
    writer.emit(f"return 0.0 if {result} is None else {result}")
    source = "\n".join(
        [
            f"def make({', '.join(writer.names)}):",
            "    def shape(r, c):",
            *writer.lines,
            "    return shape",
        ]
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, "<xlsrc formula>", "exec"), namespace)  # noqa: S102 - generated above
    shape: Fn = namespace["make"](**writer.names)
    return shape
