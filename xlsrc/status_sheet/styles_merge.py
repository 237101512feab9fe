"""Merging the cell styles of a transplanted sheet into the target workbook's ``styles.xml``.

The status sheet is rendered by openpyxl into a one-sheet workbook with its
own style table; its cells point at indices there.  Each style the sheet uses
is appended to the target's table (fonts, fills, borders and number formats
with it), reusing an identical existing entry, so every index the target's
own sheets use keeps its meaning and nothing is removed or reordered.
"""

from __future__ import annotations

import copy

from lxml import etree

from xlsrc.ooxml.xml import MAIN

_NS = {"m": MAIN}

_STYLE_LISTS = (("fonts", "font"), ("fills", "fill"), ("borders", "border"))


def merge_styles(
    root: etree._Element, src_root: etree._Element, sheet: etree._Element
) -> tuple[dict[int, int], bool]:
    """Append the styles ``sheet`` uses (from ``src_root``) to the styles ``root``.

    Returns old index -> new index, and whether ``root`` changed.  Existing
    entries keep their index; an identical entry is reused, not duplicated.
    """
    used = _used_styles(sheet)
    src_xfs = src_root.findall("m:cellXfs/m:xf", _NS)
    xfs = _list(root, "cellXfs")
    mapping: dict[int, int] = {}
    changed = False
    for index in sorted(used):
        if index >= len(src_xfs):
            continue
        xf = copy.deepcopy(src_xfs[index])
        changed |= _remap_num_fmt(xf, src_root, root)
        for list_tag, item_tag in _STYLE_LISTS:
            attribute = f"{item_tag}Id"
            source_items = src_root.findall(f"m:{list_tag}/m:{item_tag}", _NS)
            position = int(xf.get(attribute, "0"))
            if position < len(source_items):
                new_index, added = _find_or_append(_list(root, list_tag), source_items[position])
                changed |= added
                xf.set(attribute, str(new_index))
        xf.set("xfId", "0")
        mapping[index], added = _find_or_append(xfs, xf)
        changed |= added
    if changed:
        for tag in ("numFmts", "fonts", "fills", "borders", "cellXfs"):
            element = root.find(f"m:{tag}", _NS)
            if element is not None:
                element.set("count", str(len(element)))
    return mapping, changed


def _used_styles(sheet: etree._Element) -> set[int]:
    used = {0}
    for element in sheet.iter(f"{{{MAIN}}}c", f"{{{MAIN}}}row"):
        if element.get("s") is not None:
            used.add(int(element.get("s", "0")))
    for col in sheet.iter(f"{{{MAIN}}}col"):
        if col.get("style") is not None:
            used.add(int(col.get("style", "0")))
    return used


_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs")


def _list(root: etree._Element, tag: str) -> etree._Element:
    element = root.find(f"m:{tag}", _NS)
    if element is None:
        element = etree.Element(f"{{{MAIN}}}{tag}")
        index = _ORDER.index(tag)
        before = None
        for later in _ORDER[index + 1 :]:
            before = root.find(f"m:{later}", _NS)
            if before is not None:
                break
        if before is not None:
            before.addprevious(element)
        else:
            root.insert(0, element)
    return element


def _canonical(element: etree._Element) -> bytes:
    clone = copy.deepcopy(element)
    clone.tail = None
    return bytes(etree.tostring(clone, method="c14n"))


def _find_or_append(container: etree._Element, item: etree._Element) -> tuple[int, bool]:
    wanted = _canonical(item)
    for index, existing in enumerate(container):
        if _canonical(existing) == wanted:
            return index, False
    clone = copy.deepcopy(item)
    clone.tail = None
    container.append(clone)
    return len(container) - 1, True


def _remap_num_fmt(xf: etree._Element, src_root: etree._Element, root: etree._Element) -> bool:
    fmt_id = int(xf.get("numFmtId", "0"))
    if fmt_id < 164:
        return False
    codes = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "")
        for f in src_root.findall("m:numFmts/m:numFmt", _NS)
    }
    code = codes.get(fmt_id)
    if code is None:
        xf.set("numFmtId", "0")
        return False
    formats = _list(root, "numFmts")
    for existing in formats:
        if existing.get("formatCode") == code:
            xf.set("numFmtId", existing.get("numFmtId", "0"))
            return False
    ids = [int(f.get("numFmtId", "0")) for f in formats]
    new_id = max([163, *ids]) + 1
    element = etree.SubElement(formats, f"{{{MAIN}}}numFmt")
    element.set("numFmtId", str(new_id))
    element.set("formatCode", code)
    xf.set("numFmtId", str(new_id))
    return True
