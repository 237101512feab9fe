"""Validation speaks the language asked for and finds the same things in every one.

The findings of a workbook depend on its cells, never on the language they are shown
in: under Swedish, the pivot's "Kaikki yhteensä" row was given the label "Totalt",
which the rules did not know for a total, and was reported as a programme without a
number.  The messages themselves are catalogue texts and come out in Swedish.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_user_edits_pasted import _pasted
from tests.test_validation_workbook import findings_of
from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import LANGUAGES, use_language
from xlsrc.frames.values import typed_cell
from xlsrc.reading.files import check_workbook_file
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.validation import validate_workbook
from xlsrc.workbooks.build import write_workbooks
from xlsrc.workbooks.layouts.strategic_targets import TARGETS_001


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("examples")
    return {p.name: p for p in write_workbooks(out, example=True)}


def test_the_findings_do_not_depend_on_the_language_they_are_shown_in(
    examples: dict[str, Path],
) -> None:
    found = {}
    for language in LANGUAGES:
        with use_language(language):
            found[language] = findings_of(examples)
    assert found["fi"]  # the seeds' own errors
    assert found["sv"] == found["fi"] and found["en"] == found["fi"]


def test_a_pasted_computed_column_is_reported_in_swedish(tmp_path: Path) -> None:
    path, cells = _pasted(tmp_path)
    [found] = [f for f in validate_workbook(path) if f.rule == "formula_replaced"]
    assert len(cells) > 2
    with use_language("sv"):
        message = found.message
    assert message.startswith("Den beräknade kolumnen")
    assert f"(och {len(cells) - 1} andra rader)" in message


def test_a_text_in_a_date_column_is_a_problem_in_the_language_of_the_reading(
    examples: dict[str, Path],
) -> None:
    source = OpenpyxlSource.open(examples["strategiset_tavoitteet.xlsx"])
    column = TARGETS_001.column("timestamp")
    with use_language("sv"):
        typed = typed_cell(source, "x", 1, 1, column, "ensi viikolla")
    assert typed.value is None
    assert typed.problem == "'ensi viikolla' är inget datum; skriv det som ett datum"


def test_an_old_binary_workbook_is_refused_in_swedish(tmp_path: Path) -> None:
    path = tmp_path / "vanha.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(UnreadableWorkbook) as raised:
        check_workbook_file(path)
    with use_language("sv"):
        assert str(raised.value) == (
            f"{path}: gammal Excel 97-2003-arbetsbok (.xls); spara den i formatet .xlsx eller .xlsm"
        )


def test_a_change_check_of_the_result_budget_is_reported_in_swedish(
    examples: dict[str, Path],
) -> None:
    """Its message was joined as text when the check was made: the line word ("Menot",
    "Toimintakate") and "TB 2024 − TB 2023" stayed Finnish in a Swedish report."""
    found = [f for f in validate_workbook(examples["tulosbudjetti.xlsx"]) if f.rule == "change_eur"]
    assert found  # the seed's own wrong changes
    with use_language("sv"):
        messages = [f.message for f in found]
    for message in messages:
        assert "RB 20" in message and "TB 20" not in message, message
        assert not any(word in message for word in ("Menot", "Tulot", "Toimintakate")), message
