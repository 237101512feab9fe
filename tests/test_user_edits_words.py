"""Words the workbook's own formulas compare exactly, and result-budget rows a user broke.

Taulukko 5's checks find a row's line through SUMIFS on its "Erä" word, and a
savings programme's pivot counts a measure by its "Tilannekuva" word: Excel
compares those words exactly, ignoring case only.  The row's "Huomio" says so
when a word is not one of them; validation must say the same, at the same
cell, where a tolerant parser used to read "Tulott" as income and "Etenee
suunnitellusti" as "2. Etenee suunnitellusti" (counted by xlsrc, left out by
Excel).  Each test edits the example workbook as a user would, recalculates
and validates it (:func:`tests.test_user_edits.run`) and reads both the
finding and the recalculated "Huomio" of the edited row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from tests.edits import Table, edited, setting
from tests.test_user_edits import ON_TRACK, findings_at, programmes, result_budget, run
from xlsrc.validation import CellFinding
from xlsrc.workbooks.layouts import TableLayout
from xlsrc.workbooks.layouts.programmes import SAVINGS_MEASURES
from xlsrc.workbooks.layouts.result_budget import BUDGET_RESULT

pytestmark = pytest.mark.usefixtures("workbook_reader")


def typed_over(
    tmp_path: Path, layout: TableLayout, key: str, old: str, new: object
) -> tuple[dict[str, str], list[CellFinding], object]:
    """Type ``new`` over the first ``old`` in column ``key``: the row's cells by column key,
    the findings, and the row's recalculated "Huomio"."""
    data = result_budget() if layout is BUDGET_RESULT else programmes()
    at: dict[str, str] = {}

    def edit(book: Workbook) -> None:
        table = Table(book, layout)
        index = table.find(key, old)
        table.put(index, **{key: new})
        at.update({column.key: table.cell(column.key, index) for column in layout.columns})

    _, values, findings = run(tmp_path, edited(data, edit), "muokattu.xlsx")
    return at, findings, values.value(layout.sheet_name, at["note"])


@pytest.mark.parametrize(
    ("layout", "key", "old", "new", "rule"),
    [
        (BUDGET_RESULT, "line", "Tulot", "Tulott", "unknown_choice"),
        (BUDGET_RESULT, "line", "Tulot", "Intäkter", "unknown_choice"),
        (BUDGET_RESULT, "line", "Menot", "Menot ", "unknown_choice"),
        (SAVINGS_MEASURES, "status", ON_TRACK, "Etenee suunnitellusti", "unknown_status"),
        (SAVINGS_MEASURES, "status", ON_TRACK, "2", "unknown_status"),
    ],
    ids=["typo", "swedish-in-finnish", "trailing-space", "status-without-code", "code-alone"],
)
def test_a_word_the_formulas_would_not_match_is_an_error_where_huomio_says_so(
    tmp_path: Path, layout: TableLayout, key: str, old: str, new: str, rule: str
) -> None:
    cell, findings, note = typed_over(tmp_path, layout, key, old, new)
    found = findings_at(findings, layout.sheet_name, cell[key])
    assert [f.rule for f in found] == [rule]
    assert found[0].finding.severity == "error"
    assert isinstance(note, str) and new.strip() in note  # the workbook says it too
    if key == "status":  # a word a parser knows gets its printed form as the fix
        assert f"'{ON_TRACK}'" in str(found[0].finding.message)
    else:
        assert "Tulot, Menot, Toimintakate" in str(found[0].finding.message)


@pytest.mark.parametrize(
    ("layout", "key", "old", "new"),
    [
        (BUDGET_RESULT, "line", "Tulot", "TULOT"),
        (SAVINGS_MEASURES, "status", ON_TRACK, ON_TRACK.upper()),
    ],
    ids=["line", "status"],
)
def test_another_case_is_the_same_word_to_excel_and_to_validation(
    tmp_path: Path, layout: TableLayout, key: str, old: str, new: str
) -> None:
    cell, findings, note = typed_over(tmp_path, layout, key, old, new)
    assert findings_at(findings, layout.sheet_name, cell[key]) == []
    assert note == ""


def _service_row(book: Workbook) -> tuple[Table, int]:
    """The first Taulukko 5 row of a service (not an area total)."""
    table = Table(book, BUDGET_RESULT)
    index = next(i for i in range(len(table.rows)) if table.get("service", i))
    return table, index


