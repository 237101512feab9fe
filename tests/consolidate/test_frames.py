"""read_tables: the demo workbooks as DataFrames equal the bundled seed data they were filled from.

The expected side is computed from the seed JSON (:mod:`xlsrc.seeds`, read with
:func:`xlsrc.core.numbers.read_number`), never from the workbook.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import xlsrc
from xlsrc.core.numbers import Nil, Number, read_number
from xlsrc.core.vocab import PROGRAMME_STATUSES
from xlsrc.seeds import SeedRow, load_table
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import PROGRAMMES, WORKBOOKS, TableLayout, WorkbookLayout
from xlsrc.workbooks.layouts.model import NUMERIC_KINDS

TABLES = [(w, t) for w in WORKBOOKS for t in w.tables]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("demo")
    paths = {}
    for layout in WORKBOOKS:
        path = folder / layout.file_name
        path.write_bytes(build_workbook(layout, example=True))
        paths[layout.key] = path
    return paths


def _seed_rows(table: TableLayout) -> tuple[list[SeedRow], list[SeedRow]]:
    """(body rows, stated total rows) of the table's seed, as the example places them."""
    assert table.seed_table is not None
    rows = [r for r in load_table(table.seed_table).rows if r.kind != "section"]
    totals: list[SeedRow] = []
    if table.totals is not None:
        totals = [r for r in rows if r.kind == table.totals.seed_kind]
        rows = [r for r in rows if r.kind != table.totals.seed_kind]
    if table.distinct_by is not None:
        seen: dict[str | None, SeedRow] = {}
        for row in rows:
            seen.setdefault(row.cells.get(table.distinct_by), row)
        rows = list(seen.values())
    return rows, totals


def _seed_amount(row: SeedRow, key: str) -> float | None:
    text = row.cells.get(key)
    reading = read_number(text) if text is not None else None
    if isinstance(reading, Number):
        return reading.value
    if isinstance(reading, Nil):
        return 0.0
    return None


@pytest.mark.parametrize(("layout", "table"), TABLES, ids=[f"{w.key}.{t.key}" for w, t in TABLES])
def test_number_columns_sum_to_the_seed(
    demo: dict[str, Path], layout: WorkbookLayout, table: TableLayout
) -> None:
    frames = xlsrc.read_tables(demo[layout.key])
    frame = frames[table.key]
    rows, _ = _seed_rows(table)
    assert len(frame) == len(rows)
    numeric = [c for c in table.input_columns if c.kind in NUMERIC_KINDS and c.seed_key]
    for column in numeric:
        assert column.seed_key is not None
        expected = [_seed_amount(r, column.seed_key) for r in rows]
        got = frame[column.key]
        assert str(got.dtype) == "Float64"
        assert math.fsum(got.dropna()) == pytest.approx(
            math.fsum(v for v in expected if v is not None), rel=1e-12, abs=1e-9
        )
        # NA exactly where the seed has no amount (blank, a word, text that is no number)
        assert list(got.isna()) == [v is None for v in expected], column.key


@pytest.mark.parametrize(
    ("layout", "table"),
    [(w, t) for w, t in TABLES if t.totals is not None],
    ids=[f"{w.key}.{t.key}" for w, t in TABLES if t.totals is not None],
)
def test_stated_totals_are_their_own_frame(
    demo: dict[str, Path], layout: WorkbookLayout, table: TableLayout
) -> None:
    frames = xlsrc.read_tables(demo[layout.key])
    total = frames[table.key + xlsrc.frames.TOTAL_SUFFIX]
    _, seed_totals = _seed_rows(table)
    assert table.totals is not None and len(seed_totals) == 1
    assert len(total) == 1
    for key in table.totals.columns:
        seed_key = table.column(key).seed_key
        assert seed_key is not None
        expected = _seed_amount(seed_totals[0], seed_key)
        value = total[key].iloc[0]
        assert (expected is None and pd.isna(value)) or value == pytest.approx(expected)


