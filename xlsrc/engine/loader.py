"""Package -> Book: cell values in, every formula compiled and left pending.

All formulas are compiled before any is computed, so every problem the
engine refuses (unknown function, missing sheet, #REF!, undefined name,
unsupported syntax) is collected and reported together, with its cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from xlsrc.core.text import N_, translate
from xlsrc.engine import messages
from xlsrc.engine.compiler import Compiler, Shape
from xlsrc.engine.errors import FormulaProblem, TooLarge
from xlsrc.engine.evaluator import Book
from xlsrc.engine.package import Package, SheetPart
from xlsrc.engine.refs import COL_BITS, cell_name, parse_area, quote_sheet
from xlsrc.engine.sheetcells import FormulaCell, SheetCells
from xlsrc.engine.sheetread import read_sheet
from xlsrc.engine.sheetstate import Pending, SheetState, Table
from xlsrc.limits import recursion_headroom
from xlsrc.registry import Registry

_HIDDEN_ROW = re.compile(r"""<(?:\w+:)?row\b[^>]*\shidden\s*=\s*["'](?:1|true)["']""")
_SUBTOTAL = re.compile(r"\b(?:SUBTOTAL|AGGREGATE)\s*\(", re.I)
#: functions only Excel 365 has: an array formula calling one is a dynamic array (a spill)
_DYNAMIC = re.compile(
    r"_xlfn\.(?:_xlws\.)?(?:SEQUENCE|SORT|SORTBY|UNIQUE|FILTER|ANCHORARRAY|RANDARRAY)\s*\(", re.I
)

DEEP_FORMULA = N_(
    "kaava on liian syvä laskettavaksi (liian monta sisäkkäistä operaatiota); "
    "jaa se useampaan soluun"
)


@dataclass
class LoadedSheet:
    state: SheetState
    part: str
    cells: SheetCells
    #: every cell whose value a formula sets (array areas included), each once, in file order
    formula_keys: list[int] = field(default_factory=list)
    udf_keys: set[int] = field(default_factory=set)


@dataclass
class Loaded:
    book: Book
    sheets: list[LoadedSheet]
    problems: list[FormulaProblem]


def load(package: Package, registry: Registry, now: datetime | None = None) -> Loaded:
    book = Book(date1904=package.date1904, now=now)
    book.range_cells = package.limits.range_cells
    sheets: list[LoadedSheet] = []
    parts: list[SheetPart] = []
    for part in package.sheets:
        state = book.add_sheet(part.name)
        if part.kind != "worksheet":
            continue
        cells = read_sheet(package, part)
        state.values = cells.values
        state.extend(cells.max_row, cells.max_col)
        state.hidden_rows = _HIDDEN_ROW.search(cells.xml) is not None
        sheets.append(LoadedSheet(state=state, part=part.part, cells=cells))
        parts.append(part)
    for table in package.tables:
        owner = book.sheets[table.sheet.upper()]
        r1, c1, r2, c2 = parse_area(table.ref)
        entry = Table(
            table.name, owner, r1, c1, r2, c2, table.header_rows, table.totals_rows, table.columns
        )
        owner.tables.append(entry)
        book.tables[table.name.upper()] = entry
    for name, local, text in package.names:
        if name.startswith("_xlnm."):
            continue  # print areas, filters: never used by formulas
        book.names[(local, name.upper())] = text
    compiler = Compiler(book, registry)
    problems: list[FormulaProblem] = []
    with recursion_headroom():  # the same room for deep formulas at any caller depth
        for loaded in sheets:
            _compile_sheet(compiler, book, loaded, problems)
    if book.reads_formula_texts:  # FORMULATEXT: the texts compiling let go are read again
        for loaded, part in zip(sheets, parts, strict=True):
            loaded.state.formulas = _formulas_again(package, part)
    return Loaded(book=book, sheets=sheets, problems=problems)


def _formulas_again(package: Package, part: SheetPart) -> list[FormulaCell]:
    """The formula elements of a worksheet read once more, its limits already counted.

    Rare (only FORMULATEXT reads formula texts), so the loader need not hold
    every formula's text through the whole recalculation.
    """
    counted = package.cells_read, package.formulas_read
    package.cells_read = package.formulas_read = 0  # the part alone passed with less room
    try:
        return read_sheet(package, part).formulas
    finally:
        package.cells_read, package.formulas_read = counted


def _handed_out(formulas: list[FormulaCell]) -> Iterator[FormulaCell]:
    """``formulas`` in order, each one dropped from the list as it is handed out.

    The loader compiles a sheet's formulas once; letting each element go as it
    is compiled keeps a 100,000-row sheet's formula texts from being held
    beside everything the compiled formulas need.
    """
    formulas.reverse()
    while formulas:
        yield formulas.pop()


def _compile_sheet(
    compiler: Compiler, book: Book, sheet: LoadedSheet, problems: list[FormulaProblem]
) -> None:
    """Compile every formula cell of ``sheet`` into a pending entry of ``book``.

    One loop over the cells because it is the load's hot path (a plain formula
    is compiled inline, the rest through :func:`_shape`): a formula that cannot
    be compiled becomes a refusal of its own cell, recorded in ``problems``, so
    that the other formulas still load and ``--partial`` can write them.
    """
    state = sheet.state
    anchors: dict[str, tuple[FormulaCell, Shape | None]] = {}
    for formula in sheet.cells.formulas:
        if formula.kind == "shared" and formula.text:
            anchors[formula.shared_index or ""] = (formula, None)
    waiting, keys, udf_keys = state.pending, sheet.formula_keys, sheet.udf_keys
    compile_plain = compiler.compile
    formulas, sheet.cells.formulas = sheet.cells.formulas, []
    for formula in _handed_out(formulas):
        row, col = formula.row, formula.col
        shape: Shape | None
        problem: FormulaProblem | None = None
        try:
            if formula.kind == "normal" and formula.text:  # the common case, kept short
                shape = compile_plain(state, formula.text, row, col, False)
            else:
                shape = _shape(compiler, state, formula, anchors)
        except FormulaProblem as error:
            error.cell = error.cell or f"{quote_sheet(state.name)}!{cell_name(row, col)}"
            problems.append(error)
            problem, shape = error, None
        except RecursionError:  # until the parser and compiler are iterative
            deep = TooLarge(
                translate(DEEP_FORMULA), f"{quote_sheet(state.name)}!{cell_name(row, col)}"
            )
            problems.append(deep)
            problem, shape = deep, None
        if shape is None and problem is None:
            continue
        fn, udf = (shape.fn, shape.udf) if shape is not None else (_never, False)
        if formula.kind == "array" and formula.ref:
            area = parse_area(formula.ref)
            pending = Pending(state, row, col, fn, area, udf)
            pending.dynamic = bool(formula.text and _DYNAMIC.search(formula.text))
            state.array_areas[(row << COL_BITS) | col] = area
            state.extend(area[2], area[3])
            cells = [
                (r << COL_BITS) | c
                for r in range(area[0], area[2] + 1)
                for c in range(area[1], area[3] + 1)
            ]
        else:
            pending = Pending(state, row, col, fn, None, udf)
            cells = [formula.key]  # the scan's int: one object per cell, not two
        for key in cells:
            if key not in waiting:  # each cell once, in document order (sheetpatch relies on it)
                keys.append(key)
            waiting[key] = pending
        text = formula.text or anchors.get(formula.shared_index or "", (formula, None))[0].text
        if text and _mentions_subtotal(text):
            state.subtotals.update(cells)
        if udf:
            udf_keys.update(cells)
        if problem is not None:
            book.refuse(pending, problem)


def _mentions_subtotal(text: str) -> bool:
    """Whether ``text`` calls SUBTOTAL or AGGREGATE (whose ranges skip such cells).

    A case-blind regex cannot skip ahead to a literal, so it is tried at every
    position of every formula; the substring test first makes the common
    formula, which names neither, cost one ``upper()`` and two ``in``.
    """
    upper = text.upper()
    return ("SUBTOTAL" in upper or "AGGREGATE" in upper) and _SUBTOTAL.search(text) is not None


def _never(row: int, col: int) -> Any:
    """The function of a formula refused at compile time: never called (it stays refused)."""
    raise AssertionError(f"refused formula at ({row}, {col}) was evaluated")


def _shape(
    compiler: Compiler,
    state: SheetState,
    formula: FormulaCell,
    anchors: dict[str, tuple[FormulaCell, Shape | None]],
) -> Shape | None:
    array = formula.kind == "array"
    if formula.text:
        return compiler.compile(state, formula.text, formula.row, formula.col, array)
    if formula.kind == "shared":
        anchor = anchors.get(formula.shared_index or "")
        if anchor is None:
            raise FormulaProblem(messages.shared_formula_without_anchor(formula.shared_index))
        cell, shape = anchor
        if shape is None:
            shape = compiler.compile(state, cell.text or "", cell.row, cell.col, False)
            anchors[formula.shared_index or ""] = (cell, shape)
        return shape
    return None  # an empty <f/>: nothing to compute
