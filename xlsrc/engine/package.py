"""The workbook inside a package, as the engine needs it: sheets, names, tables, strings.

Opening, sniffing and the zip-level checks belong to :mod:`xlsrc.ooxml`; this
module reads the workbook part (sheets in tab order, defined names, the 1904
date system), the tables of each worksheet and the shared strings, for
Transitional and Strict packages alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xlsrc.core.errors import UnreadableWorkbook
from xlsrc.core.text import Msg
from xlsrc.engine.refs import MAX_COL, MAX_ROW, parse_area
from xlsrc.limits import Limits
from xlsrc.ooxml.archive import Archive, open_archive, open_file
from xlsrc.ooxml.archive import sniff as sniff_stream
from xlsrc.ooxml.rels import office_document, relationships
from xlsrc.ooxml.strings import shared_strings
from xlsrc.ooxml.xml import local, parse, relationship_id


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
    archive: Archive
    workbook_part: str
    limits: Limits = field(default_factory=Limits)
    sheets: list[SheetPart] = field(default_factory=list)
    #: (name, local sheet index or None, formula text)
    names: list[tuple[str, int | None, str]] = field(default_factory=list)
    tables: list[TablePart] = field(default_factory=list)
    shared_strings: list[str] = field(default_factory=list)
    date1904: bool = False
    #: cells and formula cells read so far, across sheets (for the workbook-wide limits)
    cells_read: int = 0
    formulas_read: int = 0

    @property
    def where(self) -> str:
        return self.archive.name

    def read(self, part: str) -> bytes:
        return self.archive.read(part)

    def close(self) -> None:
        self.archive.close()


def sniff(path: Path) -> None:
    """Refuse ``path``, with the reason, unless it is a regular file holding a zip package."""
    with open_file(path) as stream:
        sniff_stream(stream, str(path))


def open_package(path: Path, limits: Limits | None = None) -> Package:
    """Open the workbook at ``path``; every problem is an :class:`UnreadableWorkbook`."""
    limits = limits or Limits()
    archive = open_archive(path, limits)
    try:
        package = Package(
            path=path, archive=archive, workbook_part=office_document(archive), limits=limits
        )
        _read_workbook(package)
        _read_shared_strings(package)
        return package
    except BaseException:
        archive.close()
        raise


def _read_workbook(package: Package) -> None:
    """Sheets (name, part, kind), defined names and the date system of workbook.xml, then
    each worksheet's Tables.

    One pass over workbook.xml: each sheet entry is resolved through the
    workbook's relationships as it is met, so a sheet whose relationship is
    missing, or a name scoped to no sheet number, is refused right there by name.
    """
    root = parse(package.read(package.workbook_part), package.workbook_part)
    targets = {
        rel.id: (rel.target, rel.kind)
        for rel in relationships(package.archive, package.workbook_part)
        if not rel.external
    }
    for element in root.iter():
        name = local(element)
        if name == "workbookPr":
            package.date1904 = element.get("date1904") in ("1", "true")
        elif name == "sheet":
            found = targets.get(relationship_id(element) or "")
            if found is None:
                raise UnreadableWorkbook(
                    Msg(
                        "{where}: välilehdellä {get!r} ei ole osaa paketissa",
                        where=package.where,
                        get=element.get("name"),
                    )
                )
            part, kind = found
            package.sheets.append(SheetPart(name=str(element.get("name")), part=part, kind=kind))
        elif name == "definedName":
            local_id = element.get("localSheetId")
            if local_id is not None and not local_id.isdigit():
                raise UnreadableWorkbook(
                    Msg(
                        "{where}: nimen {get!r} localSheetId {local_id!r} ei ole välilehden numero",
                        where=package.where,
                        get=element.get("name"),
                        local_id=local_id,
                    )
                )
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
    for rel in relationships(package.archive, sheet.part):
        if rel.kind != "table" or rel.external:
            continue
        root = parse(package.read(rel.target), rel.target)
        columns = [str(el.get("name")) for el in root.iter() if local(el) == "tableColumn"]
        ref = str(root.get("ref"))
        try:
            header_rows = int(root.get("headerRowCount", "1"))
            totals_rows = int(root.get("totalsRowCount", "0"))
            r1, c1, r2, c2 = parse_area(ref)
            if min(r1, c1) < 1 or r2 > MAX_ROW or c2 > MAX_COL:
                raise ValueError(f"alue {ref} ulottuu Excelin ruudukon ulkopuolelle")
        except ValueError as error:
            raise UnreadableWorkbook(
                Msg(
                    "{where}: taulukon osa {target} on rikki ({error})",
                    where=package.where,
                    target=rel.target,
                    error=error,
                )
            ) from error
        package.tables.append(
            TablePart(
                sheet=sheet.name,
                name=str(root.get("displayName") or root.get("name")),
                ref=ref,
                header_rows=header_rows,
                totals_rows=totals_rows,
                columns=columns,
            )
        )


def _read_shared_strings(package: Package) -> None:
    for rel in relationships(package.archive, package.workbook_part):
        if rel.kind == "sharedStrings" and not rel.external:
            package.shared_strings = shared_strings(
                package.read(rel.target), rel.target, package.where, package.limits.cells
            )
            return
