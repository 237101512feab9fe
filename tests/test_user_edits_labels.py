"""Rows the rules recognise by their labels, relabelled by a user: never silently unchecked.

The result budget (Taulukko 5), the forecast (TAE 2024) and the investment plan
(Taulukko 6) find their lines and headings by the words in a label column.  A
typo there ("Tuloot", "Toimintatuotto", "Pysyvat vastaavat") used to take the
row, and every check its numbers were in, out of validation without a word.
Each test edits the template workbook as a user would, recalculates and
validates it as ``xlsrc recalc`` and ``xlsrc validate`` do (both must agree:
:func:`tests.test_user_edits.run`), and looks for the finding at the label
cell; the unedited workbook has no such finding.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from tests.edits import Table, edited
from tests.test_user_edits import findings_at, result_budget, run
from xlsrc.validation import CellFinding
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import BUDGET_FORECAST, TableLayout
from xlsrc.workbooks.layouts.budget_forecast import BUDGET_FORECAST_TABLE
from xlsrc.workbooks.layouts.result_budget import (
    BUDGET_INCOME_STATEMENT,
    BUDGET_RESULT,
    BUDGET_SERVICES,
    INVESTMENTS,
)

pytestmark = pytest.mark.usefixtures("workbook_reader")

INCOME = "Toimintatuotot - Verksamhetsintäkter"


@cache
def budget_forecast() -> bytes:
    return build_workbook(BUDGET_FORECAST, example=True)


def relabelled(
    tmp_path: Path, data: bytes, layout: TableLayout, key: str, old: str, new: str, **typed: float
) -> tuple[dict[str, str], list[CellFinding]]:
    """Type ``new`` over the first ``old`` in column ``key`` (and ``typed`` on that row):
    the edited row's cell addresses by column key, and the recalculated workbook's findings."""
    at: dict[str, str] = {}

    def edit(book: Workbook) -> None:
        table = Table(book, layout)
        index = table.find(key, old)
        table.put(index, **{key: new}, **typed)
        at.update({column.key: table.cell(column.key, index) for column in layout.columns})

    _, _, findings = run(tmp_path, edited(data, edit), "muokattu.xlsx")
    return at, findings


def rules(findings: list[CellFinding], rule: str) -> list[CellFinding]:
    return [f for f in findings if f.rule == rule]


@pytest.fixture(scope="module")
def unedited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[CellFinding]]:
    """Findings of the two unedited example workbooks (once per module, one reader)."""
    folder = tmp_path_factory.mktemp("unedited")
    return {
        "result_budget": run(folder, result_budget(), "tulosbudjetti.xlsx")[2],
        "budget_forecast": run(folder, budget_forecast(), "ennuste.xlsx")[2],
    }


def test_the_unedited_workbooks_have_no_unrecognised_rows(
    unedited: dict[str, list[CellFinding]],
) -> None:
    for findings in unedited.values():
        assert rules(findings, "unknown_line") == []
        assert rules(findings, "unknown_row") == []


@pytest.mark.parametrize("typo", ["Tuloot", "Toimintakatte"])
def test_a_mistyped_line_word_with_numbers_is_an_error_at_the_word(
    tmp_path: Path, typo: str
) -> None:
    word = "Tulot" if typo == "Tuloot" else "Toimintakate"
    cell, findings = relabelled(tmp_path, result_budget(), BUDGET_RESULT, "line", word, typo)
    found = findings_at(findings, BUDGET_RESULT.sheet_name, cell["line"])
    assert [f.rule for f in found] == ["unknown_choice"]
    assert found[0].finding.severity == "error"
    message = str(found[0].finding.message)
    assert f"'{typo}'" in message and "Tulot, Menot, Toimintakate" in message


def test_a_word_on_a_row_without_numbers_is_refused_as_its_huomio_refuses_it(
    tmp_path: Path,
) -> None:
    """Taulukko 5 has no heading rows (Erä is required): "Otsikko" is no word its SUMIFS
    know, and the row's Huomio says so; validation says the same, numbers or not."""

    def edit(book: Workbook) -> None:  # typed below the Table, a word in Erä
        Table(book, BUDGET_RESULT).append(area="UUSI PALVELUKOKONAISUUS", line="Otsikko")

    _, _, findings = run(tmp_path, edited(result_budget(), edit), "otsikko.xlsx")
    assert [f.finding.stated for f in rules(findings, "unknown_choice")] == ["Otsikko"]
    assert rules(findings, "unknown_line") == []


