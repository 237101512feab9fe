"""Bad input is a finding too: text in a number column, a status word nobody knows.

* ``not_a_number`` (error): a numeric column holds text that is not a number
  ("alle 10%", "+/-0 / htv2").  Words that *say* there is no value ("NA",
  "Ei mittaria", "Valmistuu myöhemmin") are typed non-values, not errors.
* ``number_as_text`` (error): in a workbook, a number column holds text -
  even text that reads as a number ("1 234,5", "13,6 %"), or a per cent in a
  € column.  Excel's own SUM skips text, so the workbook's totals show #N/A
  and every path refuses the cell (:func:`xlsrc.core.numbers.read_cell`);
  the seed tables are text throughout and are not checked for this.
* ``unknown_status`` (error): a status column holds a word outside its
  vocabulary (the rules sheet's list).  In a workbook the word must be the one
  its formulas compare ("2. Etenee suunnitellusti", not "Etenee suunnitellusti").
* ``unknown_choice`` (error): in a workbook, a column with a fixed list of words
  ("Erä", "Neljännes") holds another; the workbook's SUMIFS would skip the row.
* ``unknown_method`` (error): an assessment-method column ("Arviointitapa") holds
  a word :func:`xlsrc.core.words.parse_method` does not know - the parser the status
  sheet refuses the same word with - whether or not the row states a status, in
  every table that has such a column.  A blank method is left alone (the status
  sheet then uses its default method).
* ``missing_value`` (error): a row that holds anything leaves a required column
  blank (a measure without its sum): its computed cells show an error too.
"""

from __future__ import annotations

from collections.abc import Mapping

from xlsrc.core.errors import InvalidTarget, UnknownStatus
from xlsrc.core.numbers import NotANumber
from xlsrc.core.text import Msg
from xlsrc.core.words import parse_method
from xlsrc.validation.model import Cell, Row, Table
from xlsrc.validation.rules.base import Checks, direct, missing_value


def checks(table: Table) -> Checks:
    """Every input cell against its column's kind: number, status word, method word, required.

    Per cell, not per rule: the words of a column are checked wherever they
    stand, so a rule that reads only some rows (the status comparison of
    :mod:`xlsrc.validation.rules.targets`) never leaves a word unchecked.
    """
    result = Checks()
    required = sorted(table.required_columns)  # once, not per row: tables run to 100k rows
    numeric, vocabularies = table.numeric_columns, table.vocabularies
    methods, allowed = table.method_columns, table.allowed
    for row in table:
        if row.kind == "data":
            _required(table, required, row, result)
        for key, cell in row.cells.items():
            if key in numeric:
                _number(table, key, cell, result)
            words = allowed.get(key)
            if words is not None and cell.text:
                _word(table, key, cell, words, result)
                continue
            vocabulary = vocabularies.get(key)
            if vocabulary is not None and cell.text:
                try:
                    vocabulary.parse(cell.text)
                except UnknownStatus as error:
                    result.findings.append(
                        direct(cell.at, "unknown_status", cell.text, None, str(error))
                    )
            if key in methods and cell.text:
                _method(cell, result)
    return result


def _word(table: Table, key: str, cell: Cell, words: Mapping[str, str], result: Checks) -> None:
    """A word the workbook's formulas would not recognise, said as the row's "Huomio" says it.

    The tolerant parsers (and the ``XS_`` pivot cells) read "Etenee suunnitellusti" as
    "2. Etenee suunnitellusti", but the row's Huomio, the dropdown, the colours and the
    SUMIFS checks of an Erä compare the exact word (ignoring case only), in the
    language the template was written in; the workbook would contradict itself.  A
    word a parser does know gets its printed form as the fix.
    """
    if table.allows(key, cell):
        return
    raw = cell.as_typed
    vocabulary = table.vocabularies.get(key)
    allowed = ", ".join(words.values())
    try:
        status = vocabulary.parse(raw) if vocabulary is not None else None
    except UnknownStatus:
        status = None
    rule = "unknown_status" if vocabulary is not None else "unknown_choice"
    if status is not None:
        meant = next(w for w in words.values() if vocabulary and vocabulary.parse(w) == status)
        message = Msg(
            "{header}: kirjoita '{meant}' eikä '{word}': työkirja tunnistaa vain sanan "
            "sellaisenaan (Huomio-sarake, värit ja valintalista eivät tunne muuta muotoa)",
            header=table.header(key), meant=meant, word=raw,
        )  # fmt: skip
    else:
        message = Msg(
            "{header}: '{word}' ei ole sallittu (sallitut: {allowed}); työkirjan kaavat eivät "
            "tunnista sitä, joten rivin luvut jäävät niiden ulkopuolelle",
            header=table.header(key), word=raw, allowed=allowed,
        )  # fmt: skip
    result.findings.append(direct(cell.at, rule, raw, None, message))


def _method(cell: Cell, result: Checks) -> None:
    """An unknown assessment method, refused with the one parser's message."""
    try:
        parse_method(cell.text)
    except InvalidTarget as error:
        result.findings.append(direct(cell.at, "unknown_method", cell.text, None, str(error)))


def _required(table: Table, required: list[str], row: Row, result: Checks) -> None:
    for key in required:
        cell = row.cell(key)
        if cell is not None and not cell.text:
            result.findings.append(missing_value(table, key, cell))


def _number(table: Table, key: str, cell: Cell, result: Checks) -> None:
    reading = cell.reading
    if isinstance(reading, NotANumber) and reading.kind == "unreadable":
        result.findings.append(
            direct(
                cell.at,
                "not_a_number",
                cell.text,
                None,
                Msg(
                    "Sarakkeessa {header} pitää olla luku, mutta solussa on '{text}' ({reason})",
                    header=table.header(key),
                    text=cell.text,
                    reason=reading.reason,
                ),
            )
        )
    elif isinstance(reading, NotANumber) and reading.kind == "text":
        result.findings.append(
            direct(
                cell.at,
                "number_as_text",
                cell.text,
                None,
                Msg(
                    "Sarakkeessa {header} pitää olla luku: {reason}. Excelin SUMMA ohittaa "
                    "tekstin, joten summat ja muut sitä käyttävät laskut näyttävät virhettä, "
                    "kunnes se korjataan",
                    header=table.header(key),
                    reason=reading.reason,
                )
                if isinstance(cell.raw, str)
                else Msg(
                    "Sarakkeessa {header} pitää olla luku: {reason}. Kirjoita euromäärä ja vaihda "
                    "solun muotoilu takaisin euroiksi",
                    header=table.header(key),
                    reason=reading.reason,
                ),
            )
        )
