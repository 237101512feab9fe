"""The "Säännöt" sheet: status schemes, vocabularies, methods and settings as Tables.

Every status formula of a workbook reads its rules from these Tables (by
name, see :mod:`xlsrc.workbooks.formulas`) and every status colour is a
conditional format that looks the label up here, so an audit committee
changes a bound, a label or a colour word on this sheet and the workbook
follows, without touching code.  Each scheme table keeps
:data:`~xlsrc.workbooks.layouts.SPARE_RULE_ROWS` empty rows for a band added
later.  Conditional formats and dropdown lists cannot use structured
references in Excel, so they get the blocks' A1 ranges from
:func:`block_range`, which places the blocks the same way the writer does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache

from openpyxl.styles import PatternFill
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.core.schemes import COLOUR_NAME_FI, StatusScheme
from xlsrc.core.targets import NOT_ASSESSABLE_LABEL, PENDING_LABEL
from xlsrc.core.words import METHOD_WORDS
from xlsrc.workbooks import styles
from xlsrc.workbooks.formulas import quoted
from xlsrc.workbooks.layouts import (
    METHOD_HELP,
    PERCENT,
    RULES_BLOCKS,
    RULES_SHEET,
    SCHEMES,
    SETTINGS_HEADERS,
    SETTINGS_TABLE,
    VOCABULARIES,
    RulesBlock,
    Setting,
    column_letter,
    rules_block,
)

Scalar = str | int | float | bool | dt.datetime | None

#: Colour word of vocabulary statuses that have no colour (pending, not started).
NO_COLOUR = "ei väriä"
#: Row of the first block's header: title, intro, then per block its title and note.
_FIRST_HEADER_ROW = 6

_WIDTHS = {
    "A": 13,
    "B": 44,
    "C": 13,
    "D": 34,
    "E": 30,
    "F": 10,
    "G": 11,
    "H": 22,
    "I": 20,
    "J": 20,
    "K": 9,
}

_INTRO = (
    "Työkirjan tilakaavat lukevat rajat ja merkinnät näistä taulukoista, ja tilasolujen värit "
    "haetaan merkinnän perusteella. Muuta raja, merkintä tai väri tässä: kaavat ja värit "
    "seuraavat. Jokainen raja kuuluu täsmälleen toiseen viereisistä tiloista (TOSI/EPÄTOSI). "
    "Tyhjät rivit ovat varalla uutta tilaa varten."
)

_SETTINGS_NOTE = (
    "Tilannekatsaus lukee nämä asetukset; tyhjä arvo = oletus. Arviointitapa on oletus "
    "KPI-riveille, joiden Arviointitapa-solu on tyhjä."
)


@cache
def header_rows() -> dict[str, int]:
    """Header row of every block (and of the settings table, key "settings")."""
    rows: dict[str, int] = {}
    row = _FIRST_HEADER_ROW
    for block in RULES_BLOCKS:
        rows[block.key] = row
        row += block.rows + 4  # the body, two empty rows, the next title and note
    rows["settings"] = row
    return rows


def block_range(block_key: str, header: str | None = None) -> str:
    """A block's body, or one of its columns, as an absolute A1 reference with its sheet."""
    block = rules_block(block_key)
    first = header_rows()[block_key] + 1
    last = first + block.rows - 1
    if header is None:
        left, right = "A", column_letter(len(block.headers))
    else:
        left = right = column_letter(block.headers.index(header) + 1)
    return f"{quoted(RULES_SHEET)}${left}${first}:${right}${last}"


def write_rules_sheet(
    sheet: Worksheet,
    settings: tuple[Setting, ...] = (),
    schemes: Mapping[str, StatusScheme] | None = None,
) -> None:
    """The rules sheet with the built-in schemes, or ``schemes`` (a workbook's own, when
    ``xlsrc upgrade`` moves a committee's bands into the current template)."""
    sheet["A1"] = RULES_SHEET
    sheet["A1"].font = styles.TITLE
    sheet["A2"] = _INTRO
    sheet["A2"].font = styles.SUBTITLE
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    for block in RULES_BLOCKS:
        _write_block(sheet, block, header_rows()[block.key], schemes or SCHEMES)
    if settings:
        _write_settings(sheet, settings, header_rows()["settings"])
    sheet.freeze_panes = "A4"
    styles.print_a4_landscape(sheet)


def _write_block(
    sheet: Worksheet, block: RulesBlock, header_row: int, schemes: Mapping[str, StatusScheme]
) -> None:
    sheet.cell(header_row - 2, 1, block.title).font = styles.BODY_BOLD
    sheet.cell(header_row - 1, 1, block.note).font = styles.NOTE
    _write_headers(sheet, header_row, block.headers)
    rows = _block_rows(block, schemes)
    for offset, values in enumerate(rows):
        row = header_row + 1 + offset
        _write_body_row(sheet, row, values)
        _decorate_row(sheet, block, row, values)
    last_row = header_row + block.rows
    for row in range(header_row + 1 + len(rows), last_row + 1):
        for column in range(1, len(block.headers) + 1):
            sheet.cell(row, column).border = styles.BOX
    last = column_letter(len(block.headers))
    _add_table(sheet, block.name, f"A{header_row}:{last}{last_row}", block.headers)


