"""Bad input is a finding too: text in a number column, a status word nobody knows.

* ``not_a_number`` (error): a numeric column holds text that is not a number
  ("alle 10%", "+/-0 / htv2").  Words that *say* there is no value ("NA",
  "Ei mittaria", "Valmistuu myöhemmin") are typed non-values, not errors.
* ``number_as_text`` (note): a number typed as text ("1,0 M€").  xlsrc reads
  it, but Excel's own SUM and comparisons skip text, so the user should type
  it as a number.  Only in workbooks: the seed tables are text throughout.
* ``unknown_status`` (error): a status column holds a word outside its
  vocabulary (the rules sheet's list).
"""

from __future__ import annotations

from xlsrc.core.errors import UnknownStatus
from xlsrc.core.numbers import NotANumber, Number, format_fi
from xlsrc.validation.model import Cell, Table
from xlsrc.validation.rules.base import Checks, direct


def checks(table: Table) -> Checks:
    result = Checks()
    for row in table:
        for key, cell in row.cells.items():
            if key in table.numeric_columns:
                _number(table, key, cell, result)
            vocabulary = table.vocabularies.get(key)
            if vocabulary is not None and cell.text:
                try:
                    vocabulary.parse(cell.text)
                except UnknownStatus as error:
                    result.findings.append(
                        direct(cell.at, "unknown_status", cell.text, None, str(error))
                    )
    return result


def _number(table: Table, key: str, cell: Cell, result: Checks) -> None:
    reading = cell.reading
    if isinstance(reading, NotANumber) and reading.kind == "unreadable":
        result.findings.append(
            direct(
                cell.at,
                "not_a_number",
                cell.text,
                None,
                f"Sarakkeessa {table.header(key)} pitää olla luku, mutta solussa on "
                f"'{cell.text}' ({reading.reason})",
            )
        )
    elif table.typed and isinstance(cell.raw, str) and isinstance(reading, Number):
        shown = format_fi(reading.value, reading.decimals, "%" if reading.unit == "%" else "")
        result.findings.append(
            direct(
                cell.at,
                "number_as_text",
                cell.text,
                reading.value,
                f"Luku on kirjoitettu tekstinä ('{cell.text}', luettu: {shown}); Excelin omat "
                "kaavat (SUMMA, vertailut) ohittavat tekstin — kirjoita se numerona",
                severity="note",
            )
        )
