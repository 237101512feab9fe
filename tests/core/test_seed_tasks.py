"""004 main tasks: progress ("Tilanne") coloured by the year-end 50/90 rule."""

from __future__ import annotations

from xlsrc.core.numbers import Number, read_number
from xlsrc.core.schemes import YEAR_END_50_90
from xlsrc.seeds import load_table


def _colours() -> dict[str, list[str]]:
    by_colour: dict[str, list[str]] = {"green": [], "yellow": [], "red": [], "none": []}
    for row in load_table("004-tasks").rows:
        reading = read_number(row.cells.get("status"))
        if isinstance(reading, Number) and reading.unit == "%" and not reading.qualifier:
            by_colour[YEAR_END_50_90.classify(reading.value).key].append(row.cells["task"])
        else:
            by_colour["none"].append(row.cells.get("status") or "")
    return by_colour


def test_boundary_tasks_of_the_seed() -> None:
    colours = _colours()
    # G01: "Omaolon ... mahdollistaminen 50 %" sits exactly on "yli 50 %": red
    assert any(t.startswith("Omaolon oirearvioiden") for t in colours["red"])
    # G01: "HYTE-tarjottimen käyttöönotto 90 %" sits exactly on "yli 90 %": yellow
    assert "HYTE-tarjottimen käyttöönotto" in colours["yellow"]
    assert "Määritellään yhteydenottokanavat" in colours["green"]  # 100 %


def test_words_are_never_coloured() -> None:
    colours = _colours()
    assert "Ei mittaria" in colours["none"]
    assert "alle 10%" in colours["none"]  # a target restated, not a progress share
    assert all(not text.endswith("%") or text.startswith("alle") for text in colours["none"])
    total = sum(len(v) for v in colours.values())
    assert total == len(load_table("004-tasks").rows) >= 40
    assert min(len(colours[k]) for k in ("green", "yellow", "red")) >= 3
