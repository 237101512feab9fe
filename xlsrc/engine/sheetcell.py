"""One ``<c>`` element through the real XML parser: for cells written in a rare way.

The text scan reads the common cell layouts itself; a cell written some other
way (rich inline text, ``xml:space``, an extension list inside the cell) is
parsed on its own here, and the patcher rebuilds such a cell the same way, so
no regular expression ever has to guess where one of its elements ends.  The
cell is parsed inside a wrapper that repeats the root's namespace
declarations, so prefixes declared there still resolve.
"""

from __future__ import annotations

from lxml import etree

from xlsrc.ooxml.xml import MAIN_NAMESPACES, local, parse

_WRAPPER = "xlsrc-cell"


def parse_cell(cell_xml: str, namespaces: str) -> etree._Element:
    """The ``<c>`` element written as ``cell_xml`` (declarations ``namespaces`` in scope)."""
    document = f"<{_WRAPPER} {namespaces}>{cell_xml}</{_WRAPPER}>".encode()
    wrapper = parse(document, "solu")
    cells = [child for child in wrapper if isinstance(child.tag, str)]
    if len(cells) != 1 or local(cells[0]) != "c":
        raise ValueError("not one cell element")
    return cells[0]


def serialise_cell(cell: etree._Element, namespaces: str) -> str:
    """``cell`` as text again, without repeating the declarations already in scope."""
    text = str(etree.tostring(cell, encoding="unicode", with_tail=False))
    head_end = text.find(">")
    head = text[:head_end]
    for declaration in namespaces.split():
        head = head.replace(" " + declaration, "", 1)
    return head + text[head_end:]


def child(cell: etree._Element, name: str) -> etree._Element | None:
    """The first child ``name`` of ``cell`` in the SpreadsheetML namespace, if any."""
    for element in cell:
        if local(element) == name and element.tag[1:].partition("}")[0] in MAIN_NAMESPACES:
            return element
    return None


def escape_formula(text: str) -> str:
    """Formula text back to XML element text, as the compiler expects to receive it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
