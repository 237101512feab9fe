"""Cell text as Excel reads it: shared strings, inline strings, rich runs, phonetic runs.

A string item (``<si>`` in ``sharedStrings.xml``, ``<is>`` in a cell) holds
either one ``<t>`` or rich-text runs ``<r><rPr/><t/></r>``; its value is the
plain text of those, in order.  Phonetic guides (``<rPh>``, the furigana of
East Asian text) are shown above the text but are not part of the value, so
they are left out, as Excel does.  OOXML writes characters XML cannot hold as
``_xHHHH_`` (``_x005F_`` for a literal underscore); they are decoded here.

The shared strings are read by a streaming parser, item by item, so a huge or
hostile part costs no more than the strings it really holds.
"""

from __future__ import annotations

import io
import re

from lxml import etree

from xlsrc.core.text import N_
from xlsrc.limits import count_limit
from xlsrc.ooxml.xml import HARDENED, MAIN_NAMESPACES, broken, doctype_refusal

_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ITEM_TAGS = tuple(f"{{{ns}}}si" for ns in MAIN_NAMESPACES)


def decode_escapes(text: str) -> str:
    """OOXML's ``_xHHHH_`` escapes to the characters they stand for."""
    if "_x" in text:
        return _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text


def item_text(item: etree._Element) -> str:
    """The value of a string item (``<si>`` or ``<is>``): ``<t>`` and rich runs, no phonetics."""
    pieces: list[str] = []
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = tag.rpartition("}")[2]
        if name == "t":
            pieces.append(child.text or "")
        elif name == "r":
            for run in child:
                if isinstance(run.tag, str) and run.tag.rpartition("}")[2] == "t":
                    pieces.append(run.text or "")
    return decode_escapes("".join(pieces))


def shared_strings(data: bytes, part: str, where: str, most: int) -> list[str]:
    """Every item of a shared-strings part, in order (at most ``most`` of them)."""
    strings: list[str] = []
    context = etree.iterparse(io.BytesIO(data), events=("end",), tag=_ITEM_TAGS, **HARDENED)
    try:
        for _, item in context:
            strings.append(item_text(item))
            item.clear()
            parent = item.getparent()
            while parent is not None and item.getprevious() is not None:
                del parent[0]  # items already read: keep the tree from growing
            if len(strings) > most:
                count_limit(N_("jaettua merkkijonoa"), len(strings), most, f"{where}: {part}")
    except etree.XMLSyntaxError as error:
        raise broken(part, error, data) from error
    root = context.root
    if root is not None and root.getroottree().docinfo.doctype:
        raise doctype_refusal(part)
    return strings
