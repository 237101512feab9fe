"""The one way xlsrc parses XML from a workbook: hardened, and with located Finnish errors.

Every part of a package comes from a user (or an attacker), so the parser
never resolves entities, never loads a DTD or anything from the network,
and keeps libxml2's size limits (``huge_tree`` off).  A document type
declaration is refused outright: Office never writes one, and it is where
entity bombs and external entities live.

Two entry points: :func:`parse` builds a tree (small parts: workbook,
relationships, content types, styles); :func:`check_wellformed` only proves
a part is well-formed, without building anything in Python (the large worksheet
parts, which the engine then reads as text).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg

#: SpreadsheetML main namespace: Transitional (what Excel saves) and Strict.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
MAIN_NAMESPACES = (MAIN, STRICT_MAIN)
#: Relationship-id attributes (r:id) and relationship types, Transitional and Strict.
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
#: Package-level namespaces are the same in both flavours.
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"

_CHUNK = 1 << 16  # libxml2's push parser refuses single chunks beyond its lookahead limit


#: what every parser of ours is told: no entities, no DTD, no network, libxml2's size limits
HARDENED: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}
_PARSER = etree.XMLParser(**HARDENED)
_CLEAN_PARSER = etree.XMLParser(**HARDENED, remove_comments=True, remove_pis=True)


def parse(data: bytes, part: str) -> etree._Element:
    """The root element of ``data`` (the XML of ``part``); refuses DTDs and broken XML."""
    return _parse(data, part, _PARSER)


def parse_clean(data: bytes, part: str) -> etree._Element:
    """:func:`parse`, with comments and processing instructions dropped, CDATA as text."""
    return _parse(data, part, _CLEAN_PARSER)


def _parse(data: bytes, part: str, parser: etree.XMLParser) -> etree._Element:
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise broken(part, error, data) from error
    info: etree.DocInfo = root.getroottree().docinfo
    if info.doctype:  # type: ignore[attr-defined]  # lxml-stubs lack DocInfo.doctype
        raise doctype_refusal(part)
    return root


class _Nothing:
    """A parser target that builds nothing: libxml2 checks the document, Python sees no events.

    Only a document type declaration calls back (at most once per document).
    """

    def __init__(self) -> None:
        self.doctype_seen = False

    def doctype(self, *_declaration: object) -> None:
        self.doctype_seen = True

    def close(self) -> None:
        return None


def check_wellformed(data: bytes, part: str) -> None:
    """Refuse ``data`` unless it is one well-formed XML document without a DTD."""
    target = _Nothing()
    parser = etree.XMLParser(target=target, **HARDENED)  # type: ignore[arg-type]  # any object with the target methods
    try:
        for start in range(0, len(data), _CHUNK):
            parser.feed(data[start : start + _CHUNK])
        parser.close()
    except etree.XMLSyntaxError as error:
        raise broken(part, error, data) from error
    if target.doctype_seen:
        raise doctype_refusal(part)


def broken(part: str, error: etree.XMLSyntaxError, data: bytes = b"") -> UnreadableWorkbook:
    """The refusal for XML that cannot be parsed, with libxml2's line, column and reason.

    A DTD whose entities libxml2 refused (external, or an amplification bomb)
    is named as the DTD it is.
    """
    if b"<!DOCTYPE" in data:
        return doctype_refusal(part)
    line, column = error.position if error.position else (0, 0)
    reason = str(error.msg if hasattr(error, "msg") else error).split(", line ")[0]
    return UnreadableWorkbook(
        Msg(
            "osan {part} XML on rikki (rivi {line}, sarake {column}: {reason}); tallenna "
            "työkirja uudelleen Excelissä",
            part=part,
            line=line,
            column=column,
            reason=reason,
        )
    )


def doctype_refusal(part: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        Msg(
            "osassa {part} on DTD-määrittely (<!DOCTYPE>), jota Excel ei koskaan kirjoita; "
            "tiedostoa ei käsitellä",
            part=part,
        )
    )


def local(element: etree._Element) -> str:
    """The local name of an element (``"sheet"`` for ``{...main}sheet``); "" for comments."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def namespace(element: etree._Element) -> str:
    tag = element.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def relationship_id(element: etree._Element) -> str | None:
    """The ``r:id`` attribute of ``element``, Transitional or Strict."""
    found = element.get(f"{{{REL}}}id") or element.get(f"{{{STRICT_REL}}}id")
    return str(found) if found is not None else None


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements called ``name`` in a SpreadsheetML main namespace (either flavour)."""
    return [
        child
        for child in element
        if isinstance(child.tag, str)
        and child.tag.rpartition("}")[2] == name
        and namespace(child) in MAIN_NAMESPACES
    ]
