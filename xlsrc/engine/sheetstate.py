"""What the evaluator keeps per sheet: values, pending formulas, tables and refusals.

Plain data, separate from :mod:`xlsrc.engine.evaluator` (which computes) so
the loader and the structured-reference resolver can build and read it
without the evaluation machinery.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlsrc.engine.errors import FormulaProblem, RefusedDependency
from xlsrc.engine.refs import COL_BITS, cell_name, quote_sheet


@dataclass
class Table:
    """An Excel table (ListObject), for structured references such as ``T[Summa]``."""

    name: str
    sheet: SheetState
    r1: int
    c1: int
    r2: int
    c2: int
    header_rows: int
    totals_rows: int
    columns: list[str]

    def column(self, name: str) -> int | None:
        wanted = name.strip().lower()
        for i, column in enumerate(self.columns):
            if column.strip().lower() == wanted:
                return self.c1 + i
        return None

    def contains(self, row: int, col: int) -> bool:
        return self.r1 <= row <= self.r2 and self.c1 <= col <= self.c2


@dataclass
class Refusal:
    """A formula cell the engine will not compute: why, and the problem at its root.

    ``root`` is the problem itself for the cell where it arose, or the problem
    of the refused cell it depends on (``origin``); every cell of an array
    formula's area gets its own entry.
    """

    cell: str
    reason: str
    origin: str
    root: FormulaProblem


class Pending:
    """A formula not yet computed; one object serves every cell of an array formula.

    ``refused`` is set when the formula (or a cell it reads) cannot be
    computed: the cell then stays pending for good, so every later reader is
    refused too instead of seeing a value.
    """

    __slots__ = ("sheet", "row", "col", "fn", "area", "active", "udf", "refused", "dynamic")

    def __init__(
        self,
        sheet: SheetState,
        row: int,
        col: int,
        fn: Callable[[int, int], Any],
        area: tuple[int, int, int, int] | None,
        udf: bool,
    ) -> None:
        self.sheet = sheet
        self.row = row
        self.col = col
        self.fn = fn
        self.area = area
        self.active = False
        self.udf = udf
        self.refused: RefusedDependency | None = None
        #: a dynamic array (Excel 365 spill): its result must fill exactly its area
        self.dynamic = False

    @property
    def where(self) -> str:
        return f"{quote_sheet(self.sheet.name)}!{cell_name(self.row, self.col)}"

    def cells(self) -> list[str]:
        """``Sheet!A1`` of every cell this formula sets."""
        if self.area is None:
            return [self.where]
        r1, c1, r2, c2 = self.area
        prefix = quote_sheet(self.sheet.name)
        return [f"{prefix}!{cell_name(r, c)}" for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


@dataclass(eq=False)
class SheetState:
    name: str
    index: int
    values: dict[int, Any] = field(default_factory=dict)
    pending: dict[int, Pending] = field(default_factory=dict)
    max_row: int = 0
    max_col: int = 0
    tables: list[Table] = field(default_factory=list)
    #: whether any row is hidden (SUBTOTAL 101-111 and AGGREGATE would skip it)
    hidden_rows: bool = False
    #: cells whose formula calls SUBTOTAL or AGGREGATE (which skip each other's cells)
    subtotals: set[int] = field(default_factory=set)
    #: the sheet's formula elements as read (sheetcells.FormulaCell: row, col, text, kind, ...),
    #: for :meth:`formula_text`
    formulas: Sequence[Any] = ()
    _formula_texts: dict[int, tuple[str | None, str]] | None = None
    #: the first cell of each array formula -> its area (r1, c1, r2, c2): ANCHORARRAY's spill
    array_areas: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)

    def formula_text(self, key: int) -> tuple[str | None, str] | None:
        """(its formula's XML text, kind: normal/shared/array) of formula cell ``key``.

        A shared formula's other cells have no text of their own (None); an
        empty ``<f/>`` is no formula.  Built on first use (FORMULATEXT): most
        workbooks never ask, and a dict over every formula cell is large.
        """
        if self._formula_texts is None:
            self._formula_texts = {
                (f.row << COL_BITS) | f.col: (f.text, f.kind)
                for f in self.formulas
                if f.text is not None or f.kind == "shared"
            }
        return self._formula_texts.get(key)

    def extend(self, row: int, col: int) -> None:
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col
