"""Text-level helpers for SpreadsheetML parts: entities and OOXML's ``_xHHHH_`` escapes.

The engine reads and patches worksheet XML as text (see :mod:`sheetscan` and
:mod:`sheetpatch`); these are the small pieces both sides share.  Element
text is OOXML's ``ST_Xstring``: a character XML cannot hold is written
``_xHHHH_``, and an underscore that would otherwise start such an escape is
written ``_x005F_``, so a text that merely looks like an escape survives.
"""

from __future__ import annotations

import re

from xlsrc.ooxml.entities import resolve_entities
from xlsrc.ooxml.strings import decode_escapes

__all__ = ["TYPE_ATTR", "escape", "resolve_entities", "unescape", "xml_text"]

TYPE_ATTR = re.compile(r"""\s+t\s*=\s*(?:"[^"]*"|'[^']*')""")
#: characters written as _xHHHH_: those XML cannot hold, and CR (a literal one reads back as LF)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def unescape(text: str) -> str:
    """XML text to Python text (entities and OOXML's ``_xHHHH_`` escapes)."""
    return decode_escapes(resolve_entities(text) if "&" in text else text)


def xml_text(text: str) -> str:
    """Python text to ``ST_Xstring`` (``_xHHHH_`` escapes; XML entities not yet applied)."""
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub("_x005F_", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text


def escape(text: str) -> str:
    """Python text to XML element text (entities and ``_xHHHH_`` escapes)."""
    text = xml_text(text)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text
