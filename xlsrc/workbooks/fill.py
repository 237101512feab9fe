"""What goes into the body of each table: empty rows (template) or the bundled seed rows.

A template gets :attr:`TableLayout.template_rows` empty rows (the Table grows
as rows are typed), except that a fixed statement gets its row labels.  An
example gets every row of the bundled seed table: section heading rows are not
rows of their own (their text is carried by every row below them in a column
such as Palvelukokonaisuus), and a stated grand total goes to the stated-total
row of the table's summary block.

The seeds do not say how each target is to be assessed (the "Arviointitapa"
column), so :func:`example_method` chooses, and says why, per row.

The seeds are Finnish.  A workbook built in another language gets its words
in that language where they are the template's vocabulary - status words,
budget line kinds, assessment methods, statement row labels (the formulas
match them) - while the units' own texts (goals, measures, names) stay as the
source wrote them.
"""

from __future__ import annotations

from collections.abc import Mapping

from xlsrc.core.budget import LINE_NAMES, line_kind
from xlsrc.core.errors import UnknownLineKind, UnknownStatus
from xlsrc.core.targets import number_in_text
from xlsrc.core.text import current_language, translate
from xlsrc.core.words import METHOD_WORDS
from xlsrc.seeds import SeedRow, SeedTable, load_table
from xlsrc.workbooks.layouts import VOCABULARIES, Column, TableLayout
from xlsrc.workbooks.sheet import Row, TableData

#: 001 Taulukko 1: the 80/90 traffic light is defined on the measured share itself
#: ("Palvelujen saatavuus", 88,3 %), so that metric is banded by its value; the other
#: targets are met or not (as ``xlsrc report`` assesses them).  Both reproduce the
#: statuses the table states.
_T1_TRAFFIC_LIGHT = "liikennevalo"


class SeedLayoutMismatch(ValueError):
    """The bundled seed table no longer fits its layout (a label or row count changed).

    A bug in xlsrc's bundled data or layouts, met by its own tests: a programmer reads it.
    """


def template_data(layout: TableLayout) -> TableData:
    if layout.statement_rows:
        label = layout.label_key or layout.columns[0].key
        return TableData([{label: row.text} for row in layout.statement_rows])
    return TableData([{} for _ in range(layout.template_rows)])


def example_data(layout: TableLayout) -> TableData:
    if layout.seed_table is None:
        raise SeedLayoutMismatch(  # i18n: a programmer's assertion (no seed data to fill)
            f"{layout.key}: no bundled seed table to fill"
        )
    table = load_table(layout.seed_table)
    seed_rows = [r for r in table.rows if r.kind != "section"]
    total: Row = {}
    if layout.totals is not None:
        totals = [r for r in seed_rows if r.kind == layout.totals.seed_kind]
        seed_rows = [r for r in seed_rows if r.kind != layout.totals.seed_kind]
        if len(totals) != 1:
            raise SeedLayoutMismatch(  # i18n: a programmer's assertion (seed data vs layout)
                f"{layout.key}: expected one stated total row"
            )
        total = _cells(layout, totals[0], table)
    if layout.distinct_by is not None:
        seed_rows = _distinct(seed_rows, layout.distinct_by)
    rows = [_cells(layout, row, table) for row in seed_rows]
    _check_statement(layout, rows)
    if layout.statement_rows and current_language() != "fi":  # the checks match the labels
        label = layout.label_key or layout.columns[0].key
        rows = [{**row, label: fixed.text} for row, fixed in zip(rows, layout.statement_rows,
                                                                 strict=True)]  # fmt: skip
    return TableData(rows, total)


def seed_row_count(layout: TableLayout) -> int:
    """How many table rows (body plus stated total) the example carries for ``layout``."""
    data = example_data(layout)
    return len(data.rows) + (1 if data.total else 0)


def _cells(layout: TableLayout, row: SeedRow, table: SeedTable) -> dict[str, str | None]:
    cells: dict[str, str | None] = {
        column.key: _word(column, row.text(column.seed_key))
        for column in layout.input_columns
        if column.seed_key is not None
    }
    if any(column.kind == "method" for column in layout.input_columns):
        method = example_method(table.id, row)
        cells["method"] = METHOD_WORDS.label(method) if method else None
    return cells


def _word(column: Column, text: str | None) -> str | None:
    """A seed cell in the workbook's language where it is one of the template's words (a
    Finnish workbook gets the seed's own text, exactly as printed)."""
    if not text or current_language() == "fi":
        return text
    if column.vocabulary is not None:
        try:
            return VOCABULARIES[column.vocabulary].parse(text).printed
        except UnknownStatus:
            return text  # as the source wrote it: validation reports it
    if column.choices and set(column.choices) == set(LINE_NAMES.values()):
        try:
            return translate(LINE_NAMES[line_kind(text)])
        except UnknownLineKind:
            return text
    return text


def example_method(table_id: str, row: SeedRow) -> str | None:
    """Arviointitapa of a seed target: see :data:`_T1_TRAFFIC_LIGHT`; 004 KPI series "ratio"
    (value against target) where the goal text gives a target, blank where it gives none;
    elsewhere "progress" when
    both the baseline and the target hold exactly one number (a distance to cover from
    the baseline), otherwise "met"."""
    if table_id == "004-goals":
        return "ratio" if row.cells.get("target") else None
    if table_id == "001-T1":
        text = (row.cells.get("target_text") or "").lower()
        return "value" if _T1_TRAFFIC_LIGHT in text else "met"
    baseline = row.cells.get("baseline")
    target = row.cells.get("target")
    start, goal = number_in_text(baseline), number_in_text(target)
    if start is not None and goal is not None and start != goal:
        return "progress"
    return "met"


def _distinct(rows: list[SeedRow], key: str) -> list[SeedRow]:
    seen: dict[str | None, SeedRow] = {}
    for row in rows:
        seen.setdefault(row.cells.get(key), row)
    return list(seen.values())


def _check_statement(layout: TableLayout, rows: list[dict[str, str | None]]) -> None:
    if not layout.statement_rows:
        return
    label = layout.label_key or layout.columns[0].key
    printed = [row.get(label) for row in rows]
    expected = [translate(str(row.label), "fi") for row in layout.statement_rows]
    if printed != expected:
        raise SeedLayoutMismatch(  # i18n: a programmer's assertion (seed data vs layout)
            f"{layout.key}: seed rows {printed} do not match the statement rows {expected}"
        )


def table_data(layout: TableLayout, example: bool) -> TableData:
    return example_data(layout) if example else template_data(layout)


def all_data(tables: Mapping[str, TableLayout], example: bool) -> dict[str, TableData]:
    return {key: table_data(layout, example) for key, layout in tables.items()}
