"""Opening an .xlsx/.xlsm package: what is in it, and why it cannot be read if it cannot.

The batch must tell an administrator *why* a file was skipped, so the file is
sniffed before it is opened: an encrypted (password-protected) workbook and a
legacy .xls are both OLE compound files, a text file renamed to .xlsx is not
a zip at all, and a zip may be truncated or lack a workbook part.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from xlsrc.engine.errors import UnreadableWorkbook
from xlsrc.engine.xmltext import inline_text

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_OFFICE_DOCUMENT = "/officeDocument"
_SHARED_STRING = re.compile(r"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.S)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass
class SheetPart:
    name: str
    part: str
    kind: str  # "worksheet", "chartsheet", "dialogsheet", "macrosheet"


@dataclass
class TablePart:
    sheet: str
    name: str
    ref: str
    header_rows: int
    totals_rows: int
    columns: list[str]


@dataclass
class Package:
    path: Path
    archive: zipfile.ZipFile
    workbook_part: str
    sheets: list[SheetPart] = field(default_factory=list)
    #: (name, local sheet index or None, formula text)
    names: list[tuple[str, int | None, str]] = field(default_factory=list)
    tables: list[TablePart] = field(default_factory=list)
    shared_strings: list[str] = field(default_factory=list)
    date1904: bool = False

    def read(self, part: str) -> bytes:
        try:
            return self.archive.read(part)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise UnreadableWorkbook(
                f"corrupt zip package: part {part} cannot be read ({error})"
            ) from error
        except KeyError as error:
            raise UnreadableWorkbook(f"the package lacks part {part}") from error

    def close(self) -> None:
        self.archive.close()


def sniff(path: Path) -> None:
    """Raise :class:`UnreadableWorkbook` unless ``path`` looks like a zip package."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if head.startswith(_OLE_MAGIC):
                body = head + handle.read()
                if _ENCRYPTED_STREAM in body:
                    raise UnreadableWorkbook(
                        "the workbook is password-protected (encrypted); save an unprotected copy"
                    )
                raise UnreadableWorkbook(
                    "legacy binary Excel 97-2003 workbook (.xls); save it as .xlsx or .xlsm"
                )
    except FileNotFoundError as error:
        raise UnreadableWorkbook("file not found") from error
    except IsADirectoryError as error:
        raise UnreadableWorkbook("is a directory, not a workbook") from error
    if not head:
        raise UnreadableWorkbook("the file is empty")
    if not head.startswith(_ZIP_MAGIC):
        raise UnreadableWorkbook(
            "not an Excel workbook: "
            + ("it is a text file" if _looks_like_text(path) else "not a zip package (.xlsx/.xlsm)")
        )


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        # a multi-byte character cut at the end of the sample is still text
        try:
            text = sample[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return all(ch.isprintable() or ch in "\t\r\n" for ch in text)


def open_package(path: Path) -> Package:
    sniff(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableWorkbook(f"corrupt zip package ({error})") from error
    try:
        workbook_part = _workbook_part(archive)
        package = Package(path=path, archive=archive, workbook_part=workbook_part)
        _read_workbook(package)
        _read_shared_strings(package)
        return package
    except UnreadableWorkbook:
        archive.close()
        raise
    except (etree.XMLSyntaxError, UnicodeDecodeError, ValueError) as error:
        archive.close()
        raise UnreadableWorkbook(f"malformed workbook XML ({error})") from error


def _workbook_part(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        root = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
        for rel in root:
            if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT):
                target = str(rel.get("Target", "")).lstrip("/")
                if target.endswith(".bin"):
                    raise UnreadableWorkbook(
                        "binary .xlsb workbooks are not supported; save as .xlsx"
                    )
                if target in names:
                    return target
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        raise UnreadableWorkbook("not an Excel workbook: it is a Word or PowerPoint document")
    raise UnreadableWorkbook("zip package without an Excel workbook part (no xl/workbook.xml)")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _attribute(element: etree._Element, local_name: str) -> str | None:
    for key, value in element.attrib.items():
        if etree.QName(key).localname == local_name and key.startswith("{"):
            return str(value)
    return None


def _relationships(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (package part name, relationship type's last word) for ``part``.

    External targets (hyperlinks, linked workbooks) are left out: they are not parts.
    """
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in package.archive.namelist():
        return {}
    root = etree.fromstring(package.read(rels), _PARSER)
    out = {}
    for rel in root:
        if rel.get("TargetMode") == "External":
            continue
        target = str(rel.get("Target", ""))
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        out[str(rel.get("Id"))] = (resolved, kind)
    return out


def _read_workbook(package: Package) -> None:
    root = etree.fromstring(package.read(package.workbook_part), _PARSER)
    relationships = _relationships(package, package.workbook_part)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = _local(element)
        if local == "workbookPr":
            package.date1904 = element.get("date1904") in ("1", "true")
        elif local == "sheet":
            found = relationships.get(_attribute(element, "id") or "")
            if found is None:
                raise UnreadableWorkbook(
                    f"sheet {element.get('name')!r} has no part in the package"
                )
            part, kind = found
            package.sheets.append(SheetPart(name=str(element.get("name")), part=part, kind=kind))
        elif local == "definedName":
            local_id = element.get("localSheetId")
            package.names.append(
                (
                    str(element.get("name")),
                    int(local_id) if local_id is not None else None,
                    element.text or "",
                )
            )
    for sheet in package.sheets:
        if sheet.kind == "worksheet":
            _read_tables(package, sheet)


def _read_tables(package: Package, sheet: SheetPart) -> None:
    for part, kind in _relationships(package, sheet.part).values():
        if kind != "table":
            continue
        root = etree.fromstring(package.read(part), _PARSER)
        columns = [
            str(el.get("name"))
            for el in root.iter()
            if isinstance(el.tag, str) and _local(el) == "tableColumn"
        ]
        package.tables.append(
            TablePart(
                sheet=sheet.name,
                name=str(root.get("displayName") or root.get("name")),
                ref=str(root.get("ref")),
                header_rows=int(root.get("headerRowCount", "1")),
                totals_rows=int(root.get("totalsRowCount", "0")),
                columns=columns,
            )
        )


def _read_shared_strings(package: Package) -> None:
    parts = [
        part
        for part, kind in _relationships(package, package.workbook_part).values()
        if kind == "sharedStrings"
    ]
    if not parts:
        return
    text = package.read(parts[0]).decode("utf-8")
    package.shared_strings = [inline_text(m.group(1) or "") for m in _SHARED_STRING.finditer(text)]
