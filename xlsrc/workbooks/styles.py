"""The look of the templates in one place (openpyxl style objects).

Input cells look like a normal table; computed cells are grey-blue with an
italic header that says they are formulas, so nobody types over them; status
colours come from conditional formatting (see :mod:`xlsrc.workbooks.sheet`).
"""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from xlsrc.core.schemes import COLOUR_HEX
from xlsrc.workbooks.layouts.page import page_footer

FONT_NAME = "Calibri"
TITLE = Font(name=FONT_NAME, size=14, bold=True, color="1F3864")
SUBTITLE = Font(name=FONT_NAME, size=9, italic=True, color="595959")
GROUP = Font(name=FONT_NAME, size=9, bold=True, color="595959")
HEADER_INPUT = Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF")
HEADER_COMPUTED = Font(name=FONT_NAME, size=10, bold=True, italic=True, color="FFFFFF")
HEADER_RULES = Font(name=FONT_NAME, size=10, bold=True)
BODY = Font(name=FONT_NAME, size=10)
BODY_BOLD = Font(name=FONT_NAME, size=10, bold=True)
NOTE = Font(name=FONT_NAME, size=9, color="595959")

FILL_HEADER_INPUT = PatternFill("solid", fgColor="4472C4", bgColor="4472C4")
FILL_HEADER_COMPUTED = PatternFill("solid", fgColor="44546A", bgColor="44546A")
FILL_COMPUTED = PatternFill("solid", fgColor="EDF1F7", bgColor="EDF1F7")
FILL_RULES_HEADER = PatternFill("solid", fgColor="D9E1F2", bgColor="D9E1F2")
FILL_PENDING = PatternFill("solid", fgColor="E7E6E6", bgColor="E7E6E6")
#: Stated value that disagrees with its recomputation (Excel's "light red fill, dark red text").
FILL_HIGHLIGHT = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
HIGHLIGHT_FONT = Font(name=FONT_NAME, size=9, color="9C0006")


def solid(hex_colour: str) -> PatternFill:
    """A solid fill (fg and bg set: cells use fg, conditional-format dxf uses bg)."""
    return PatternFill("solid", fgColor=hex_colour, bgColor=hex_colour)


STATUS_FILLS: dict[str, PatternFill] = {key: solid(hex_) for key, hex_ in COLOUR_HEX.items()}

THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOP_RULE = Border(top=Side(style="thin", color="44546A"))

WRAP_TOP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
RIGHT_TOP = Alignment(horizontal="right", vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="bottom")

#: Row heights are written explicitly (LibreOffice does not fit rows on load, and a
#: height computed here is the same in every reader): points per line of 10 pt text,
#: and characters of body text per unit of column width.
LINE_HEIGHT = 12.75
CHARS_PER_WIDTH = 1.2

TABLE_STYLE = TableStyleInfo(
    name="TableStyleMedium2",
    showFirstColumn=False,
    showLastColumn=False,
    showRowStripes=True,
    showColumnStripes=False,
)
RULES_TABLE_STYLE = TableStyleInfo(
    name="TableStyleLight9",
    showFirstColumn=False,
    showLastColumn=False,
    showRowStripes=False,
    showColumnStripes=False,
)


def print_a4_landscape(sheet: Worksheet, title_row: int | None = None) -> None:
    """A4 landscape, one page wide, ``title_row`` repeated on every page, sheet and page
    number in the footer: how finance staff print these tables for a committee."""
    if title_row is not None:
        sheet.print_title_rows = f"{title_row}:{title_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    setup = sheet.sheet_properties.pageSetUpPr
    if setup is None:
        setup = sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    setup.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    # the page footer (and a published copy's header) sit 0.3 in from the edge, clear of
    # the table; openpyxl's 0.5 put the footer text across the page edge
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    footer = sheet.oddFooter
    assert footer is not None
    footer.center.text = page_footer()


def formula_rule(condition: str, fill: PatternFill, font: Font | None = None) -> Rule:
    """A conditional format with a formula (openpyxl's FormulaRule is untyped in its stubs)."""
    rule: Rule = FormulaRule(formula=[condition], fill=fill, font=font)  # type: ignore[no-untyped-call]
    return rule
