"""The workbook being recalculated: cell values, pending formulas, demand-driven evaluation.

Every formula cell starts *pending*.  Reading a cell (directly or through a
range) computes it first if it is still pending, so dependencies are resolved
in whatever order the formulas need them, without building a dependency graph
up front; a cell that is reached again while it is being computed is a
circular reference and is reported with the whole cycle.  Once computed, a
value never changes, which is what makes caching materialised ranges (and the
text indexes SUMIFS uses) safe.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.core.text import Num, tr
from xlsrc.engine import messages
from xlsrc.engine.deep import run_deep
from xlsrc.engine.errors import (
    BrokenReference,
    CircularReference,
    FormulaProblem,
    InternalError,
    RefusedDependency,
    TooLarge,
    UnsupportedFeature,
)
from xlsrc.engine.refs import COL_BITS, MAX_COL, MAX_ROW, Ref, cell_name, quote_sheet
from xlsrc.engine.sheetstate import Pending, Refusal, SheetState, Table
from xlsrc.functions.cells import frozen_ranges

_MASK = (1 << COL_BITS) - 1


class Book:
    """Evaluation state of one workbook; compiled formulas call back into it."""

    def __init__(self, date1904: bool = False, now: datetime | None = None) -> None:
        self.date1904 = date1904
        self.now = now or datetime.now()
        self.sheets: dict[str, SheetState] = {}
        self.order: list[SheetState] = []
        #: defined names: (local sheet index or None, NAME) -> formula text
        self.names: dict[tuple[int | None, str], str] = {}
        self.tables: dict[str, Table] = {}
        self._ranges: dict[tuple[Any, ...], list[list[Any]]] = {}
        self._blocks: dict[tuple[Any, ...], list[Any]] = {}
        self._indexes: dict[tuple[Any, ...], dict[str, list[int]]] = {}
        self._derived: dict[tuple[Any, ...], Any] = {}
        #: refused formula cells, in the order they were refused ("Sheet!A1" -> why)
        self.refusals: dict[str, Refusal] = {}
        #: why an XS_ function's cell is an error value ("Sheet!A1" -> the core's reason)
        self.reasons: dict[str, str] = {}
        self._computing: list[Pending] = []
        #: cells one reference may bring into a calculation (xlsrc.limits.Limits.range_cells)
        self.range_cells = 10_000_000
        #: whether a formula calls FORMULATEXT (set by the compiler): only then does the
        #: loader read the formulas' texts again after compiling
        self.reads_formula_texts = False

    # -- structure ---------------------------------------------------------------
    def add_sheet(self, name: str) -> SheetState:
        sheet = SheetState(name=name, index=len(self.order))
        self.sheets[name.upper()] = sheet
        self.order.append(sheet)
        return sheet

    def sheet(self, name: str) -> SheetState:
        found = self.sheets.get(name.upper())
        if found is None:
            raise BrokenReference(messages.missing_sheet(name))
        return found

    def table_at(self, sheet: SheetState, row: int, col: int) -> Table | None:
        for table in sheet.tables:
            if table.contains(row, col):
                return table
        return None

    # -- evaluation --------------------------------------------------------------
    def evaluate_all(self) -> None:
        """Compute every pending formula (in a thread with room for deep dependency chains)."""
        failure: list[BaseException] = []

        def run() -> None:
            sheet_name, key = "", 0
            try:
                with frozen_ranges():  # computed ranges never change: functions may keep them
                    for sheet in self.order:
                        sheet_name = sheet.name
                        for key in sorted(sheet.pending):
                            pending = sheet.pending.get(key)
                            if pending is None or pending.refused is not None:
                                continue
                            try:
                                self.force(sheet, key)
                            except FormulaProblem:
                                continue  # recorded in self.refusals; the others go on
            except RecursionError:
                where = f"{quote_sheet(sheet_name)}!{cell_name(key >> COL_BITS, key & _MASK)}"
                depth = sys.getrecursionlimit()
                failure.append(FormulaProblem(messages.chain_too_deep(depth), where))
            except BaseException as error:  # re-raised in the calling thread
                failure.append(error)

        if not run_deep(run):
            raise TooLarge(messages.no_thread_stack())
        # every value is computed: the materialised ranges and indexes are not needed to
        # write them, and on a large sheet they are tens of megabytes
        for cache in (self._ranges, self._blocks, self._indexes, self._derived):
            cache.clear()
        for sheet in self.order:
            if not sheet.pending:
                sheet.pending.clear()  # an emptied dict keeps its table until cleared
        if failure:
            raise failure[0]

    def force(self, sheet: SheetState, key: int) -> None:
        """Compute the pending formula at ``key``; a refusal is recorded and raised on.

        A problem met while computing a cell refuses that cell and, as the
        exception unwinds, every formula that was waiting for it.
        """
        pending = sheet.pending.get(key)
        if pending is None:
            return
        if pending.refused is not None:
            raise pending.refused
        if pending.active:
            raise CircularReference([pending.where])
        pending.active = True
        self._computing.append(pending)
        try:
            result = pending.fn(pending.row, pending.col)
            if pending.area is not None:
                self._fill(pending, result)  # reading a returned range can meet a refusal
        except CircularReference as cycle:
            # unwinding: each cell on the way back joins the cycle until it closes
            cycle.extend(pending.where)
            cycle.members.append(pending)
            if not cycle.closed:
                raise
            for member in cycle.members:
                if isinstance(member, Pending):
                    self.refuse(member, cycle)
            raise self.refuse(pending, cycle) from None
        except RefusedDependency as dependency:
            self.refuse(pending, dependency)
            raise
        except FormulaProblem as problem:
            if problem.cell is None:
                problem.cell = pending.where
            raise self.refuse(pending, problem) from None
        except RecursionError:
            raise
        except Exception as error:
            internal = InternalError(messages.internal_error(error), pending.where)
            raise self.refuse(pending, internal) from error
        finally:
            pending.active = False
            self._computing.pop()
        if pending.area is None:
            sheet.values[key] = result
            del sheet.pending[key]

    def explain(self, reason: str) -> None:
        """Record why the cell being computed gets an error value (its first reason wins)."""
        if self._computing:
            self.reasons.setdefault(self._computing[-1].where, reason)

    def refuse(self, pending: Pending, problem: FormulaProblem) -> RefusedDependency:
        """Mark ``pending`` refused because of ``problem`` (its own, or a dependency's).

        Returns what a reader of the cell is told from now on.
        """
        if pending.refused is not None:
            return pending.refused
        if type(problem) is RefusedDependency:
            dependency = problem
            root = self.refusals[dependency.origin].root
            reason = str(dependency)
        else:
            dependency = RefusedDependency(pending.where, problem.message)
            root, reason = problem, problem.message
        pending.refused = dependency
        for cell in pending.cells():
            self.refusals[cell] = Refusal(cell, reason, dependency.origin, root)
        return dependency

    def root_problems(self) -> list[FormulaProblem]:
        """The problems behind every refusal, each once, in the order they arose."""
        seen: dict[int, FormulaProblem] = {}
        for refusal in self.refusals.values():
            seen.setdefault(id(refusal.root), refusal.root)
        return list(seen.values())

    def _fill(self, pending: Pending, result: Any) -> None:
        """Spread an array formula's result over its area (Excel's broadcast and #N/A rules).

        A single row or column is repeated across the area, a cell beyond the
        result's size is #N/A, and a blank element is 0, as Excel fills a legacy
        array formula.  A reference result is read only as far as the area shows
        (a whole row would otherwise be materialised), but keeps its logical size
        for the check that a dynamic array still spills over the recorded range.
        """
        sheet = pending.sheet
        assert pending.area is not None, "only array formulas fill an area"
        r1, c1, r2, c2 = pending.area
        rows, cols = r2 - r1 + 1, c2 - c1 + 1
        kind = type(result)
        if kind is Ref:
            # a reference keeps its size (a whole row =First!1:1 is 0 beyond the used
            # cells), but only as much of it as the area shows is read
            logical = (result.rows, result.cols)
            result = Ref(
                result.sheet,
                result.r1,
                result.c1,
                min(result.r2, result.r1 + rows - 1),
                min(result.c2, result.c1 + cols - 1),
            )
            result = (
                self.values(result, pad=True)
                if not result.is_cell
                else [[self.cell(result.sheet, result.r1, result.c1)]]
            )
            height, width = logical
        else:
            if kind is not list:
                result = [[result]]
            height = len(result)
            width = len(result[0]) if height else 0
        if pending.dynamic and (height, width) != (rows, cols):
            recorded = f"{cell_name(r1, c1)}:{cell_name(r2, c2)}"
            raise UnsupportedFeature(messages.spill_size_changed(recorded, height, width))
        values, waiting = sheet.values, sheet.pending
        for i in range(rows):
            ii = 0 if height == 1 else i
            for j in range(cols):
                jj = 0 if width == 1 else j
                if ii < height and jj < width:
                    line = result[ii] if ii < len(result) else ()
                    value = line[jj] if jj < len(line) else None
                    if value is None:
                        value = 0.0
                else:
                    value = XlError.NA
                key = ((r1 + i) << COL_BITS) | (c1 + j)
                values[key] = value
                waiting.pop(key, None)

    # -- reading cells and ranges -----------------------------------------------
    def cell(self, sheet: SheetState, row: int, col: int) -> Any:
        key = (row << COL_BITS) | col
        if key in sheet.pending:
            self.force(sheet, key)
        return sheet.values.get(key)

    def intersect(self, ref: Ref, row: int, col: int) -> Any:
        """Implicit intersection: the one cell of ``ref`` in the formula's row or column."""
        if ref.r1 == ref.r2:
            if ref.c1 == ref.c2:
                return self.cell(ref.sheet, ref.r1, ref.c1)
            if ref.c1 <= col <= ref.c2:
                return self.cell(ref.sheet, ref.r1, col)
            return XlError.VALUE
        if ref.c1 == ref.c2 and ref.r1 <= row <= ref.r2:
            return self.cell(ref.sheet, row, ref.c1)
        return XlError.VALUE

    def touch(self, target: Any) -> None:
        """Compute the pending formulas of a reference (cycles.py): a cycle is raised on.

        A touched cell refused for its own reason does not concern the cell
        touching it, which never reads it.
        """
        if type(target) is not Ref:
            return
        try:
            if target.is_cell:
                self.cell(target.sheet, target.r1, target.c1)
            else:
                self.values(target)
        except RefusedDependency:
            pass

    def touch_cell(self, sheet: SheetState, key: int) -> None:
        """:meth:`touch` of one pending cell, by its key."""
        try:
            self.force(sheet, key)
        except RefusedDependency:
            pass

    def array(self, ref: Ref) -> list[list[Any]]:
        """The values of ``ref`` as an array for element-by-element use (operators, lifting).

        A whole row or column is refused: trimmed to the used cells it would
        give wrong counts and sizes (``{=COUNTA(A:A*1)}``), and at full size it
        would be a million values.
        """
        if ref.r2 == MAX_ROW or ref.c2 == MAX_COL:  # values() trims these
            raise UnsupportedFeature(messages.whole_line_elementwise(ref.a1()))
        return self.values(ref, pad=True)

    def values(self, ref: Ref, pad: bool = False) -> list[list[Any]]:
        """The values of ``ref`` row by row, computing pending formulas in it first.

        Without ``pad`` the rows/columns beyond the sheet's used area are left
        out (they are blank); with ``pad`` the full size is returned, except
        for whole-column/whole-row references, which are always trimmed.
        """
        sheet: SheetState = ref.sheet
        r1, c1, r2, c2 = ref.r1, ref.c1, ref.r2, ref.c2
        whole = r2 == MAX_ROW or c2 == MAX_COL
        if not pad or whole:
            r2 = min(r2, sheet.max_row)
            c2 = min(c2, sheet.max_col)
        key = (sheet, r1, c1, r2, c2)
        cached = self._ranges.get(key)
        if cached is not None:
            return cached
        self._compute_area(ref, r1, c1, r2, c2)
        get = sheet.values.get
        if c1 == c2:
            rows = [[get((r << COL_BITS) | c1)] for r in range(r1, r2 + 1)]
        else:
            cols = range(c1, c2 + 1)
            rows = [[get((r << COL_BITS) | c) for c in cols] for r in range(r1, r2 + 1)]
        self._ranges[key] = rows
        return rows

    def _compute_area(self, ref: Ref, r1: int, c1: int, r2: int, c2: int) -> None:
        """Compute the pending formulas in rows r1..r2, columns c1..c2 of ``ref``'s sheet."""
        sheet: SheetState = ref.sheet
        if (r2 - r1 + 1) * (c2 - c1 + 1) > self.range_cells:
            raise TooLarge(too_large(ref, (r2 - r1 + 1) * (c2 - c1 + 1), self.range_cells))
        waiting = sheet.pending
        if waiting and r2 >= r1 and c2 >= c1:
            area = (r2 - r1 + 1) * (c2 - c1 + 1)
            if area <= len(waiting):
                for r in range(r1, r2 + 1):
                    base = r << COL_BITS
                    for c in range(c1, c2 + 1):
                        if base | c in waiting:
                            self.force(sheet, base | c)
            else:
                for k in sorted(waiting):
                    r, c = k >> COL_BITS, k & ((1 << COL_BITS) - 1)
                    if r1 <= r <= r2 and c1 <= c <= c2 and k in waiting:
                        self.force(sheet, k)

    def used_extent(self, areas: list[Any], dims: tuple[int, int]) -> tuple[int, int]:
        """How much of ``dims``, from the top-left, holds anything in any of ``areas``."""
        rows = cols = 0
        for area in areas:
            if type(area) is Ref:
                sheet = area.sheet
                rows = max(rows, min(area.rows, sheet.max_row - area.r1 + 1))
                cols = max(cols, min(area.cols, sheet.max_col - area.c1 + 1))
            elif type(area) is list:
                rows = max(rows, len(area))
                cols = max(cols, len(area[0]) if area else 0)
            else:
                rows, cols = max(rows, 1), max(cols, 1)
        return max(0, min(rows, dims[0])), max(0, min(cols, dims[1]))

    def block(self, area: Any, rows: int, cols: int) -> list[Any]:
        """The top-left rows x cols of ``area`` as one row-major list (blank-padded)."""
        if type(area) is Ref:
            key = (area.sheet, area.r1, area.c1, rows, cols)
            cached = self._blocks.get(key)
            if cached is not None:
                return cached
            if rows == 0 or cols == 0:
                flat: list[Any] = []
            else:
                # read directly: the rows of values() would be cached beside the block
                r1, c1, r2, c2 = area.r1, area.c1, area.r1 + rows - 1, area.c1 + cols - 1
                self._compute_area(Ref(area.sheet, r1, c1, r2, c2), r1, c1, r2, c2)
                get = area.sheet.values.get
                flat = [
                    get((r << COL_BITS) | c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                ]
            self._blocks[key] = flat
            return flat
        grid = area if type(area) is list else [[area]]
        out: list[Any] = []
        for i in range(rows):
            line = grid[i] if i < len(grid) else []
            out.extend(line[j] if j < len(line) else None for j in range(cols))
        return out

    def derived(self, ref: Ref, rows: int, cols: int, build: Callable[[list[Any]], Any]) -> Any:
        """``build(block)`` of the top-left rows x cols of ``ref``, built once and kept.

        Safe because a computed value never changes: the criteria index of a
        range (criteria_index.py) is built on the first COUNTIF that reads it.
        """
        key = (ref.sheet, ref.r1, ref.c1, rows, cols, build)
        found = self._derived.get(key)
        if found is None:
            found = build(self.block(ref, rows, cols))
            self._derived[key] = found
        return found

    def text_index(self, ref: Ref, rows: int, cols: int) -> dict[str, list[int]]:
        """Lower-cased text -> positions in :meth:`block`, for text-equality criteria."""
        key = (ref.sheet, ref.r1, ref.c1, rows, cols)
        index = self._indexes.get(key)
        if index is None:
            index = {}
            for position, value in enumerate(self.block(ref, rows, cols)):
                if type(value) is str:
                    index.setdefault(value.lower(), []).append(position)
            self._indexes[key] = index
        return index

    # -- results -----------------------------------------------------------------
    def pending_count(self) -> int:
        return sum(len(sheet.pending) for sheet in self.order)


def too_large(ref: Ref, cells: int, limit: int) -> str:
    """The refusal of a range larger than the limit (numbers grouped the Finnish way)."""
    return tr(
        "alue {range} on liian suuri laskettavaksi: {cells} solua (raja {limit})",
        range=ref.a1(),
        cells=Num(cells),
        limit=Num(limit),
    )


def out_of_grid(row: int, col: int) -> bool:
    return row < 1 or col < 1 or row > MAX_ROW or col > MAX_COL
