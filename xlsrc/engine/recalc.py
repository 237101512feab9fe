"""Recalculate one workbook: the importable API behind ``xlsrc recalc``.

``recalc(path, output)`` reads the package, compiles every formula, computes
every formula cell - native functions and the registry's XS_ functions alike -
and writes the package back with the computed values as the cells' cached
values.  Without ``output`` (and without ``in_place``) nothing is written: a
dry run that reports what recalculation would give.

A formula the engine cannot compute exactly as Excel would is *refused*, with
its cell and reason, and so is every formula that reads a refused cell.  By
default (all or nothing) one refused cell refuses the whole file: nothing is
written, so no user ever opens a workbook in which some numbers are current
and others are not.  With ``partial=True`` every other cell is written, each
refused cell is listed in :attr:`RecalcResult.refused_cells` and loses its
cached value (an old value would look current), and the workbook asks Excel
to recalculate everything when it is opened (``fullCalcOnLoad``).  A complete
recalculation clears that flag: its values are current.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from xlsrc.core.errors import XlError, XlsrcError
from xlsrc.engine import messages
from xlsrc.engine.errors import EngineError
from xlsrc.engine.evaluator import Book
from xlsrc.engine.loader import Loaded, load
from xlsrc.engine.package import open_package
from xlsrc.engine.refs import COL_BITS, cell_name, parse_cell, quote_sheet
from xlsrc.engine.sheetpatch import patched_text, storable
from xlsrc.engine.source import PackageSource
from xlsrc.engine.writer import PatchedPart, write_package
from xlsrc.limits import Limits
from xlsrc.reading.source import WorkbookSource
from xlsrc.registry import Registry


class Evaluated:
    """A recalculated workbook, read-only: what a validation hook gets to look at."""

    def __init__(self, path: Path, loaded: Loaded) -> None:
        self.path = path
        self._book: Book = loaded.book
        self._formulas = {s.state.name: set(s.formula_keys) for s in loaded.sheets}

    @property
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self._book.order]

    def value(self, sheet: str, cell: str) -> Any:
        """The value of ``cell`` (``"B7"``) on ``sheet``: float, str, bool, None or XlError."""
        row, col = parse_cell(cell)
        return self._book.sheet(sheet).values.get((row << COL_BITS) | col)

    def values(self, sheet: str) -> dict[str, Any]:
        """Every non-blank cell of ``sheet`` as {"A1": value}."""
        state = self._book.sheet(sheet)
        mask = (1 << COL_BITS) - 1
        return {
            cell_name(key >> COL_BITS, key & mask): value
            for key, value in sorted(state.values.items())
            if value is not None
        }

    def formula_cells(self, sheet: str) -> set[str]:
        mask = (1 << COL_BITS) - 1
        return {cell_name(k >> COL_BITS, k & mask) for k in self._formulas.get(sheet, set())}


#: A validation hook: given the recalculated workbook as it was written (a source over
#: the values just computed, :class:`~xlsrc.engine.source.PackageSource`), its findings;
#: their count is reported.  ``xlsrc.validation.hook.validate_recalculated`` fits.
ValidationHook = Callable[[WorkbookSource], Sequence[object]]


@dataclass
class RecalcResult:
    """What happened to one file; ``to_dict()`` is the JSON summary entry."""

    path: str
    output: str | None = None
    ok: bool = False
    formulas: int = 0
    udf_cells: int = 0
    #: formula cells whose value is an Excel error: ("Sheet!A1", "#DIV/0!")
    error_cells: list[tuple[str, str]] = field(default_factory=list)
    #: why an XS_ function's cell holds its error value ("Sheet!A1" -> Finnish reason)
    reasons: dict[str, str] = field(default_factory=dict)
    #: why the file was refused or could not be processed (located where possible)
    problems: list[str] = field(default_factory=list)
    #: partial mode: cells written without a value, ("Sheet!A1", why), in sheet order
    refused_cells: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    #: set by a validation hook; None when no validation ran
    validation_findings: int | None = None
    findings: list[str] = field(default_factory=list)
    #: remarks that do not make the file fail (e.g. why it was not validated)
    notes: list[str] = field(default_factory=list)
    #: the file failed on a bug in xlsrc (not on the workbook)
    internal: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["error_cells"] = [
            {"cell": c, "error": e, "reason": self.reasons.get(c)} for c, e in self.error_cells
        ]
        data["refused_cells"] = [{"cell": c, "reason": r} for c, r in self.refused_cells]
        return data

    @property
    def partial(self) -> bool:
        """Written, but with refused cells: not every value in the file is current."""
        return self.ok and bool(self.refused_cells)


@functools.cache
def default_registry() -> Registry:
    """:meth:`Registry.default`, built once per process."""
    return Registry.default()


def recalc(
    path: str | Path,
    output: str | Path | None = None,
    *,
    in_place: bool = False,
    registry: Registry | None = None,
    validate: ValidationHook | None = None,
    now: datetime | None = None,
    partial: bool = False,
    limits: Limits | None = None,
) -> RecalcResult:
    """Recalculate ``path``; write to ``output`` (a file or a folder) or in place.

    Never raises for a bad workbook: the result says what went wrong.  With
    ``validate``, the written file is also checked and the findings counted
    (dry runs, without an output, are not validated).  ``partial`` writes what
    can be computed (see the module docstring).  ``limits`` bounds what one file
    may ask for (:class:`xlsrc.limits.Limits`, defaults if None).
    """
    started = time.perf_counter()
    source = Path(path)
    result = RecalcResult(path=str(source))
    try:
        target = _target(source, output, in_place)
        with _no_cyclic_gc():
            _run(
                source,
                target,
                registry or default_registry(),
                validate,
                now,
                partial,
                result,
                limits,
            )
    except XlsrcError as error:
        result.problems.append(str(error))
    except OSError as error:
        result.problems.append(messages.cannot_read_or_write(error))
    result.ok = not result.problems
    result.seconds = round(time.perf_counter() - started, 4)
    return result


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a workbook is processed.

    Loading creates hundreds of thousands of long-lived objects; the collector
    would rescan them again and again, making a 20,000-row workbook cost more
    than ten times a 2,000-row one.  Nothing cyclic is garbage before the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _target(source: Path, output: str | Path | None, in_place: bool) -> Path | None:
    if in_place:
        if output is not None:
            raise EngineError(messages.output_and_in_place())
        return source
    if output is None:
        return None
    target = Path(output)
    if target.is_dir():
        target = target / source.name
    if target.resolve() == source.resolve():
        raise EngineError(messages.output_overwrites_input())
    return target


def _run(
    source: Path,
    target: Path | None,
    registry: Registry,
    validate: ValidationHook | None,
    now: datetime | None,
    partial: bool,
    result: RecalcResult,
    limits: Limits | None = None,
) -> None:
    """Load, evaluate and write one workbook, filling ``result``; the output is atomic.

    All-or-nothing by default: a load or evaluation refusal stops before any
    byte is written, because a file with some values stale and others fresh
    would be silently wrong.  With ``partial`` the computable cells are
    written and the refused ones are written without a cached value (an old
    value would look current), each listed by cell and reason.
    """
    package = open_package(source, limits)
    try:
        loaded = load(package, registry, now)
        if loaded.problems and not partial:
            result.problems.extend(str(p) for p in loaded.problems)
            return
        book = loaded.book
        book.evaluate_all()
        if book.refusals and not partial:
            result.problems.extend(str(p) for p in book.root_problems())
            return
        patched: dict[str, PatchedPart] = {}
        for sheet in loaded.sheets:
            if not sheet.formula_keys:
                continue
            # a refused cell (still pending) is written without a value: an old one would
            # look current
            value_of = _written_value(sheet.state.values, sheet.state.pending)
            _record(result, sheet.state.name, sheet.formula_keys, value_of, len(sheet.udf_keys))
            if target is not None:
                patched[sheet.part] = patched_text(sheet.cells, sheet.formula_keys, value_of)
        result.refused_cells = [(r.cell, r.reason) for r in book.refusals.values()]
        result.reasons = dict(book.reasons)
        if target is not None:
            write_package(package, patched, target, complete=not book.refusals)
            result.output = str(target)
            del patched  # validation reads the values computed, not the text written
            if validate is not None:
                _validate(
                    validate, PackageSource.recalculated(str(target), package, loaded), result
                )
    finally:
        package.close()


def _validate(validate: ValidationHook, source: WorkbookSource, result: RecalcResult) -> None:
    """Run the hook on the workbook as written (never read back from the file).

    A validator that cannot check this workbook (not one of the xlsrc
    templates, say) leaves a note; the recalculation itself still succeeded.
    """
    try:
        findings = list(validate(source))
    except Exception as error:
        result.notes.append(messages.not_validated(error))
        return
    result.validation_findings = len(findings)
    result.findings = [str(f) for f in findings]


def _written_value(values: dict[int, Any], refused: dict[int, Any]) -> Callable[[int], Any]:
    """The value a formula cell is written with: None (no value) while it is refused."""

    def value_of(key: int) -> Any:
        return None if key in refused else values[key]

    return value_of


def _record(
    result: RecalcResult,
    sheet: str,
    keys: list[int],
    value_of: Callable[[int], Any],
    udf_cells: int,
) -> None:
    """Count the sheet's formula cells and list, in cell order, those holding an error value."""
    result.formulas += len(keys)
    result.udf_cells += udf_cells
    mask = (1 << COL_BITS) - 1
    errors: list[tuple[int, str]] = []
    for key in keys:
        value = value_of(key)
        if type(value) is float and value - value != 0.0:
            value = storable(value)  # inf or nan: written as #NUM!, so counted as one
        if type(value) is XlError:
            errors.append((key, value.value))
    for key, error in sorted(errors):
        where = f"{quote_sheet(sheet)}!{cell_name(key >> COL_BITS, key & mask)}"
        result.error_cells.append((where, error))


def evaluate(
    path: str | Path, registry: Registry | None = None, now: datetime | None = None
) -> Evaluated:
    """Recalculate in memory and return the values (raises :class:`EngineError`)."""
    source = Path(path)
    package = open_package(source)
    with _no_cyclic_gc():
        try:
            loaded = load(package, registry or default_registry(), now)
            if loaded.problems:
                raise EngineError("; ".join(str(p) for p in loaded.problems))
            loaded.book.evaluate_all()
            if loaded.book.refusals:
                raise EngineError("; ".join(str(p) for p in loaded.book.root_problems()))
            return Evaluated(source, loaded)
        finally:
            package.close()
