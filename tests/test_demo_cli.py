"""``xlsrc demo``: the examples, recalculated headless so every computed cell has a value.

The cached values are compared with the pure core (the registry called on the
example's own ranges) for the UDF cells, so a reader that does not recalculate
(openpyxl ``data_only``, LibreOffice with its default settings, Excel before F9)
shows the right status words and numbers.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.formula import ArrayFormula

from tests.templates_support import body_rows, expected_udf, formula_text, letter, load
from xlsrc.cli.main import cli
from xlsrc.core.errors import XlError
from xlsrc.workbooks.layouts import WORKBOOKS, WorkbookLayout


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "xlsrc-demo"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "laskettu strategiset_tavoitteet.xlsx" in result.output
    return out


def _cells_with_values(path: Path) -> dict[str, set[str]]:
    """Per worksheet part, the cells that carry a cached <v> value."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: set(
                re.findall(
                    r'<c r="([A-Z]+\d+)"[^>]*>(?:<f[^>]*(?:/>|>[^<]*</f>))?<v>',
                    archive.read(name).decode(),
                )
            )
            for name in archive.namelist()
            if name.startswith("xl/worksheets/sheet")
        }


def test_demo_writes_every_example(demo_dir: Path) -> None:
    assert sorted(p.name for p in demo_dir.glob("*.xlsx")) == sorted(w.file_name for w in WORKBOOKS)


@pytest.mark.parametrize("layout", WORKBOOKS, ids=[w.key for w in WORKBOOKS])
def test_every_computed_cell_carries_a_cached_value(demo_dir: Path, layout: WorkbookLayout) -> None:
    path = demo_dir / layout.file_name
    workbook = openpyxl.load_workbook(path)
    with_values = _cells_with_values(path)
    for index, sheet in enumerate(workbook.worksheets, start=1):
        cached = with_values[f"xl/worksheets/sheet{index}.xml"]
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, ArrayFormula):
                    covered = [c.coordinate for r in sheet[cell.value.ref] for c in r]
                    missing = [c for c in covered if c not in cached]
                    assert not missing, f"{sheet.title}: no cached value in {missing[:5]}"
                elif formula_text(cell.value):
                    assert cell.coordinate in cached, f"{sheet.title}!{cell.coordinate}"


@pytest.mark.parametrize("layout", WORKBOOKS, ids=[w.key for w in WORKBOOKS])
def test_cached_udf_values_are_what_the_core_computes(
    demo_dir: Path, layout: WorkbookLayout
) -> None:
    """Every XS_ cell's cached value is the registry function applied to the cells its
    layout formula names (read here without the engine)."""
    built = load(layout, True)
    cached = openpyxl.load_workbook(
        io.BytesIO((demo_dir / layout.file_name).read_bytes()), data_only=True
    )
    tables = {t.key: t for t in layout.tables}
    checked = 0
    for table in layout.tables:
        for column in table.computed_columns:
            if not (column.formula or "").startswith("XS_"):
                continue
            for row in body_rows(built[table.sheet_name], table):
                want = expected_udf(built, tables, table, column.key, row)
                value = cached[table.sheet_name][f"{letter(table, column.key)}{row}"].value
                where = f"{table.sheet}!{letter(table, column.key)}{row}"
                if isinstance(want, XlError):
                    assert value == want.value, where
                elif want in ("", None):
                    assert value in ("", None), where
                elif isinstance(want, float):
                    assert value == pytest.approx(want, rel=1e-12), where
                else:
                    assert value == want, where
                checked += 1
    assert checked > 0


def test_demo_refuses_a_file_as_output_folder(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    result = CliRunner().invoke(cli, ["demo", "--out", str(target)])
    assert result.exit_code == 2
    assert target.read_text() == "x"