def test_a_deleted_service_name_is_an_error_at_the_blank_service(tmp_path: Path) -> None:
    """Without its Palvelu the row reads as a second line of its area: its numbers were in
    no check, and the area's own (correct) totals took the blame."""
    at: dict[str, str] = {}

    def edit(book: Workbook) -> None:
        table, index = _service_row(book)
        at["service"] = table.cell("service", index)
        table.put(index, service=None)

    _, _, findings = run(tmp_path, edited(result_budget(), edit), "palvelu.xlsx")
    found = findings_at(findings, BUDGET_RESULT.sheet_name, at["service"])
    assert [f.rule for f in found] == ["misplaced_row"]
    assert "nimi puuttuu" in str(found[0].finding.message)


def test_a_second_row_of_the_same_line_is_an_error(tmp_path: Path) -> None:
    at: dict[str, str] = {}

    def edit(book: Workbook) -> None:
        table, index = _service_row(book)
        values = {c.key: table.get(c.key, index) for c in BUDGET_RESULT.input_columns}
        added = table.append(**values)
        at["service"] = table.cell("service", added)

    _, _, findings = run(tmp_path, edited(result_budget(), edit), "kahdesti.xlsx")
    found = findings_at(findings, BUDGET_RESULT.sheet_name, at["service"])
    assert [f.rule for f in found] == ["misplaced_row"]
    assert "on jo solussa" in str(found[0].finding.message)


@pytest.mark.parametrize("year", ["tb2023", "tb2024"])
def test_a_blank_budget_year_on_a_line_row_is_a_missing_value(tmp_path: Path, year: str) -> None:
    """Its change shows #VALUE!; the identities read the blank as no number at all."""
    at: dict[str, str] = {}

    def edit(book: Workbook) -> None:
        table, index = _service_row(book)
        at[year] = table.cell(year, index)
        table.put(index, **{year: None})

    _, _, findings = run(tmp_path, edited(result_budget(), edit), "tyhja.xlsx")
    found = findings_at(findings, BUDGET_RESULT.sheet_name, at[year])
    assert [f.rule for f in found] == ["missing_value"]


def test_the_words_are_the_templates_own_whatever_kieli_says_now(tmp_path: Path) -> None:
    """Kieli chooses the language xlsrc writes in; it translates no formula.  A Finnish
    workbook switched to English used to get an error at every correct Finnish status
    ("kirjoita '2. On track'"), and the English word, which its Huomio refuses, none."""
    at: dict[str, str] = {}

    def edit(book: Workbook) -> None:
        setting(book, "Kieli", "English")
        table = Table(book, SAVINGS_MEASURES)
        index = table.find("status", ON_TRACK)
        table.put(index, status="2. On track")
        at["status"] = table.cell("status", index)
        at["note"] = table.cell("note", index)

    _, values, findings = run(tmp_path, edited(programmes(), edit), "kieli.xlsx")
    statuses = [f for f in findings if f.rule == "unknown_status"]
    assert [(f.sheet, f.cell) for f in statuses] == [(SAVINGS_MEASURES.sheet_name, at["status"])]
    assert "2. On track" in str(values.value(SAVINGS_MEASURES.sheet_name, at["note"]))


@pytest.mark.parametrize("typo", ["Toimintakatte", "Menoot"])
def test_a_line_word_typo_is_reported_once_not_at_the_right_totals(
    tmp_path: Path, typo: str
) -> None:
    """A service's mistyped line was simply missing from its area's sum, so the area's
    correct stated total (Taulukko 5!D9) got the blame too."""
    word = "Toimintakate" if typo == "Toimintakatte" else "Menot"
    at: dict[str, str] = {}

    def edit(book: Workbook) -> None:
        table = Table(book, BUDGET_RESULT)
        index = next(
            i
            for i in range(len(table.rows))
            if table.get("service", i) and table.get("line", i) == word
        )
        table.put(index, line=typo)
        at["line"] = table.cell("line", index)

    before = {(f.sheet, f.cell) for f in run(tmp_path, result_budget(), "ennen.xlsx")[2]}
    _, _, findings = run(tmp_path, edited(result_budget(), edit), "typo.xlsx")
    new = [f for f in findings if (f.sheet, f.cell) not in before]  # the demo has errors
    assert [(f.sheet, f.cell, f.rule) for f in new] == [
        (BUDGET_RESULT.sheet_name, at["line"], "unknown_choice")
    ]
