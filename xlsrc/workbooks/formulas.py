"""Formula templates of the layouts -> Excel formulas with structured references.

Every reference a template formula makes goes through an Excel Table: this
row's cell is ``Taulu[[#This Row],[Toteuma]]``, a whole column
``Taulu[Tavoitesumma]``, a rules block ``Saanto_year_end[[#Data],[Tila]:[Symboli]]``.
Excel grows those references with the Table, so a row a user adds below or
inside a table is in every total, pivot and status at once - in Excel, in
LibreOffice and in ``xlsrc recalc``.  Only the forms LibreOffice also reads
are written (it does not read ``[@Col]``, ``[#All]`` or a bare ``[#Data]``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from xlsrc.core.budget import LINE_NAMES
from xlsrc.core.schemes import LABEL_COLUMNS, RULES_HEADERS, colour_name
from xlsrc.core.text import Text, current_language, text_in, translate
from xlsrc.workbooks.layouts import SCHEMES, VOCABULARIES, TableLayout, rules_block

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_ESCAPED = re.compile(r"(['\[\]#])")


def quoted(sheet: Text) -> str:
    """``'Taulukko 3'!`` — always quoted, so names with spaces or ä are safe; a catalogue
    text is the sheet's name in the current language."""
    return "'" + text_in(sheet).replace("'", "''") + "'!"


def column_name(header: str) -> str:
    """A header as a structured-reference column specifier: ``[Muutos € (laskettu)]``."""
    return "[" + _ESCAPED.sub(r"'\1", header) + "]"


def this_row(table: str, header: str, last: str | None = None) -> str:
    """This row's cell (or cells ``header``..``last``) of ``table``."""
    span = column_name(header) + (f":{column_name(last)}" if last else "")
    return f"{table}[[#This Row],{span}]"


def whole_column(table: str, header: str) -> str:
    return f"{table}[{column_name(header)}]"


def block_body(name: str, first: str, last: str) -> str:
    return f"{name}[[#Data],{column_name(first)}:{column_name(last)}]"


def rules_body(block_key: str) -> str:
    block = rules_block(block_key)
    return block_body(block.name, block.first_header, block.last_header)


def rules_column(block_key: str, header: str) -> str:
    """A rules block's column, named by its source text ("Väri"), in the current language."""
    block = rules_block(block_key)
    return whole_column(block.name, block.header(block.index_of(header)))


def band_label(block_key: str, colour: str) -> str:
    """The label of ``colour``'s band as the rules sheet states it now, in the workbook's
    language (its own label column), found by the colour word in that language."""
    if block_key not in SCHEMES:
        raise ValueError(f"{block_key!r} is not a scheme block")
    labels = rules_column(block_key, RULES_HEADERS[LABEL_COLUMNS[current_language()]])
    colours = rules_column(block_key, RULES_HEADERS[5])
    word = colour_name(colour, current_language())  # type: ignore[arg-type]
    return f'INDEX({labels},MATCH("{word}",{colours},0))'


def printed_status(vocabulary: str, code: str) -> str:
    """The status ``code`` of ``vocabulary`` as the workbook's language prints it."""
    return next(s.printed for s in VOCABULARIES[vocabulary].statuses if s.code == code)


def render(template: str, here: TableLayout, tables: Mapping[str, TableLayout]) -> str:
    """The formula (with its leading "=") of ``template`` in a row of ``here``.

    Placeholders are listed in :mod:`xlsrc.workbooks.layouts.model`; a column
    span ``{first..last}`` is this row's cells from one column to another.
    """

    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        if token.startswith("rules:"):
            _, block, *header = token.split(":")
            return rules_column(block, header[0]) if header else rules_body(block)
        if token.startswith("label:"):
            _, block, colour = token.split(":")
            return band_label(block, colour)
        if token.startswith("text:"):
            return translate(token.partition(":")[2]).replace('"', '""')
        if token.startswith("linename:"):
            return translate(LINE_NAMES[token.partition(":")[2]])  # type: ignore[index]
        if token.startswith("status:"):
            _, vocabulary, code = token.split(":")
            return printed_status(vocabulary, code).replace('"', '""')
        reference, _, mode = token.partition(":")
        if ".." in reference:  # this row's cells from one column to another
            first, last = reference.split("..")
            return this_row(here.name, here.column(first).header, here.column(last).header)
        table_key, _, column_key = reference.rpartition(".")
        target = tables[table_key] if table_key else here
        if mode == "col":
            return whole_column(target.name, target.column(column_key).header)
        if mode:
            raise ValueError(f"unknown placeholder mode {mode!r} in {template!r}")
        if table_key:
            raise ValueError(f"this-row reference into another table: {token!r}")
        return this_row(here.name, here.column(column_key).header)

    return "=" + _PLACEHOLDER.sub(replace, template)
