"""The engine's package reader reads every cell as openpyxl reads the same saved file.

Validation reads workbooks through :class:`~xlsrc.reading.source.WorkbookSource`;
``xlsrc recalc`` validates through :class:`~xlsrc.engine.source.PackageSource`
over the values it has just computed (never reading its output back), and
``xlsrc validate`` reads a file through the same class.  openpyxl is the
independent second reader: every sheet name, Table, defined name, bound,
cell value and number format must agree, on the demo workbooks, the
version 1 fixtures, a workbook with quarterly status sheets, a partial
recalculation and a sheet of awkward cells (dates, times, durations, whole
numbers written with and without a decimal point, text that spells an error).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.status_sheet_support import add_settings, add_targets, both, edited, example, write
from xlsrc.engine.recalc import recalc
from xlsrc.engine.source import PackageSource
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.reading.source import WorkbookSource
from xlsrc.status_sheet.headless import generate_file
from xlsrc.workbooks.build import write_workbooks

V1 = Path(__file__).parent / "fixtures" / "v1"


def dump(source: WorkbookSource) -> dict[str, Any]:
    """Everything a reader can ask a source, for every worksheet."""
    found: dict[str, Any] = {
        "sheets": source.sheet_names(),
        "tables": dict(source.tables()),
        "names": dict(source.defined_names()),
    }
    for sheet in source.sheet_names():
        rows, cols = source.bounds(sheet)
        formats = [
            [source.number_format(sheet, r, c) for c in range(1, cols + 1)]
            for r in range(1, rows + 1)
        ]
        found[sheet] = ((rows, cols), source.values(sheet, 1, rows, 1, cols), formats)
    return found


def typed(value: object) -> Any:
    """A dump with each value's type beside it (1 and 1.0 are equal, but not the same)."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def read_by_openpyxl(path: Path) -> Any:
    return typed(dump(OpenpyxlSource.open(path)))


def read_by_package(path: Path) -> Any:
    source = PackageSource.open(path)
    try:
        return typed(dump(source))
    finally:
        source.close()


def recalculated(path: Path, out: Path, partial: bool = False) -> Any:
    """The dump of the source ``xlsrc recalc`` validates (taken inside the hook)."""
    seen: list[Any] = []

    def hook(source: WorkbookSource) -> list[object]:
        seen.append(typed(dump(source)))
        return []

    result = recalc(path, out, validate=hook, partial=partial)
    assert result.ok and result.notes == [], (result.problems, result.notes)
    [found] = seen
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_workbooks(tmp_path_factory.mktemp("demo"), example=True)


def workbooks(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.rglob("*.xlsx"))


def test_demo_workbooks_recalculated_read_as_their_written_files(
    demo: list[Path], tmp_path: Path
) -> None:
    for path in demo:
        inside = recalculated(path, tmp_path / path.name)
        assert inside == read_by_openpyxl(tmp_path / path.name), path.name
        assert read_by_package(tmp_path / path.name) == inside, path.name


def test_saved_files_read_the_same_by_both_readers(demo: list[Path]) -> None:
    paths = [*demo, *workbooks(V1)]
    assert len(paths) > 10
    for path in paths:
        assert read_by_package(path) == read_by_openpyxl(path), path


def test_a_workbook_with_status_sheets(tmp_path: Path) -> None:
    """Quarterly status sheets (merged cells, whole-sheet reads of locked quarters)."""
    path = write(tmp_path, edited(example(), both(add_targets(), add_settings())))
    generate_file(path, 3, now=dt.datetime(2025, 3, 25, 14, 2))
    generate_file(path, 4, now=dt.datetime(2025, 3, 26, 9, 0))
    assert read_by_package(path) == read_by_openpyxl(path)
    inside = recalculated(path, tmp_path / "out.xlsx")
    assert inside == read_by_openpyxl(tmp_path / "out.xlsx")


