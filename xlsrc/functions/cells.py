"""Converting cell-shaped arguments (see :mod:`xlsrc.registry`) for the core.

Shared by every Excel-facing function so that blanks, errors, numbers typed as
text and one-column ranges are handled the same way everywhere.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from typing import Any, TypeVar, cast

from xlsrc.core.errors import InvalidNumber, ShapeMismatch, XlError, XlsrcError
from xlsrc.core.numbers import NotANumber, Reading, amount_of, finite_number, read_cell
from xlsrc.core.schemes import StatusScheme, header_words
from xlsrc.core.text import Joined, Msg, Text

Cell = float | str | bool | None | XlError
T = TypeVar("T")

#: What functions derived from range arguments while ranges cannot change (see
#: :func:`frozen_ranges`): (builder, ids of the ranges) -> (the ranges, what was built)
_DERIVED: ContextVar[dict[tuple[Any, ...], tuple[tuple[Any, ...], Any]] | None] = ContextVar(
    "xlsrc_derived", default=None
)
#: How many derivations are kept (the few ranges many cells read, not every argument)
_DERIVED_KEPT = 16


class CellError(XlsrcError):
    """An input cell already holds an Excel error: the result shows the same error."""

    def __init__(self, error: XlError) -> None:
        super().__init__(Msg("syötesolussa on virhe {error}", error=error.value))
        self.xl_error = error


def check(value: Any) -> Any:
    """Raise :class:`CellError` if ``value`` is an Excel error, else return it."""
    if isinstance(value, XlError):
        raise CellError(value)
    return value


def about(what: Text, reason: Text) -> Msg:
    """``reason`` after the argument it is about ("nimittäjä: puuttuu"), in one language."""
    return Msg("{where}: {message}", where=what, message=reason)  # the form of core's located()


def number(value: Any, what: Msg) -> float:
    """A required number, read as every path reads a number cell (:func:`read_cell`).

    A number typed as text ("1 234,5") is refused, not read: Excel's own SUM
    skips it, so reading it here would give a second total.  "-" is nil (0).
    ``what`` names the argument in the message ("nimittäjä: puuttuu").
    """
    fast = finite_number(value)
    if fast is not None:
        return fast
    reading = read_cell(check(value))
    amount = amount_of(reading)
    if amount is None:
        reason = reading.reason if isinstance(reading, NotANumber) else Msg("puuttuu")
        raise InvalidNumber(about(what, reason))
    return amount


def cell_reading(value: Any, words: bool = False) -> Reading:
    """A cell of a number column as :func:`read_cell` reads it (errors raise)."""
    return read_cell(check(value), words=words)


def flat(range_value: Any) -> list[Any]:
    """A one-row or one-column range (or a single value) as a flat list."""
    if not isinstance(range_value, list):
        return [range_value]
    rows = [row if isinstance(row, list) else [row] for row in range_value]
    if len(rows) == 1:
        return list(rows[0])
    if all(len(row) == 1 for row in rows):
        return [row[0] for row in rows]
    raise ShapeMismatch(
        Msg(
            "odotettiin yhtä saraketta tai riviä, saatiin {rows}×{columns} solun alue",
            rows=len(rows),
            columns=len(rows[0]),
        )
    )


def same_length(*columns: Sequence[Any]) -> int:
    lengths = {len(column) for column in columns}
    if len(lengths) != 1:
        raise ShapeMismatch(
            Msg(
                "alueet ovat eri pituisia ({lengths} riviä); anna yhtä pitkät alueet",
                lengths=Joined.of(sorted(lengths)),
            )
        )
    return lengths.pop()


def optional_column(range_value: Any, length: int) -> list[Any]:
    """An optional range argument: missing means blanks of ``length``."""
    if range_value is None:
        return [None] * length
    values = flat(range_value)
    same_length(values, [None] * length)
    return values


def scheme(rules: Any) -> StatusScheme:
    """A status scheme from a rules-table range, with or without its header row."""
    rows = [list(row) for row in rules] if isinstance(rules, list) else []
    first = [str(c).strip() if c is not None else "" for c in rows[0][:2]] if rows else []
    if len(first) == 2 and all(text in header_words(i) for i, text in enumerate(first)):
        rows = rows[1:]  # the header row, in any language
    for row in rows:
        for cell in row:
            check(cell)
    return StatusScheme.from_rows(rows)


def per_row(count: int, compute: Callable[[int], T]) -> list[list[T | XlError]]:
    """A one-column spill where a bad row shows its own error and the rest compute."""
    out: list[list[T | XlError]] = []
    for index in range(count):
        try:
            out.append([compute(index)])
        except XlsrcError as error:
            out.append([error.xl_error])
    return out


@contextlib.contextmanager
def frozen_ranges() -> Iterator[None]:
    """Within this block, a range argument never changes once a function has seen it.

    The headless engine evaluates in such a block: a computed range is one list
    object that is never modified, so what a function derives from it (the
    measures of a pivot, read once) can be kept for the next cell that passes
    the same range.  Outside the block (Excel through xlwings, the service)
    nothing is kept.
    """
    token = _DERIVED.set({})
    try:
        yield
    finally:
        _DERIVED.reset(token)


def derived(build: Callable[..., T], *ranges: Any) -> T:
    """``build(*ranges)``, built once per set of range objects inside :func:`frozen_ranges`.

    The entry keeps the ranges themselves, so their ids cannot be reused by other
    objects while it lives, and it is only used for the very same objects.
    """
    kept = _DERIVED.get()
    if kept is None:
        return build(*ranges)
    key = (build, *map(id, ranges))
    found = kept.get(key)
    if found is not None and all(a is b for a, b in zip(found[0], ranges, strict=True)):
        return cast(T, found[1])
    value = build(*ranges)
    kept[key] = (ranges, value)
    if len(kept) > _DERIVED_KEPT:
        del kept[next(iter(kept))]
    return value


def is_blank(*values: Any) -> bool:
    """True when every value is an empty cell: spare table rows compute to blanks."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def blank_if_none(value: float | None) -> float | str:
    """Empty-string for "no value": Excel shows an empty cell, distinct from 0."""
    return "" if value is None else value
