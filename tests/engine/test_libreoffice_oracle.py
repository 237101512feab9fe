"""LibreOffice, an engine no one here wrote, recalculates the same workbooks.

Native formulas: LibreOffice (headless, fresh profile, ``calculateAll``) and
xlsrc must agree on every formula cell - numbers within 1e-9 relative, text,
logical values and errors exactly.  LibreOffice does not know the XS_ UDFs
(nor, before 24.8, XLOOKUP/XMATCH and the dynamic-array functions) and shows
#NAME? for them and for what depends on them; xlsrc is therefore compared *as LibreOffice sees the
workbook*: with those functions answering #NAME? too.  So every cell is
compared, including how the #NAME? propagates.

UDF cells: every formula that is one XS_ call on references and constants is
recomputed by calling the pure Python function on the argument values that
*LibreOffice* computed, and must equal what xlsrc (with the real registry)
wrote.

Parametrized over the committed templates (workbook_templates/) and the
engine's own test workbooks; the demo examples are generated and checked too.
"""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from tests.engine.builders import decorated_workbook, programme_workbook
from tests.engine.cases import CASES, DATA, LIBREOFFICE_DIFFERS
from tests.engine.helpers import build
from xlsrc.core.errors import XlError
from xlsrc.engine import evaluate
from xlsrc.engine.lexer import C1_ABS, C2_ABS, R1_ABS, R2_ABS, tokenize
from xlsrc.engine.library import NATIVE
from xlsrc.engine.parser import parse
from xlsrc.engine.recalc import Evaluated
from xlsrc.engine.refs import cell_name, parse_area
from xlsrc.engine.values import normalise
from xlsrc.libreoffice import Session, Values, find_soffice
from xlsrc.registry import FunctionSpec, Registry, invoke

ROOT = Path(__file__).resolve().parents[2]
#: Every workbook matching these (relative to the repository root) is cross-checked.
ORACLE_GLOBS = ("workbook_templates/**/*.xlsx", "workbook_templates/**/*.xlsm")
TEMPLATES = sorted({p for pattern in ORACLE_GLOBS for p in ROOT.glob(pattern)})


def _libreoffice_version() -> tuple[int, int]:
    done = subprocess.run(
        [str(find_soffice()), "--version"], capture_output=True, text=True, timeout=120
    )
    found = re.search(r"(\d+)\.(\d+)", done.stdout)
    assert found, done.stdout
    return int(found.group(1)), int(found.group(2))


@pytest.fixture(scope="module")
def office() -> Iterator[Session]:
    with Session() as session:
        yield session


@pytest.fixture(scope="module")
def lacking() -> set[str]:
    """Native functions this LibreOffice does not have (it shows #NAME? for them)."""
    later = {"XLOOKUP", "XMATCH", "SEQUENCE", "SORT", "UNIQUE", "FILTER"}  # LibreOffice 24.8
    return {"ANCHORARRAY"} | (later if _libreoffice_version() < (24, 8) else set())


def _as_name_error(spec: FunctionSpec) -> FunctionSpec:
    def unknown(*_args: Any) -> Any:
        return [[XlError.NAME]] if spec.returns == "array" else XlError.NAME

    return replace(spec, func=unknown)


@contextmanager
def _natives_unknown(names: set[str]) -> Iterator[None]:
    saved = {name: NATIVE[name] for name in names}
    try:
        for name, native in saved.items():
            NATIVE[name] = replace(native, func=lambda *_a, **_k: XlError.NAME)
        yield
    finally:
        NATIVE.update(saved)


def _same(ours: Any, theirs: Any) -> bool:
    if type(ours) is float and type(theirs) is float:
        return math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=1e-12)
    return type(ours) is type(theirs) and ours == theirs


def native_mismatches(path: Path, office: Session, lacking: set[str]) -> tuple[int, list[str]]:
    """(cells compared, disagreements) between LibreOffice and xlsrc-as-LibreOffice-sees-it."""
    udf_blind = Registry([_as_name_error(spec) for spec in Registry.default()])
    with _natives_unknown(lacking):
        ours = evaluate(path, registry=udf_blind)
    theirs = office.recalculated_values(path)
    compared = 0
    wrong = []
    for sheet in ours.sheet_names:
        for cell in sorted(ours.formula_cells(sheet)):
            compared += 1
            mine, other = ours.value(sheet, cell), theirs.get(sheet, {}).get(cell)
            if not _same(mine, other):
                wrong.append(f"{sheet}!{cell}: xlsrc {mine!r}, LibreOffice {other!r}")
    return compared, wrong


