"""A worksheet part the text scan does not understand, rewritten by the real XML parser.

Comments, CDATA sections, processing instructions, UTF-16, ``'``-quoted
attributes, whitespace inside tags, namespace prefixes (``<x:c>``), cells
without an address: all legal XML, all read here by lxml and written back in
the one plain form :mod:`xlsrc.engine.sheetscan` reads exactly.  The result
means the same to every reader (comments and processing instructions inside
a sheet carry no data and are dropped), and it is what the recalculated file
contains for this part.

Rows and cells without an ``r`` get the address Excel gives them (the next
row, the next column); every cell's ``r`` is written first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg
from xlsrc.engine.refs import MAX_COL, MAX_ROW, cell_name, parse_cell
from xlsrc.ooxml.xml import MAIN_NAMESPACES, local, namespace, parse_clean

_XML = "http://www.w3.org/XML/1998/namespace"


def canonical(data: bytes, part: str, where: str) -> str:
    """The text of the worksheet part ``data`` in the plain form the scan reads."""
    old_root = parse_clean(data, part)
    main = namespace(old_root)
    if main not in MAIN_NAMESPACES or local(old_root) != "worksheet":
        raise UnreadableWorkbook(
            Msg("{where}: osa {part} ei ole laskentataulukko", where=where, part=part)
        )
    root = etree.Element(old_root.tag, attrib=_attributes(old_root), nsmap=_namespaces(old_root))
    for element in list(old_root):
        if local(element) == "sheetData" and namespace(element) == main:
            _sheet_data(element, root, main, where)
        else:
            root.append(element)
    options: dict[str, Any] = {"xml_declaration": True, "encoding": "UTF-8"}
    if old_root.getroottree().docinfo.standalone:
        options["standalone"] = True
    text: bytes = etree.tostring(root, **options)
    return text.decode("utf-8")


def _attributes(element: etree._Element) -> dict[str, str]:
    """The attributes of ``element`` as text (lxml types them as text or bytes)."""
    return {str(name): str(value) for name, value in element.attrib.items()}


def _namespaces(old_root: etree._Element) -> Any:  # lxml's nsmap: None is the default
    """Every namespace the part uses, declared once on the root: SpreadsheetML as the default.

    Rebuilt cells then carry no declarations of their own (the scan refuses
    those inside ``<sheetData>``).
    """
    main = namespace(old_root)
    declared: dict[str | None, str] = {None: main, "xml": _XML}
    for element in old_root.iter():
        if not isinstance(element.tag, str):
            continue
        names = [element.tag, *element.attrib.keys()]
        used = {name[1:].partition("}")[0] for name in names if name.startswith("{")}
        for uri in used - set(declared.values()):
            prefix = next((p for p, u in element.nsmap.items() if u == uri and p), None)
            if prefix is None or prefix in declared:
                prefix = f"ns{len(declared)}"
            declared[prefix] = uri
    del declared["xml"]  # bound to its prefix by XML itself, never declared
    return declared


def _sheet_data(old: etree._Element, root: etree._Element, main: str, where: str) -> None:
    """Rebuild ``<sheetData>`` in the default namespace, every row and cell addressed.

    Rows and cells are numbered as they are met (an address-less cell follows
    its neighbour, as Excel reads it), so the numbering and the copying cannot
    be separated without walking the tree twice.
    """
    data = etree.SubElement(root, f"{{{main}}}sheetData", attrib=_attributes(old))
    row_number = 0
    for old_row in _members(old, data, "row", main):
        given = old_row.get("r")
        row_number = _number(given, where, Msg("rivin numero")) if given else row_number + 1
        if not 0 < row_number <= MAX_ROW:
            raise UnreadableWorkbook(
                Msg(
                    "{where}: rivi {row_number} ei ole Excelin ruudukossa",
                    where=where,
                    row_number=row_number,
                )
            )
        row = _addressed(data, old_row, str(row_number))
        col = 0
        for old_cell in _members(old_row, row, "c", main):
            address = old_cell.get("r")
            cell_row = row_number
            if address:
                try:
                    cell_row, col = parse_cell(address)
                except ValueError:
                    raise UnreadableWorkbook(
                        Msg(
                            "{where}: solun osoite {address!r} ei ole Excelin ruudukossa "
                            "(A1:XFD1048576)",
                            where=where,
                            address=address[:20],
                        )
                    ) from None
            else:
                col += 1
            if not (0 < cell_row <= MAX_ROW and 0 < col <= MAX_COL):
                raise UnreadableWorkbook(
                    Msg(
                        "{where}: solu {value!r} rivillä {row_number} ei ole Excelin ruudukossa "
                        "(A1:XFD1048576)",
                        where=where,
                        value=address or cell_name(cell_row, col),
                        row_number=row_number,
                    )
                )
            cell = _addressed(row, old_cell, cell_name(cell_row, col))
            for inner in old_cell:
                _copy(inner, cell)


def _members(
    old: etree._Element, new: etree._Element, name: str, main: str
) -> Iterator[etree._Element]:
    """The children of ``old`` called ``name`` (SpreadsheetML); any others are copied to ``new``."""
    for element in old:
        if local(element) == name and namespace(element) == main:
            yield element
        else:
            _copy(element, new)


def _addressed(parent: etree._Element, old: etree._Element, address: str) -> etree._Element:
    """A copy of ``old`` (no children) under ``parent``, ``r`` set to ``address`` and first."""
    element = etree.SubElement(parent, old.tag)
    element.set("r", address)
    for name, value in old.attrib.items():
        if name != "r":
            element.set(name, value)
    return element


def _copy(element: etree._Element, parent: etree._Element) -> None:
    """A deep copy of ``element`` under ``parent``, in ``parent``'s namespace declarations."""
    clone = etree.SubElement(parent, element.tag, attrib=_attributes(element))
    clone.text = element.text
    for inner in element:
        _copy(inner, clone)
        inner_clone = clone[-1]
        inner_clone.tail = inner.tail


def _number(text: str, where: str, what: Msg) -> int:
    if not text.isascii() or not text.isdigit():
        raise UnreadableWorkbook(
            Msg("{where}: {what} {text!r} ei ole numero", where=where, what=what, text=text[:20])
        )
    return int(text)
