"""xlsrc collect over 20 generated unit workbooks, a broken file and a version-1 file.

The expected roll-up is computed independently with pandas from the inputs
(``xlsrc.read_tables`` of each unit workbook, grouped and summed here), never
from collect's own output.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import xlsrc
from xlsrc.cli.main import cli
from xlsrc.consolidate.run import run_collect
from xlsrc.consolidate.samples import unit_workbook
from xlsrc.core.text import text_in
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.status_sheet.assess import goal_statuses
from xlsrc.status_sheet.tables import read_inputs
from xlsrc.validation import validate_workbook
from xlsrc.workbooks.layouts import GOAL_TRACKING, PROGRAMMES, RESULT_BUDGET

REPO = Path(__file__).resolve().parents[2]
FAMILIES = (PROGRAMMES, RESULT_BUDGET, GOAL_TRACKING)
FAMILY_NAMES = {"savings_measures": "Talouden tavoiteohjelma",
                "statutory_measures": "Lakisääteisyyden turvaaminen"}  # fmt: skip


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("yksikot")
    for i in range(20):
        layout, unit = FAMILIES[i % 3], i // 3 + 1
        name = f"yksikko{unit:02d}"
        (folder / f"{name}_{layout.file_name}").write_bytes(unit_workbook(layout, i, name))
    (folder / "rikki_tulosbudjetti.xlsx").write_bytes(b"PK\x03\x04 ei oikea zip")
    shutil.copy(REPO / "tests/fixtures/v1/examples/tavoiteohjelmat.xlsx",
                folder / "vanha_tavoiteohjelmat.xlsx")  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def collected(
    inputs: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("koonti")
    result = CliRunner().invoke(
        cli, ["collect", str(inputs), "--out", str(out / "yhteenveto.xlsx"),
              "--json", str(out / "yhteenveto.json"), "--jobs", "2"]
    )  # fmt: skip
    assert result.exit_code == 2, result.output  # two files left out
    return out / "yhteenveto.xlsx", json.loads((out / "yhteenveto.json").read_text())


def _good(inputs: Path, layout: Any) -> list[Path]:
    return sorted(p for p in inputs.glob(f"yksikko*_{layout.file_name}"))


def _unit(path: Path) -> str:
    return path.name.split("_")[0]


def test_broken_and_old_files_are_reported_and_skipped(collected: tuple[Path, Any]) -> None:
    _, document = collected
    skipped = {s["file"]: s["reason"] for s in document["skipped"]}
    assert set(skipped) == {"rikki_tulosbudjetti.xlsx", "vanha_tavoiteohjelmat.xlsx"}
    assert "zip" in skipped["rikki_tulosbudjetti.xlsx"]
    assert "malliversio 1" in skipped["vanha_tavoiteohjelmat.xlsx"]
    assert document["included"] == 20


def _measures(inputs: Path) -> pd.DataFrame:
    frames = []
    for path in _good(inputs, PROGRAMMES):
        tables = xlsrc.read_tables(path)
        for key, family in FAMILY_NAMES.items():
            frame = tables[key].assign(unit=_unit(path), family=family)
            frames.append(frame)
    measures = pd.concat(frames, ignore_index=True)
    measures["number"] = measures["programme"].str.extract(r"^\s*(\d+)", expand=False)
    measures["status"] = measures["status"].astype("string")
    return measures


def _pivot_rows(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    return {(r["group"], r["family"], r["key"].split("-")[1]): (*r["cells"], r["total"])
            for r in rows}  # fmt: skip


def _expected_pivot(
    measures: pd.DataFrame, by: list[str]
) -> dict[tuple[str, ...], tuple[Any, ...]]:
    statuses = list(xlsrc.core.vocab.PROGRAMME_STATUSES.printed)
    sums = measures.groupby([*by, "family", "number", "status"])["target_sum"].sum()
    totals = measures.groupby([*by, "family", "number"])["target_sum"].sum()
    expected = {}
    for key, total in totals.items():
        cells = tuple(float(sums[(*key, s)]) if (*key, s) in sums.index else None for s in statuses)
        group = key[0] if by else ""
        expected[(group, *key[-2:])] = (*cells, float(total))
    return expected


def test_pivots_equal_an_independent_pandas_computation(
    inputs: Path, collected: tuple[Path, Any]
) -> None:
    _, document = collected
    measures = _measures(inputs)
    assert _pivot_rows(document["pivot"]) == _expected_pivot(measures, [])
    assert _pivot_rows(document["group_pivot"]) == _expected_pivot(measures, ["unit"])
    assert document["rows"]["measures"] == len(measures)


def _budget_lines(inputs: Path) -> pd.DataFrame:
    frames = []
    for path in _good(inputs, RESULT_BUDGET):
        frame = xlsrc.read_tables(path)["budget_result"]
        frames.append(frame[frame["service"].isna()].assign(unit=_unit(path)))
    return pd.concat(frames, ignore_index=True)


def _change(line: str, old: float, new: float) -> float:
    return old - new if line == "Menot" else new - old


def test_budget_totals_equal_an_independent_pandas_computation(
    inputs: Path, collected: tuple[Path, Any]
) -> None:
    _, document = collected
    lines = _budget_lines(inputs)
    for name, keys in (("budget", ["unit", "area", "line"]), ("budget_groups", ["unit", "line"]),
                       ("budget_all", ["line"])):  # fmt: skip
        sums = lines.groupby(keys)[["tb2023", "tb2024"]].sum()
        got = {tuple(r[{"unit": "group"}.get(k, k)] for k in keys): r for r in document[name]}
        assert set(got) == {k if isinstance(k, tuple) else (k,) for k in sums.index}
        for key, row in sums.iterrows():
            entry = got[key if isinstance(key, tuple) else (key,)]
            assert (entry["tb2023"], entry["tb2024"]) == (row["tb2023"], row["tb2024"])
            line = entry["line"]
            assert entry["change_eur"] == _change(line, row["tb2023"], row["tb2024"])
            pct = _change(line, row["tb2023"], row["tb2024"]) / abs(row["tb2023"])
            assert entry["change_pct"] == pytest.approx(round(pct * 1000) / 1000, abs=1e-12)


def test_goal_counts_are_the_status_sheets_states(
    inputs: Path, collected: tuple[Path, Any]
) -> None:
    _, document = collected
    rows = []
    for path in _good(inputs, GOAL_TRACKING):
        for status in goal_statuses(read_inputs(OpenpyxlSource.open(path), 4)):
            if status.basis == "kpi":
                rows += [(_unit(path), f"Q{q.quarter}", q.assessment.state)
                         for q in status.quarters if q.assessment is not None]  # fmt: skip
    expected = pd.DataFrame(rows, columns=["unit", "quarter", "state"]).value_counts()
    got = {(g["group"], g["quarter"], state): n
           for g in document["goal_counts"] for state, n in g["counts"].items()}  # fmt: skip
    assert got == {key: int(n) for key, n in expected.items()}


def test_the_workbook_states_the_roll_up_and_its_formulas_agree(
    collected: tuple[Path, Any], tmp_path: Path
) -> None:
    path, document = collected
    result = xlsrc.recalc(path, tmp_path / "laskettu.xlsx", partial=True)
    assert result.ok
    # only the links are refused (HYPERLINK is not in the engine); every roll-up formula computed
    assert {re.sub(r"\d+$", "", c.split("!")[1]) for c, _ in result.refused_cells} == {"H"}
    book = openpyxl.load_workbook(tmp_path / "laskettu.xlsx", data_only=True)
    for sheet, width in (("Ohjelmat", 5), ("Ohjelmat ryhmittäin", 5), ("Talous", 4),
                         ("Talous yhteensä", 4), ("Tavoitteet", 5)):  # fmt: skip
        header = [c.value for c in book[sheet][4]]
        stated = header.index(next(h for h in header if h.endswith("(laskettu)"))) - width
        rows = list(book[sheet].iter_rows(min_row=5, values_only=True))
        assert rows, sheet
        for row in rows:
            for offset in range(width):
                want, got = row[stated + offset], row[stated + width + offset]
                if want == "-":
                    assert got is None or str(got).startswith("#"), (sheet, row)
                else:
                    assert got == pytest.approx(want) if want is not None else got in (None, ""), (
                        sheet,
                        row,
                    )
    assert len(list(book["Ohjelmat"].iter_rows(min_row=5))) == len(document["pivot"])


def test_the_roll_up_validates_clean_and_a_changed_number_is_found(
    collected: tuple[Path, Any], tmp_path: Path
) -> None:
    path, _ = collected
    assert [str(f) for f in validate_workbook(path)] == []
    book = openpyxl.load_workbook(path)
    sheet = book["Toimenpiteet"]
    sheet["H5"] = sheet["H5"].value + 1000  # one collected target sum, edited
    edited = tmp_path / "muokattu.xlsx"
    book.save(edited)
    findings = validate_workbook(edited)
    assert findings and {f.sheet for f in findings} >= {"Ohjelmat"}


def test_lahteet_names_file_sheet_and_cell_of_every_row(
    inputs: Path, collected: tuple[Path, Any]
) -> None:
    path, document = collected
    book = openpyxl.load_workbook(path, read_only=True)
    sources = list(book["Lähteet"].iter_rows(min_row=5, values_only=True))
    rows = document["rows"]
    assert len(sources) == rows["measures"] + rows["budget"] + rows["kpis"]
    sheets = {"Koonti_toimenpiteet": ("Toimenpiteet", 4), "Koonti_talousrivit": ("Talousrivit", 2),
              "Koonti_mittarit": ("Mittarit", None)}  # fmt: skip
    checked = 0
    for table, row, file, _path, sheet, cell in (s[:6] for s in sources[:60]):
        name, label = sheets[table]
        if label is None:
            continue
        collected_row = next(book[name].iter_rows(min_row=row, max_row=row, values_only=True))
        unit_book = openpyxl.load_workbook(inputs / file, read_only=True)
        assert unit_book[sheet][cell].value == collected_row[label]  # the label it was read from
        checked += 1
    assert checked


def _as_json(document: dict[str, Any]) -> dict[str, Any]:
    return dict(json.loads(json.dumps(document)))


def test_dask_local_cluster_gives_the_same_roll_up(
    inputs: Path, collected: tuple[Path, Any], tmp_path: Path
) -> None:
    _, document = collected
    files = sorted(p for p in inputs.iterdir())
    dasked = _as_json(run_collect(files, tmp_path / "dask.xlsx", jobs=2, dask="local").to_dict())
    pooled = _as_json(run_collect(files, tmp_path / "pool.xlsx", jobs=2).to_dict())
    for doc in (dasked, pooled, document):
        for entry in doc["files"]:
            entry.pop("seconds")
            entry.pop("path")
    assert dasked == pooled
    assert {k: v for k, v in dasked.items() if k != "files"} == {
        k: v for k, v in document.items() if k != "files"
    }


def test_an_old_xls_in_the_folder_is_listed_counted_and_in_the_json(tmp_path: Path) -> None:
    """collect used to drop ``vanha.xls`` silently, where recalc reports it as skipped: it
    was in neither the summary, Tiedostot nor the JSON, and not counted among the files."""
    folder = tmp_path / "yksikot"
    folder.mkdir()
    for i, layout in enumerate(FAMILIES):
        (folder / f"yksikko01_{layout.file_name}").write_bytes(unit_workbook(layout, i, "y01"))
    (folder / "vanha.xls").write_bytes(b"\xd0\xcf\x11\xe0 an Excel 97-2003 file")
    out, report = tmp_path / "yhteenveto.xlsx", tmp_path / "yhteenveto.json"
    run = CliRunner().invoke(
        cli, ["collect", str(folder), "--out", str(out), "--json", str(report), "--jobs", "1"]
    )
    assert run.exit_code == 2, run.output  # a file was left out, as for any other
    reason = "vanha Excel 97-2003 -työkirja"
    assert "koottu 3 / 4 tiedostoa" in run.output
    assert re.search(rf"OHITETTU vanha\.xls: {reason}", run.output), run.output
    document = json.loads(report.read_text())
    assert [(s["file"], reason in s["reason"]) for s in document["skipped"]] == [
        ("vanha.xls", True)
    ]
    entry = next(f for f in document["files"] if f["path"].endswith("vanha.xls"))
    assert entry["included"] is False and reason in entry["skipped"]
    assert len(document["files"]) == 4 and document["included"] == 3
    book = openpyxl.load_workbook(out)
    rows = [r for r in book["Tiedostot"].iter_rows(values_only=True) if r[0] == "vanha.xls"]
    assert len(rows) == 1 and rows[0][7] == "Ohitettu" and reason in str(rows[0][8])
    summary = [r[0] for r in book["Yhteenveto"].iter_rows(values_only=True)]
    assert "Koottu 3 / 4 tiedostoa; ohitettu 1." in summary


def test_a_folder_of_only_an_old_xls_says_why_nothing_was_collected(tmp_path: Path) -> None:
    (tmp_path / "vanha.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    out = tmp_path / "yhteenveto.xlsx"
    run = CliRunner().invoke(cli, ["collect", str(tmp_path), "--out", str(out)])
    assert run.exit_code == 2 and not out.exists()
    assert "vanha.xls: vanha Excel 97-2003 -työkirja" in run.output, run.output


def test_an_output_refused_at_the_end_leaves_no_stray_tracebacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing the roll-up failed after every file was read; the half-written sheets were left
    to the garbage collector, and lxml printed ~40 lines of "Exception ignored in" under the
    one-line message."""
    import gc
    import sys

    from xlsrc.io.atomic import OutputNotWritable

    path = tmp_path / f"yksikko01_{GOAL_TRACKING.file_name}"
    path.write_bytes(unit_workbook(GOAL_TRACKING, 2, "y01"))
    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    real_open = os.open

    def refuse(name: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if Path(name).parent == tmp_path / "koonti":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(name, flags, mode, **kw)

    (tmp_path / "koonti").mkdir()
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(OutputNotWritable):
        run_collect([path], tmp_path / "koonti" / "yhteenveto.xlsx", jobs=1)
    monkeypatch.setattr(os, "open", real_open)
    gc.collect()
    assert ignored == [] and list((tmp_path / "koonti").iterdir()) == []


def test_the_files_sheet_names_each_template_as_its_reader_knows_it(
    collected: tuple[Path, Any],
) -> None:
    """The Malli column showed layout codes ("result_budget", "goal_tracking"); the JSON
    keeps the codes, for programs."""
    path, _ = collected
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Tiedostot"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if "Malli" in row)
    column = rows[header].index("Malli")
    shown = {row[column] for row in rows[header + 1 :] if row[column]}
    assert shown == {text_in(layout.title) for layout in FAMILIES}
