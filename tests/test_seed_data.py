"""The bundled seed tables (xlsrc/data/*.json) against the seed text files.

Provenance: every cell's text is found verbatim on the seed line the row cites
(or on the lines its ``sources`` name, joined when a row was split across
lines).  Structure: row counts per table.  Corrections: the 001 detail tables,
after re-homing the measures whose headings sit on the wrong line, reproduce
their printed pivots per programme number x status.  Typing: every number and
per-cent cell reads through the core reader as a Number or a Nil, except the
few printed words listed below.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pytest

from xlsrc.core.numbers import Nil, Number, read_number
from xlsrc.seeds import (
    SeedDataError,
    SeedRow,
    SeedTable,
    UnknownSeedTable,
    _parse,
    all_tables,
    load_table,
    table_ids,
)

#: The seed text files sit beside the repository (../shared/seeds); XLSRC_SEEDS_DIR overrides.
SEEDS = Path(
    os.environ.get("XLSRC_SEEDS_DIR", Path(__file__).resolve().parents[2] / "shared" / "seeds")
)

EXPECTED_ROWS = {
    "000-targets": 9,
    "001-T1": 5,
    "001-T2": 7,
    "001-T3": 39,
    "001-T4": 6,
    "001-T5": 23,
    "002-T1": 3,
    "002-T2": 8,
    "002-T3": 5,
    "002-T4": 5,
    "002-T5": 136,
    "002-T6": 63,
    "002-T7": 17,
    "002-T8": 11,
    "003-budget": 12,
    "003-targets": 12,
    "004-goals": 25,
    "004-tasks": 60,
}

TABLES = all_tables()


def seed_lines(table: SeedTable) -> list[str]:
    path = SEEDS / table.source
    if not path.is_file():
        pytest.fail(
            f"seed file {path} not found: the provenance tests need the seed texts "
            "(../shared/seeds beside the repository, or set XLSRC_SEEDS_DIR)"
        )
    return path.read_text(encoding="utf-8").split("\n")


def assembled_from(text: str, lines: list[str], max_parts: int = 4) -> bool:
    """True if ``text`` is verbatim on one of ``lines``, or is a few verbatim pieces of them
    joined by "", " " or a line break (a row or a cell split across lines).

    Greedy: each piece is the longest prefix of what is left that occurs on one of the
    lines; pieces shorter than 3 characters do not count, so the text cannot be spelled
    out of single letters.
    """
    if any(text in line for line in lines):
        return True
    rest, parts = text, 0
    while rest:
        best = 0
        for size in range(len(rest), 2, -1):
            if any(rest[:size] in line for line in lines):
                best = size
                break
        if best == 0:
            return False
        parts += 1
        rest = rest[best:]
        if rest[:1] in (" ", "\n"):
            rest = rest[1:]
    return parts <= max_parts


def find_row(table: SeedTable, line: int) -> SeedRow:
    return next(r for r in table.rows if r.line == line)


# ------------------------------------------------------------------ the bundle itself


def test_every_expected_table_is_bundled_with_its_row_count() -> None:
    counts = {tid: len(TABLES[tid].rows) for tid in TABLES}
    assert counts == EXPECTED_ROWS


def test_table_ids_and_loader_agree() -> None:
    assert tuple(TABLES) == table_ids()
    for tid in table_ids():
        assert load_table(tid) == TABLES[tid]


def test_unknown_table_is_a_clear_error() -> None:
    with pytest.raises(UnknownSeedTable, match="bundled: 000-targets"):
        load_table("009-T9")


def test_off_shape_json_is_refused_with_its_location() -> None:
    good = {
        "id": "x",
        "source": "s.txt",
        "caption": None,
        "unit": None,
        "columns": [{"key": "a", "header": "A", "type": "number"}],
        "rows": [{"line": 7, "kind": "data", "cells": {"a": "1"}}],
    }
    assert _parse(good, "x.json").rows[0].value("a") == Number(1.0, text="1", from_text=True)
    bad_kind = {**good, "rows": [{"line": 7, "kind": "sum", "cells": {"a": "1"}}]}
    with pytest.raises(SeedDataError, match="row at seed line 7: unknown row kind 'sum'"):
        _parse(bad_kind, "x.json")
    bad_cell = {**good, "rows": [{"line": 8, "kind": "data", "cells": {"b": "1"}}]}
    with pytest.raises(SeedDataError, match="line 8: cell 'b' is not a column"):
        _parse(bad_cell, "x.json")
    typed_cell = {**good, "rows": [{"line": 9, "kind": "data", "cells": {"a": 1}}]}
    with pytest.raises(SeedDataError, match="must be text as printed"):
        _parse(typed_cell, "x.json")


def test_every_table_names_an_existing_seed_file_and_has_shape() -> None:
    for table in TABLES.values():
        assert (SEEDS / table.source).is_file(), table.id
        assert table.columns and table.rows
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in table.keys), table.id
        for row in table.rows:
            assert row.cells, (table.id, row.line)
            assert row.kind in ("data", "section", "total", "subtotal")


def test_rows_are_in_source_order() -> None:
    for table in TABLES.values():
        lines = [r.line for r in table.rows]
        assert lines == sorted(lines), table.id


# ------------------------------------------------------------------ provenance


def provenance_problem(table: SeedTable, row: SeedRow, key: str, source: list[str]) -> str | None:
    """Why the cell's text is not found where the row says it was printed, or None."""
    text = row.cells[key]
    if not text or text != text.strip():
        return f"line {row.line} {key}: empty or padded text {text!r}"
    cited = [source[n - 1] for n in row.lines_of(key)]
    if table.column(key).numeric:
        # A number must be a whole printed field, not part of a longer number.  The
        # quarterly chat/call-back values of 004 are printed "... Q1: ● 1,5 min Q4: ● 4,2 min"
        # inside one field; the "Qn: ●" markers separate them there.
        fields = {f.strip() for line in cited for f in re.split(r"\t|\s*Q\d: ●\s*", line)}
        if text not in fields:
            return f"line {row.line} {key}: {text!r} is not a field of lines {row.lines_of(key)}"
        return None
    if not assembled_from(text, cited):
        return f"line {row.line} {key}: {text!r} not on lines {row.lines_of(key)}"
    return None