def awkward(path: Path) -> Path:
    """Cells whose reading depends on their text, type or number format."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Solut"
    cells: list[tuple[str, Any, str | None]] = [
        ("A1", dt.datetime(2024, 3, 1, 12, 30), "d.m.yyyy h:mm"),
        ("A2", dt.date(1900, 2, 1), "yyyy-mm-dd"),
        ("A3", dt.time(6, 15, 30), "hh:mm:ss"),
        ("A4", dt.timedelta(hours=30, minutes=5), "[h]:mm"),
        ("A5", 45000, '"pvm" d.m.'),
        ("A6", 45000, '#,##0 "d"'),
        ("A7", 5, None),
        ("A8", 5.0, None),
        ("A9", 0.5, "0 %"),
        ("A10", "#N/A", None),
        ("A11", True, None),
        ("A12", "teksti", "@"),
        ("A13", -3.25, "# ##0,00 €;[Red]-# ##0,00 €"),
        ("A14", 1e20, "0.00E+00"),
    ]
    for address, value, code in cells:
        sheet[address] = value
        if code is not None:
            sheet[address].number_format = code
    sheet["B1"] = "=A7*2"
    sheet["B2"] = '=""'
    sheet["B3"] = "=A1+1"
    sheet["B3"].number_format = "yyyy-mm-dd"
    sheet["B4"] = "=1/0"
    sheet["B5"] = "=A7>1"
    sheet["B6"] = "=A9*3"
    sheet["B7"] = '="#N/A"'
    sheet.merge_cells("D20:F22")
    book.save(path)
    return path


def test_awkward_cells(tmp_path: Path) -> None:
    path = awkward(tmp_path / "solut.xlsx")
    assert read_by_package(path) == read_by_openpyxl(path)
    inside = recalculated(path, tmp_path / "out.xlsx")
    assert inside == read_by_openpyxl(tmp_path / "out.xlsx")
    values = inside["Solut"][1]
    assert values[0][0] == ("datetime", dt.datetime(2024, 3, 1, 12, 30))
    assert values[6][0] == ("int", 5) and values[0][1] == ("int", 10)
    assert values[1][1] == ("NoneType", None)  # an empty text result reads as a blank


def test_a_partial_recalculation_reads_its_refused_cells_as_blank(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = 2
    sheet["A2"] = "=A1*3"
    sheet["A3"] = "=EIFUNKTIOTA(A1)"
    sheet["A4"] = "=A3+1"
    path = tmp_path / "osittain.xlsx"
    book.save(path)
    inside = recalculated(path, tmp_path / "out.xlsx", partial=True)
    assert inside == read_by_openpyxl(tmp_path / "out.xlsx")
    assert [row[0] for row in inside["Sheet"][1]] == [
        ("int", 2),
        ("int", 6),
        ("NoneType", None),
        ("NoneType", None),
    ]


def test_number_cells_written_by_other_tools(tmp_path: Path) -> None:
    """Rows the package reader reads in one pass, and rows it must search cell by cell.

    A row element without ``r``, cells out of column order, an explicit
    ``t="n"``, attributes after ``r`` in another order, whole numbers with and
    without a decimal point: each is read exactly as openpyxl reads it.
    """
    from tests.hostile.packages import sheet_xml, workbook_parts, write_package

    rows = (
        '<row r="1"><c r="A1"><v>7</v></c><c r="B1"><v>7.0</v></c>'
        '<c r="C1" t="n"><v>2.5</v></c></row>'
        '<row><c r="A2"><v>3</v></c><c r="B2"><v>1e3</v></c></row>'
        '<row r="3"><c r="B3"><v>4</v></c><c r="A3"><v>4.25</v></c></row>'
        '<row r="4" spans="1:2"><c r="A4" t="n" ><v>-0</v></c>'
        '<c r="B4"><v>12345678901</v></c></row>'
    )
    path = write_package(tmp_path / "muut.xlsx", workbook_parts({"Luvut": sheet_xml(rows)}))
    by_package = read_by_package(path)
    assert by_package == read_by_openpyxl(path)
    assert by_package["Luvut"][1][:2] == [
        [("int", 7), ("float", 7.0), ("float", 2.5)],
        [("int", 3), ("float", 1000.0), ("NoneType", None)],
    ]


def test_cell_addresses_written_in_lower_case(tmp_path: Path) -> None:
    """``r="a1"``: every reader reads the cell, and all read the same value.

    ISO/IEC 29500-1 18.17.2.3.1 says column letters are not case-sensitive,
    and Office's own A1 grammar (MS-OI29500 2.1.864) has lower-case letters:
    the cell is there.  The engine always read it; the package reader
    searched the text for ``<c r="A1"`` and read a blank.  The formulas are
    computed from the cells (the engine reads them), and an array formula's
    cells are written into the sheet (the writer finds its neighbours).
    """
    from tests.hostile.packages import sheet_xml, strings_xml, workbook_parts, write_package

    rows = (
        '<row r="1"><c r="a1"><v>7</v></c><c r="b1"><v>2.5</v></c>'
        '<c r="c1" t="s"><v>0</v></c><c r="Xfd1" t="inlineStr"><is><t>reuna</t></is></c></row>'
        '<row r="2"><c r="a2"><v>3</v></c><c r="b2"><f>a1*2</f><v>0</v></c>'
        '<c r="d2"><f t="array" ref="d2:d3">a1:a2*10</f><v>0</v></c></row>'
    )
    parts = workbook_parts({"Pienet": sheet_xml(rows)}, strings_xml(["<t>teksti</t>"]))
    path = write_package(tmp_path / "pienet.xlsx", parts)
    by_package = read_by_package(path)
    assert by_package == read_by_openpyxl(path)
    inside = recalculated(path, tmp_path / "out.xlsx")
    assert inside == read_by_openpyxl(tmp_path / "out.xlsx")
    assert read_by_package(tmp_path / "out.xlsx") == inside
    values = inside["Pienet"][1]
    assert [row[:4] for row in values[:3]] == [
        [("int", 7), ("float", 2.5), ("str", "teksti"), ("NoneType", None)],
        [("int", 3), ("int", 14), ("NoneType", None), ("int", 70)],
        [("NoneType", None), ("NoneType", None), ("NoneType", None), ("int", 30)],
    ]
    assert values[0][-1] == ("str", "reuna")
    assert by_package["Pienet"][0] == [("int", 2), ("int", 16384)]


def date_cells(path: Path, date1904: bool = False) -> Path:
    """A sheet of ``t="d"`` cells (a date only, a date and time) and formulas on them."""
    from tests.hostile.packages import sheet_xml, workbook_parts, write_package

    rows = (
        '<row r="1"><c r="A1" t="d"><v>2024-03-01</v></c>'
        '<c r="B1" t="d"><v>2024-03-01T12:30:00</v></c></row>'
        '<row r="2"><c r="A2"><f>A1*1</f><v>0</v></c><c r="B2"><f>B1*1</f><v>0</v></c></row>'
    )
    parts = workbook_parts({"Pvm": sheet_xml(rows)})
    if date1904:
        workbook = str(parts["xl/workbook.xml"])
        parts["xl/workbook.xml"] = workbook.replace(
            "<sheets>", '<workbookPr date1904="1"/><sheets>'
        )
    return write_package(path, parts)


@pytest.mark.parametrize("date1904", [False, True])
def test_a_date_only_is_a_date_in_every_reader(tmp_path: Path, date1904: bool) -> None:
    """``t="d"`` with a date alone reads as a ``date`` (openpyxl's reading), not midnight.

    The package reader gave a ``datetime`` at midnight, which validation keeps
    as another text than openpyxl's ("2024-03-01T00:00:00").  The engine
    computes with the serials of the 1904 system too (it counted a date and
    time from 1900 whatever the workbook's system).
    """
    path = date_cells(tmp_path / "pvm.xlsx", date1904)
    by_package = read_by_package(path)
    assert by_package == read_by_openpyxl(path)
    inside = recalculated(path, tmp_path / "out.xlsx")
    assert inside == read_by_openpyxl(tmp_path / "out.xlsx")
    values = inside["Pvm"][1]
    assert values[0] == [
        ("date", dt.date(2024, 3, 1)),
        ("datetime", dt.datetime(2024, 3, 1, 12, 30)),
    ]
    offset = 1462 if date1904 else 0
    (day_type, day), (moment_type, moment) = values[1]
    assert (day_type, day) == ("int", 45352 - offset)
    assert moment_type == "float" and moment == pytest.approx(45352 - offset + 12.5 / 24, abs=1e-9)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('t="d"><v>2024-03-01 12:30</v>', "päivämäärä '2024-03-01 12:30' ei ole ISO 8601"),
        ('t="d"><v>20240301</v>', "päivämäärä '20240301' ei ole ISO 8601"),
        (
            't="d"><v>2024-03-01T12:30:00+02:00</v>',
            "päivämäärä '2024-03-01T12:30:00\\+02:00' ei ole ISO 8601",
        ),
        ('t="d"><f>1</f><v>2024-13-01</v>', "Pvm!A1: kaavan tallennettu arvo '2024-13-01'"),
        ("><f>1</f><v>abc</v>", "Pvm!A1: kaavan tallennettu arvo 'abc' ei ole solutyypin 'n'"),
    ],
)
def test_a_value_not_of_its_type_is_refused_where_it_is(
    tmp_path: Path, cell: str, message: str
) -> None:
    """A date and time with a space for the ``T`` was read as the day alone (the time lost).

    A formula's cached value that is not of its type stopped the package
    reader with a ValueError, or (a ``t="d"`` one) would read as a blank.
    """
    from tests.hostile.packages import sheet_xml, workbook_parts, write_package
    from xlsrc.core.errors import UnreadableWorkbook

    rows = f'<row r="1"><c r="A1" {cell}</c></row>'
    path = write_package(tmp_path / "pvm.xlsx", workbook_parts({"Pvm": sheet_xml(rows)}))
    with pytest.raises(UnreadableWorkbook, match=message) as refused:
        read_by_package(path)
    assert str(path) in str(refused.value)
