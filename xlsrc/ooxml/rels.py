"""The package graph: relationships between parts, and the content type of each part.

Relationship types are compared by their last word (``worksheet``,
``sharedStrings``, ``officeDocument``), which is what Transitional
(``http://schemas.openxmlformats.org/officeDocument/2006/relationships/...``)
and Strict (``http://purl.oclc.org/ooxml/officeDocument/relationships/...``)
packages have in common.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg
from xlsrc.ooxml.archive import CONTENT_TYPES_PART, Archive
from xlsrc.ooxml.xml import CONTENT_TYPES, PKG_REL, STRICT_MAIN, parse

ROOT_RELS = "_rels/.rels"


@dataclass(frozen=True)
class Relationship:
    id: str
    #: the relationship type's last word, e.g. "worksheet"
    kind: str
    #: the full relationship type URI as written
    type: str
    #: the resolved part name for internal targets, the target as written for external ones
    target: str
    external: bool


def rels_name(part: str) -> str:
    """The relationships part of ``part`` (``xl/_rels/workbook.xml.rels``)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def owner_of(rels_part: str) -> str:
    """The part a relationships part belongs to (inverse of :func:`rels_name`)."""
    folder, base = posixpath.split(rels_part)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def resolve(source_part: str, target: str) -> str:
    """The part name ``target`` points at, seen from ``source_part``."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    folder = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def relationships(archive: Archive, part: str) -> list[Relationship]:
    """The relationships of ``part`` in document order ([] if it has none)."""
    name = ROOT_RELS if part == "" else rels_name(part)
    if not archive.has(name):
        return []
    root = parse(archive.read(name), name)
    found = []
    for rel in root:
        if not isinstance(rel.tag, str) or rel.tag != f"{{{PKG_REL}}}Relationship":
            continue
        external = rel.get("TargetMode") == "External"
        target = str(rel.get("Target", ""))
        uri = str(rel.get("Type", ""))
        found.append(
            Relationship(
                id=str(rel.get("Id", "")),
                kind=uri.rstrip("/").rsplit("/", 1)[-1],
                type=uri,
                target=target if external else resolve(part, target),
                external=external,
            )
        )
    return found


def office_document(archive: Archive) -> str:
    """The main part of the package (``xl/workbook.xml``), refusing what is not a workbook."""
    for rel in relationships(archive, ""):
        if rel.kind == "officeDocument" and not rel.external:
            if rel.target.endswith(".bin"):
                raise UnreadableWorkbook(
                    Msg(
                        "{name}: binäärimuotoista .xlsb-työkirjaa ei tueta; tallenna se "
                        ".xlsx-muodossa",
                        name=archive.name,
                    )
                )
            if archive.has(rel.target):
                return rel.target
    if archive.has("xl/workbook.xml"):
        return "xl/workbook.xml"
    if archive.has("word/document.xml") or archive.has("ppt/presentation.xml"):
        raise UnreadableWorkbook(
            Msg(
                "{name}: ei Excel-työkirja: se on Word- tai PowerPoint-asiakirja", name=archive.name
            )
        )
    raise UnreadableWorkbook(
        Msg(
            "{name}: zip-paketissa ei ole Excel-työkirjaa (ei xl/workbook.xml -osaa)",
            name=archive.name,
        )
    )


def is_strict(archive: Archive, workbook_part: str) -> bool:
    """Whether the workbook is saved as Strict Open XML (another set of namespaces)."""
    tag = str(parse(archive.read(workbook_part), workbook_part).tag)
    return tag.startswith(f"{{{STRICT_MAIN}}}")


@dataclass(frozen=True)
class ContentTypes:
    """``[Content_Types].xml``: overrides by part name, defaults by extension."""

    overrides: dict[str, str]
    defaults: dict[str, str]

    def of(self, part: str) -> str | None:
        found = self.overrides.get(part.lower())
        if found is not None:
            return found
        extension = part.rsplit(".", 1)[-1].lower() if "." in part else ""
        return self.defaults.get(extension)


def content_types(archive: Archive) -> ContentTypes:
    root = parse(archive.read(CONTENT_TYPES_PART), CONTENT_TYPES_PART)
    overrides: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for element in root:
        if element.tag == f"{{{CONTENT_TYPES}}}Override":
            part = str(element.get("PartName", "")).lstrip("/").lower()
            overrides[part] = str(element.get("ContentType", ""))
        elif element.tag == f"{{{CONTENT_TYPES}}}Default":
            defaults[str(element.get("Extension", "")).lower()] = str(
                element.get("ContentType", "")
            )
    return ContentTypes(overrides, defaults)