@pytest.mark.parametrize("tid", sorted(EXPECTED_ROWS))
def test_cell_text_is_printed_on_the_cited_lines(tid: str) -> None:
    table = TABLES[tid]
    source = seed_lines(table)
    problems = [
        problem
        for row in table.rows
        for key in row.cells
        if not table.column(key).derived
        if (problem := provenance_problem(table, row, key, source)) is not None
    ]
    checked = sum(1 for row in table.rows for key in row.cells if not table.column(key).derived)
    assert checked > 0
    assert problems == []


def test_corrected_rows_have_notes_naming_their_evidence() -> None:
    """Every row note names at least one seed line, so a reader can check the correction."""
    for table in TABLES.values():
        for row in table.rows:
            if row.note is not None:
                assert re.search(r"(?i)lines? \d+", row.note), (table.id, row.line)


# ------------------------------------------------------------------ typing


#: Printed words in number/per-cent columns: may read as anything but must be exactly these.
WORD_CELLS: dict[tuple[str, int, str], str] = {
    ("004-goals", 837, "q1"): "NA",
    ("004-goals", 837, "q2"): "NA",
    ("004-goals", 837, "q3"): "NA",
    ("004-goals", 837, "q4"): "NA",
    ("004-tasks", 353, "status"): "+/-0 / htv2",
    ("004-tasks", 354, "status"): "alle 10%",
    ("004-tasks", 388, "status"): "Ei mittaria",
    ("004-tasks", 789, "status"): "Ei mittaria",
    ("004-tasks", 790, "status"): "Ei mittaria",
}


def test_number_cells_read_as_numbers_or_nil() -> None:
    seen_words = {}
    for table in TABLES.values():
        for row in table.rows:
            for key, text in row.cells.items():
                if not table.column(key).numeric:
                    continue
                reading = row.value(key)
                if (table.id, row.line, key) in WORD_CELLS:
                    seen_words[(table.id, row.line, key)] = text
                    continue
                assert isinstance(reading, Number | Nil), (table.id, row.line, key, text, reading)
    assert seen_words == WORD_CELLS


