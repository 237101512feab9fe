"""Formula text -> tokens, with references made relative to the formula's cell.

Two cells whose formulas differ only by where they sit (``=B2*C2`` in row 2,
``=B3*C3`` in row 3, or one Excel shared formula) produce the *same* token
tuple, because relative row/column parts become offsets from the host cell.
The compiler caches on that tuple, so a column of 20,000 copied formulas is
parsed and compiled once.
"""

from __future__ import annotations

import re
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine import messages
from xlsrc.engine.errors import BrokenReference, FormulaSyntaxError
from xlsrc.engine.refs import MAX_COL, MAX_ROW, col_index

# A token is a tuple whose first item is its kind:
#   ("num", float) ("str", text) ("err", XlError) ("op", text) ("(",) (")",) (",",) (";",)
#   ("{",) ("}",) ("func", NAME) ("name", sheet|None, name) ("struct", table|None, body)
#   ("ref", sheet|None, r1, c1, r2, c2, flags) - see _reference() for the encoding.
Token = tuple[Any, ...]

_SHEET = r"(?:(?:\[\d+\])?(?:'(?:[^']|'')+'|[^\W\d][\w.]*(?::[^\W\d][\w.]*)?)!)"
_CELL = r"\$?[A-Za-z]{1,3}\$?\d+"
_AREA = rf"{_CELL}(?::{_CELL})?|\$?[A-Za-z]{{1,3}}:\$?[A-Za-z]{{1,3}}|\$?\d+:\$?\d+"
_PATTERN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<str>"(?:[^"]|"")*")
  | (?P<err>{_SHEET}?\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!))
  | (?P<ref>{_SHEET}?(?P<area>{_AREA})(?![\w.(\[!]))
  | (?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<struct>(?P<table>[^\W\d][\w.\\]*)?\[(?:[^\[\]']|'.|\[(?:[^\[\]']|'.)*\])*\])
  | (?P<name>(?:\[\d+\]!)?{_SHEET}?[^\W\d][\w.\\?]*)
  | (?P<op><>|<=|>=|[-+*/^&=<>%:@])
  | (?P<punct>[(),;{{}}])
    """,
    re.VERBOSE,
)
_AREA_PART = re.compile(r"(\$?)([A-Za-z]*)(\$?)(\d*)")

#: Bit flags in a ref token telling which parts are absolute.
R1_ABS, C1_ABS, R2_ABS, C2_ABS = 1, 2, 4, 8


def tokenize(formula: str, row: int, col: int) -> tuple[Token, ...]:
    """Tokens of ``formula`` (without the leading ``=``) as seen from cell (row, col)."""
    tokens: list[Token] = []
    pos = 0
    end = len(formula)
    match_at = _PATTERN.match
    while pos < end:
        match = match_at(formula, pos)
        if match is None:
            raise FormulaSyntaxError(messages.unreadable_formula(formula[pos : pos + 12]))
        pos = match.end()
        kind = match.lastgroup
        if kind == "ws":
            continue
        text = match.group()
        if kind == "ref":
            tokens.append(_reference(match, row, col))
        elif kind == "num":
            tokens.append(("num", float(text)))
        elif kind == "str":
            tokens.append(("str", text[1:-1].replace('""', '"')))
        elif kind == "op" or kind == "punct":
            tokens.append((text,) if kind == "punct" else ("op", text))
        elif kind == "name" or kind == "table" or kind == "struct":
            tokens.append(_named(match, formula, pos))
        elif kind == "err":
            _deleted_target(formula, match, match_at(formula, pos))
            literal = text[text.index("#") :] if "!" in text[:-1] else text
            error = XlError.from_literal(literal)
            tokens.append(("err", error if error is not None else XlError.NAME))
        else:  # pragma: no cover - every group is handled above
            raise FormulaSyntaxError(messages.unexpected(repr(text)))
    return tuple(tokens)


def _deleted_target(formula: str, error: re.Match[str], after: re.Match[str] | None) -> None:
    """Refuse an error literal written in place of a deleted sheet's or Table's name.

    Excel saves ``'Taulukko 3'!C11`` as ``#REF!C11`` once the sheet is deleted;
    LibreOffice saves a reference to a Table deleted with its sheet as
    ``#NAME?[[Talousarvio 2024]]``.  An error literal directly followed by a
    reference (no space, so no intersection operator between them) is neither
    a value nor a reference the engine could compute, so the formula is refused
    saying what was deleted, not as a syntax error.
    """
    if after is None or after.lastgroup not in ("struct", "ref", "name", "err"):
        return
    if after.lastgroup == "name" and after.end() < len(formula) and formula[after.end()] == "(":
        return  # a function call: a syntax error, reported as one
    text = formula[error.start() : after.end()]
    if after.lastgroup == "struct":
        raise BrokenReference(messages.deleted_table(text))
    raise BrokenReference(messages.deleted_sheet(text))


def _sheet_name(text: str) -> str | None:
    """The sheet of a ``Sheet!ref`` token text (None when unqualified)."""
    sheet, bang, _ = text.rpartition("!")
    if not bang:
        return None
    if sheet.startswith("["):
        raise FormulaSyntaxError(messages.other_workbook(text))
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    elif ":" in sheet:
        raise FormulaSyntaxError(messages.three_d_reference(sheet))
    return sheet


def _named(match: re.Match[str], formula: str, end: int) -> Token:
    if match.lastgroup == "struct" or match.group("struct"):
        text = match.group("struct")
        table = match.group("table")
        body = text[len(table) if table else 0 :]
        return ("struct", table, body[1:-1])
    text = match.group("name")
    if end < len(formula) and formula[end] == "(":
        name = text.upper()
        if name.startswith("[") or "!" in name:  # add-in function: [1]!XS_NAME or 'x.xlam'!XS_NAME
            name = name.rsplit("!", 1)[1]
        for prefix in ("_XLFN.", "_XLWS.", "_XLUDF."):
            if name.startswith(prefix):
                name = name[len(prefix) :]
        return ("func", name)
    if text.startswith("["):
        raise FormulaSyntaxError(messages.other_workbook(text))
    sheet = _sheet_name(text)
    name = text.rsplit("!", 1)[1] if sheet is not None else text
    upper = name.upper()
    if sheet is None and upper in ("TRUE", "FALSE"):
        return ("bool", upper == "TRUE")
    return ("name", sheet, name)


def _reference(match: re.Match[str], row: int, col: int) -> Token:
    """A ref token: absolute parts as numbers, relative parts as offsets from (row, col)."""
    sheet = _sheet_name(match.group("ref"))
    first, _, last = match.group("area").partition(":")
    r1, c1, flags1 = _part(first)
    r2, c2, flags2 = _part(last) if last else (r1, c1, flags1)
    flags = flags1 | (flags2 << 2)
    if c1 == 0:  # whole rows: 3:5
        c1, c2 = 1, MAX_COL
        flags |= C1_ABS | C2_ABS
    if r1 == 0:  # whole columns: B:D
        r1, r2 = 1, MAX_ROW
        flags |= R1_ABS | R2_ABS
    if r1 > MAX_ROW or r2 > MAX_ROW or c1 > MAX_COL or c2 > MAX_COL:
        raise FormulaSyntaxError(messages.outside_the_sheet(match.group()))
    if not flags & R1_ABS:
        r1 -= row
    if not flags & C1_ABS:
        c1 -= col
    if not flags & R2_ABS:
        r2 -= row
    if not flags & C2_ABS:
        c2 -= col
    return ("ref", sheet, r1, c1, r2, c2, flags)


def _part(text: str) -> tuple[int, int, int]:
    match = _AREA_PART.fullmatch(text)
    assert match is not None
    col_abs, letters, row_abs, digits = match.groups()
    if not letters:  # row-only part "$3"
        return int(digits), 0, R1_ABS if col_abs else 0
    column = col_index(letters)
    row_number = int(digits) if digits else 0
    flags = (C1_ABS if col_abs else 0) | (R1_ABS if row_abs else 0)
    return row_number, column, flags
