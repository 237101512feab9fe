"""Assessment-method words ("Arviointitapa") are checked in every table that has them.

The status sheet refuses a workbook whose method word it does not know;
validation must refuse the same word at the same cell, or ``xlsrc validate``
says "Ei havaintoja" about a file the status sheet will not read - a check
skipped in silence.  Before, only Taulukko 1 rows with a stated status were
parsed, so a typo in the KPI table or the other target tables passed.

The workbooks are the ``xlsrc demo`` files (Finnish and Swedish), edited as a
user edits them: a word typed into a body row of a Table, found by layout
and row index (:mod:`tests.edits`), saved, validated from the file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook

from tests.edits import Table, edited, open_book
from xlsrc.cli.main import cli
from xlsrc.core.errors import InvalidTarget
from xlsrc.core.text import Language, use_language
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.status_sheet.headless import generate_file
from xlsrc.validation import CellFinding, validate_workbook
from xlsrc.validation.rules import validate_tables
from xlsrc.validation.workbook import read_workbook
from xlsrc.workbooks.layouts import WORKBOOKS, TableLayout, WorkbookLayout
from xlsrc.workbooks.layouts.goal_tracking import KPIS
from xlsrc.workbooks.layouts.strategic_targets import TARGETS_000, TARGETS_001, TARGETS_003

#: every test here runs with each workbook reader (the engine's package reader, openpyxl)
pytestmark = pytest.mark.usefixtures("workbook_reader")

TYPO = "Toteutumisate"  # "Toteutumisaste" with a letter missing

#: Every template table with a method column, from the layouts themselves: a table
#: added later is covered without editing this list.
METHOD_TABLES: list[tuple[WorkbookLayout, TableLayout]] = [
    (workbook, table)
    for workbook in WORKBOOKS
    for table in workbook.tables
    if any(column.kind == "method" for column in table.columns)
]


def typed(
    demos: dict[Language, Path],
    tmp_path: Path,
    workbook: WorkbookLayout,
    words: dict[tuple[TableLayout, int], str | None],
    language: Language = "fi",
) -> tuple[Path, dict[tuple[TableLayout, int], tuple[str, str]]]:
    """The demo ``workbook`` with ``words`` typed into method cells (table, row index).

    Returns the saved file and where each word went (sheet, A1), read from the
    edited sheet rather than from the code under test.
    """
    where: dict[tuple[TableLayout, int], tuple[str, str]] = {}

    def type_words(book: Workbook) -> None:
        with use_language(language):  # the sheets carry the workbook's language's names
            for (layout, index), word in words.items():
                table = Table(book, layout)
                table.put(index, method=word)
                where[layout, index] = (table.sheet.title, table.cell("method", index))

    data = edited((demos[language] / workbook.file_name).read_bytes(), type_words)
    path = tmp_path / f"{language}_{workbook.file_name}"
    path.write_bytes(data)
    return path, where


def method_findings(path: Path) -> list[CellFinding]:
    return [f for f in validate_workbook(path) if f.rule == "unknown_method"]


def places(findings: list[CellFinding]) -> list[tuple[str, str]]:
    return [(f.sheet, f.cell) for f in findings]


# --- the reviewer's three cells --------------------------------------------------------


@pytest.mark.parametrize(
    ("layout", "index", "sheet", "cell"),
    [
        (KPIS, 1, "KPI-arvot", "I8"),
        (TARGETS_000, 0, "Tavoitteet 1. ennuste", "H7"),
        (TARGETS_003, 0, "Sitovat tavoitteet 2024", "F7"),
    ],
    ids=["kpis", "targets_000", "targets_003"],
)
def test_a_method_typo_outside_taulukko_1_is_an_error_at_its_cell(
    demos: dict[Language, Path],
    tmp_path: Path,
    layout: TableLayout,
    index: int,
    sheet: str,
    cell: str,
) -> None:
    """The cells the review found passing in silence: each is now one error, at that cell."""
    workbook = next(w for w, t in METHOD_TABLES if t is layout)
    path, where = typed(demos, tmp_path, workbook, {(layout, index): TYPO})
    assert where[layout, index] == (sheet, cell)  # the row the review edited
    found = method_findings(path)
    assert places(found) == [(sheet, cell)]
    assert found[0].severity == "error"
    assert found[0].stated == TYPO
    assert TYPO in found[0].message
    run = CliRunner().invoke(cli, ["validate", str(path)])
    assert run.exit_code == 1, run.output  # an error: the command fails, not "Ei havaintoja"


@pytest.mark.parametrize(
    ("workbook", "layout"), METHOD_TABLES, ids=[t.key for _, t in METHOD_TABLES]
)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_method_column_of_every_table_is_checked(
    demos: dict[Language, Path],
    tmp_path: Path,
    workbook: WorkbookLayout,
    layout: TableLayout,
    language: Language,
) -> None:
    """A typo in the last body row of each method column: one finding, at that cell.

    The tables come from the layouts, so a method column added later is covered
    too; 001-T1 is among them although its status rule reads the word as well.
    """
    with use_language(language):
        last = len(Table(open_book(demos[language] / workbook.file_name), layout).rows) - 1
    path, where = typed(demos, tmp_path, workbook, {(layout, last): TYPO}, language)
    assert places(method_findings(path)) == [where[layout, last]]


def test_taulukko_1_reports_a_method_typo_once_with_or_without_a_status(
    demos: dict[Language, Path], tmp_path: Path
) -> None:
    """001-T1's status rule parses the method too; the word is still one finding per cell."""
    workbook = next(w for w, t in METHOD_TABLES if t is TARGETS_001)

    def without_status(book: Workbook) -> None:
        Table(book, TARGETS_001).put(1, status=None)

    data = edited((demos["fi"] / workbook.file_name).read_bytes(), without_status)
    start = tmp_path / "start"
    start.mkdir()
    (start / workbook.file_name).write_bytes(data)
    path, where = typed(
        {"fi": start}, tmp_path, workbook, {(TARGETS_001, 0): TYPO, (TARGETS_001, 1): TYPO}
    )
    found = method_findings(path)
    assert places(found) == [where[TARGETS_001, 0], where[TARGETS_001, 1]]
    assert len({f.message for f in found}) == 1  # one rule, one message


