"""Formula shapes: one compiled function for every cell whose formula differs only by its row.

A *shape* is a formula with its relative references expressed as offsets from
its own cell, so a column of copied formulas (or an Excel shared formula) is
one shape: tokenized, parsed and compiled once, then called with each host
cell's (row, col).  Looking a formula up costs a string comparison in the
common case: the compiler remembers the last shape of each column
(:class:`Template`) and checks whether the new formula is that shape rendered
for the new row.
"""

from __future__ import annotations

import re

from xlsrc.engine.context import CompileContext, Fn
from xlsrc.engine.parser import Node
from xlsrc.engine.refs import col_index

# Skips string literals, quoted sheet names and [bracketed] parts; captures A1 references.
_SHAPE_REFS = re.compile(
    r"\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'|\[(?:[^\[\]']|'.|\[(?:[^\[\]']|'.)*\])*\]"
    r"|(?<![\w.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w.(\[!])"
)

#: entities that could stand for a quote, apostrophe, bracket or other ASCII syntax
UNSAFE_ENTITY = re.compile(
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
        self, fn: Fn, udf: bool, node: Node | None = None, ctx: CompileContext | None = None
    ) -> None:
        self.fn = fn
        self.udf = udf
        self.node = node
        self.ctx = ctx
        self.uses = 1


class Template:
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
