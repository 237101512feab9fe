"""The "Huomio" column: why a row's computed cells show an error, said in the row itself.

A number typed as text, an unknown status word or a missing required value
makes the computed cells that depend on it show an error (#N/A, #VALUE!);
this column says which input and why, in the workbook's language, next to
the error.  It is a native formula built from the table's layout (no add-in
needed to read it),
and it states exactly the rules of :func:`xlsrc.core.numbers.read_cell`:
in a number column "-" is nil and the reports' non-value words are allowed
where the column says so; any other text is an error.
"""

from __future__ import annotations

from collections.abc import Mapping

from xlsrc.core.text import tr, translate
from xlsrc.workbooks.formulas import column_name, render, rules_column, this_row
from xlsrc.workbooks.layouts import METHODS_TABLE, Column, TableLayout, rules_block
from xlsrc.workbooks.layouts.columns import NOTE_FORMULA


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _check(column: Column, cell: str) -> str | None:
    """The Excel condition that this column's cell is wrong, and what to say, or None."""
    header = column.header
    if column.is_numeric:
        if column.words:
            message = f"{_text(header + ': ')}&{cell}&{_text(tr(' ei ole luku; ei arvioida. '))}"
        else:
            message = _text(tr("{header}: tekstiä, ei luku. ", header=header))
        return f'IF(AND(ISTEXT({cell}),{cell}<>"-"),{message},"")'
    if column.vocabulary is not None:
        # only the "Tila" word: the dropdown, the colours and the pivot's SUMIFS match it, so a
        # code alone ("2") is as unknown to the workbook as a typo
        unknown = f"ISNA(MATCH({cell},{rules_column(column.vocabulary, 'Tila')},0))"
        message = f'{_text(tr("{header}: tuntematon tila ", header=header))}&{cell}&". "'
        return f'IF(AND({cell}<>"",{unknown}),{message},"")'
    if column.kind == "method":
        method = rules_block("methods").first_header
        lookup = f"{METHODS_TABLE}{column_name(method)}"
        message = f'{_text(tr("{header}: tuntematon ", header=method))}&{cell}&". "'
        return f'IF(AND({cell}<>"",ISNA(MATCH({cell},{lookup},0))),{message},"")'
    if column.choices:
        choices = [translate(c) for c in column.choices]
        allowed = "{" + ",".join(_text(c) for c in choices) + "}"
        suffix = _text(tr(" ei ole sallittu ({allowed}). ", allowed=", ".join(choices)))
        message = f"{_text(header + ': ')}&{cell}&{suffix}"
        return f'IF(AND({cell}<>"",ISNA(MATCH({cell},{allowed},0))),{message},"")'
    return None


def note_formula(layout: TableLayout) -> str:
    """The "Huomio" formula of ``layout`` (without "="): "" for a fine or empty row."""
    inputs = layout.input_columns
    parts = []
    for column in inputs:
        cell = this_row(layout.name, column.header)
        check = _check(column, cell)
        if check is not None:
            parts.append(check)
        if column.required:
            missing = tr("{header} puuttuu. ", header=column.header)
            parts.append(f'IF({cell}="",{_text(missing)},"")')
    if not parts:
        return '""'
    row = this_row(layout.name, inputs[0].header, inputs[-1].header)
    return f'IF(COUNTA({row})=0,"",TRIM({"&".join(parts)}))'


def column_formula(column: Column, layout: TableLayout, tables: Mapping[str, TableLayout]) -> str:
    """The formula (with "=") of a computed column of ``layout``: its template rendered,
    or, for the "Huomio" column, the note formula built from the table's columns."""
    if column.formula is None:
        raise ValueError(f"{layout.key}.{column.key} has no formula")
    if column.formula == NOTE_FORMULA:
        return "=" + note_formula(layout)
    return render(column.formula, layout, tables)