def test_value_types_through_the_core_reader() -> None:
    t3 = load_table("001-T3")
    first = t3.rows[0]
    assert first.text("programme") == "1. Digiohjelma"
    assert first.value("programme") == "1. Digiohjelma"
    assert first.value("readiness") == read_number("0 %")
    assert isinstance(first.value("target_sum"), Number)
    assert first.value("target_sum").value == 20_000.0  # type: ignore[union-attr]
    t1 = load_table("001-T1")
    vuosikate = find_row(t1, 7)
    assert vuosikate.value("actual").value == 1_000_000.0  # type: ignore[union-attr]
    nps = find_row(t1, 4)
    assert nps.text("actual") is None
    assert type(nps.value("actual")).__name__ == "Blank"
    with pytest.raises(KeyError, match="no column 'nope'"):
        first.text("nope")


# ------------------------------------------------------------------ 001 pivots


def _prefix(name: str) -> str:
    match = re.match(r"\s*(\d+)", name)
    assert match, name
    return match.group(1)


def _amount(row: SeedRow, key: str) -> float:
    reading = row.value(key)
    assert isinstance(reading, Number), (row.line, key, reading)
    return reading.value


@pytest.mark.parametrize(
    ("detail_id", "pivot_id", "group"),
    [("001-T3", "001-T2", "programme"), ("001-T5", "001-T4", "division")],
)
def test_detail_reproduces_printed_pivot(detail_id: str, pivot_id: str, group: str) -> None:
    detail, pivot = TABLES[detail_id], TABLES[pivot_id]
    sums: dict[tuple[str, str], float] = defaultdict(float)
    for row in detail.rows_of_kind("data"):
        status = row.text("status") or ""
        sums[(_prefix(row.text(group) or ""), "status_" + _prefix(status))] += _amount(
            row, "target_sum"
        )
    status_keys = [k for k in pivot.keys if k.startswith("status_")]
    printed = {
        (_prefix(row.text(group) or ""), key): _amount(row, key)
        for row in pivot.rows_of_kind("data")
        for key in status_keys
        if row.text(key) is not None
    }
    # Same cells (an empty pivot cell = no measures, not 0) and the same amounts.
    assert dict(sums) == printed
    grand = _amount(pivot.rows_of_kind("total")[0], "total")
    assert sum(sums.values()) == grand == _amount(detail.rows_of_kind("total")[0], "target_sum")


def test_programme_rows_match_the_pivot_by_number_prefix_not_name() -> None:
    names_detail = {r.text("programme") for r in TABLES["001-T3"].rows_of_kind("data")}
    names_pivot = {r.text("programme") for r in TABLES["001-T2"].rows_of_kind("data")}
    assert {_prefix(n or "") for n in names_detail} == {_prefix(n or "") for n in names_pivot}
    assert "3. Palvelutuotannon kehittämissuunnitelma" in names_detail
    assert "3. Palvelutuotannon kehittämisohjelma" in names_pivot


@pytest.mark.parametrize(
    ("detail_id", "line", "group"),
    [
        ("001-T3", 31, "1. Digiohjelma"),
        ("001-T3", 35, "2. Henkilöstöohjelma"),
        ("001-T3", 36, "2. Henkilöstöohjelma"),
        ("001-T3", 51, "4. Sidosryhmä- ja viestintäohjelma"),
        ("001-T3", 63, "6. Vaikuttavuusohjelma"),
        ("001-T5", 88, "10 Perhe- ja sosiaalipalvelut"),
        ("001-T5", 99, "70 Pelastuslaitos ja turvallisuuspalvelut"),
        ("001-T5", 103, "94 Konsernipalvelut"),
    ],
)
def test_known_misplaced_headings_are_corrected(detail_id: str, line: int, group: str) -> None:
    table = TABLES[detail_id]
    row = find_row(table, line)
    assert row.text(table.keys[0]) == group
    assert row.note


def test_shifted_columns_of_001_t3_are_read_in_place() -> None:
    t3 = TABLES["001-T3"]
    assert find_row(t3, 61).text("measure") == "Hankkeiden omavastuut (ta24)"
    assert find_row(t3, 62).text("target_sum") == "130 000"
    assert find_row(t3, 63).text("measure") == "Kehittämissuunnitelman rahoitus (ta24)"
    assert find_row(t3, 64).text("status") == "2. Etenee suunnitellusti"


