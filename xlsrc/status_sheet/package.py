"""Add or replace one sheet in an xlsx/xlsm package without rewriting the others.

Why not openpyxl load + save: it rewrites every part, drops the cached values
of formulas (so a recalculated workbook loses its numbers), drops parts it
does not model (customUI, some extensions) and would change the XML of the
locked status sheets of earlier quarters.  Here the new sheet is rendered by
openpyxl into a throwaway one-sheet workbook and its parts are transplanted:

* the sheet part, and the parts it reaches through relationships (drawing,
  charts), get fresh part names in the target;
* shared strings are turned into inline strings, so the target's
  ``sharedStrings.xml`` is not touched;
* the styles the sheet uses are appended to the target's ``styles.xml``
  (existing indices keep their meaning; nothing is removed or reordered);
* ``workbook.xml`` gets one ``<sheet>`` entry (and the print titles),
  ``workbook.xml.rels`` one relationship, ``[Content_Types].xml`` the overrides.

Every other part is copied byte for byte, in its original order, with its
original zip metadata.  Replacing a sheet (``--force``) keeps its position,
name and sheetId and removes the parts only it used.
"""

from __future__ import annotations

import copy
import posixpath
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Msg, tr
from xlsrc.ooxml.archive import archive_from_bytes
from xlsrc.ooxml.rels import is_strict, office_document, owner_of, rels_name, resolve
from xlsrc.ooxml.strings import item_text
from xlsrc.ooxml.xml import CONTENT_TYPES as CT
from xlsrc.ooxml.xml import MAIN, PKG_REL, REL, parse
from xlsrc.status_sheet.styles_merge import merge_styles

WORKSHEET_REL = REL + "/worksheet"
OFFICE_DOCUMENT_REL = REL + "/officeDocument"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

_NS = {"m": MAIN, "r": REL, "p": PKG_REL, "ct": CT}


class PackageError(UnusableInput):
    """The file is not a workbook package this module can patch (message says why)."""


class SheetExists(PackageError):
    """A sheet of that name exists and replacing it was not asked for."""


@dataclass
class _Package:
    """A zip package held in memory: parts in original order with their zip infos."""

    infos: list[zipfile.ZipInfo]
    parts: dict[str, bytes]
    changed: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    added: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, data: bytes, name: str | None = None) -> _Package:
        """The package in ``data``, checked as :mod:`xlsrc.ooxml` checks every package."""
        shown = name or tr("työkirja")
        archive = archive_from_bytes(data, shown)
        try:
            if is_strict(archive, office_document(archive)):
                raise PackageError(
                    Msg(
                        "{name}: Strict Open XML -muotoiseen työkirjaan ei voi lisätä "
                        "välilehteä; tallenna se Excelissä tavallisena Excel-työkirjana (.xlsx)",
                        name=shown,
                    )
                )
            infos = [archive.infos[part] for part in archive.names]
            parts = {part: archive.read(part) for part in archive.names}
        finally:
            archive.close()
        return cls(infos, parts)

    def xml(self, name: str) -> etree._Element:
        try:
            return parse(self.parts[name], name)
        except KeyError as error:
            raise PackageError(Msg("osa {part} puuttuu paketista", part=name)) from error

    def set_xml(self, name: str, root: etree._Element) -> None:
        self.set(
            name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        )

    def set(self, name: str, data: bytes) -> None:
        if name not in self.parts:
            self.added.append(name)
        elif self.parts[name] != data:
            self.changed.add(name)
        self.parts[name] = data
        self.removed.discard(name)

    def remove(self, name: str) -> None:
        if name in self.parts:
            del self.parts[name]
            self.removed.add(name)

    def write(self) -> bytes:
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in self.infos:
                if info.filename in self.parts:
                    archive.writestr(info, self.parts[info.filename])
            for name in self.added:
                if name in self.parts:
                    info = zipfile.ZipInfo(name, FIXED_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, self.parts[name])
        return buffer.getvalue()


# ---------------------------------------------------------------- public API


def sheet_parts(data: bytes) -> dict[str, str]:
    """Sheet name -> part name ("xl/worksheets/sheet3.xml") of a workbook package."""
    package = _Package.read(data)
    return {name: part for name, part, _ in _sheets(package, _workbook_part(package))}


