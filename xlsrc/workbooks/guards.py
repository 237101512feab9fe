"""What a template checks by itself while a user types: validation lists and highlights.

* Data validation on every input column: numbers only in number columns
  (with a prompt in the workbook's language saying how to write one), dropdown lists for
  statuses, methods and fixed words.  Excel refuses most slips at typing time.
* A highlight (conditional format) on every stated cell that differs from its
  recomputation by more than the rounding tolerance of
  :func:`xlsrc.core.checks.tolerance_for` - the same tolerance validation
  grades with - and a legend on the sheet saying what it means.
* Status cells coloured from the rules sheet (:func:`colour_statuses`).
"""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.core.checks import tolerance_for
from xlsrc.core.numbers import format_decimals
from xlsrc.core.text import N_, tr, translate
from xlsrc.workbooks import styles
from xlsrc.workbooks.layouts import RULES_SHEET, Column, TableLayout
from xlsrc.workbooks.placement import Placed, absolute
from xlsrc.workbooks.rules_sheet import block_range, colour_statuses

_NUMBER_PROMPT = N_(
    "Kirjoita luku, esim. 1234,5 tai -250 (ei välilyöntejä, yksikköä eikä tekstiä); "
    "0, kun arvoa ei ole."
)
_PERCENT_PROMPT = N_("Kirjoita prosentti, esim. 13,6 % tai 0,136.")
_LEGEND = N_(
    "Punainen täyttö: ilmoitettu luku poikkeaa lasketusta enemmän kuin pyöristys sallii "
    "(±1 yksikkö; prosenteissa yksi viimeisen näkyvän numeron yksikkö). Huomio-sarake kertoo, "
    "miksi laskettu solu näyttää virhettä."
)


def legend(layout: TableLayout) -> str:
    """The legend line of a sheet that has highlights (else "")."""
    pairs = any(c.recomputes for c in layout.columns)
    return translate(_LEGEND) if pairs or layout.totals or layout.check_rows else ""


def add_validation(sheet: Worksheet, placed: Placed) -> None:
    """Data validation and status colours for every input column of the table."""
    for column in placed.layout.columns:
        cells = placed.body(column.key)
        top_left = f"{placed.letter(column.key)}{placed.first_row}"
        rule = _validation(column)
        if rule is not None:
            rule.add(cells)
            sheet.add_data_validation(rule)
        if column.vocabulary is not None:
            colour_statuses(sheet, cells, top_left, column.vocabulary)
        if column.rules is not None:
            colour_statuses(sheet, cells, top_left, column.rules)


def _validation(column: Column) -> DataValidation | None:
    if column.is_computed:
        return None
    if column.is_numeric and not column.words:
        percent = column.kind == "percent"
        return DataValidation(
            type="decimal", operator="between", formula1="-1000000000000000",
            formula2="1000000000000000", allow_blank=True, showInputMessage=True,
            showErrorMessage=True, promptTitle=column.header[:32],
            prompt=translate(_PERCENT_PROMPT if percent else _NUMBER_PROMPT),
            errorTitle=tr("Ei luku")[:32],
            error=tr("{header}: {prompt}", header=column.header, prompt=translate(_NUMBER_PROMPT)),
        )  # fmt: skip
    source: str | None = None
    if column.vocabulary is not None:
        source = block_range(column.vocabulary, "Tila")
    elif column.kind == "method":
        source = block_range("methods", "Arviointitapa")
    elif column.choices:
        source = '"' + ",".join(translate(c) for c in column.choices) + '"'
    if source is None:
        return None
    return DataValidation(
        type="list", formula1=source, allow_blank=True, showErrorMessage=True,
        errorTitle=tr("Tuntematon arvo")[:32],  # Excel allows at most 32 characters here
        error=tr("{header}: valitse arvo luettelosta (luettelo on {sheet}-välilehdellä).",
                 header=column.header, sheet=translate(RULES_SHEET)),
    )  # fmt: skip


def _differs(stated: str, computed: str, column: Column) -> str:
    """Excel condition: the stated cell disagrees with the computed one beyond rounding."""
    if column.is_status:
        return f'AND({stated}<>"",ISTEXT({computed}),{stated}<>{computed})'
    decimals = format_decimals(column.number_format or "")
    tolerance = tolerance_for(column.kind, decimals) + 1e-9
    return f"AND(ISNUMBER({stated}),ISNUMBER({computed}),ABS({stated}-{computed})>{tolerance:.10g})"


def _highlight(sheet: Worksheet, cells: str, condition: str) -> None:
    sheet.conditional_formatting.add(
        cells,
        styles.formula_rule(condition, styles.FILL_HIGHLIGHT, styles.HIGHLIGHT_FONT),
    )


def add_highlights(sheet: Worksheet, placed: Placed) -> None:
    """Highlights: stated vs computed in each row, stated totals, statement subtotals."""
    layout, first = placed.layout, placed.first_row
    for computed in layout.computed_columns:
        if computed.recomputes is None:
            continue
        stated = layout.column(computed.recomputes)
        condition = _differs(
            f"${placed.letter(stated.key)}{first}", f"${placed.letter(computed.key)}{first}", stated
        )
        _highlight(sheet, placed.body(stated.key), condition)
    if layout.totals is not None:
        keys = layout.totals.columns
        for key in keys:
            stated_cell = placed.summary_cell(keys, key, 1)
            computed_cell = placed.summary_cell(keys, key, 2)
            condition = _differs(stated_cell, computed_cell, layout.column(key))
            _highlight(sheet, stated_cell, condition)
    if layout.check_rows:
        _highlight_statement(sheet, placed)


def _highlight_statement(sheet: Worksheet, placed: Placed) -> None:
    """A statement row (found by its label, so sorting is harmless) vs its check row."""
    layout, first = placed.layout, placed.first_row
    keys = layout.check_rows[0].columns
    label = f"${placed.letter(layout.label_column.key)}{first}"
    for key in keys:
        column = layout.column(key)
        cell = f"{placed.letter(key)}{first}"
        tests = []
        for offset, check in enumerate(layout.check_rows, start=1):
            text = layout.statement_rows[check.recomputes].text.replace('"', '""')
            check_cell = absolute(placed.summary_cell(keys, key, offset))
            tests.append(f'AND({label}="{text}",{_differs(cell, check_cell, column)})')
        _highlight(sheet, placed.body(key), f"OR({','.join(tests)})")
