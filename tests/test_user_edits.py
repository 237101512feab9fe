"""The edits finance staff make every quarter, made on the demo workbooks, then recalculated
and validated: every edit ends in right values or a located, reasoned error - never a
silent wrong number, never a hidden finding.

Each edit is made with openpyxl the way Excel makes it (tests/edits.py: a row typed below a
Table grows it and gets the calculated columns' formulas); ``xlsrc recalc`` (the engine)
computes the values and ``xlsrc validate`` checks them.  Expected values are computed here
from the edited inputs, not read from the code under test.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from openpyxl.workbook.workbook import Workbook

import xlsrc.validation.workbook as validation_workbook
from tests.edits import Table, edited, open_book, stated_total_cell, summary, to_bytes
from xlsrc.core.errors import XlError
from xlsrc.engine.recalc import Evaluated, evaluate, recalc
from xlsrc.reading.source import WorkbookSource
from xlsrc.validation import CellFinding, validate_workbook
from xlsrc.validation.hook import validate_recalculated
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import PROGRAMMES, RESULT_BUDGET, TableLayout
from xlsrc.workbooks.layouts.programmes import PIVOT_SAVINGS, SAVINGS_MEASURES
from xlsrc.workbooks.layouts.result_budget import STAFF

#: every test here runs with each workbook reader (the engine's package reader, openpyxl)
pytestmark = pytest.mark.usefixtures("workbook_reader")

#: findings that need to see formulas, which the openpyxl (cached-value) reader cannot
FORMULA_RULES = ("formula_replaced", "formula_missing")
DIGI = "1. Digiohjelma"
ON_TRACK = "2. Etenee suunnitellusti"


@cache
def programmes() -> bytes:
    return build_workbook(PROGRAMMES, example=True)


@cache
def result_budget() -> bytes:
    return build_workbook(RESULT_BUDGET, example=True)


def run(tmp_path: Path, data: bytes, name: str) -> tuple[Path, Evaluated, list[CellFinding]]:
    """Write, recalculate (as ``xlsrc recalc`` does) and validate an edited workbook.

    ``xlsrc recalc`` validates the values it has just computed; ``xlsrc validate``
    reads the saved file: both must find exactly the same.
    """
    path = tmp_path / name
    path.write_bytes(data)
    inside: list[CellFinding] = []

    def hook(source: WorkbookSource) -> list[CellFinding]:
        inside.extend(validate_recalculated(source))
        return inside

    result = recalc(path, in_place=True, validate=hook)
    assert result.ok, result.problems
    assert result.notes == []
    findings = validate_workbook(path)
    if validation_workbook.READER == "openpyxl":  # cached values only: formulas unseen
        inside = [f for f in inside if f.rule not in FORMULA_RULES]
    assert [f.as_json() for f in inside] == [f.as_json() for f in findings]
    return path, evaluate(path), findings


def value(values: Evaluated, book: Workbook, layout: TableLayout, key: str, index: int) -> Any:
    table = Table(book, layout)
    return values.value(layout.sheet_name, table.cell(key, index))


def total(values: Evaluated, book: Workbook, layout: TableLayout, key: str) -> Any:
    """The recomputed total of ``key`` (the summary block's "(laskettu)" row)."""
    assert layout.totals is not None
    block = summary(book, layout, layout.totals.name)
    cell = block[layout.totals.computed_label][layout.column(key).header]
    return values.value(layout.sheet_name, cell)


def amounts(book: Workbook, layout: TableLayout, key: str) -> list[float]:
    table = Table(book, layout)
    found = [table.get(key, i) for i in range(len(table.rows))]
    return [float(v) for v in found if isinstance(v, int | float)]


def digi_on_track(book: Workbook) -> float:
    table = Table(book, SAVINGS_MEASURES)
    return math.fsum(
        float(table.get("target_sum", i))
        for i in range(len(table.rows))
        if str(table.get("programme", i)).startswith("1.")
        and table.get("status", i) == ON_TRACK
        and isinstance(table.get("target_sum", i), int | float)
    )


def findings_at(findings: list[CellFinding], sheet: str, cell: str) -> list[CellFinding]:
    return [f for f in findings if (f.sheet, f.cell) == (sheet, cell)]


# --- rows added, inserted, deleted, sorted -------------------------------------------


ADD: dict[str, Callable[[Table], int]] = {
    "appended below": lambda t: t.append(
        programme=DIGI,
        measure="Uusi toimenpide",
        status=ON_TRACK,
        readiness=0.5,
        target_sum=-10_000,
    ),  # fmt: skip
    "inserted inside": lambda t: (
        t.insert(
            3,
            programme=DIGI,
            measure="Uusi toimenpide",
            status=ON_TRACK,
            readiness=0.5,
            target_sum=-10_000,
        ),  # fmt: skip
        3,
    )[1],
}


@pytest.mark.parametrize("how", list(ADD))
def test_an_added_measure_is_in_every_total_and_pivot(tmp_path: Path, how: str) -> None:
    before = open_book(programmes())
    added: list[int] = []
    data = edited(programmes(), lambda b: added.append(ADD[how](Table(b, SAVINGS_MEASURES))))
    path, values, findings = run(tmp_path, data, "lisatty.xlsx")
    book = open_book(data)
    # the new row got its computed cells (Excel fills calculated columns)
    assert value(values, book, SAVINGS_MEASURES, "note", added[0]) == ""
    # the computed total and the pivot include it
    expected_total = math.fsum(amounts(book, SAVINGS_MEASURES, "target_sum"))
    assert expected_total == math.fsum(amounts(before, SAVINGS_MEASURES, "target_sum")) - 10_000
    assert total(values, book, SAVINGS_MEASURES, "target_sum") == expected_total
    digi = Table(book, PIVOT_SAVINGS).find("programme", DIGI)
    assert value(values, book, PIVOT_SAVINGS, "status_2_calc", digi) == digi_on_track(book)
    # the stated numbers now disagree: found at the stated total and the stated pivot cell,
    # never blamed on the new row
    stated_total = stated_total_cell(book, SAVINGS_MEASURES, "target_sum")
    assert findings_at(findings, SAVINGS_MEASURES.sheet_name, stated_total)
    pivot_cell = Table(book, PIVOT_SAVINGS).cell("status_2", digi)
    [pivot_finding] = findings_at(findings, PIVOT_SAVINGS.sheet_name, pivot_cell)
    assert pivot_finding.computed == digi_on_track(book)
    new_row = Table(book, SAVINGS_MEASURES).rows[added[0]]
    assert not any(
        f.sheet == SAVINGS_MEASURES.sheet_name and f.cell.endswith(str(new_row)) for f in findings
    )


def test_a_deleted_row_leaves_every_total(tmp_path: Path) -> None:
    data = edited(programmes(), lambda b: Table(b, SAVINGS_MEASURES).delete(0))
    _, values, findings = run(tmp_path, data, "poistettu.xlsx")
    book = open_book(data)
    expected = math.fsum(amounts(book, SAVINGS_MEASURES, "target_sum"))
    assert total(values, book, SAVINGS_MEASURES, "target_sum") == expected
    stated = stated_total_cell(book, SAVINGS_MEASURES, "target_sum")
    assert findings_at(findings, SAVINGS_MEASURES.sheet_name, stated)


@pytest.mark.parametrize("amount", [-2_800_000, -1_000_000])
def test_a_deleted_row_is_never_blamed_on_another_row(tmp_path: Path, amount: float) -> None:
    """One other measure of the same programme and status would fit every failing sum just as
    well, but the stated totals are what disagree: errors there, at most a note on a row."""
    measures = Table(open_book(programmes()), SAVINGS_MEASURES)
    index = next(i for i in range(len(measures.rows)) if measures.get("target_sum", i) == amount)
    data = edited(programmes(), lambda b: Table(b, SAVINGS_MEASURES).delete(index))
    _, _, findings = run(tmp_path, data, "poistettu.xlsx")
    book = open_book(data)
    left = Table(book, SAVINGS_MEASURES)
    body = {left.cell("target_sum", i) for i in range(len(left.rows))}
    stated = stated_total_cell(book, SAVINGS_MEASURES, "target_sum")
    [at_total] = findings_at(findings, SAVINGS_MEASURES.sheet_name, stated)
    assert at_total.severity == "error" and at_total.difference == pytest.approx(amount)
    on_rows = [f for f in findings if f.sheet == SAVINGS_MEASURES.sheet_name and f.cell in body]
    assert all(f.severity == "note" for f in on_rows), [f.message for f in on_rows]


def test_sorted_rows_change_no_value(tmp_path: Path) -> None:
    _, plain, _ = run(tmp_path, programmes(), "ennen.xlsx")
    data = edited(programmes(), lambda b: Table(b, SAVINGS_MEASURES).sort("target_sum"))
    _, sorted_values, findings = run(tmp_path, data, "lajiteltu.xlsx")
    book = open_book(data)
    assert total(sorted_values, book, SAVINGS_MEASURES, "target_sum") == total(
        plain, open_book(programmes()), SAVINGS_MEASURES, "target_sum"
    )
    pivot = Table(book, PIVOT_SAVINGS)
    for index in range(len(pivot.rows)):
        for key in ("status_1_calc", "status_2_calc", "status_3_calc", "total_calc"):
            assert sorted_values.value(
                pivot.layout.sheet_name, pivot.cell(key, index)
            ) == plain.value(pivot.layout.sheet_name, pivot.cell(key, index))
    assert not [f for f in findings if f.sheet in ("Taulukko 2", "Taulukko 3")]


def test_a_wrong_stated_total_after_an_added_row_is_reported_at_the_total(
    tmp_path: Path,
) -> None:
    """Taulukko 8: a unit added below the table, and a stated total that does not add up."""
    at: list[str] = []

    def edit(book: Workbook) -> None:
        staff = Table(book, STAFF)
        staff.append(area="UUSI YKSIKKÖ", item="Henkilöstömäärä", y2022=100, y2023_aug=100,
                     forecast_2023=100, y2024=100, y2025=100, y2026=100)  # fmt: skip
        at.append(stated_total_cell(book, STAFF, "y2022"))
        book[STAFF.sheet_name][at[0]] = 14_000

    data = edited(result_budget(), edit)
    _, values, findings = run(tmp_path, data, "henkilosto.xlsx")
    book = open_book(data)
    expected = math.fsum(amounts(book, STAFF, "y2022"))
    assert total(values, book, STAFF, "y2022") == expected
    [finding] = findings_at(findings, STAFF.sheet_name, at[0])
    assert (finding.stated, finding.computed, finding.severity) == (14_000, expected, "error")


# --- bad cells fail alone and say why ---------------------------------------------------


def test_an_unknown_status_fails_only_its_programme_and_says_why(tmp_path: Path) -> None:
    at: list[str] = []

    def edit(book: Workbook) -> None:
        measures = Table(book, SAVINGS_MEASURES)
        index = measures.find("programme", "3. Palvelutuotannon kehittämissuunnitelma")
        at.append(measures.cell("status", index))
        measures.put(index, status="4. Pysähtynyt")

    path, values, findings = run(tmp_path, edited(programmes(), edit), "tila.xlsx")
    _, plain, _ = run(tmp_path, programmes(), "puhdas.xlsx")
    book = open_book(path.read_bytes())
    pivot = Table(book, PIVOT_SAVINGS)
    changed = []
    for index in range(len(pivot.rows)):
        for key in ("status_1_calc", "status_2_calc", "status_3_calc", "status_5_calc"):
            cell = pivot.cell(key, index)
            got, before = (
                values.value(PIVOT_SAVINGS.sheet_name, cell),
                plain.value(PIVOT_SAVINGS.sheet_name, cell),
            )
            assert not isinstance(got, XlError), cell
            if got != before:
                changed.append(str(pivot.get("programme", index))[:2])
    assert set(changed) == {"3."}  # only the programme of the measure (matched by number)
    programme = next(
        i for i in range(len(pivot.rows)) if str(pivot.get("programme", i)).startswith("3.")
    )
    note = values.value(PIVOT_SAVINGS.sheet_name, pivot.cell("note", programme))
    assert "Pysähtynyt" in note
    [finding] = findings_at(findings, SAVINGS_MEASURES.sheet_name, at[0])
    assert finding.rule == "unknown_status" and finding.severity == "error"


@pytest.mark.parametrize("typed", ["1 234,5", "13,6 %"])
def test_a_number_typed_as_text_is_an_error_everywhere(tmp_path: Path, typed: str) -> None:
    """The workbook's own total, the pivot and validation all refuse it: one reading."""
    at: list[int] = []

    def edit(book: Workbook) -> None:
        measures = Table(book, SAVINGS_MEASURES)
        index = measures.find("programme", DIGI)
        at.append(index)
        measures.put(index, target_sum=typed)

    data = edited(programmes(), edit)
    _, values, findings = run(tmp_path, data, "teksti.xlsx")
    book = open_book(data)
    measures = Table(book, SAVINGS_MEASURES)
    assert total(values, book, SAVINGS_MEASURES, "target_sum") is XlError.NA
    note = value(values, book, SAVINGS_MEASURES, "note", at[0])
    assert "Tavoitesumma" in note and "tekstiä" in note
    pivot = Table(book, PIVOT_SAVINGS)
    digi = pivot.find("programme", DIGI)
    status_key = f"status_{str(measures.get('status', at[0]))[0]}_calc"
    assert values.value(PIVOT_SAVINGS.sheet_name, pivot.cell(status_key, digi)) is XlError.VALUE
    other = pivot.find("programme", "2. Henkilöstöohjelma")
    assert not isinstance(
        values.value(PIVOT_SAVINGS.sheet_name, pivot.cell("total_calc", other)), XlError
    )
    [finding] = findings_at(
        findings, SAVINGS_MEASURES.sheet_name, measures.cell("target_sum", at[0])
    )
    assert (finding.rule, finding.severity) == ("number_as_text", "error")


def test_a_blank_in_a_required_column(tmp_path: Path) -> None:
    at: list[int] = []

    def edit(book: Workbook) -> None:
        measures = Table(book, SAVINGS_MEASURES)
        index = measures.find("programme", DIGI)
        at.append(index)
        measures.put(index, target_sum=None)

    data = edited(programmes(), edit)
    _, values, findings = run(tmp_path, data, "tyhja.xlsx")
    book = open_book(data)
    assert "Tavoitesumma puuttuu" in value(values, book, SAVINGS_MEASURES, "note", at[0])
    cell = Table(book, SAVINGS_MEASURES).cell("target_sum", at[0])
    assert [f.rule for f in findings_at(findings, SAVINGS_MEASURES.sheet_name, cell)] == [
        "missing_value"
    ]


#: one bad input in a measure's row: (column, what is typed, the one rule reported at it)
BAD_INPUTS = {
    "sum as text": ("target_sum", "1 234,5", "number_as_text"),
    "sum as per cent text": ("target_sum", "13,6 %", "number_as_text"),
    "sum with a unit": ("target_sum", "1,0 M€", "number_as_text"),
    "sum as words": ("target_sum", "n. 500", "not_a_number"),
    "sum blanked": ("target_sum", None, "missing_value"),
    "status blanked": ("status", None, "missing_value"),
    "programme blanked": ("programme", None, "missing_value"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_one_bad_input_is_reported_once_at_its_cell(tmp_path: Path, case: str) -> None:
    """The stated totals and pivot cells were right before the edit: a sum the bad cell
    is (or may be) part of is not judged, so the only finding is the cell's own."""
    key, typed, rule = BAD_INPUTS[case]
    at: list[str] = []

    def edit(book: Workbook) -> None:
        measures = Table(book, SAVINGS_MEASURES)
        index = measures.find("programme", DIGI)
        at.append(measures.cell(key, index))
        measures.put(index, **{key: typed})

    _, _, findings = run(tmp_path, edited(programmes(), edit), "yksi.xlsx")
    assert [(f.sheet, f.cell, f.rule) for f in findings] == [
        (SAVINGS_MEASURES.sheet_name, at[0], rule)
    ]


def test_a_total_the_bad_input_cannot_change_is_still_checked(tmp_path: Path) -> None:
    """A blank status leaves the programme's row total and the grand total judged (the
    measure is in them whatever its status); a wrong one there is still an error."""
    at: list[str] = []

    def edit(book: Workbook) -> None:
        measures = Table(book, SAVINGS_MEASURES)
        index = measures.find("programme", DIGI)
        measures.put(index, status=None)
        pivot = Table(book, PIVOT_SAVINGS)
        digi = pivot.find("programme", DIGI)
        at.append(pivot.cell("total", digi))
        pivot.put(digi, total=float(pivot.get("total", digi)) - 1)

    _, _, findings = run(tmp_path, edited(programmes(), edit), "summa.xlsx")
    assert [f.rule for f in findings_at(findings, PIVOT_SAVINGS.sheet_name, at[0])] == [
        "pivot_total"
    ]


def test_a_deleted_header_is_reported_and_the_values_still_compute(tmp_path: Path) -> None:
    at: list[str] = []

    def edit(book: Workbook) -> None:
        measures = Table(book, SAVINGS_MEASURES)
        at.append(f"{measures.letter('target_sum')}{measures.header_row}")
        measures.sheet[at[0]] = None

    data = edited(programmes(), edit)
    _, values, findings = run(tmp_path, data, "otsikko.xlsx")
    book = open_book(data)
    assert total(values, book, SAVINGS_MEASURES, "target_sum") == math.fsum(
        amounts(book, SAVINGS_MEASURES, "target_sum")
    )
    assert [f.rule for f in findings_at(findings, SAVINGS_MEASURES.sheet_name, at[0])] == [
        "header_changed"
    ]


def test_recalc_says_per_cell_why_an_xs_cell_is_an_error(tmp_path: Path) -> None:
    data = edited(
        programmes(),
        lambda b: Table(b, SAVINGS_MEASURES).put(0, target_sum="1 234,5"),
    )
    path = tmp_path / "syy.xlsx"
    path.write_bytes(data)
    result = recalc(path, in_place=True)
    reasons = result.to_dict()["error_cells"]
    explained = [e for e in reasons if e.get("reason")]
    assert explained and all("tekst" in e["reason"] for e in explained)


# --- the second client: the same edit made in LibreOffice -----------------------------


def typed_row(row: int, values: list[Any]) -> list[dict[str, Any]]:
    """LibreOffice edits that type ``values`` into the measures sheet's ``row``, from column A."""
    return [
        {"op": "set", "sheet": SAVINGS_MEASURES.sheet_name, "row": row, "column": c, "value": v}
        for c, v in enumerate(values, start=1)
    ]


def test_a_row_inserted_in_libreoffice_is_in_every_total(tmp_path: Path) -> None:
    """LibreOffice grows the Table when a row is inserted inside it (it does not fill the
    calculated columns, and does not grow a Table from a row typed below it)."""
    from xlsrc.libreoffice import Session

    source = tmp_path / "ohjelmat.xlsx"
    source.write_bytes(programmes())
    measures = Table(open_book(programmes()), SAVINGS_MEASURES)
    row = measures.rows[2]
    values = [DIGI, "Uusi toimenpide LibreOfficessa", ON_TRACK, 0.5, -10_000]
    edits: list[dict[str, Any]] = [
        {"op": "insert_rows", "sheet": SAVINGS_MEASURES.sheet_name, "row": row, "count": 1}
    ]
    edits += typed_row(row, values)
    with Session() as office:
        edited_path = office.edit_to(source, tmp_path / "libreoffice.xlsx", edits)
    data = edited_path.read_bytes()
    _, computed, findings = run(tmp_path, data, "laskettu.xlsx")
    book = open_book(data)
    assert len(Table(book, SAVINGS_MEASURES).rows) == len(measures.rows) + 1
    expected = math.fsum(amounts(book, SAVINGS_MEASURES, "target_sum"))
    assert total(computed, book, SAVINGS_MEASURES, "target_sum") == expected
    digi = Table(book, PIVOT_SAVINGS).find("programme", DIGI)
    assert value(computed, book, PIVOT_SAVINGS, "status_2_calc", digi) == digi_on_track(book)
    stated = stated_total_cell(book, SAVINGS_MEASURES, "target_sum")
    [finding] = findings_at(findings, SAVINGS_MEASURES.sheet_name, stated)
    assert finding.computed == expected


def test_a_row_typed_below_a_table_in_libreoffice_is_an_error_not_left_out(
    tmp_path: Path,
) -> None:
    """LibreOffice does not grow a Table over a row typed right below it: the row is in no
    total, so validation reports it at its first cell instead of passing the workbook."""
    from xlsrc.libreoffice import Session

    source = tmp_path / "ohjelmat.xlsx"
    source.write_bytes(programmes())
    measures = Table(open_book(programmes()), SAVINGS_MEASURES)
    below = measures.rows[-1] + 1
    values = [DIGI, "Uusi toimenpide taulukon alla", ON_TRACK, 0.5, -300_000]
    edits = typed_row(below, values)
    with Session() as office:
        edited_path = office.edit_to(source, tmp_path / "libreoffice.xlsx", edits)
    book = open_book(edited_path.read_bytes())
    assert Table(book, SAVINGS_MEASURES).rows == measures.rows  # the Table did not grow
    findings = validate_workbook(edited_path)
    [outside] = [f for f in findings if f.rule == "outside_table"]
    assert (outside.sheet, outside.cell, outside.severity) == (
        SAVINGS_MEASURES.sheet_name,
        f"A{below}",
        "error",
    )
    assert SAVINGS_MEASURES.name in outside.message and f"Rivi {below}" in outside.message


@pytest.mark.parametrize("gap", [0, 1, 3], ids=["directly", "one blank row", "three"])
def test_the_status_sheet_refuses_a_task_typed_below_its_table(tmp_path: Path, gap: int) -> None:
    from xlsrc.status_sheet.headless import generate_file
    from xlsrc.status_sheet.tables import WorkbookLayoutError
    from xlsrc.workbooks.layouts import GOAL_TRACKING
    from xlsrc.workbooks.layouts.goal_tracking import TASKS

    book = open_book(build_workbook(GOAL_TRACKING, example=True))
    tasks = Table(book, TASKS)
    below = tasks.rows[-1] + 1 + gap
    tasks.sheet[f"A{below}"] = "G01"
    tasks.sheet[f"B{below}"] = "Uusi päätehtävä"
    path = tmp_path / "seuranta.xlsx"
    path.write_bytes(to_bytes(book))
    before = path.read_bytes()
    with pytest.raises(WorkbookLayoutError, match=f"{TASKS.sheet_name}!A{below}: rivi on taulukon"):
        generate_file(path, 3, year=2024)
    assert path.read_bytes() == before