def read_part(data: bytes, part: str) -> bytes:
    package = _Package.read(data)
    if part not in package.parts:
        raise PackageError(Msg("osa {part} puuttuu paketista", part=part))
    return package.parts[part]


def transplant_sheet(target: bytes, source: bytes, name: str, replace: bool = False) -> bytes:
    """``target`` with the sheet ``name`` of the one-sheet workbook ``source`` added.

    ``replace`` allows overwriting an existing sheet of the same name, keeping
    its position; without it an existing sheet is a :class:`SheetExists`.
    """
    out = _Package.read(target)
    src = _Package.read(source)
    src_workbook = _workbook_part(src)
    src_sheets = _sheets(src, src_workbook)
    if len(src_sheets) != 1:
        raise PackageError(Msg("lähdetyökirjassa pitää olla tasan yksi välilehti"))
    _, src_sheet_part, _ = src_sheets[0]

    workbook = _workbook_part(out)
    existing = {n: (part, rid) for n, part, rid in _sheets(out, workbook)}
    if name in existing and not replace:
        raise SheetExists(Msg("välilehti {sheet!r} on jo olemassa", sheet=name))

    style_map = _merge_styles(out, workbook, src, src_workbook, src_sheet_part)
    strings = _shared_strings(src, src_workbook)
    new_parts = _copy_closure(out, src, src_sheet_part)
    new_sheet_part = new_parts[src_sheet_part]
    sheet_xml = _rewrite_sheet(src.xml(src_sheet_part), strings, style_map)
    out.set_xml(new_sheet_part, sheet_xml)

    wb_root = out.xml(workbook)
    workbook_rels = rels_name(workbook)
    rels_root = out.xml(workbook_rels)
    if name in existing:
        old_part, rid = existing[name]
        _retarget(rels_root, rid, "/" + new_sheet_part)
        out.set_xml(workbook_rels, rels_root)  # before removal: the old part is now unreferenced
        index = _sheet_index(wb_root, name)
        _remove_owned(out, [old_part], keep=set(new_parts.values()))
    else:
        rid = _next_rid(rels_root)
        rel = etree.SubElement(rels_root, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", WORKSHEET_REL)
        rel.set("Target", "/" + new_sheet_part)
        sheets = wb_root.find("m:sheets", _NS)
        assert sheets is not None
        ids = [int(s.get("sheetId", "0")) for s in sheets]
        entry = etree.SubElement(sheets, f"{{{MAIN}}}sheet")
        entry.set("name", name)
        entry.set("sheetId", str(max(ids, default=0) + 1))
        entry.set(f"{{{REL}}}id", rid)
        index = len(sheets) - 1
    _copy_print_names(wb_root, src.xml(src_workbook), index, name)
    out.set_xml(workbook, wb_root)
    out.set_xml(workbook_rels, rels_root)
    _content_types(out, src, new_parts)
    return out.write()


# ---------------------------------------------------------------- package graph


def _workbook_part(package: _Package) -> str:
    root = package.xml("_rels/.rels")
    for rel in root.findall("p:Relationship", _NS):
        if rel.get("Type") == OFFICE_DOCUMENT_REL:
            return resolve("", rel.get("Target", ""))
    raise PackageError(Msg("työkirjan pääosa (officeDocument) puuttuu"))


def _styles_part(package: _Package, workbook: str) -> str | None:
    for rel, target in _relationships(package, workbook):
        if rel.get("Type", "").endswith("/styles"):
            return target
    return None


def _merge_styles(
    out: _Package, out_workbook: str, src: _Package, src_workbook: str, sheet_part: str
) -> dict[int, int]:
    """Append the styles the sheet uses to the target's styles; old index -> new index."""
    src_styles_name = _styles_part(src, src_workbook)
    out_styles_name = _styles_part(out, out_workbook)
    if src_styles_name is None:
        return {}
    if out_styles_name is None:
        raise PackageError(Msg("kohdetyökirjasta puuttuu styles.xml"))
    root = out.xml(out_styles_name)
    mapping, changed = merge_styles(root, src.xml(src_styles_name), src.xml(sheet_part))
    if changed:
        out.set_xml(out_styles_name, root)
    return mapping


def _relationships(package: _Package, part: str) -> list[tuple[etree._Element, str]]:
    """(relationship element, resolved internal target) of ``part``."""
    name = rels_name(part)
    if name not in package.parts:
        return []
    found = []
    for rel in package.xml(name).findall("p:Relationship", _NS):
        if rel.get("TargetMode") == "External":
            continue
        found.append((rel, resolve(part, rel.get("Target", ""))))
    return found


def _sheets(package: _Package, workbook: str) -> list[tuple[str, str, str]]:
    """(name, part, relationship id) of every worksheet, in tab order."""
    targets = {rel.get("Id"): target for rel, target in _relationships(package, workbook)}
    found = []
    root = package.xml(workbook)
    for sheet in root.findall("m:sheets/m:sheet", _NS):
        rid = sheet.get(f"{{{REL}}}id", "")
        if rid in targets:
            found.append((sheet.get("name", ""), targets[rid], rid))
    return found


def _sheet_index(workbook_root: etree._Element, name: str) -> int:
    for index, sheet in enumerate(workbook_root.findall("m:sheets/m:sheet", _NS)):
        if sheet.get("name") == name:
            return index
    raise PackageError(Msg("välilehteä {sheet!r} ei löydy", sheet=name))


def _next_rid(rels_root: etree._Element) -> str:
    numbers = [
        int(m[1]) for rel in rels_root if (m := re.fullmatch(r"rId(\d+)", rel.get("Id", "")))
    ]
    return f"rId{max(numbers, default=0) + 1}"


def _retarget(rels_root: etree._Element, rid: str, target: str) -> None:
    for rel in rels_root:
        if rel.get("Id") == rid:
            rel.set("Target", target)
            return
    raise PackageError(Msg("suhdetta {rid} ei löydy", rid=rid))


def _fresh_name(taken: Iterable[str], like: str) -> str:
    """A part name like ``like`` ("xl/charts/chart1.xml") that is not taken."""
    taken_set = set(taken)
    folder, base = posixpath.split(like)
    match = re.fullmatch(r"(.*?)(\d*)(\.[^.]+)", base)
    stem, suffix = (match[1], match[3]) if match else (base, "")
    number = 1
    while True:
        candidate = posixpath.join(folder, f"{stem}{number}{suffix}")
        if candidate not in taken_set:
            return candidate
        number += 1


def _copy_closure(out: _Package, src: _Package, root_part: str) -> dict[str, str]:
    """Copy ``root_part`` and everything it reaches into ``out`` under fresh names."""
    mapping: dict[str, str] = {}
    order: list[str] = []
    pending = [root_part]
    while pending:
        part = pending.pop(0)
        if part in mapping:
            continue
        mapping[part] = _fresh_name(list(out.parts) + list(mapping.values()), part)
        order.append(part)
        pending.extend(target for _, target in _relationships(src, part))
    for part in order:
        if part != root_part:
            out.set(mapping[part], src.parts[part])
        rels = _relationships(src, part)
        if rels:
            root = copy.deepcopy(src.xml(rels_name(part)))
            for rel in root.findall("p:Relationship", _NS):
                if rel.get("TargetMode") == "External":
                    continue
                rel.set("Target", "/" + mapping[resolve(part, rel.get("Target", ""))])
            out.set_xml(rels_name(mapping[part]), root)
    return mapping


def _remove_owned(out: _Package, roots: list[str], keep: set[str]) -> None:
    """Remove ``roots`` and the parts reachable only from them."""
    doomed: set[str] = set()
    pending = list(roots)
    while pending:
        part = pending.pop()
        if part in doomed or part in keep:
            continue
        doomed.add(part)
        pending.extend(t for _, t in _relationships(out, part))
    still_used: set[str] = set()
    for name in list(out.parts):
        if not name.endswith(".rels"):
            continue
        owner = owner_of(name)
        if owner in doomed:
            continue
        for rel in out.xml(name).findall("p:Relationship", _NS):
            if rel.get("TargetMode") != "External":
                still_used.add(resolve(owner, rel.get("Target", "")))
    for part in doomed - still_used:
        out.remove(part)
        out.remove(rels_name(part))
    ct_root = out.xml("[Content_Types].xml")
    for override in ct_root.findall("ct:Override", _NS):
        if override.get("PartName", "").lstrip("/") in out.removed:
            ct_root.remove(override)
    out.set_xml("[Content_Types].xml", ct_root)


def _content_types(out: _Package, src: _Package, mapping: Mapping[str, str]) -> None:
    src_types = {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
        for o in src.xml("[Content_Types].xml").findall("ct:Override", _NS)
    }
    root = out.xml("[Content_Types].xml")
    present = {o.get("PartName", "").lstrip("/") for o in root.findall("ct:Override", _NS)}
    for old, new in mapping.items():
        content_type = src_types.get(old) or (WORKSHEET_CT if old.endswith(".xml") else "")
        if new in present or not content_type:
            continue
        override = etree.SubElement(root, f"{{{CT}}}Override")
        override.set("PartName", "/" + new)
        override.set("ContentType", content_type)
    defaults = {d.get("Extension", "").lower() for d in root.findall("ct:Default", _NS)}
    for default in src.xml("[Content_Types].xml").findall("ct:Default", _NS):
        if default.get("Extension", "").lower() not in defaults:
            root.insert(0, copy.deepcopy(default))
    out.set_xml("[Content_Types].xml", root)


# ---------------------------------------------------------------- sheet XML


def _shared_strings(src: _Package, workbook: str) -> list[str]:
    for rel, target in _relationships(src, workbook):
        if rel.get("Type", "").endswith("/sharedStrings"):
            root = src.xml(target)
            return [item_text(si) for si in root.findall("m:si", _NS)]
    return []


def _rewrite_sheet(
    root: etree._Element, strings: list[str], styles: Mapping[int, int]
) -> etree._Element:
    for cell in root.iter(f"{{{MAIN}}}c"):
        if cell.get("t") == "s":
            value = cell.find("m:v", _NS)
            text = strings[int(value.text or "0")] if value is not None else ""
            if value is not None:
                cell.remove(value)
            cell.set("t", "inlineStr")
            inline = etree.SubElement(cell, f"{{{MAIN}}}is")
            t = etree.SubElement(inline, f"{{{MAIN}}}t")
            t.text = text
            if text != text.strip() or "\n" in text:
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        _restyle(cell, "s", styles)
    for row in root.iter(f"{{{MAIN}}}row"):
        _restyle(row, "s", styles)
    for col in root.iter(f"{{{MAIN}}}col"):
        _restyle(col, "style", styles)
    for view in root.iter(f"{{{MAIN}}}sheetView"):
        # A second selected tab would open the workbook with two sheets grouped.
        if "tabSelected" in view.attrib:
            del view.attrib["tabSelected"]
    return root


def _restyle(element: etree._Element, attribute: str, styles: Mapping[int, int]) -> None:
    value = element.get(attribute)
    if value is not None:
        element.set(attribute, str(styles.get(int(value), 0)))


def _copy_print_names(
    target_wb: etree._Element, source_wb: etree._Element, index: int, name: str
) -> None:
    """Print titles/area of the transplanted sheet, re-indexed to its tab position."""
    names = target_wb.find("m:definedNames", _NS)
    if names is not None:
        for defined in list(names):
            if defined.get("localSheetId") == str(index) and defined.get("name", "").startswith(
                "_xlnm."
            ):
                names.remove(defined)
    wanted = [
        d
        for d in source_wb.findall("m:definedNames/m:definedName", _NS)
        if d.get("localSheetId") == "0" and d.get("name", "").startswith("_xlnm.")
    ]
    if not wanted:
        return
    if names is None:
        names = etree.Element(f"{{{MAIN}}}definedNames")
        sheets = target_wb.find("m:sheets", _NS)
        assert sheets is not None
        anchor = sheets
        for tag in ("functionGroups", "externalReferences"):
            found = target_wb.find(f"m:{tag}", _NS)
            if found is not None:
                anchor = found
        anchor.addnext(names)
    for defined in wanted:
        clone = copy.deepcopy(defined)
        clone.set("localSheetId", str(index))
        names.append(clone)
