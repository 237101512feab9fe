"""Build ``xlsrc.xlam`` from the text sources in ``macros/``, reproducibly.

Steps, and why in this order:

1. pyOpenVBA creates an empty add-in from its Excel-authored template, adds
   every ``macros/*.bas`` standard module (sorted by name) to its VBA project
   and replaces the code of the workbook's document modules that have a
   ``macros/<name>.cls`` (``ThisWorkbook``; stored in stream form: attribute
   header, then code).  The sources go in byte for byte (CRLF, ``Attribute``
   lines included), so the modules olevba reads back equal the files in git.
2. The customUI part is added by rewriting the zip as the *last* step:
   ``customUI/customUI14.xml``, its relationship in ``_rels/.rels`` (type
   ``.../2007/relationships/ui/extensibility``, the one Office 2010+ reads
   for the 2009/07 customui namespace) and, only if the package has no
   ``xml`` default content type, an override for it.  Nothing after this
   step may load and save the package (openpyxl would drop the relationship).
3. The zip is written with fixed timestamps, a fixed member order and fixed
   attributes, and ``docProps/core.xml`` is replaced by xlsrc's own (the
   template's carries its author's name and save times), so two builds from
   the same sources are the same bytes.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from xlsrc.core.errors import EnvironmentProblem, UnusableInput
from xlsrc.core.text import Msg

CUSTOM_UI_FILE = "customUI14.xml"
CUSTOM_UI_PART = "customUI/customUI14.xml"
CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
UI_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
UI_RELATIONSHIP_ID = "xlsrcCustomUI"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_PART = "docProps/core.xml"
#: The VBE's code page for module text (Western European); our sources are ASCII.
VBA_ENCODING = "cp1252"
#: Zip timestamp of every member: the earliest a zip can hold, as pyOpenVBA writes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
CORE_PROPERTIES = XML_DECLARATION + (
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:title>xlsrc</dc:title>"
    b"<dc:description>xlsrc ribbon and XS_ worksheet functions (needs the xlwings add-in)"
    b"</dc:description>"
    b"<dc:creator>xlsrc</dc:creator>"
    b"</cp:coreProperties>"
)


class AddinSourceError(UnusableInput):
    """A file in ``macros/`` cannot go into the add-in as it is; the message says which and why."""


@dataclass(frozen=True)
class AddinSources:
    """The text sources: standard modules and document-module code by name, ribbon XML."""

    modules: dict[str, str]
    documents: dict[str, str]
    custom_ui: bytes


def read_module(path: Path) -> str:
    """One ``.bas`` file, checked to be what the VBE would export for that module."""
    data = path.read_bytes()
    try:
        text = data.decode(VBA_ENCODING)
    except UnicodeDecodeError as error:
        raise AddinSourceError(
            Msg(
                "{path}: tiedosto ei ole {encoding}-merkistöllä kirjoitettua tekstiä ({error})",
                path=str(path),
                encoding=VBA_ENCODING,
                error=str(error),
            )
        ) from error
    if "\n" in text.replace("\r\n", ""):
        raise AddinSourceError(
            Msg(
                "{path}: rivien pitää päättyä CRLF-rivinvaihtoon, kuten VBA-editori ne vie",
                path=str(path),
            )
        )
    expected = f'Attribute VB_Name = "{path.stem}"\r\n'
    if not text.startswith(expected):
        raise AddinSourceError(
            Msg(
                "{path}: ensimmäisen rivin pitää olla {expected!r}",
                path=str(path),
                expected=expected.strip(),
            )
        )
    return text


def read_sources(macros: Path) -> AddinSources:
    """Every ``*.bas`` and ``*.cls`` module in ``macros`` (sorted by name) and the ribbon."""
    paths = sorted(macros.glob("*.bas"))
    if not paths:
        raise AddinSourceError(
            Msg("{folder}: kansiossa ei ole yhtään .bas-moduulia", folder=str(macros))
        )
    modules = {path.stem: read_module(path) for path in paths}
    documents = {path.stem: read_module(path) for path in sorted(macros.glob("*.cls"))}
    ui_path = macros / CUSTOM_UI_FILE
    if not ui_path.is_file():
        raise AddinSourceError(
            Msg("{path}: valintanauhan XML-tiedostoa ei löydy", path=str(ui_path))
        )
    custom_ui = ui_path.read_bytes()
    try:
        root = etree.fromstring(custom_ui)
    except etree.XMLSyntaxError as error:
        raise AddinSourceError(
            Msg("{path}: XML on rikki ({error})", path=str(ui_path), error=str(error))
        ) from error
    if root.tag != f"{{{CUSTOM_UI_NS}}}customUI":
        raise AddinSourceError(
            Msg(
                "{path}: juurielementin pitää olla customUI nimiavaruudessa {namespace}",
                path=str(ui_path),
                namespace=CUSTOM_UI_NS,
            )
        )
    return AddinSources(modules, documents, custom_ui)


def build_vba_package(modules: dict[str, str], documents: dict[str, str]) -> bytes:
    """An ``.xlam`` package whose VBA project holds ``modules`` and the ``documents`` code."""
    from pyopenvba import ExcelFile  # type: ignore[import-untyped]

    with tempfile.TemporaryDirectory(prefix="xlsrc-addin-") as tmp:
        path = Path(tmp) / "xlsrc.xlam"
        book = ExcelFile.create_new(path)
        try:
            project = book.vba_project()
            project.delete_module("Module1")  # the template's empty module
            for name, source in modules.items():
                project.add_module(name, source)
            for name, source in documents.items():
                if name.casefold() not in map(str.casefold, project.module_names()):
                    raise AddinSourceError(
                        Msg(
                            "{name}.cls: lisäosassa ei ole asiakirjamoduulia {name}",
                            name=name,
                        )
                    )
                book.set_module(name, source)
            book.save()
        finally:
            book.close()
        return path.read_bytes()


def _xml_bytes(root: etree._Element) -> bytes:
    """A package part as Office writes it: double-quoted declaration, UTF-8."""
    serialized: bytes = etree.tostring(root, encoding="UTF-8")
    return XML_DECLARATION + serialized


def with_ui_relationship(rels: bytes) -> bytes:
    """``_rels/.rels`` with exactly one relationship to the customUI part."""
    root = etree.fromstring(rels)
    for rel in root.findall(f"{{{RELS_NS}}}Relationship"):
        if rel.get("Type") == UI_RELATIONSHIP or rel.get("Id") == UI_RELATIONSHIP_ID:
            root.remove(rel)
    etree.SubElement(
        root,
        f"{{{RELS_NS}}}Relationship",
        Id=UI_RELATIONSHIP_ID,
        Type=UI_RELATIONSHIP,
        Target=CUSTOM_UI_PART,
    )
    return _xml_bytes(root)


def with_xml_content_type(types: bytes) -> bytes:
    """``[Content_Types].xml`` that types the customUI part (``application/xml``)."""
    root = etree.fromstring(types)
    if any(d.get("Extension", "").lower() == "xml" for d in root.findall(f"{{{TYPES_NS}}}Default")):
        return types
    etree.SubElement(
        root,
        f"{{{TYPES_NS}}}Override",
        PartName=f"/{CUSTOM_UI_PART}",
        ContentType="application/xml",
    )
    return _xml_bytes(root)


def write_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``members`` in the given order, with nothing that varies between runs."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o600 << 16
            archive.writestr(info, data, compresslevel=6)
    return out.getvalue()


def add_custom_ui(package: bytes, custom_ui: bytes) -> bytes:
    """Rewrite ``package`` with the ribbon part, its relationship and fixed metadata."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    rewritten: list[tuple[str, bytes]] = []
    for name, data in members:
        if name == CUSTOM_UI_PART:
            continue
        if name == "_rels/.rels":
            data = with_ui_relationship(data)
        elif name == "[Content_Types].xml":
            data = with_xml_content_type(data)
        elif name == CORE_PART:
            data = CORE_PROPERTIES
        rewritten.append((name, data))
    rewritten.append((CUSTOM_UI_PART, custom_ui))
    return write_zip(rewritten)


