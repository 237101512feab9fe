"""Every row a statement template prints is read as its item, in every language.

Validation finds the rows of the income statements (seed 002 Taulukot 1-4) by
their labels (:func:`xlsrc.core.budget.statement_item`).  A row whose label
is not recognised takes part in no identity, so a template row the reader
did not know - a Swedish workbook prints "Inkomster totalt" where the Finnish
one prints "Tulot yhteensä" - silently lost its checks.  The labels come
from the layouts, so a row added there without its reading fails here.
"""

from __future__ import annotations

import pytest

from xlsrc.core.budget import statement_item
from xlsrc.core.text import LANGUAGES, Language, text_in
from xlsrc.validation.rules.statement import STATEMENTS
from xlsrc.workbooks.layouts import WORKBOOKS, StatementRow

ROWS: list[StatementRow] = [
    row
    for workbook in WORKBOOKS
    for table in workbook.tables
    if table.seed_table in STATEMENTS
    for row in table.statement_rows
]


def test_the_statement_tables_print_rows() -> None:
    assert len({text_in(row.label, "fi") for row in ROWS}) >= 10


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: text_in(row.label, "fi"))
def test_a_template_row_is_its_item_in_every_language(
    row: StatementRow, language: Language
) -> None:
    item = statement_item(text_in(row.label, "fi"))
    assert item is not None
    assert statement_item(text_in(row.label, language)) == item