def test_a_swedish_forecast_heading_keeps_its_checks(tmp_path: Path) -> None:
    """Verksamhetsintäkter alone is the income heading: a wrong subtotal is still found."""
    table = BUDGET_FORECAST_TABLE
    cell, findings = relabelled(
        tmp_path, budget_forecast(), table, "item", INCOME, "Verksamhetsintäkter", ta2023=99_999
    )
    found = findings_at(findings, table.sheet_name, cell["ta2023"])
    assert found and all("subtotal_sum" in f.rule for f in found)
    assert rules(findings, "unknown_row") == []


def test_a_mistyped_forecast_heading_is_an_error_at_the_heading(tmp_path: Path) -> None:
    table = BUDGET_FORECAST_TABLE
    typo = "Toimintatuotto - Verksamhetsintäkter"
    cell, findings = relabelled(tmp_path, budget_forecast(), table, "item", INCOME, typo)
    found = findings_at(findings, table.sheet_name, cell["item"])
    assert [f.rule for f in found] == ["unknown_row"]
    assert f"'{typo}'" in str(found[0].finding.message)


def test_a_mistyped_investment_heading_is_an_error_at_the_heading(tmp_path: Path) -> None:
    cell, findings = relabelled(
        tmp_path, result_budget(), INVESTMENTS, "item", "Pysyvät vastaavat", "Pysyvat vastaavat"
    )
    found = findings_at(findings, INVESTMENTS.sheet_name, cell["item"])
    assert [f.rule for f in found] == ["unknown_row"]
    assert "'Pysyvat vastaavat'" in str(found[0].finding.message)


@pytest.mark.parametrize("typo", ["Tulot yhteenstä", "Poistot yhteensä"])
def test_a_mistyped_statement_row_is_an_error_at_its_label(tmp_path: Path, typo: str) -> None:
    """Taulukot 1-4 find Tulot, Menot, Poistot... by label: a typo took the row's numbers
    out of the Toimintakate and result identities (and an existing error with them)."""
    table, word = (BUDGET_SERVICES, "Tulot yhteensä") if "Tulot" in typo else (
        BUDGET_INCOME_STATEMENT, "Poistot"
    )  # fmt: skip
    cell, findings = relabelled(tmp_path, result_budget(), table, "item", word, typo)
    found = findings_at(findings, table.sheet_name, cell["item"])
    assert [f.rule for f in found] == ["unknown_row"]
    assert found[0].finding.severity == "error"
    assert f"'{typo}'" in str(found[0].finding.message)


def test_a_swedish_label_in_a_finnish_statement_keeps_its_checks(tmp_path: Path) -> None:
    """ "Inkomster totalt" is the Swedish template's own label of Tulot yhteensä."""
    cell, findings = relabelled(
        tmp_path, result_budget(), BUDGET_SERVICES, "item", "Tulot yhteensä", "Inkomster totalt",
        ta2024=250_000,
    )  # fmt: skip
    found = findings_at(findings, BUDGET_SERVICES.sheet_name, cell["ta2024"])
    assert found and any("margin_identity" in f.rule for f in found)
    assert rules(findings, "unknown_row") == []


@pytest.mark.parametrize(
    ("table", "word"),
    [
        (BUDGET_SERVICES, "Tulot yhteensä"),
        (BUDGET_INCOME_STATEMENT, "Poistot"),
        (INVESTMENTS, "Rakennukset"),
        (BUDGET_FORECAST_TABLE, INCOME),
    ],
    ids=["taulukko3", "taulukko2", "taulukko6", "ennuste"],
)
def test_a_deleted_label_on_a_row_with_numbers_is_an_error_at_the_blank_label(
    tmp_path: Path, table: TableLayout, word: str
) -> None:
    """The label deleted, the numbers left: the rules place rows by their labels, so the
    row was in no check at all, and (the label column not being required) nothing said so."""
    data = budget_forecast() if table is BUDGET_FORECAST_TABLE else result_budget()
    cell, findings = relabelled(tmp_path, data, table, "item", word, None)
    found = findings_at(findings, table.sheet_name, cell["item"])
    assert [f.rule for f in found] == ["unknown_row"]
    assert found[0].finding.severity == "error"
    assert "nimi puuttuu" in str(found[0].finding.message)


