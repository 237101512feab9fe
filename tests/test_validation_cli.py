"""``xlsrc validate`` in-process: text table, --json, --xlsx, exit status, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from tests.test_validation_workbook import in_version_2
from xlsrc.cli.main import cli
from xlsrc.cli.validate import fit
from xlsrc.validation import JSON_FIELDS, validate_workbook
from xlsrc.workbooks.build import write_workbooks
from xlsrc.workbooks.layouts import workbook

#: every test here runs with each workbook reader (the engine's package reader, openpyxl)
pytestmark = pytest.mark.usefixtures("workbook_reader")


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    write_workbooks(
        out, example=True, layouts=(workbook("result_budget"), workbook("budget_forecast"))
    )
    return out


def _at(sheet: str, v1_cell: str, name: str) -> str:
    """Where a version 1 example's finding sits in the version 2 example."""
    moved = in_version_2((name, sheet, v1_cell))
    return str(moved[2])


PERHE_MARGIN = _at("Taulukko 5", "E7", "tulosbudjetti.xlsx")  # seed line 118, TB 2024
SIGN_FLIP = _at("Taulukko 5", "F63", "tulosbudjetti.xlsx")  # seed line 202
TRANSPOSED = _at("Taulukko 6", "C15", "tulosbudjetti.xlsx")  # seed line 279
KEHYS_TOTAL = _at("TAE 2024", "K5", "talousarvio_ennuste.xlsx")  # 003 KEHYS 935 vs 936


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_json_lists_every_finding_with_the_agreed_fields(examples: Path) -> None:
    path = examples / "tulosbudjetti.xlsx"
    code, out, err = run(str(path), "--json")
    listed = json.loads(out)
    assert code == 1 and "12 virhettä" in err
    assert [tuple(item) for item in listed] == [JSON_FIELDS] * len(listed)
    assert listed == [f.as_json() for f in validate_workbook(path)]
    perhe = next(i for i in listed if (i["sheet"], i["cell"]) == ("Taulukko 5", PERHE_MARGIN))
    assert (perhe["stated"], perhe["computed"], perhe["difference"], perhe["severity"]) == (
        -518_358.0,
        -502_964.0,
        -15_394.0,
        "error",
    )


def test_text_table_and_exit_status_zero_with_notes_only(examples: Path) -> None:
    code, out, _ = run(str(examples / "talousarvio_ennuste.xlsx"))
    assert code == 0
    assert f"TAE 2024!{KEHYS_TOTAL}" in out and "huomio" in out and "935" in out and "936" in out
    assert out.rstrip().endswith("9 havaintoa: 0 virhettä, 9 huomiota.")


def test_text_table_shows_the_typo_hint(examples: Path) -> None:
    code, out, _ = run(str(examples / "tulosbudjetti.xlsx"))
    assert code == 1
    assert f"Taulukko 6!{TRANSPOSED}" in out and "kaksi numeroa vaihtanut paikkaa" in out
    assert f"Taulukko 5!{SIGN_FLIP}" in out and "etumerkki väärin" in out


def test_xlsx_writes_a_findings_workbook_with_links(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "tarkistukset.xlsx"
    source = examples / "tulosbudjetti.xlsx"
    before = source.read_bytes()
    code, _, _ = run(str(source), "--xlsx", str(out))
    assert code == 1 and source.read_bytes() == before
    sheet = load_workbook(out)["Tarkistukset"]
    assert [c.value for c in sheet[3]] == [
        "Välilehti",
        "Solu",
        "Vakavuus",
        "Sääntö",
        "Ilmoitettu",
        "Laskettu",
        "Erotus",
        "Selitys",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 21
    assert rows[1][:7] == [
        "Taulukko 5",
        PERHE_MARGIN,
        "virhe",
        "Toimintakate = tulot − menot + Palvelualueen summa + Taulukoiden välinen täsmäytys",
        -518358,
        -502964,
        -15394,
    ]
    link = sheet["B5"].hyperlink
    assert link is not None and (link.target or "").endswith(
        f"tulosbudjetti.xlsx#'Taulukko 5'!{PERHE_MARGIN}"
    )


def test_xlsx_refuses_to_write_over_the_workbook(examples: Path) -> None:
    path = examples / "talousarvio_ennuste.xlsx"
    before = path.read_bytes()
    code, _, err = run(str(path), "--xlsx", str(path))
    assert code == 2 and "ei voi olla" in err and path.read_bytes() == before


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"plain text", "ei Excel-työkirja"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "vanha Excel 97-2003"),
    ],
)
def test_bad_files_exit_2_with_a_located_message(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "huono.xlsx"
    path.write_bytes(content)
    code, out, err = run(str(path))
    assert code == 2 and str(path) in err and reason in err and out == ""


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("Toimintakate = tulot − menot", 24, "Toimintakate = tulot…"),
        ("Muutos % (ei laskettavissa)", 24, "Muutos % (ei…"),
        ("Talousarvio 2024", 13, "Talousarvio…"),
        ("Rivin summa", 24, "Rivin summa"),
        ("Toimintakatelaskelmaerittely", 13, "Toimintakate…"),  # one long word: cut it
    ],
)
def test_the_table_shortens_a_long_label_at_a_word_never_mid_word(
    text: str, width: int, shown: str
) -> None:
    """The rule column showed "Toimintakate = tulot − m" and "Muutos % (ei laskettavis"."""
    assert fit(text, width) == shown and len(shown) <= width