def build_addin(macros: Path) -> bytes:
    """The bytes of ``xlsrc.xlam`` built from ``macros``."""
    sources = read_sources(macros)
    package = build_vba_package(sources.modules, sources.documents)
    return add_custom_ui(package, sources.custom_ui)


def default_macros_dir() -> Path:
    """``macros/`` of the checkout, or its copy inside the installed package."""
    from xlsrc.bundled import source_dir

    return source_dir("macros")


def addin_bytes(macros: Path) -> bytes:
    """:func:`build_addin`, or - without pyOpenVBA - the wheel's add-in built from these sources.

    A wheel carries ``xlsrc.xlam`` built at packaging time from exactly the
    bundled ``macros/`` (same sources, same bytes), so ``xlsrc build-addin``
    works after a plain ``pip install xlsrc``.  Other sources need pyOpenVBA.
    """
    from xlsrc.bundled import bundled_xlam, is_bundled

    try:
        return build_addin(macros)
    except ModuleNotFoundError as error:
        prebuilt = bundled_xlam()
        if prebuilt is not None and is_bundled(macros):
            return prebuilt.read_bytes()
        raise EnvironmentProblem(
            Msg(
                "lisäosan rakentaminen lähteistä {folder} tarvitsee paketin {package}: "
                "pip install 'xlsrc[addin]'",
                folder=str(macros),
                package=str(error.name),
            )
        ) from error


def installed_addin_bytes() -> bytes:
    """The add-in this installation carries: the wheel's, else built from the checkout."""
    from xlsrc.bundled import bundled_xlam

    prebuilt = bundled_xlam()
    if prebuilt is not None:
        return prebuilt.read_bytes()
    return addin_bytes(default_macros_dir())
