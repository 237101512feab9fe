"""Text-level helpers for SpreadsheetML parts: entities, rich text, cell attributes.

The engine reads and patches worksheet XML as text (see :mod:`sheetscan` and
:mod:`sheetpatch`); these are the small pieces both sides share.
"""

from __future__ import annotations

import html
import re

FORMULA = re.compile(r"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
VALUE = re.compile(r"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)
VALUE_SPAN = re.compile(r"<((?:\w+:)?)v\b[^>]*?(?:/>|>.*?</(?:\w+:)?v>)", re.S)
INLINE = re.compile(r"<(?:\w+:)?is\b.*?</(?:\w+:)?is>|<(?:\w+:)?is\s*/>", re.S)
ATTRS = re.compile(r"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
TYPE_ATTR = re.compile(r"""\s+t\s*=\s*(?:"[^"]*"|'[^']*')""")
_TEXT_RUN = re.compile(r"<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", re.S)
_PHONETIC = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # CR too: a literal one reads back as LF


def unescape(text: str) -> str:
    """XML text to Python text (entities and OOXML's ``_xHHHH_`` escapes)."""
    if "&" in text:
        if "&#" in text:
            text = html.unescape(text)
        else:
            text = (
                text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", '"')
                .replace("&apos;", "'")
                .replace("&amp;", "&")
            )
    if "_x" in text:
        text = _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text


def escape(text: str) -> str:
    """Python text to XML element text (control characters as ``_xHHHH_``)."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text


def inline_text(xml: str) -> str:
    """The plain text of an ``<si>`` or ``<is>`` element (rich runs joined, phonetics dropped)."""
    if "<rPh" in xml:
        xml = _PHONETIC.sub("", xml)
    return "".join(unescape(m.group(1) or "") for m in _TEXT_RUN.finditer(xml))


def attributes(text: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in ATTRS.finditer(text)
    }