def test_provenance_check_catches_text_that_is_not_on_the_cited_line() -> None:
    table = TABLES["001-T3"]
    source = seed_lines(table)
    row = find_row(table, 28)
    assert provenance_problem(table, row, "measure", source) is None
    moved = SeedRow(row.line + 1, row.kind, row.cells, row.sources, None, row.column_types)
    assert provenance_problem(table, moved, "measure", source) is not None
    assert provenance_problem(table, moved, "target_sum", source) is not None
    assert not assembled_from("Digitaalinen palvelualusta (ta25)", [source[27]])


# ------------------------------------------------------------------ 002


def test_002_t5_areas_services_and_lines() -> None:
    t5 = TABLES["002-T5"]
    areas = [r.text("area") for r in t5.rows_of_kind("section") if r.text("service") is None]
    assert areas == [
        "PERHE- JA SOSIAALIPALVELUT",
        "TERVEYS- JA PÄIHDEPALVELUT",
        "SAIRAALA-, KUNTOUTUS- JA HOIVAPALVELUT",
        "PELASTUSLAITOS",
        "HALLINTO",
        "TOIMIALA YHTEISET",
    ]
    lines: dict[tuple[str | None, str | None], list[str | None]] = defaultdict(list)
    for r in t5.rows_of_kind("data", "subtotal"):
        lines[(r.text("area"), r.text("service"))].append(r.text("line"))
    assert len(lines) == 6 + 28  # six areas, 5 + 5 + 5 + 5 + 8 services
    assert all(v == ["Tulot", "Menot", "Toimintakate"] for v in lines.values())
    # area-level lines are subtotals except for the area that has no services
    assert {r.text("area") for r in t5.rows_of_kind("subtotal")} == set(areas) - {
        "TOIMIALA YHTEISET"
    }
    vammaistyo = find_row(t5, 139)
    assert vammaistyo.text("explanation") == (
        "indeksi\nvamtyt lakimuutoksen peruuttaminen - 2,2 m€\nvamtyt uudet yksiköt +4,6 m€"
    )
    assert [f.line for f in t5.footnotes] == [164, 216]


def test_002_stated_numbers_are_kept_even_where_they_disagree() -> None:
    """The bundle must not repair the source: the checks have to find these."""
    t5 = TABLES["002-T5"]
    assert find_row(t5, 118).text("tb2024") == "-518 358"  # Tulot + Menot = -502 964
    assert find_row(t5, 202).text("change_eur") == "-300"  # expense growth printed negative
    assert find_row(t5, 145).text("change_eur") == "18 731"  # -376 208 - -357 412 = 18 796
    assert find_row(t5, 214).text("change_pct") == "102,5 %"  # 1 013 / 987 = 102,6 %
    assert find_row(TABLES["002-T3"], 97).text("ltk_tae") == "-1 846 900"  # -1 901 000 - 16 000
    assert find_row(TABLES["002-T6"], 279).text("y2025") == "3 576"  # 4 143 - 576 = 3 567


def test_002_split_rows_are_joined() -> None:
    t7 = TABLES["002-T7"]
    row = find_row(t7, 352)
    assert row.text("baseline").endswith("ajalla 1.10.2022-30.3.2023")
    assert row.lines_of("baseline") == (352, 354)
    assert find_row(t7, 365).text("metric").endswith("vähintään yhden toimenpiteen Malmilla.")  # type: ignore[union-attr]
    flow = find_row(TABLES["002-T6"], 324)
    assert flow.text("item") == (
        "Toiminnan rahavirta (=vuosikate + tulorahoituksen korjauserät + satunnaiset erät)"
    )
    assert (flow.text("y2025"), flow.text("y2029_on"), flow.text("total")) == ("31 409", "-", "-")
    assert isinstance(flow.value("total"), Nil)


def test_002_t8_total_is_the_sum_of_the_areas() -> None:
    t8 = TABLES["002-T8"]
    total = t8.rows_of_kind("total")[0]
    for key in [c.key for c in t8.columns if c.numeric]:
        parts = [r.value(key) for r in t8.rows_of_kind("data")]
        assert sum(p.value for p in parts if isinstance(p, Number)) == _amount(total, key)


# ------------------------------------------------------------------ 003