_NOW = datetime(2025, 3, 25, 14, 2)


# --- the words the status sheet accepts are accepted here --------------------------------

#: Words the status sheet reads as methods: Swedish labels and aliases, a code, another
#: case and spacing.  Typed into a Finnish and a Swedish workbook alike.
ACCEPTED = ["Måluppfyllelse", "Uppmätt andel", "Uppnått eller inte", "Framsteg", "uppnått",
            "värde", "ratio", "  toteutumisaste "]  # fmt: skip


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_words_the_status_sheet_accepts_are_accepted_and_only_the_typo_is_not(
    demos: dict[Language, Path], tmp_path: Path, language: Language
) -> None:
    """The KPI table holding every accepted word and one typo: one finding, at the typo.

    The status sheet reads the same file: it accepts every word but the typo,
    and refuses the typo with the message validation gives.
    """
    workbook = next(w for w, t in METHOD_TABLES if t is KPIS)
    words: dict[tuple[TableLayout, int], str | None] = {
        (KPIS, i): word for i, word in enumerate(ACCEPTED)
    }
    words[KPIS, len(ACCEPTED)] = TYPO
    path, where = typed(demos, tmp_path, workbook, words, language)
    found = method_findings(path)
    assert places(found) == [where[KPIS, len(ACCEPTED)]]
    with pytest.raises(InvalidTarget) as refused:
        generate_file(path, 3, year=2024, out=tmp_path / "refused.xlsx", now=_NOW)
    assert found[0].message in str(refused.value)  # one parser, one message
    sheet, cell = where[KPIS, len(ACCEPTED)]  # the method's own cell, not the row's first
    assert str(refused.value).startswith(f"{path}: {sheet}!{cell}: ")

    words[KPIS, len(ACCEPTED)] = None  # a blank method: the rules sheet's default
    fine, _ = typed(demos, tmp_path, workbook, words, language)
    assert method_findings(fine) == []
    generate_file(fine, 3, year=2024, out=tmp_path / "accepted.xlsx", now=_NOW)


# --- the unedited demos -------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_unedited_demos_check_every_method_column_and_find_nothing_new(
    demos: dict[Language, Path], language: Language
) -> None:
    """Every method column of the demos is read as one, and its words add no finding.

    The findings are compared with the same tables read without method
    columns: the demos' words (and blanks, the KPI table's) are all known.
    """
    families = {t.seed_table or t.key for _, t in METHOD_TABLES}
    for workbook in {w for w, _ in METHOD_TABLES}:
        tables, _ = read_workbook(OpenpyxlSource.open(demos[language] / workbook.file_name))
        checked = {t.family for t in tables if "method" in t.method_columns}
        assert checked == families & {t.family for t in tables}, workbook.key
        without = [replace(t, method_columns=frozenset()) for t in tables]
        found = [f.as_json() for f in validate_tables(tables)]
        assert found == [f.as_json() for f in validate_tables(without)], workbook.key
