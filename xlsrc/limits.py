"""How much one workbook may ask of the server, and the refusal when it asks for more.

A server that recalculates the files of many units meets zip bombs, whole-sheet
array formulas and formulas nested past any reason.  Every reader of a package
(the engine, the status-sheet transplant) checks the same :class:`Limits`
before it spends the memory or the time, and a breach is a located Finnish
refusal (:class:`LimitExceeded`, exit status 2) - never a ``MemoryError``, a
``RecursionError`` or a hang.

The defaults leave room for the largest reporting workbooks we know of (the
100,000-row benchmark workbook has 300,000 formula cells) while keeping one
file inside a gigabyte of memory, so a batch on a small server survives any
input; ``xlsrc recalc`` has a flag for each, for larger machines.  Formula length and
function nesting are Excel's own limits, so a file Excel wrote always passes.

Pure: stdlib only (and the stdlib-only entity helper), no I/O.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Msg, Num
from xlsrc.ooxml.entities import resolve_entities

MIB = 1024 * 1024

#: Excel's limits ("Excel specifications and limits"): formula contents and nesting.
EXCEL_FORMULA_CHARS = 8192
EXCEL_FUNCTION_NESTING = 64


#: Python frames compiling one formula may use, whatever the caller's own depth (a
#: formula within Excel's limits needs at most about three per nested operation)
COMPILE_FRAMES = 16_000


class LimitExceeded(UnusableInput):
    """A workbook that is too large or too deep to process ("liian suuri / liian syvä")."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for reading and recalculating one workbook."""

    #: uncompressed bytes of one part of the package
    part_bytes: int = 256 * MIB
    #: uncompressed bytes of all parts together
    total_bytes: int = 512 * MIB
    #: uncompressed / compressed size of a part (checked for parts over 1 MiB)
    compression_ratio: float = 200.0
    #: cell elements in all worksheets together
    cells: int = 2_000_000
    #: formula cells in all worksheets, every cell of an array formula's area counted
    formula_cells: int = 400_000
    #: cells of one array formula's area
    array_area: int = 250_000
    #: cells one reference may bring into a calculation (whole columns and rows
    #: are clipped to the used range first, as Excel does)
    range_cells: int = 10_000_000
    #: characters of one formula and levels of function nesting (Excel's limits)
    formula_chars: int = EXCEL_FORMULA_CHARS
    function_nesting: int = EXCEL_FUNCTION_NESTING
    #: seconds one file may take in a batch before its worker is stopped
    seconds: float = 600.0

    def check_part(self, where: str, part: str, size: int, compressed: int) -> None:
        """Refuse a part of package ``where`` whose declared (or actual) size breaks the limits."""
        if size > self.part_bytes:
            raise LimitExceeded(
                Msg(
                    "{where}: osa {part} on liian suuri: {size} purettuna (raja {limit})",
                    where=where,
                    part=part,
                    size=_mib(size),
                    limit=_mib(self.part_bytes),
                )
            )
        if size > MIB and size > self.compression_ratio * max(compressed, 1):
            raise LimitExceeded(
                Msg(
                    "{where}: osa {part} on liian suuri pakattuun kokoonsa nähden "
                    "({ratio}-kertainen; raja {limit}): tiedosto näyttää zip-pommilta",
                    where=where,
                    part=part,
                    ratio=Num(round(size / max(compressed, 1))),
                    limit=Num(round(self.compression_ratio)),
                )
            )

    def check_total(self, where: str, size: int) -> None:
        if size > self.total_bytes:
            raise LimitExceeded(
                Msg(
                    "{where}: paketti on liian suuri: {size} purettuna (raja {limit})",
                    where=where,
                    size=_mib(size),
                    limit=_mib(self.total_bytes),
                )
            )


def _mib(size: int) -> Num:
    return Num(size / MIB, 1, "MiB")


def count_limit(what: str, count: int, limit: int, where: str) -> None:
    """Refuse when ``count`` ``what`` (e.g. "solua") exceed ``limit``, naming ``where``."""
    if count > limit:
        raise LimitExceeded(
            Msg(
                "{where}: liian suuri: {count} {what} (raja {limit})",
                where=where,
                count=Num(count),
                what=Msg(what),
                limit=Num(limit),
            )
        )


def check_formula(text: str, where: str, limits: Limits) -> None:
    """Refuse a formula longer or deeper than Excel allows (a pre-check before parsing).

    ``text`` is the formula as stored in the file, XML entities unresolved;
    the length check allows for them.  Nesting counts function calls inside
    function calls; parentheses that only group do not count, as in Excel.
    The cheap tests come first: almost every formula passes both at once.
    """
    if len(text) > limits.formula_chars:
        length = len(resolve_entities(text))
        if length > limits.formula_chars:
            raise LimitExceeded(
                Msg(
                    "{where}: kaava on liian pitkä: {length} merkkiä (Excelin raja {limit})",
                    where=where,
                    length=Num(length),
                    limit=Num(limits.formula_chars),
                )
            )
    if text.count("(") > limits.function_nesting:
        depth = function_depth(resolve_entities(text))
        if depth > limits.function_nesting:
            raise LimitExceeded(
                Msg(
                    "{where}: kaava on liian syvä: {depth} sisäkkäistä funktiota (Excelin raja "
                    "{limit})",
                    where=where,
                    depth=depth,
                    limit=limits.function_nesting,
                )
            )


def function_depth(formula: str) -> int:
    """The deepest nesting of function calls in ``formula`` (strings and quoted names skipped).

    A ``(`` right after a name character opens a call; any other ``(`` groups.
    """
    stack: list[bool] = []
    calls = deepest = 0
    quote = ""
    previous = ""
    for char in formula:
        if quote:
            if char == quote:
                quote = ""
            previous = char
            continue
        if char in "\"'":
            quote = char
        elif char == "(":
            call = previous.isalnum() or previous in "._"
            stack.append(call)
            if call:
                calls += 1
                deepest = max(deepest, calls)
        elif char == ")" and stack:
            if stack.pop():
                calls -= 1
        previous = char
    return deepest


@contextlib.contextmanager
def recursion_headroom(frames: int = COMPILE_FRAMES) -> Iterator[None]:
    """Room for ``frames`` Python frames more than the caller already uses, for the block.

    Parsing and compiling a formula recurse once per nested operation; the
    default limit of 1,000 frames counts the caller's frames too, so whether a
    495-term sum compiled depended on how deep the caller was (in a batch
    worker it did not).  The room is now the same everywhere.  Function
    nesting is bounded by :func:`check_formula` first, so the frames are
    Python's own (no C stack per level).
    """
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, depth + frames))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)