def test_003_budget_columns_and_blank_cells() -> None:
    budget = TABLES["003-budget"]
    assert budget.unit == "1000 €"
    assert [c.key for c in budget.columns if c.type == "percent"] == [
        "tot_vs_ta_pct",
        "enn_vs_ta_pct",
        "tae24_vs_ta23_pct",
        "tae24_vs_enn23_pct",
    ]
    kate = budget.rows_of_kind("total")[0]
    assert kate.text("item") == "Toimintakate - Verksamhetsbidrag"
    assert kate.value("tot_vs_ta_pct") == read_number("46 %")
    avustukset = find_row(budget, 87)
    assert avustukset.text("tot_vs_ta_pct") is None  # blank in the source, not 0
    assert type(avustukset.value("tae24_vs_ta23_pct")).__name__ == "Blank"
    assert _amount(find_row(budget, 84), "kehys24_vs_tae24") == -7056.0


def test_003_targets_html_is_removed_and_groups_kept() -> None:
    targets = TABLES["003-targets"]
    assert [r.text("area") for r in targets.rows_of_kind("section")] == [
        "Palvelut",
        "Henkilöstö",
        "Talous",
    ]
    assert not any("<" in t for r in targets.rows for t in r.cells.values())
    row = find_row(targets, 108)
    assert row.text("target") == (
        "Lastensuojelun sijoituksista perhehoidon osuus on >50%.\n"
        "Kotona asumista tukevien palveluiden kehittäminen ikääntyneiden ja vammaisten palveluissa"
    )


# ------------------------------------------------------------------ 004


def test_004_goal_cards_cover_the_four_themes_and_link_their_tasks() -> None:
    goals, tasks = TABLES["004-goals"], TABLES["004-tasks"]
    ids = [r.text("goal_id") for r in goals.rows]
    assert sorted(set(ids)) == [f"G{i:02d}" for i in range(1, 23)]
    assert {r.text("theme") for r in goals.rows} == {
        "Järjestämme vaikuttavat palvelut",
        "Autamme sopivalle polulle",
        "Osaamme ennakoida",
        "Onnistumme toisiimme luottaen",
    }
    assert {r.text("goal_id") for r in tasks.rows} == set(ids)
    assert goals.column("goal_id").derived and tasks.column("goal_id").derived
    # one goal card's fields are the same on each of its KPI-series rows
    by_goal: dict[str | None, set[tuple[str | None, ...]]] = defaultdict(set)
    for r in goals.rows:
        by_goal[r.text("goal_id")].add(tuple(r.text(k) for k in ("title", "goal", "kpi")))
    assert all(len(v) == 1 for v in by_goal.values())


def _series(goal_id: str) -> dict[str | None, list[str | None]]:
    return {
        r.text("kpi_series"): [r.text(q) for q in ("q1", "q2", "q3", "q4")]
        for r in TABLES["004-goals"].rows
        if r.text("goal_id") == goal_id
    }


def test_004_quarterly_kpi_values_as_printed() -> None:
    assert _series("G07") == {None: ["46 %", "47 %", "54 %", "41 %"]}
    assert _series("G14") == {"NPS-indeksi": ["72,1", "74,9", "85,9", "86,1"]}
    assert _series("G20") == {None: ["71 %", "73 %", "87 %", "83 %"]}
    assert _series("G21") == {"lkm": ["0", "0", "1", "10"], "%": ["NA", "NA", "NA", "NA"]}
    assert _series("G02") == {
        "Takaisinsoittojen osuus ensilinjassa": [None, None, None, "59%"],
        "Chat vastausviive ka. kaikki palvelut": ["1,5 min", None, None, "4,2 min"],
        "Ratkaisu % sairaanhoitaja-chat": [None, None, None, "85%"],
    }
    assert _series("G01") == {None: [None, None, None, None]}
    g07 = next(r for r in TABLES["004-goals"].rows if r.text("goal_id") == "G07")
    assert g07.value("q4") == read_number("41 %")
    chat = TABLES["004-goals"].rows[2]
    assert isinstance(chat.value("q1"), Number) and chat.value("q1").unit == "min"  # type: ignore[union-attr]


def test_004_task_progress_kept_as_printed() -> None:
    tasks = TABLES["004-tasks"]
    statuses = {r.line: r.text("status") for r in tasks.rows}
    assert statuses[101] == "50 %"
    assert statuses[207] == "70%"
    assert statuses[353] == "+/-0 / htv2"
    assert statuses[354] == "alle 10%"
    assert statuses[388] == "Ei mittaria"
    assert find_row(tasks, 101).value("status") == read_number("50 %")
