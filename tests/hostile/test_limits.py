"""Each limit has a flag, and a breach is a located 'liian suuri / liian syvä' refusal.

The defaults are exercised by the corpus (bombs, whole-sheet arrays); here
each ``--max-*`` flag is set just below what a small workbook needs, so the
refusal path of every limit runs.  ``xlsrc.recalc()`` itself never raises for
a bad workbook, and status-sheet refuses broken packages without a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import xlsrc
from tests.engine.helpers import build
from tests.hostile.packages import mark_encrypted, sheet_xml, workbook_parts, write_package
from xlsrc.cli.main import cli


@pytest.fixture
def book(tmp_path: Path) -> Path:
    cells: dict[str, object] = {f"A{row}": row for row in range(1, 41)}
    cells.update({f"B{row}": f"=A{row}*2" for row in range(1, 21)})
    cells["C1"] = "=SUM(A1:A40)"
    return build(tmp_path / "kirja.xlsx", {"S": cells})


@pytest.mark.parametrize(
    ("flag", "value", "refusal"),
    [
        ("--max-cells", "50", "liian suuri: 61 solua (raja 50)"),
        ("--max-formula-cells", "10", "liian suuri: 21 kaavasolua (raja 10)"),
        ("--max-range-cells", "39", "alue S!A1:A40 on liian suuri laskettavaksi: 40 solua"),
        ("--max-part-mib", "0.001", "on liian suuri"),
        ("--max-total-mib", "0.005", "paketti on liian suuri"),
    ],
)
def test_each_limit_flag_refuses_what_is_beyond_it(
    book: Path, tmp_path: Path, flag: str, value: str, refusal: str
) -> None:
    run = CliRunner().invoke(
        cli, ["recalc", str(book), "--out", str(tmp_path / "out"), "--no-validate", flag, value]
    )
    assert run.exit_code == 2, run.output
    assert refusal in run.output and "Traceback" not in run.output
    assert not (tmp_path / "out" / book.name).exists()


def test_the_array_area_flag(tmp_path: Path) -> None:
    book = build(tmp_path / "matriisi.xlsx", {"S": {"A1": 1}}, arrays={"S!B1": ("B1:B30", "=A1")})
    run = CliRunner().invoke(
        cli, ["recalc", str(book), "--out", str(tmp_path / "o"), "--no-validate",
              "--max-array-cells", "20"],
    )  # fmt: skip
    assert (
        run.exit_code == 2 and "matriisikaavan alue B1:B30 on liian suuri: 30 solua" in run.output
    )


def test_within_the_limits_the_same_file_is_recalculated(book: Path, tmp_path: Path) -> None:
    run = CliRunner().invoke(
        cli, ["recalc", str(book), "--out", str(tmp_path / "out"), "--no-validate",
              "--max-cells", "61", "--max-formula-cells", "21", "--max-range-cells", "40"],
    )  # fmt: skip
    assert run.exit_code == 0, run.output


def test_recalc_never_raises_for_a_bad_workbook(tmp_path: Path) -> None:
    locked = write_package(
        tmp_path / "salattu.xlsx",
        workbook_parts({"S": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')}),
    )
    mark_encrypted(locked)
    fifo = tmp_path / "putki.xlsx"
    os.mkfifo(fifo)
    deep = build(
        tmp_path / "syva.xlsx", {"S": {"A1": 1, "B1": "=" + "ABS(" * 70 + "A1" + ")" * 70}}
    )
    for path, reason in (
        (locked, "zip-paketti on suojattu salasanalla"),
        (fifo, "ei tavallinen tiedosto"),
        (deep, "kaava on liian syvä: 70 sisäkkäistä funktiota"),
        (tmp_path / "puuttuu.xlsx", "tiedostoa ei löydy"),
    ):
        result = xlsrc.recalc(path, tmp_path / "out.xlsx")
        assert not result.ok and any(reason in p for p in result.problems), result.problems


def test_recalc_computes_deep_but_valid_formulas(tmp_path: Path) -> None:
    book = build(
        tmp_path / "syva.xlsx",
        {
            "S": {
                "A1": 1,
                "B1": "=" + "+".join(["A1"] * 495),
                "C1": "=" + "(" * 329 + "A1" + ")" * 329,
            }
        },
    )
    result = xlsrc.recalc(book, tmp_path / "out.xlsx")
    assert result.ok, result.problems


@pytest.mark.parametrize("broken", ["katkaistu", "ei_content_types", "kaksoisosa", "rikki_xml"])
def test_status_sheet_refuses_broken_packages_without_a_traceback(
    tmp_path: Path, broken: str
) -> None:
    parts = workbook_parts({"S": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')})
    path = tmp_path / f"{broken}.xlsx"
    extra: list[tuple[str, str | bytes]] = []
    if broken == "ei_content_types":
        del parts["[Content_Types].xml"]
    elif broken == "kaksoisosa":
        extra = [("xl/workbook.xml", parts["xl/workbook.xml"])]
    elif broken == "rikki_xml":
        parts["xl/workbook.xml"] = str(parts["xl/workbook.xml"])[:-5]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_package(path, parts, extra=extra)
    if broken == "katkaistu":
        path.write_bytes(path.read_bytes()[:200])
    before = path.read_bytes()
    run = CliRunner().invoke(cli, ["status-sheet", str(path), "-q", "Q3", "--year", "2024"])
    assert run.exit_code == 2, run.output
    assert "Virhe: " in run.output and "Traceback" not in run.output
    assert path.read_bytes() == before
