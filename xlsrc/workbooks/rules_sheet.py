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

from xlsrc.core.schemes import (
    COLOUR_HEX,
    LABEL_COLUMNS,
    RULES_HEADERS,
    StatusScheme,
    colour_name,
    colour_words,
)
from xlsrc.core.targets import NOT_ASSESSABLE_LABEL, PENDING_LABEL
from xlsrc.core.text import (
    N_,
    current_language,
    text_in,
    translate,
)
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
    is_language_setting,
    language_setting,
    other_languages,
    rules_block,
)

Scalar = str | int | float | bool | dt.datetime | None

#: Colour word of vocabulary statuses that have no colour (pending, not started).
NO_COLOUR = N_("ei väriä")
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

_INTRO = N_(
    "Työkirjan tilakaavat lukevat rajat ja merkinnät näistä taulukoista, ja tilasolujen värit "
    "haetaan merkinnän perusteella. Muuta raja, merkintä tai väri tässä: kaavat ja värit "
    "seuraavat. Jokainen raja kuuluu täsmälleen toiseen viereisistä tiloista (TOSI/EPÄTOSI). "
    "Tyhjät rivit ovat varalla uutta tilaa varten."
)

_SETTINGS_NOTE = N_(
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
        left = right = column_letter(block.index_of(header) + 1)
    return f"{quoted(RULES_SHEET)}${left}${first}:${right}${last}"


def write_rules_sheet(
    sheet: Worksheet,
    settings: tuple[Setting, ...] = (),
    schemes: Mapping[str, StatusScheme] | None = None,
) -> None:
    """The rules sheet with the built-in schemes, or ``schemes`` (a workbook's own, when
    ``xlsrc upgrade`` moves a committee's bands into the current template)."""
    sheet["A1"] = translate(RULES_SHEET)
    sheet["A1"].font = styles.TITLE
    sheet["A2"] = translate(_INTRO)
    sheet["A2"].font = styles.SUBTITLE
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    for block in RULES_BLOCKS:
        _write_block(sheet, block, header_rows()[block.key], schemes or SCHEMES)
    own = tuple(s for s in settings if not is_language_setting(s.name))
    _write_settings(sheet, (language_setting(), *own), header_rows()["settings"])
    sheet.freeze_panes = "A4"
    styles.print_a4_landscape(sheet)


def _write_block(
    sheet: Worksheet, block: RulesBlock, header_row: int, schemes: Mapping[str, StatusScheme]
) -> None:
    headers = tuple(block.header(i) for i in range(len(block.headers)))
    sheet.cell(header_row - 2, 1, text_in(block.title)).font = styles.BODY_BOLD
    sheet.cell(header_row - 1, 1, text_in(block.note)).font = styles.NOTE
    _write_headers(sheet, header_row, headers)
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
    _add_table(sheet, block.name, f"A{header_row}:{last}{last_row}", headers)


def _add_table(sheet: Worksheet, name: str, ref: str, headers: tuple[str, ...]) -> None:
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = styles.RULES_TABLE_STYLE
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    table.autoFilter = AutoFilter(ref=ref)
    sheet.add_table(table)


def _write_settings(sheet: Worksheet, settings: tuple[Setting, ...], header_row: int) -> None:
    """The "Asetus | Arvo" table: the status sheet reads organisation, year, roll-up and
    defaults from it by its Table name."""
    sheet.cell(header_row - 2, 1, translate(N_("Asetukset"))).font = styles.BODY_BOLD
    sheet.cell(header_row - 1, 1, translate(_SETTINGS_NOTE)).font = styles.NOTE
    headers = tuple(translate(h) for h in SETTINGS_HEADERS)
    _write_headers(sheet, header_row, headers)
    for row, setting in enumerate(settings, start=header_row + 1):
        value = setting.value if isinstance(setting.value, int | float) else text_in(setting.value)
        _write_body_row(sheet, row, [text_in(setting.name), value, text_in(setting.note)])
    last = f"{column_letter(len(SETTINGS_HEADERS))}{header_row + len(settings)}"
    _add_table(sheet, SETTINGS_TABLE, f"A{header_row}:{last}", headers)


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
    language = current_language()
    if block.key in SCHEMES:
        return [list(row) for row in schemes[block.key].to_rows(language)]
    if block.key in VOCABULARIES:
        first, second = other_languages(language)
        return [
            [
                s.code,
                s.printed,
                colour_name(s.colour) if s.colour else translate(NO_COLOUR),
                s.label_in(first),
                s.label_in(second),
            ]
            for s in VOCABULARIES[block.key].statuses
        ]
    return [[METHOD_WORDS.label(code), translate(text)] for code, text in METHOD_HELP.items()]


def _decorate_row(sheet: Worksheet, block: RulesBlock, row: int, values: Sequence[Scalar]) -> None:
    """Bounds as per cents, and the colour cells filled with their colour."""
    letter = {h: column_letter(i) for i, h in enumerate(block.headers, start=1)}
    if block.key in SCHEMES:
        for header in ("Alaraja", "Yläraja"):  # i18n: header keys (source texts)
            sheet[f"{letter[header]}{row}"].number_format = PERCENT
        fill = _fill_of(values[block.index_of("Väri")])  # i18n: a header key
        for header in ("Väri", "Värikoodi", "Tila"):  # i18n: header keys (source texts)
            sheet[f"{letter[header]}{row}"].fill = fill
    elif block.key in VOCABULARIES:
        fill = _fill_of(values[block.index_of("Väri")])  # i18n: a header key
        if fill is not None:
            sheet[f"{letter['Väri']}{row}"].fill = fill  # i18n: a header key


def _fill_of(colour: object) -> PatternFill | None:
    """The fill of a colour code or colour word (any language's)."""
    text = str(colour).casefold()
    for key in COLOUR_HEX:
        if text in (word.casefold() for word in colour_words(key)):
            return styles.STATUS_FILLS.get(key)
    return None


def colour_statuses(sheet: Worksheet, cells: str, top_left: str, block_key: str) -> None:
    """Conditional formats that colour status cells from their label via the rules sheet.

    ``block_key`` names a scheme block (labels in the label column of the
    workbook's language) or a vocabulary block (labels in "Tila"); the colour
    word is read from its "Väri" column (the code or any language's word), so
    the colour follows the rules sheet.
    Pending and uncoloured statuses get a neutral grey, never a status colour.
    """
    is_scheme = block_key in SCHEMES
    label_header = RULES_HEADERS[LABEL_COLUMNS[current_language()]] if is_scheme else "Tila"
    labels = block_range(block_key, label_header)
    colours = block_range(block_key, "Väri")  # i18n: a header key (source text)
    for key in COLOUR_HEX:
        fill = styles.STATUS_FILLS[key]
        test = "+".join(f'COUNTIFS({labels},{top_left},{colours},"{w}")' for w in colour_words(key))
        sheet.conditional_formatting.add(cells, styles.formula_rule(f"{test}>0", fill))
    if is_scheme:
        pending, unassessable = translate(PENDING_LABEL), translate(NOT_ASSESSABLE_LABEL)
        grey = f'OR({top_left}="{pending}",{top_left}="{unassessable}")'
    else:
        grey = f'COUNTIFS({labels},{top_left},{colours},"{translate(NO_COLOUR)}")>0'
    sheet.conditional_formatting.add(cells, styles.formula_rule(grey, styles.FILL_PENDING))