def test_a_deleted_required_label_is_reported_once(tmp_path: Path) -> None:
    """Taulukko 5's Erä is required: the input rule's missing_value says it, not a second
    finding at the same cell."""
    cell, findings = relabelled(tmp_path, result_budget(), BUDGET_RESULT, "line", "Tulot", None)
    found = findings_at(findings, BUDGET_RESULT.sheet_name, cell["line"])
    assert [f.rule for f in found] == ["missing_value"]


def _investment_findings(tmp_path: Path, edit: Callable[[Table], None]) -> list[CellFinding]:
    def on_book(book: Workbook) -> None:
        edit(Table(book, INVESTMENTS))

    return run(tmp_path, edited(result_budget(), on_book), "investoinnit.xlsx")[2]


def test_a_known_row_under_the_wrong_subtotal_is_an_error_at_its_label(tmp_path: Path) -> None:
    """A plain "Rakennukset" is a row of Pysyvät vastaavat; typed under Investointeja
    vastaavat sopimukset (over its Laite- ja kalustohankinnat) it is a known label, so
    no unknown_row, and in no subtotal at all."""
    at: list[str] = []

    def edit(table: Table) -> None:
        lease = table.find("item", "Rakennukset (kokonaisvuokravastuun muutos)")
        table.put(lease + 1, item="Rakennukset")
        at.append(table.cell("item", lease + 1))

    findings = _investment_findings(tmp_path, edit)
    found = findings_at(findings, INVESTMENTS.sheet_name, at[0])
    assert [f.rule for f in found] == ["misplaced_row"]
    assert "'Investointeja vastaavat sopimukset'" in str(found[0].finding.message)


def test_a_second_line_of_one_kind_under_a_subtotal_is_an_error_at_its_label(
    tmp_path: Path,
) -> None:
    """Only the first "Rakennukset" under Pysyvät vastaavat is its part: a second one (a
    row relabelled, or copied) was in no subtotal."""
    cell, findings = relabelled(
        tmp_path, result_budget(), INVESTMENTS, "item", "Laite- ja kalustohankinnat", "Rakennukset"
    )
    found = findings_at(findings, INVESTMENTS.sheet_name, cell["item"])
    assert [f.rule for f in found] == ["misplaced_row"]


def test_a_subtotal_whose_line_was_deleted_is_still_checked(tmp_path: Path) -> None:
    """Deleting the empty Muut investoinnit line used to skip the Pysyvät vastaavat check
    (a part not found): a wrong subtotal then validated clean."""
    at: list[str] = []

    def edit(table: Table) -> None:
        heading = table.find("item", "Pysyvät vastaavat")
        table.delete(table.find("item", "Muut investoinnit"))
        table.put(heading, y2025=99_999)
        at.append(table.cell("y2025", heading))

    findings = _investment_findings(tmp_path, edit)
    found = findings_at(findings, INVESTMENTS.sheet_name, at[0])
    assert found and all("subtotal_sum" in f.rule for f in found)


def test_a_mistyped_margin_heading_is_reported_as_a_missing_row(tmp_path: Path) -> None:
    """ "Toimintakatte" reads as one more line under Toimintakulut: the subtotal it breaks
    was reported, but the margin identity did not run and nothing said so."""
    table = BUDGET_FORECAST_TABLE
    margin = "Toimintakate - Verksamhetsbidrag"
    _, findings = relabelled(tmp_path, budget_forecast(), table, "item", margin, "Toimintakatte")
    missing = rules(findings, "missing_row")
    assert len(missing) == 1
    assert "Toimintakate" in str(missing[0].finding.message)
    assert missing[0].finding.severity == "error"
