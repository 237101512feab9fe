"""A roll-up in Swedish: the words it writes are the words its formulas count.

The KPI state of each collected row is a word the goal-count formulas count with
COUNTIFS; the writer wrote the Finnish word while the formulas counted the Swedish
one, so a Swedish roll-up's counts of "Kan inte bedömas" came out 0 in Excel.  A
worker's reasons come back in the roll-up's language, which a Dask worker on another
machine does not share with the process that asked.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from xlsrc.consolidate.extract import collect_file
from xlsrc.consolidate.model import FileResult, KpiRow
from xlsrc.consolidate.rollup import Rollup
from xlsrc.consolidate.writer import RollupWriter
from xlsrc.core.text import translate, use_language
from xlsrc.workbooks.layouts.consolidation import GOAL_COUNTS, KPI_STATUSES, STATE_LABELS

V1 = Path(__file__).resolve().parents[1] / "fixtures" / "v1"


def _written_in_swedish(out: Path, result: FileResult) -> openpyxl.Workbook:
    with use_language("sv"):
        writer, rollup = RollupWriter(out), Rollup()
        writer.add(result)
        rollup.add(result)
        writer.finish(rollup)
    return openpyxl.load_workbook(out)


def test_a_kpi_state_is_written_as_the_word_its_count_counts(tmp_path: Path) -> None:
    word = translate(STATE_LABELS["not_assessable"], "sv")
    assert word != STATE_LABELS["not_assessable"]  # the state has a Swedish word
    kpi = KpiRow("G01", "Asiakaskokemus", 2, "not_assessable", "Mål", (("D7", "Mätare"),))
    result = FileResult(0, str(tmp_path / "y_tavoiteseuranta.xlsx"), "y_tavoiteseuranta.xlsx",
                        "goal_tracking", 2, "Y", "Q2", "Y", kpis=(kpi,))  # fmt: skip
    book = _written_in_swedish(tmp_path / "sammanstallning.xlsx", result)
    with use_language("sv"):
        kpis, counts = book[KPI_STATUSES.sheet_name], book[GOAL_COUNTS.sheet_name]
        state = [c.header for c in KPI_STATUSES.columns].index(KPI_STATUSES.column("state").header)
        count = [c.header for c in GOAL_COUNTS.columns].index(
            GOAL_COUNTS.column("not_assessable_calc").header
        )
    assert [row[state] for row in kpis.iter_rows(min_row=5, values_only=True)] == [word]
    [formula] = [row[count] for row in counts.iter_rows(min_row=5, values_only=True)]
    assert f'"{word}"' in formula and STATE_LABELS["not_assessable"] not in formula
    summary = [row[0] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert "Sammanställt 1 / 1 filer; överhoppade 0." in summary


def test_a_worker_gives_its_reason_in_the_roll_ups_language() -> None:
    old = V1 / "examples" / "tavoiteohjelmat.xlsx"
    swedish = collect_file(0, str(old), "unit", "sv")  # asked in Finnish, for a Swedish roll-up
    finnish = collect_file(0, str(old), "unit")
    assert swedish.skipped is not None and swedish.skipped.startswith("gammal mallversion 1 ")
    assert finnish.skipped is not None and finnish.skipped.startswith("vanha malliversio 1 ")