def test_statuses_are_categoricals_of_the_vocabulary(demo: dict[str, Path]) -> None:
    frames = xlsrc.read_tables(demo["programmes"])
    status = frames["savings_measures"]["status"]
    assert isinstance(status.dtype, pd.CategoricalDtype)
    assert list(status.cat.categories) == PROGRAMME_STATUSES.printed
    rows, _ = _seed_rows(PROGRAMMES.table("savings_measures"))
    expected = [PROGRAMME_STATUSES.parse(r.cells["status"]).printed for r in rows]
    assert list(status.astype("string")) == expected


def test_rows_carry_file_sheet_and_row_of_their_cells(demo: dict[str, Path]) -> None:
    frames = xlsrc.read_tables(demo["programmes"])
    frame = frames["savings_measures"]
    book = openpyxl.load_workbook(io.BytesIO(demo["programmes"].read_bytes()))
    letter = "E"  # Tavoitesumma, the fifth column of Taulukko 3
    assert book["Taulukko 3"][f"{letter}{frame['row'].iloc[0] - 1}"].value == "Tavoitesumma"
    for _, row in frame.iterrows():
        assert row["file"] == "tavoiteohjelmat.xlsx" and row["sheet"] == "Taulukko 3"
        assert book[row["sheet"]][f"{letter}{row['row']}"].value == row["target_sum"]


def _edited(path: Path, tmp_path: Path, sheet: str, edits: dict[str, object]) -> Path:
    book = openpyxl.load_workbook(path)
    for cell, value in edits.items():
        book[sheet][cell] = value
    out = tmp_path / path.name
    book.save(out)
    return out


def test_bad_cells_are_na_and_listed_blanks_na_nil_zero(
    demo: dict[str, Path], tmp_path: Path
) -> None:
    frames = xlsrc.read_tables(demo["programmes"])
    first = int(frames["savings_measures"]["row"].iloc[0])
    edited = _edited(
        demo["programmes"],
        tmp_path,
        "Taulukko 3",
        {f"E{first}": "1 234,5", f"E{first + 1}": None, f"E{first + 2}": "-",
         f"C{first + 3}": "Melkein valmis"},
    )  # fmt: skip
    frames = xlsrc.read_tables(edited)
    amounts = frames["savings_measures"]["target_sum"]
    assert pd.isna(amounts.iloc[0]) and pd.isna(amounts.iloc[1])
    assert amounts.iloc[2] == 0.0
    assert pd.isna(frames["savings_measures"]["status"].iloc[3])
    problems = frames.problems
    assert list(problems["cell"]) == [f"E{first}", f"C{first + 3}"]
    assert list(problems["column"]) == ["target_sum", "status"]
    assert "luku tekstinä" in problems["reason"].iloc[0]
    assert "tuntematon tila" in problems["reason"].iloc[1]


def test_findings_as_a_frame(demo: dict[str, Path]) -> None:
    findings = xlsrc.read_findings(demo["goal_tracking"])
    assert list(findings.columns) == list(xlsrc.frames.reports.FINDING_COLUMNS)
    # the two task progress texts of seed 004 that are no numbers
    not_numbers = findings[findings["rule"] == "not_a_number"]
    assert sorted(not_numbers["cell"]) == ["E26", "E27"]
    assert set(findings["file"]) == {"tavoiteseuranta.xlsx"}


def test_recalc_report_as_frames(demo: dict[str, Path], tmp_path: Path) -> None:
    result = xlsrc.recalc(demo["programmes"], tmp_path / "out.xlsx")
    broken = tmp_path / "rikki.xlsx"
    broken.write_bytes(b"not a zip")
    failed = xlsrc.recalc(broken, tmp_path / "x.xlsx")
    frames = xlsrc.recalc_frames([result, failed])
    files = frames["files"]
    assert list(files["ok"]) == [True, False]
    assert files["formulas"].iloc[0] == result.formulas > 0
    assert files["problems"].iloc[1] == "; ".join(failed.problems) != ""
    assert len(frames["cells"]) == len(result.error_cells) + len(result.refused_cells)
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"files": [result.to_dict(), failed.to_dict()]}))
    from_json = xlsrc.recalc_frames(report)
    pd.testing.assert_frame_equal(from_json["files"], files)
