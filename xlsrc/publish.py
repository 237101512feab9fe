"""``xlsrc publish``: the copy of a workbook that goes to the council, the board, the auditors.

A working workbook holds formulas, and its ``XS_`` cells need the xlsrc add-in:
LibreOffice, Excel for the web or a colleague's Mac show ``#NAME?`` there,
whatever values are cached.  The published copy holds values only:

* the workbook is recalculated by the headless engine first (every native and
  ``XS_`` formula, all or nothing: a cell the engine refuses stops the
  publication, so no stale value is published as current);
* every formula is then removed and its value kept (a text result becomes an
  inline string), the calculation chain and the Tables' calculated-column
  formulas go, and so nothing in the copy asks any reader to compute;
* every other part - styles, conditional formats (the status colours and the
  highlights read values), data validation, Tables, frozen panes, print setup
  - is copied byte for byte;
* each sheet's page header says it is a published copy, from which file, when,
  with the source file's SHA-256, and the same is recorded in the workbook's
  description, so a printout and the file can both be traced to their source
  (in the language of the run: ``--lang``, or the service request's language).

The source is never written; the copy is written atomically.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Joined, Msg, tr
from xlsrc.io.atomic import write_atomic
from xlsrc.reading.source import WorkbookSource
from xlsrc.validation.findings import CellFinding, error_count

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DC = "http://purl.org/dc/elements/1.1/"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
_CALC_CHAIN = "xl/calcChain.xml"


class PublicationRefused(UnusableInput):
    """The workbook cannot be published: it does not recalculate completely."""


@dataclass(frozen=True)
class Published:
    path: Path
    source_sha256: str
    formulas_removed: int
    pdf: Path | None = None
    #: cells of the copy that show an Excel error value ("Sheet!A1", "#N/A")
    error_values: tuple[tuple[str, str], ...] = ()
    #: errors validation found in the workbook (None: no xlsrc template, not validated)
    validation_errors: int | None = None


def publish(
    source: Path, target: Path, *, pdf: bool = False, now: datetime | None = None
) -> Published:
    """Write the values-only copy of ``source`` to ``target`` (and a PDF beside it)."""
    from xlsrc.engine.recalc import recalc

    source, target = Path(source), Path(target)
    if target.resolve() == source.resolve():
        raise UnusableInput(
            Msg("{path}: julkaistu kopio ei voi korvata lähdetyökirjaa", path=str(target))
        )
    checksum = hashlib.sha256(source.read_bytes()).hexdigest()
    stamp = (now or datetime.now()).strftime("%d.%m.%Y %H.%M")
    # the intermediate recalculation goes to the system's temporary folder: the target's
    # folder may refuse writes, and that is the one atomic writer's to report
    with tempfile.TemporaryDirectory(prefix="xlsrc-julkaisu-") as tmp:
        computed = Path(tmp) / source.name
        findings: list[CellFinding] = []

        def validated(book: WorkbookSource) -> list[CellFinding]:
            # what goes to the council is checked as it goes: the values just computed
            from xlsrc.validation.hook import validate_recalculated

            findings.extend(validate_recalculated(book))
            return findings

        result = recalc(source, computed, validate=validated)
        if not result.ok:
            raise PublicationRefused(
                Msg(
                    "{path}: työkirjaa ei julkaista, koska sitä ei voi laskea kokonaan "
                    "uudelleen: {reasons}",
                    path=str(source),
                    reasons=Joined.of(result.problems[:5], "; "),
                )
            )
        data, removed = values_only(computed.read_bytes(), source.name, checksum, stamp)
    write_atomic(target, data)
    written_pdf = _pdf(target) if pdf else None
    errors = None if result.validation_findings is None else error_count(findings)
    return Published(target, checksum, removed, written_pdf, tuple(result.error_cells), errors)


def values_only(package: bytes, source_name: str, checksum: str, stamp: str) -> tuple[bytes, int]:
    """The package with every formula replaced by its cached value; (bytes, formulas removed)."""
    removed = 0
    stamped = tr(
        "Julkaistu kopio (vain arvot) · {name} · {stamp} · SHA-256 {checksum}",
        name=source_name,
        stamp=stamp,
        checksum=checksum[:16],
    )
    header = f"&L&8{stamped}"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as archive, zipfile.ZipFile(out, "w") as copy:
        for info in archive.infolist():
            if info.filename == _CALC_CHAIN:
                continue
            data = archive.read(info)
            name = info.filename
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                data, count = _sheet_values(data, header)
                removed += count
            elif name.startswith("xl/tables/") and name.endswith(".xml"):
                data = _table_without_formulas(data)
            elif name == "[Content_Types].xml" or name.endswith(".rels"):
                data = _without_calc_chain(data)
            elif name == "docProps/core.xml":
                data = _described(data, source_name, checksum, stamp)
            entry = zipfile.ZipInfo(name, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            copy.writestr(entry, data)
    return out.getvalue(), removed


def _q(tag: str) -> str:
    return f"{{{_MAIN}}}{tag}"


def _sheet_values(data: bytes, header: str) -> tuple[bytes, int]:
    """Remove every ``<f>``; a string result becomes an inline string; set the page header."""
    root = etree.fromstring(data, _PARSER)
    removed = 0
    for cell in root.iter(_q("c")):
        formula = cell.find(_q("f"))
        if formula is None:
            continue
        cell.remove(formula)
        removed += 1
        value = cell.find(_q("v"))
        if cell.get("t") == "str":
            text = value.text if value is not None else ""
            if value is not None:
                cell.remove(value)
            cell.set("t", "inlineStr")
            inline = etree.SubElement(cell, _q("is"))
            etree.SubElement(inline, _q("t")).text = text or ""
        elif value is None or value.text in (None, ""):
            if value is not None:
                cell.remove(value)
            _drop(cell, "t")
        _drop(cell, "cm")  # dynamic-array metadata belongs to the formula
    _set_header(root, header)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), removed


def _drop(element: etree._Element, attribute: str) -> None:
    if attribute in element.attrib:
        del element.attrib[attribute]


#: CT_Worksheet's children after headerFooter may not precede it: insert before these.
_AFTER_HEADER = (
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture",
    "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
)  # fmt: skip


def _set_header(root: etree._Element, header: str) -> None:
    element = root.find(_q("headerFooter"))
    if element is None:
        element = etree.Element(_q("headerFooter"))
        for tag in _AFTER_HEADER:
            later = root.find(_q(tag))
            if later is not None:
                later.addprevious(element)
                break
        else:
            root.append(element)
    odd = element.find(_q("oddHeader"))
    if odd is None:
        odd = etree.Element(_q("oddHeader"))
        element.insert(0, odd)
    odd.text = header
    _room_for_header_and_footer(root)


#: inches: where the header and footer sit from the page edge, and the least gap to the body
_HEADER_AT, _GAP = 0.3, 0.3


def _room_for_header_and_footer(root: etree._Element) -> None:
    """Keep the published header and the footer clear of the table on the page.

    A page header sits ``header`` inches from the top edge and the body starts
    at ``top``; with the templates' 0.5 and 0.6 the stamp printed over the
    sheet's title and the footer was cut at the page edge.  The copy keeps the
    sheet's margins where they leave room, and widens them where they do not.
    """
    margins = root.find(_q("pageMargins"))
    if margins is None:
        return
    for edge, at in (("top", "header"), ("bottom", "footer")):
        placed = min(float(margins.get(at, _HEADER_AT)), _HEADER_AT)
        margins.set(at, f"{placed:g}")
        if float(margins.get(edge, 0.75)) < placed + _GAP + 0.15:
            margins.set(edge, f"{placed + _GAP + 0.15:g}")


def _table_without_formulas(data: bytes) -> bytes:
    root = etree.fromstring(data, _PARSER)
    for formula in list(root.iter(_q("calculatedColumnFormula"))):
        parent = formula.getparent()
        if parent is not None:
            parent.remove(formula)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_calc_chain(data: bytes) -> bytes:
    root = etree.fromstring(data, _PARSER)
    for element in list(root):
        target = str(element.get("Target", "")) + str(element.get("PartName", ""))
        if target.endswith("calcChain.xml"):
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _described(data: bytes, source_name: str, checksum: str, stamp: str) -> bytes:
    root = etree.fromstring(data, _PARSER)
    description = root.find(f"{{{_DC}}}description")
    if description is None:
        description = etree.SubElement(root, f"{{{_DC}}}description")
    description.text = tr(
        "Julkaistu kopio (vain arvot) työkirjasta {name}, {stamp}; "
        "lähdetiedoston SHA-256 {checksum}",
        name=source_name,
        stamp=stamp,
        checksum=checksum,
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _pdf(workbook: Path) -> Path:
    """The published copy rendered through LibreOffice, beside it (atomically)."""
    from xlsrc.libreoffice import FINNISH, convert

    with tempfile.TemporaryDirectory() as tmp:
        produced = convert(workbook, "pdf", tmp, locale=FINNISH)
        target = workbook.with_suffix(".pdf")
        write_atomic(target, produced.read_bytes())
    return target