def _add_table(sheet: Worksheet, name: str, ref: str, headers: tuple[str, ...]) -> None:
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = styles.RULES_TABLE_STYLE
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    table.autoFilter = AutoFilter(ref=ref)
    sheet.add_table(table)


def _write_settings(sheet: Worksheet, settings: tuple[Setting, ...], header_row: int) -> None:
    """The "Asetus | Arvo" table: the status sheet reads organisation, year, roll-up and
    defaults from it by its Table name."""
    sheet.cell(header_row - 2, 1, "Asetukset").font = styles.BODY_BOLD
    sheet.cell(header_row - 1, 1, _SETTINGS_NOTE).font = styles.NOTE
    _write_headers(sheet, header_row, SETTINGS_HEADERS)
    for row, setting in enumerate(settings, start=header_row + 1):
        _write_body_row(sheet, row, [setting.name, setting.value, setting.note])
    last = f"{column_letter(len(SETTINGS_HEADERS))}{header_row + len(settings)}"
    _add_table(sheet, SETTINGS_TABLE, f"A{header_row}:{last}", SETTINGS_HEADERS)


def _write_headers(sheet: Worksheet, row: int, headers: tuple[str, ...]) -> None:
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row, column, header)
        cell.font = styles.HEADER_RULES
        cell.fill = styles.FILL_RULES_HEADER
        cell.alignment = styles.HEADER_ALIGN


def _write_body_row(sheet: Worksheet, row: int, values: Sequence[Scalar]) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column, value)
        cell.font = styles.BODY
        cell.alignment = styles.TOP
        cell.border = styles.BOX


def _block_rows(block: RulesBlock, schemes: Mapping[str, StatusScheme]) -> list[list[Scalar]]:
    if block.key in SCHEMES:
        return [list(row) for row in schemes[block.key].to_rows()]
    if block.key in VOCABULARIES:
        return [
            [s.code, s.printed, s.colour or NO_COLOUR, s.label_sv, s.label_en]
            for s in VOCABULARIES[block.key].statuses
        ]
    return [[METHOD_WORDS.label(code), text] for code, text in METHOD_HELP.items()]


def _decorate_row(sheet: Worksheet, block: RulesBlock, row: int, values: Sequence[Scalar]) -> None:
    """Bounds as per cents, and the colour cells filled with their colour."""
    letter = {h: column_letter(i) for i, h in enumerate(block.headers, start=1)}
    if block.key in SCHEMES:
        for header in ("Alaraja", "Yläraja"):
            sheet[f"{letter[header]}{row}"].number_format = PERCENT
        fill = _fill_of(values[block.headers.index("Väri")])
        for header in ("Väri", "Värikoodi", "Tila"):
            sheet[f"{letter[header]}{row}"].fill = fill
    elif block.key in VOCABULARIES:
        fill = _fill_of(values[block.headers.index("Väri")])
        if fill is not None:
            sheet[f"{letter['Väri']}{row}"].fill = fill


def _fill_of(colour_key: object) -> PatternFill | None:
    return styles.STATUS_FILLS.get(str(colour_key))


def colour_statuses(sheet: Worksheet, cells: str, top_left: str, block_key: str) -> None:
    """Conditional formats that colour status cells from their label via the rules sheet.

    ``block_key`` names a scheme block (labels in "Merkintä") or a vocabulary
    block (labels in "Tila"); the colour word is read from its "Väri" column
    (English key or Finnish name), so the colour follows the rules sheet.
    Pending and uncoloured statuses get a neutral grey, never a status colour.
    """
    is_scheme = block_key in SCHEMES
    labels = block_range(block_key, "Merkintä" if is_scheme else "Tila")
    colours = block_range(block_key, "Väri")
    for key, name_fi in COLOUR_NAME_FI.items():
        fill = styles.STATUS_FILLS[key]
        words = (key, name_fi)
        test = "+".join(f'COUNTIFS({labels},{top_left},{colours},"{w}")' for w in words)
        sheet.conditional_formatting.add(cells, styles.formula_rule(f"{test}>0", fill))
    if is_scheme:
        grey = f'OR({top_left}="{PENDING_LABEL}",{top_left}="{NOT_ASSESSABLE_LABEL}")'
    else:
        grey = f'COUNTIFS({labels},{top_left},{colours},"{NO_COLOUR}")>0'
    sheet.conditional_formatting.add(cells, styles.formula_rule(grey, styles.FILL_PENDING))
