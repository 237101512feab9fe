"""The Swedish status sheet of the 004 example, cell by cell against the Finnish one.

A bilingual county produces the same report in both languages: the workbook's
"Kieli" setting on Säännöt is the only difference between the two runs.  Every
cell is compared: numbers, fills, symbols, checksums and the workbook's own texts
(goal titles, KPI names) are the same; every text xlsrc writes is Swedish.  The
expected Swedish words are written here (the translation is the spec), not read
from the catalogue the code uses.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.status_sheet_support import (
    add_settings,
    add_targets,
    both,
    edited,
    example,
    fill_of,
    sheet,
    write,
)
from xlsrc.core.errors import InvalidRule
from xlsrc.core.text import use_language
from xlsrc.status_sheet.headless import LockedQuarter, generate_file
from xlsrc.status_sheet.tables import WorkbookLayoutError

NOW = datetime(2025, 3, 25, 14, 2)

#: Header labels (column A) of the Swedish sheet, top to bottom.
HEADER_LABELS = [
    "Organisation",
    "Kvartal",
    "Skapad",
    "Kontrollsumma för indata (SHA-256)",
    "Statusskala",
    "Sammanställningsmetod",
]
#: The goal table's column headers (first header row, left to right, merged cells once).
COLUMN_HEADERS = [
    "Nr",
    "Mål",
    "Mätare (KPI)",
    "Målvärde",
    "Q1 2024",
    "Q2 2024",
    "Q3 2024",
    "Q4 2024",
    "Status Q3",
    "Trend Q2→Q3",
    "Huvuduppgifter (st.)",
    "Grund och anmärkningar",
    "Indatakontroll",
]
LEGEND_LABELS = ["Bedömningsmetod", "Trend", "Huvuduppgifter", "Symboler", "Låsning"]
#: Words of the Finnish sheet that must not be left in anything xlsrc writes in Swedish.
FINNISH_WORDS = (
    "Tavoitearvo",
    "Trendi",
    "parempi",
    "heikompi",
    "ennallaan",
    "puuttuu",
    "arvioitu",
    "Päätehtäv",
    "Koonti",
    "toteutumisaste",
    "Säännöt ja merkinnät",
    "oletus",
    "Valmistuu myöhemmin",
    "arvioitavissa",
    "Vuoden lopun arvio",
)


def _cells(ws: Worksheet) -> dict[tuple[int, int], object]:
    return {
        (cell.row, cell.column): cell.value
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    }


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Worksheet, Worksheet]:
    """(Finnish, Swedish) Q3 2024 sheets of the 004 example with targets and settings."""
    folder = tmp_path_factory.mktemp("sv")
    made = []
    for language, name in (("suomi", "Tilanne Q3 2024"), ("svenska", "Läge Q3 2024")):
        data = edited(example(), both(add_targets(), add_settings({"Kieli": language})))
        (folder / language).mkdir()
        path = write(folder / language, data)
        result = generate_file(path, 3, year=2024, now=NOW)
        assert result.sheet == name
        made.append(sheet(path, name))
    return made[0], made[1]


def test_the_swedish_sheet_has_the_finnish_cells_numbers_fills_and_checksum(
    sheets: tuple[Worksheet, Worksheet],
) -> None:
    finnish, swedish = sheets
    fi_cells, sv_cells = _cells(finnish), _cells(swedish)
    assert set(fi_cells) == set(sv_cells)  # the same layout, cell for cell
    assert len(fi_cells) > 500
    translated = 0
    for at, fi_value in fi_cells.items():
        sv_value = sv_cells[at]
        fi_fill = fill_of(finnish.cell(*at))
        assert fill_of(swedish.cell(*at)) == fi_fill, at
        if not isinstance(fi_value, str):
            assert sv_value == fi_value, at  # numbers, counts and dates are the same
            continue
        assert isinstance(sv_value, str), at
        if sv_value != fi_value:
            translated += 1
            for word in FINNISH_WORDS:
                assert word not in sv_value, (at, sv_value)
    assert translated > 100
    assert sorted(m.coord for m in finnish.merged_cells.ranges) == sorted(
        m.coord for m in swedish.merged_cells.ranges
    )


def test_the_swedish_header_table_heads_and_legend_read_in_swedish(
    sheets: tuple[Worksheet, Worksheet],
) -> None:
    finnish, swedish = sheets
    assert swedish.cell(1, 1).value == "Lägesrapport om målen Q3 2024"
    assert [swedish.cell(r, 1).value for r in range(2, 8)] == HEADER_LABELS
    assert swedish.cell(4, 3).value == "25.03.2025 kl. 14.02"
    assert swedish.cell(5, 3).value == finnish.cell(5, 3).value  # the inputs' checksum
    assert len(str(swedish.cell(5, 3).value)) == 64
    head = next(r for r in range(1, 40) if swedish.cell(r, 1).value == "Nr")
    seen = [swedish.cell(head, c).value for c in range(1, swedish.max_column + 1)]
    assert [v for v in seen if v is not None] == COLUMN_HEADERS
    second = [swedish.cell(head + 1, c).value for c in range(1, swedish.max_column + 1)]
    assert second.count("Värde") == 4 and second.count("Status") == 4
    assert [v for v in second if v and v.startswith(("●", "▲", "■"))] == [
        "● Enligt\nplan",
        "▲ Utma-\nningar",
        "■ Fram-\nskrider ej",
    ]
    labels = [swedish.cell(r, 1).value for r in range(1, swedish.max_row + 1)]
    legend = labels.index("Regler och symboler")
    assert labels[legend + 1 : legend + 6] == LEGEND_LABELS
    assert "Hela organisationen" in [swedish.cell(r, 2).value for r in range(1, swedish.max_row)]


def test_swedish_statuses_trends_and_notes_follow_the_finnish_ones(
    sheets: tuple[Worksheet, Worksheet],
) -> None:
    finnish, swedish = sheets
    words = {
        "↗ parempi": "↗ bättre",
        "↘ heikompi": "↘ sämre",
        "→ ennallaan": "→ oförändrat",
    }
    trends = 0
    for row in range(1, finnish.max_row + 1):
        for column in range(1, finnish.max_column + 1):
            fi_value = finnish.cell(row, column).value
            if fi_value in words:
                assert swedish.cell(row, column).value == words[fi_value]
                trends += 1
            note = isinstance(fi_value, str) and fi_value.startswith("Q3 ")
            if note and ", tavoite " in str(fi_value):
                sv_value = swedish.cell(row, column).value
                assert ", mål " in sv_value and "måluppfyllelse" in sv_value, sv_value
    assert trends >= 3


def test_a_status_sheet_run_refuses_in_the_language_of_whoever_shows_it(tmp_path: Path) -> None:
    path = write(tmp_path, edited(example(), both(add_targets(), add_settings())))
    generate_file(path, 3, year=2024, now=NOW)
    with pytest.raises(LockedQuarter) as locked:
        generate_file(path, 3, year=2024, now=NOW)
    assert str(locked.value) == (
        f"{path}: välilehti 'Tilanne Q3 2024' on lukittu (aiemmin luotu neljännes); "
        "luo se uudelleen vain tarkoituksella: --force"
    )
    with use_language("sv"):
        assert str(locked.value) == (
            f"{path}: fliken 'Tilanne Q3 2024' är låst (ett tidigare skapat kvartal); "
            "skapa den på nytt endast avsiktligt: --force"
        )

    def rename_a_setting(workbook: Any) -> None:
        rules = workbook["Säännöt"]
        (cell,) = [c for row in rules.iter_rows() for c in row if c.value == "Koontitapa"]
        cell.value = "Värikartta"

    unknown = write(tmp_path, edited(example(), rename_a_setting), "x.xlsx")
    with pytest.raises(WorkbookLayoutError) as refused:
        generate_file(unknown, 3, year=2024, now=NOW)
    with use_language("sv"):
        shown = str(refused.value)
    start = f"{unknown}: Säännöt!B59: okänd inställning 'värikartta'; tillåtna: Organisation, "
    assert shown.startswith(start)  # the file, then the cell once
    assert "Sammanställningsmetod" in shown and "Koontitapa" not in shown


def test_an_unknown_setting_word_is_placed_on_the_rules_sheet_in_the_language_shown(
    tmp_path: Path,
) -> None:
    """The place names the sheet and the setting as the reader's workbook calls them."""

    def misspell_the_rollup(workbook: Any) -> None:
        rules = workbook["Säännöt"]
        (cell,) = [c for row in rules.iter_rows() for c in row if c.value == "Koontitapa"]
        rules.cell(cell.row, cell.column + 1).value = "satunnainen"

    path = write(tmp_path, edited(example(), misspell_the_rollup), "koonti.xlsx")
    with pytest.raises(WorkbookLayoutError) as refused:  # the parser's InvalidRule, located
        generate_file(path, 3, year=2024, now=NOW)
    assert isinstance(refused.value.__cause__, InvalidRule)
    assert str(refused.value).startswith(f"{path} (Säännöt!B59): Säännöt: Koontitapa: ")
    with use_language("sv"):
        assert f"{path} (Säännöt!B59): Regler: Sammanställningsmetod: " in str(refused.value)
