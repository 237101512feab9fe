"""A sorted index of one criteria range: COUNTIF(A:A, ">"&A1) down 10,000 rows in near-linear time.

Conditional aggregates copied down a column ask the same range thousands of
times with a different operand; scanning the range each time is quadratic.
The evaluator builds one :class:`RangeIndex` per range block (its values never
change once computed) and every criterion with a number, or an ordering
operator on text, is answered by bisection:

* numbers sorted by value, and the texts that read as a number (a number
  criterion matches the text "23" too) sorted by that number;
* texts sorted case-insensitively, for ``">b"``-style criteria.

The answers are exactly those of :attr:`Criterion.match` applied cell by cell,
including Excel's equality within rounding noise (``approx_equal``), which is
why each window is widened or narrowed over the near-equal neighbours instead
of trusting plain bisection; ``tests/engine/test_criteria_index.py`` checks
the two paths against each other on random data.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from fractions import Fraction
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.library.criteria import Criterion
from xlsrc.engine.values import approx_equal, parse_number


class RangeIndex:
    """Positions (row-major in the block) of a criteria range's values, sorted."""

    def __init__(self, block: list[Any]) -> None:
        numbers = sorted((v, p) for p, v in enumerate(block) if type(v) is float)
        self.numbers = [v for v, _ in numbers]
        self.number_positions = [p for _, p in numbers]
        numeric_texts = []
        texts = []
        for p, v in enumerate(block):
            if type(v) is str:
                texts.append((v.lower(), p))
                parsed = parse_number(v)
                if parsed is not None:
                    numeric_texts.append((parsed, p))
        numeric_texts.sort()
        texts.sort()
        self.numeric_texts = [v for v, _ in numeric_texts]
        self.numeric_text_positions = [p for _, p in numeric_texts]
        self.texts = [v for v, _ in texts]
        self.text_positions = [p for _, p in texts]
        self.size = len(block)
        #: per value range (its sheet and top-left cell): prefix sums in number order
        self._prefixes: dict[tuple[str, int, int], _Prefix] = {}

    def ordered_total(
        self, criterion: Criterion, key: tuple[str, int, int], values: list[Any]
    ) -> tuple[float, int] | None:
        """(exact sum, count) of the numbers of ``values`` where an ordering criterion on
        numbers holds (SUMIF/AVERAGEIF(A:A, ">"&A1, B:B)), in O(log n) after one O(n) pass.

        ``values`` is the value range's block, the criteria block's shape; ``key``
        names it.  None when the answer needs the cell-by-cell path: other
        criteria, an error among the picked values (the scan finds which one
        Excel returns), a number above :data:`_HUGE` among them, or a sum beyond
        the float range.
        """
        assert criterion.order is not None
        op, operand = criterion.order
        if isinstance(operand, str) or op in ("=", "<>"):
            return None
        if len(self.number_positions) > _MOST_NUMBERS:
            return None
        prefix = self._prefixes.get(key)
        if prefix is None:
            prefix = self._prefixes[key] = _Prefix(self.number_positions, values)
        lo, hi = _ordered_window(self.numbers, op, operand)
        return prefix.between(lo, hi)

    def positions(self, criterion: Criterion) -> list[int]:
        """Where ``criterion`` matches, in no particular order (``criterion.order`` is set)."""
        assert criterion.order is not None
        op, operand = criterion.order
        if isinstance(operand, str):
            return self._text_positions(op, operand)
        if op == "=":
            lo, hi = _equal_window(self.numbers, operand)
            tlo, thi = _equal_window(self.numeric_texts, operand)
            return self.number_positions[lo:hi] + self.numeric_text_positions[tlo:thi]
        if op == "<>":
            lo, hi = _equal_window(self.numbers, operand)
            excluded = set(self.number_positions[lo:hi])
            return [p for p in range(self.size) if p not in excluded]
        lo, hi = _ordered_window(self.numbers, op, operand)
        return self.number_positions[lo:hi]

    def count(self, criterion: Criterion) -> int:
        """How many cells of the block match: ``len(positions(...))`` without the list."""
        assert criterion.order is not None
        op, operand = criterion.order
        if isinstance(operand, str):
            return len(self._text_positions(op, operand))
        if op in ("=", "<>"):
            lo, hi = _equal_window(self.numbers, operand)
            if op == "<>":
                return self.size - (hi - lo)
            tlo, thi = _equal_window(self.numeric_texts, operand)
            return hi - lo + thi - tlo
        lo, hi = _ordered_window(self.numbers, op, operand)
        return hi - lo

    def _text_positions(self, op: str, operand: str) -> list[int]:
        key = operand.lower()
        keys = self.texts
        if op == ">":
            return self.text_positions[bisect_right(keys, key) :]
        if op == ">=":
            return self.text_positions[bisect_left(keys, key) :]
        if op == "<":
            return self.text_positions[: bisect_left(keys, key)]
        return self.text_positions[: bisect_right(keys, key)]  # "<="


#: Above this size a number goes to the scan: ``math.fsum`` (the scan, and SUM) gives #NUM!
#: when a partial sum leaves the float range (1e308 + 1e308 - 1e308), which the exact
#: running sums would not see.  Numbers no larger cannot overflow while a range holds at
#: most :data:`_MOST_NUMBERS` of them; a longer one (beyond any limit xlsrc sets) is scanned.
_HUGE = 1e300
_MOST_NUMBERS = int(sys.float_info.max / _HUGE) // 2


class _Prefix:
    """Exact running sums (fractions: a difference of two is still exact, and its float
    is correctly rounded - what ``math.fsum`` of the same numbers gives) of a value
    range read in the order of the criteria range's sorted numbers."""

    def __init__(self, order: list[int], values: list[Any]) -> None:
        self.sums: list[Fraction] = [Fraction(0)]
        self.counts = [0]
        #: errors and huge numbers (:data:`_HUGE`) so far: a window holding one declines
        self.declines = [0]
        total, count, declines = Fraction(0), 0, 0
        for position in order:
            value = values[position]
            if type(value) is float:
                total += Fraction(value)
                count += 1
                if abs(value) > _HUGE:
                    declines += 1
            elif type(value) is XlError:
                declines += 1
            self.sums.append(total)
            self.counts.append(count)
            self.declines.append(declines)

    def between(self, lo: int, hi: int) -> tuple[float, int] | None:
        if self.declines[hi] != self.declines[lo]:
            return None
        try:
            total = float(self.sums[hi] - self.sums[lo])
        except OverflowError:
            return None
        return total, self.counts[hi] - self.counts[lo]


def _equal_window(values: list[float], x: float) -> tuple[int, int]:
    """[lo, hi) of the sorted ``values`` v with approx_equal(v, x) (a contiguous run)."""
    lo = bisect_left(values, x)
    while lo > 0 and approx_equal(values[lo - 1], x):
        lo -= 1
    hi = lo
    while hi < len(values) and approx_equal(values[hi], x):
        hi += 1
    return lo, hi


def _ordered_window(values: list[float], op: str, x: float) -> tuple[int, int]:
    """[lo, hi) of the sorted ``values`` ordered against ``x`` as Excel's compare() does."""
    lo, hi = _equal_window(values, x)
    if op == ">":
        return hi, len(values)
    if op == ">=":
        return lo, len(values)
    if op == "<":
        return 0, lo
    return 0, hi  # "<="
