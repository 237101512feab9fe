"""Reading the cells of a worksheet part as text: exact, or not at all.

The part is scanned as text because a 20,000-row sheet read element by
element through an XML library costs more than evaluating it.  Excel,
openpyxl and xlsxwriter write cells as ``<c r="A1" ...>`` without a namespace
prefix, so the text is split at each ``<c r="`` and every piece is read with
string methods.  The scan is *exact or nothing*: it accepts only the layouts
it fully understands and raises :class:`NotPlain` for anything else (a
comment, CDATA, an attribute quoted with ``'``, whitespace inside a tag, a
``>`` in an attribute value, a cell without an address or with its column in
lower case, a prefixed element),
and :mod:`xlsrc.engine.sheetread` then reads the part through the real XML
parser (:mod:`xlsrc.engine.sheetcanon`).  Two counts prove nothing was
skipped: every ``<`` between ``<sheetData>`` and ``</sheetData>`` belongs to
a row tag or to a cell layout the scan recognised, and there are as many
``>`` as ``<`` (so no ``>`` hides inside an attribute value).

The caller has already proved the part well-formed, so text content holds no
raw ``<`` and no undefined entity.  Cell addresses and shared-string indexes
are checked against Excel's grid and the string table.

Besides values and formulas, the scan records for every plainly written
formula cell the offsets :mod:`sheetpatch` needs to write its cached value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from itertools import accumulate, chain
from typing import Any

from xlsrc.core.errors import UnreadableWorkbook, XlError
from xlsrc.core.text import N_, Msg, Num, tr
from xlsrc.engine.errors import FormulaSyntaxError
from xlsrc.engine.refs import COL_BITS, MAX_COL, MAX_ROW, cell_name, parse_area, quote_sheet
from xlsrc.engine.sheetcell import child, escape_formula, parse_cell
from xlsrc.engine.sheetcells import SLOT_FIELD, SLOT_START
from xlsrc.engine.sheetcells import FormulaCell as FormulaCell  # read here, kept there
from xlsrc.engine.sheetcells import SheetCells as SheetCells
from xlsrc.engine.values import date_serial
from xlsrc.engine.xmltext import resolve_entities, unescape
from xlsrc.limits import LimitExceeded, Limits, check_formula, count_limit
from xlsrc.ooxml.strings import decode_escapes, item_text
from xlsrc.ooxml.xml import MAIN_NAMESPACES

_SHEET_DATA = re.compile(r"<(\w+:)?sheetData\b([^>]*?)(/?)>")
_ATTRIBUTES = re.compile(r'(?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*\s*/?')
_ATTRIBUTE = re.compile(r'([A-Za-z_][\w.:-]*)="([^"]*)"')
_DEFAULT_NAMESPACE = re.compile(r'\sxmlns="([^"]*)"')
_DIGITS = "0123456789"
_CELL_START = '<c r="'
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: cell types Excel writes (ST_CellType)
_TYPES = frozenset(("n", "s", "str", "b", "e", "inlineStr", "d"))
#: characters of cells split into pieces at a time
_SCAN_CHUNK = 1 << 20


class NotPlain(Exception):
    """The text is written in a way the scan does not fully understand (``reason`` says how).

    Internal to the sheet reader: it falls back to the XML parser, and only if
    the parser's own rendering still trips the scan does the reason reach the
    user (located, as an :class:`~xlsrc.core.errors.UnreadableWorkbook`).
    """


@dataclass
class Reading:
    """What a scan needs besides the text: strings, date system, limits, and where it is."""

    shared_strings: list[str]
    date1904: bool = False
    sheet: str = "Sheet1"
    #: the file, for messages
    where: str = N_("työkirja")
    limits: Limits = field(default_factory=Limits)
    #: cells and formula cells the workbook may still have (limits minus earlier sheets)
    cells_left: int = Limits().cells
    formulas_left: int = Limits().formula_cells

    def cell(self, key: int) -> str:
        """``file: Sheet!A1`` for messages."""
        name = cell_name(key >> COL_BITS, key & ((1 << COL_BITS) - 1))
        return f"{self.where}: {quote_sheet(self.sheet)}!{name}"


#: every valid column's letters -> its number (a plain dict: cheaper to ask than a cache)
_COLUMNS: dict[str, int] = {}


def column(letters: str) -> int:
    """1-based column of ``letters`` ("A" -> 1, "XFD" -> 16384); 0 unless Excel writes it so.

    Upper case only: a hand-written ``r="a1"`` is no plain layout, so its sheet
    is read through the XML parser, whose rendering spells every address as
    Excel does (``A1``).  The text that readers and the writer search for a
    cell's element (:mod:`xlsrc.engine.source`, :mod:`xlsrc.engine.sheetpatch`)
    then holds the address they look for; a lower-case one they would not find,
    and the cell would read as a blank.
    """
    known = _COLUMNS.get(letters)
    if known is not None:  # the spellings seen before (a sheet uses a handful)
        return known
    if (
        not 1 <= len(letters) <= 3
        or not letters.isascii()
        or not letters.isalpha()
        or not letters.isupper()
    ):
        return 0
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    if index > MAX_COL:
        return 0
    if len(_COLUMNS) < 1 << 16:  # valid spellings only, so it stays small
        _COLUMNS[letters] = index
    return index


@lru_cache(maxsize=1 << 12)
def cell_attributes(text: str) -> tuple[str, bool]:
    """(cell type, self-closing) of a ``<c>`` tag's attributes after ``r="..."``.

    Cached: a sheet has a handful of distinct attribute strings (`` s="3"``,
    `` s="3" t="s"``), so each is checked once.
    """
    attrs = attributes(text)
    if "xmlns" in text:
        raise NotPlain(Msg("solun määritteissä on nimiavaruuden määrittely"))
    kind = attrs.get("t", "n")
    if kind not in _TYPES:
        raise NotPlain(Msg("tuntematon solutyyppi t={kind!r}", kind=kind))
    return kind, text.rstrip().endswith("/")


@lru_cache(maxsize=1 << 12)
def attributes(text: str) -> dict[str, str]:
    """The attributes of a tag written plainly (``name="value"``), else :class:`NotPlain`."""
    if _ATTRIBUTES.fullmatch(text) is None:
        raise NotPlain(Msg("tagin määritteet on kirjoitettu poikkeavasti"))
    return {
        name: resolve_entities(value) if "&" in value else value
        for name, value in _ATTRIBUTE.findall(text)
    }


def scan(xml: str, reading: Reading) -> SheetCells:
    """Read every cell of a worksheet part (constants, formulas, positions).

    Raises :class:`NotPlain` for text it does not fully understand, and
    :class:`~xlsrc.limits.LimitExceeded` (or a located refusal) for cells
    that break the limits or Excel's grid.  The loop is long because it is
    the hot path: one pass, no helper call for the common layouts.
    """
    start = _SHEET_DATA.search(xml)
    if start is None:
        return SheetCells(xml=xml, namespaces=_check_head(xml, len(xml)))
    if start.group(1):
        raise NotPlain(Msg("taulukon elementeillä on nimiavaruuden etuliite"))
    namespaces = _check_head(xml, start.start())
    if start.group(3):  # <sheetData/>
        return SheetCells(xml=xml, data_span=start.span(), data_closed=True, namespaces=namespaces)
    begin = start.end()
    end = xml.find("</sheetData>", begin)
    if end < 0:
        raise NotPlain(Msg("</sheetData> puuttuu tai on kirjoitettu poikkeavasti"))
    if _declares_namespace(xml, begin, end):
        raise NotPlain(Msg("solualueella on nimiavaruuden määrittely"))
    cell_count = xml.count(_CELL_START, begin, end)
    count_limit(N_("solua"), cell_count, reading.cells_left, reading.where)
    sheet = SheetCells(xml=xml, data_span=(begin, end), namespaces=namespaces)
    values, present, slots = sheet.values, sheet.present, sheet.slots
    formulas_append = sheet.formulas.append
    new_tuple = tuple.__new__  # FormulaCell without the named tuple's Python-level __new__
    strings = reading.shared_strings
    chars, nesting = reading.limits.formula_chars, reading.limits.function_nesting
    # the limits are checked exactly on the few formulas these cheap bounds let through
    seen_attrs: dict[str, tuple[str, bool]] = {}  # per sheet: a handful of distinct strings
    columns = _COLUMNS
    last_texts: dict[int, str] = {}  # column -> the text of its last formula
    max_col = 0
    tags = 0  # every "<" of a recognised layout, checked against the text at the end
    for piece, offset in chain.from_iterable(_pieces(xml, begin, end)):
        quote = piece.find('"')
        address = piece[:quote]
        letters = address.rstrip(_DIGITS)  # what is left after it is ASCII digits only
        col = columns.get(letters) or column(letters)
        if not col or quote < 0 or len(letters) == len(address):
            raise NotPlain(
                Msg("solun osoite {address!r} ei ole Excelin ruudukossa", address=address[:20])
            )
        row = int(address[len(letters) :])
        if not 0 < row <= MAX_ROW:
            raise NotPlain(
                Msg("solun osoite {address!r} ei ole Excelin ruudukossa", address=address[:20])
            )
        key = (row << COL_BITS) | col
        present.add(key)
        if col > max_col:
            max_col = col
        close = piece.find(">", quote)
        attrs = piece[quote + 1 : close]
        known = seen_attrs.get(attrs)
        if known is None:
            known = seen_attrs[attrs] = cell_attributes(attrs)
        cell_type, closed = known
        if closed:
            tags += 1
            continue  # <c r=".." s=".."/>: a styled blank
        inner = close + 1
        head = piece[inner : inner + 3]
        if head[:2] == "<f":
            text_end = piece.find("<", inner + 3)
            if head == "<f>" and piece.startswith("</f>", text_end):  # the usual formula
                formula_end, f_tags, kind, ref, shared = text_end + 4, 2, "normal", None, None
                text = piece[inner + 3 : text_end] or None
            else:
                formula_end, f_tags, kind, text, ref, shared = _formula(piece, inner)
            tail = piece[formula_end : formula_end + 4]
            if tail == "</c>":
                finish = formula_end
            elif tail == "<v/>" and piece.startswith("</c>", formula_end + 4):
                finish = formula_end + 4
                f_tags += 1
            elif tail[:3] == "<v>" and piece.startswith(
                "</v></c>", value_end := piece.find("<", formula_end + 3)
            ):
                finish = value_end + 4
                f_tags += 2
            else:  # more than a formula and its value: read through the parser
                tags += _rare_cell(piece, close, key, sheet, reading)
                continue
            if kind != "normal" or (
                text is not None
                and len(text) > nesting  # shorter texts cannot hold that many "("
                and (len(text) > chars or text.count("(") > nesting)
            ):
                check_formula_cell(sheet, reading, key, text, kind, ref)
            if text is not None:  # a column's repeated formula is held once (Table columns)
                if text == last_texts.get(col):
                    text = last_texts[col]
                else:
                    last_texts[col] = text
            formulas_append(new_tuple(FormulaCell, (row, col, text, kind, ref, shared, key)))
            tags += f_tags + 2  # <c ...> and </c>
            at, opening = offset - 6, close + 6
            if at < SLOT_START and opening < SLOT_FIELD and finish - formula_end < SLOT_FIELD:
                # one int, not a tuple of four: a sheet has hundreds of thousands of them
                slots[key] = (
                    at | opening << 32 | (finish - formula_end) << 48 | (formula_end - close) << 64
                )
        elif head == "<v>":
            value_end = piece.find("<", inner + 3)
            if not piece.startswith("</v></c>", value_end):
                tags += _rare_cell(piece, close, key, sheet, reading)
                continue
            tags += 4
            raw = piece[inner + 3 : value_end]
            if cell_type == "n":
                try:
                    number = float(raw) if raw else None
                except ValueError:
                    number = typed("n", raw, False)  # raises NotPlain with the reason
                if number is not None and (number - number != 0.0 or "_" in raw):
                    typed("n", raw, False)  # inf, nan or 1_000: raises
                values[key] = number
            elif cell_type == "s":
                values[key] = shared_string(raw, strings)
            else:
                values[key] = typed(cell_type, unescape(raw), reading.date1904)
        elif head == "<is" and piece.startswith("<is><t>", inner):
            text_end = piece.find("<", inner + 7)
            if cell_type == "inlineStr" and piece.startswith("</t></is></c>", text_end):
                tags += 6
                values[key] = unescape(piece[inner + 7 : text_end])
            else:
                tags += _rare_cell(piece, close, key, sheet, reading)
        elif head == "</c" and piece.startswith("</c>", inner):
            tags += 2
        elif head == "<v/" and piece.startswith("<v/></c>", inner):
            tags += 3
        else:
            tags += _rare_cell(piece, close, key, sheet, reading)
    _check_accounted(xml, begin, end, tags)
    if len(present) != cell_count:
        raise NotPlain(Msg("sama solu esiintyy kahdesti"))
    sheet.formula_cells += len(sheet.formulas)
    count_limit(N_("kaavasolua"), sheet.formula_cells, reading.formulas_left, reading.where)
    sheet.max_row = max(present) >> COL_BITS if present else 0
    sheet.max_col = max_col
    return sheet


def _declares_namespace(xml: str, begin: int, end: int) -> bool:
    """Whether a tag between ``begin`` and ``end`` holds ``xmlns`` (the text may say it).

    The word in a cell's text ("xmlns" typed into a cell) is content, not a
    declaration: only an occurrence after a ``<`` with no ``>`` in between is
    inside a tag.  Occurrences are rare, so each is checked on its own.
    """
    at = xml.find("xmlns", begin, end)
    while at >= 0:
        if xml.rfind("<", begin, at) > xml.rfind(">", begin, at):
            return True
        at = xml.find("xmlns", at + 5, end)
    return False


def _pieces(xml: str, begin: int, end: int) -> Iterator[Iterator[tuple[str, int]]]:
    """(the text after each ``<c r="``, where it starts) between ``begin`` and ``end``.

    Split about a megabyte at a time: the pieces of a whole 100,000-row sheet
    at once would hold its text twice more (a copy, and the pieces).
    """
    at = begin
    while at < end:
        cut = xml.find(_CELL_START, at + _SCAN_CHUNK, end)
        if cut < 0:
            cut = end
        pieces = xml[at:cut].split(_CELL_START)
        starts = accumulate((len(p) + 6 for p in pieces), initial=at)
        next(starts)  # the text before the chunk's first cell (empty after the first chunk)
        yield zip(pieces[1:], starts, strict=False)
        at = cut


def _formula(piece: str, at: int) -> tuple[int, int, str, str | None, str | None, str | None]:
    """(end of the ``<f ...>`` element, its tags, kind, raw text, ref, shared index) at ``at``."""
    tag_end = piece.find(">", at)
    attrs = attributes(piece[at + 2 : tag_end]) if tag_end > at + 2 else {}
    if tag_end < 0 or not piece[at + 2 : at + 3].isspace() and piece[at + 2] != "/":
        raise NotPlain(Msg("kaavaelementti on kirjoitettu poikkeavasti"))
    kind = attrs.get("t", "normal")
    if piece[tag_end - 1] == "/":
        return tag_end + 1, 1, kind, None, attrs.get("ref"), attrs.get("si")
    text_end = piece.find("<", tag_end)
    if not piece.startswith("</f>", text_end):
        raise NotPlain(Msg("kaavaelementti on kirjoitettu poikkeavasti"))
    text = piece[tag_end + 1 : text_end] or None
    return text_end + 4, 2, kind, text, attrs.get("ref"), attrs.get("si")


def _array_area(ref: str, reading: Reading, key: int) -> int:
    """Cells of an array formula's area, refused beyond the grid or the limit."""
    try:
        r1, c1, r2, c2 = parse_area(ref)
    except ValueError:
        raise NotPlain(Msg("matriisikaavan alue {ref!r} ei ole alue", ref=ref[:30])) from None
    if min(r1, c1) < 1 or r2 > MAX_ROW or c2 > MAX_COL:
        raise NotPlain(Msg("matriisikaavan alue {ref!r} ei ole Excelin ruudukossa", ref=ref[:30]))
    area = (r2 - r1 + 1) * (c2 - c1 + 1)
    if area > reading.limits.array_area:
        raise LimitExceeded(
            Msg(
                "{cell}: matriisikaavan alue {ref} on liian suuri: {area} solua (raja {limit})",
                cell=reading.cell(key),
                ref=ref,
                area=Num(area),
                limit=Num(reading.limits.array_area),
            )
        )
    return area


def _check_head(xml: str, end: int) -> str:
    """The root's namespace declarations, once the text before the cells is proved plain.

    The root must declare SpreadsheetML as its default namespace, and nothing
    before ``<sheetData>`` may redeclare it, comment or process.
    """
    head = xml[:end]
    if "<!" in head or head.find("<?", 2) >= 0:
        raise NotPlain(Msg("taulukon alussa on kommentti tai käsittelyohje"))
    declared = _DEFAULT_NAMESPACE.findall(head)
    if len(declared) != 1 or declared[0] not in MAIN_NAMESPACES:
        raise NotPlain(Msg("taulukon oletusnimiavaruus ei ole SpreadsheetML"))
    if head.count("xmlns") - head.count("xmlns:") != 1:
        raise NotPlain(Msg("taulukon alussa on nimiavaruuden määrittely"))
    declaration_end = head.find("?>") + 2 if head.startswith("<?") else 0
    root_start = head.find("<", declaration_end)
    root_end = head.find(">", root_start)
    return " ".join(re.findall(r'xmlns(?::[\w.-]+)?="[^"]*"', head[root_start:root_end]))


def _check_accounted(xml: str, begin: int, end: int, tags: int) -> None:
    """Prove the scan saw every tag between the cells: only row tags may be left over."""
    opened = xml.count("<", begin, end)
    rows = xml.count("<row", begin, end) + xml.count("</row>", begin, end)
    if opened != tags + rows:
        raise NotPlain(Msg("solualueella on elementtejä, joita pikaluku ei tunne"))
    if xml.count(">", begin, end) != opened:
        raise NotPlain(Msg("määritteen arvossa tai tekstissä on '>'-merkki"))


def shared_string(raw: str, strings: list[str]) -> str:
    """The shared string numbered ``raw``, refusing what is not an index of the table."""
    if not raw.isdigit() or not raw.isascii() or int(raw) >= len(strings):
        raise NotPlain(
            Msg(
                "jaetun merkkijonon numero {raw!r} ei ole taulukossa (0-{value})",
                raw=raw[:20],
                value=len(strings) - 1,
            )
        )
    return strings[int(raw)]


def check_formula_cell(
    sheet: SheetCells, reading: Reading, key: int, text: str | None, kind: str, ref: str | None
) -> None:
    """Limits and refusals for one formula; counts the extra cells of an array formula."""
    if text is not None:
        check_formula(text, reading.cell(key), reading.limits)
    if kind == "dataTable":
        raise FormulaSyntaxError(
            tr("Entä jos -analyysin arvotaulukoita (TABLE()) ei tueta"), reading.cell(key)
        )
    if kind == "array" and ref:
        sheet.formula_cells += _array_area(ref, reading, key) - 1


def _rare_cell(piece: str, close: int, key: int, sheet: SheetCells, reading: Reading) -> int:
    """Read a cell written in a rare layout through the XML parser; its number of ``<``."""
    finish = piece.find("</c>", close)
    if finish < 0:
        raise NotPlain(Msg("solun loppumerkintää </c> ei löydy"))
    cell_xml = _CELL_START + piece[: finish + 4]
    try:
        element = parse_cell(cell_xml, sheet.namespaces)
    except (UnreadableWorkbook, ValueError):
        raise NotPlain(Msg("soluelementti ei ole yksinään luettavissa")) from None
    row, col = key >> COL_BITS, key & ((1 << COL_BITS) - 1)
    cell_type = element.get("t", "n")
    formula, value, inline = child(element, "f"), child(element, "v"), child(element, "is")
    if formula is not None:
        kind = formula.get("t", "normal")
        text = escape_formula(formula.text) if formula.text else None
        ref = formula.get("ref")
        check_formula_cell(sheet, reading, key, text, kind, ref)
        sheet.formulas.append(FormulaCell(row, col, text, kind, ref, formula.get("si"), key))
    elif inline is not None and cell_type == "inlineStr":
        sheet.values[key] = item_text(inline)
    elif value is not None and cell_type == "s":
        sheet.values[key] = shared_string(value.text or "", reading.shared_strings)
    elif value is not None and (value.text or cell_type != "n"):
        sheet.values[key] = typed(cell_type, decode_escapes(value.text or ""), reading.date1904)
    return cell_xml.count("<")


def typed(cell_type: str, text: str, date1904: bool) -> Any:
    """A cell's constant from its type and ``<v>`` text (entities already resolved).

    Numbers and shared strings are read in the scan's hot loop; this is for
    the other types, and for cells read through the XML parser.
    """
    if cell_type == "str":
        return text
    if cell_type == "b":
        flag = text.strip()
        if flag in ("1", "true"):
            return True
        if flag in ("0", "false"):
            return False
        raise NotPlain(Msg("totuusarvo {text!r} ei ole 0 tai 1", text=text[:20]))
    if cell_type == "e":
        error = XlError.from_literal(text)
        if error is None:
            raise NotPlain(Msg("virhearvo {text!r} ei ole Excelin virhearvo", text=text[:20]))
        return error
    if cell_type == "d":
        moment = iso_moment(text)
        if moment is None:
            raise NotPlain(Msg("päivämäärä {text!r} ei ole ISO 8601 -muotoa", text=text[:30]))
        if not isinstance(moment, datetime):
            return date_serial(moment, date1904)
        since_midnight = moment - datetime.combine(moment.date(), time())
        return date_serial(moment.date(), date1904) + since_midnight.total_seconds() / 86400.0
    if cell_type == "n":
        if "_" in text:
            raise NotPlain(Msg("solun arvo {text!r} ei ole luku", text=text[:20]))
        try:
            number = float(text)
        except ValueError:
            raise NotPlain(Msg("solun arvo {text!r} ei ole luku", text=text[:20])) from None
        if number - number != 0.0:
            raise NotPlain(Msg("solun arvo {text!r} ei ole Excelin luku", text=text[:20]))
        return number
    raise NotPlain(Msg("solutyypin {cell_type!r} arvo on <v>-elementissä", cell_type=cell_type))


def iso_moment(text: str) -> date | datetime | None:
    """The moment a ``t="d"`` cell's text states; None if it is not one of the two forms.

    A date only (``2024-03-01``) is a day, not midnight of it: every reader
    gives a ``date`` (openpyxl does; the engine its serial), and only a text
    with a time after ``T`` (``2024-03-01T12:30:00``) is a ``datetime``.  Any
    other spelling - a space for the ``T``, no hyphens, a time alone - is
    refused rather than read in part (``2024-03-01 12:30`` read as the day
    alone would drop the time without a word), and so is a time with a zone
    (``...T12:30:00+02:00``): a cell holds no zone, and which clock was meant
    would be a guess.
    """
    text = text.strip()
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
        if _ISO_DATE.match(text) and text[10:11] == "T":
            moment = datetime.fromisoformat(text)
            return moment if moment.tzinfo is None else None
    except ValueError:  # a month 13, a 25th hour
        return None
    return None
