"""Workbook packages built part by part, so a test controls every byte of the XML.

openpyxl always writes well-behaved XML; hostile and odd files (comments,
CDATA, UTF-16, duplicate zip entries, missing content types, Strict
namespaces) have to be written by hand.  :func:`workbook_parts` gives the
parts of a minimal valid workbook around given sheets; the caller changes
any part and :func:`write_package` zips them.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def sheet_xml(rows: str, namespace: str = MAIN) -> str:
    """A worksheet part whose ``<sheetData>`` holds ``rows`` (XML text)."""
    return f'{DECLARATION}<worksheet xmlns="{namespace}"><sheetData>{rows}</sheetData></worksheet>'


def strings_xml(items: Sequence[str], namespace: str = MAIN) -> str:
    """A shared-strings part; each item is the XML inside one ``<si>``."""
    body = "".join(f"<si>{item}</si>" for item in items)
    return f'{DECLARATION}<sst xmlns="{namespace}" count="{len(items)}">{body}</sst>'


def workbook_parts(
    sheets: Mapping[str, str | bytes],
    strings: str | bytes | None = None,
    *,
    strict: bool = False,
) -> dict[str, str | bytes]:
    """Every part of a minimal workbook: {part name: XML} (sheets by tab name, in order)."""
    main, rel = (STRICT_MAIN, STRICT_REL) if strict else (MAIN, REL)
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>']
    entries, relations = [], []
    parts: dict[str, str | bytes] = {}
    for number, (name, xml) in enumerate(sheets.items(), start=1):
        part = f"xl/worksheets/sheet{number}.xml"
        parts[part] = xml
        overrides.append(f'<Override PartName="/{part}" ContentType="{_CT}.worksheet+xml"/>')
        entries.append(f'<sheet name="{name}" sheetId="{number}" r:id="rId{number}"/>')
        relations.append(
            f'<Relationship Id="rId{number}" Type="{rel}/worksheet" '
            f'Target="worksheets/sheet{number}.xml"/>'
        )
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
        overrides.append(
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        )
        relations.append(
            f'<Relationship Id="rIdS" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    parts["[Content_Types].xml"] = (
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    parts["_rels/.rels"] = (
        f'{DECLARATION}<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    parts["xl/workbook.xml"] = (
        f'{DECLARATION}<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        + "".join(entries)
        + "</sheets></workbook>"
    )
    parts["xl/_rels/workbook.xml.rels"] = (
        f'{DECLARATION}<Relationships xmlns="{PKG_REL}">' + "".join(relations) + "</Relationships>"
    )
    return parts


def write_package(
    path: Path,
    parts: Mapping[str, str | bytes],
    *,
    extra: Sequence[tuple[str, str | bytes]] = (),
) -> Path:
    """Zip ``parts`` (and ``extra`` entries, duplicates allowed) into ``path``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in [*parts.items(), *extra]:
            out.writestr(name, data)
    return path


def mark_encrypted(path: Path) -> Path:
    """Set the zip 'encrypted' flag on every entry, as a zip-level password does."""
    data = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            (flags,) = struct.unpack_from("<H", data, start + flag_offset)
            struct.pack_into("<H", data, start + flag_offset, flags | 0x1)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path