def _argument(node: Any, kind: str, row: int, col: int, sheet: str, seen: Values) -> Any:
    """An argument value for a UDF call, taken from LibreOffice's results (or a literal)."""
    tag = node[0]
    if tag == "missing":
        return None
    if tag in ("num", "str", "bool", "err"):
        return node[1]
    if tag != "ref":
        raise LookupError(tag)
    _, name, r1, c1, r2, c2, flags = node
    r1 = r1 if flags & R1_ABS else row + r1
    c1 = c1 if flags & C1_ABS else col + c1
    r2 = r2 if flags & R2_ABS else row + r2
    c2 = c2 if flags & C2_ABS else col + c2
    cells = seen.get(name or sheet, {})
    grid = [[cells.get(cell_name(r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]
    if kind == "range":
        return grid
    return grid[0][0]


def udf_mismatches(path: Path, office: Session) -> tuple[int, list[str]]:
    """(UDF cells checked, disagreements) - see the module docstring."""
    registry = Registry.default()
    ours: Evaluated = evaluate(path, registry=registry)
    seen = office.recalculated_values(path)
    book = openpyxl.load_workbook(path)
    checked, wrong = 0, []
    for sheet in book.worksheets:
        for line in sheet.iter_rows():
            for cell in line:
                formula = cell.value
                area = None
                if isinstance(formula, ArrayFormula):
                    area, formula = formula.ref, formula.text
                if not isinstance(formula, str) or not formula.startswith("="):
                    continue
                node = parse(tokenize(formula[1:], cell.row, cell.column))
                if node[0] != "call" or node[1] not in registry:
                    continue
                spec = registry.get(node[1])
                try:
                    args = [
                        _argument(arg, spec.args[i].kind, cell.row, cell.column, sheet.title, seen)
                        for i, arg in enumerate(node[2])
                    ]
                except LookupError:
                    continue  # an argument is itself an expression: covered by the native check
                expected = invoke(spec, *args)
                r1, c1, r2, c2 = parse_area(area) if area else (cell.row, cell.column) * 2
                grid = expected if isinstance(expected, list) else [[expected]]
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        # a one-row/one-column result repeats over the area (Excel's rule)
                        i = 0 if len(grid) == 1 else r - r1
                        j = 0 if len(grid[0]) == 1 else c - c1
                        inside = i < len(grid) and j < len(grid[i])
                        want = normalise(grid[i][j]) if inside else XlError.NA
                        got = ours.value(sheet.title, cell_name(r, c))
                        checked += 1
                        if not _same(got, 0.0 if want is None else want):
                            where = f"{sheet.title}!{cell_name(r, c)}"
                            wrong.append(f"{where}: xlsrc {got!r}, {spec.name} {want!r}")
    return checked, wrong


@pytest.fixture(scope="module")
def engine_workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("oracle")
    kept = [formula for formula, _, _ in CASES if formula not in LIBREOFFICE_DIFFERS]
    cases = {f"Z{i}": formula for i, formula in enumerate(kept, start=1)}
    return [
        build(folder / "cases.xlsx", {"S": {**DATA, **cases}}),
        programme_workbook(folder / "programme.xlsx", 200),
        decorated_workbook(folder / "decorated.xlsx", 60),
    ]


def test_engine_workbooks_agree_with_libreoffice(
    engine_workbooks: list[Path], office: Session, lacking: set[str]
) -> None:
    for path in engine_workbooks:
        compared, wrong = native_mismatches(path, office, lacking)
        assert compared > 50, path.name
        assert wrong == [], f"{path.name}: {len(wrong)} of {compared} cells differ:\n" + "\n".join(
            wrong[:40]
        )


def test_engine_workbook_udf_cells_match_the_pure_functions(
    engine_workbooks: list[Path], office: Session
) -> None:
    checked, wrong = udf_mismatches(engine_workbooks[1], office)
    assert checked >= 200
    assert wrong == [], "\n".join(wrong[:40])


def test_there_are_templates_to_check() -> None:
    assert TEMPLATES, f"no workbooks match {ORACLE_GLOBS} under {ROOT}"


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_template_agrees_with_libreoffice(path: Path, office: Session, lacking: set[str]) -> None:
    compared, wrong = native_mismatches(path, office, lacking)
    assert compared > 0
    assert wrong == [], f"{len(wrong)} of {compared} cells differ:\n" + "\n".join(wrong[:40])
    checked, udf_wrong = udf_mismatches(path, office)
    assert udf_wrong == [], f"{len(udf_wrong)} of {checked} UDF cells differ:\n" + "\n".join(
        udf_wrong[:40]
    )


def test_demo_examples_agree_with_libreoffice(
    tmp_path: Path, office: Session, lacking: set[str]
) -> None:
    from xlsrc.workbooks.build import write_workbooks

    examples = write_workbooks(tmp_path, example=True)
    assert examples
    for path in examples:
        compared, wrong = native_mismatches(path, office, lacking)
        assert wrong == [], f"{path.name}: {len(wrong)} of {compared} differ:\n" + "\n".join(
            wrong[:40]
        )
        checked, udf_wrong = udf_mismatches(path, office)
        assert udf_wrong == [], f"{path.name}: {len(udf_wrong)} of {checked}:\n" + "\n".join(
            udf_wrong[:40]
        )
