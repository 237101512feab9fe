"""The message catalogue: complete in Finnish and Swedish, in step with the code, cheap to load.

Issue 17's bar is that every entry has Finnish and Swedish and that no
user-facing string bypasses the catalogue.  Neither is reached yet; what is
left is listed in ``tests/i18n_gaps.json`` and the tests hold it to that list
both ways: a new untranslated entry or a new string outside the catalogue
fails, and so does a listed gap that is gone (remove it from the list, so the
list only shrinks).  Everything else the catalogue check finds - a Finnish
entry without text, a Swedish one without a ``# tarkistettava:`` or
``# lähde:`` comment, placeholders that differ, a ``.mo`` that is not the
compile of its ``.po``, a text the code uses that the catalogue lacks - fails
outright.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from tests.i18n_scan import scan, scan_file
from tests.test_startup import imported_by
from xlsrc.i18n.catalogue import _language_problems, extract, problems, read_catalogue
from xlsrc.i18n.extract import Extraction, Key

GAPS = Path(__file__).with_name("i18n_gaps.json")


def _gaps() -> dict[str, list[object]]:
    loaded: dict[str, list[object]] = json.loads(GAPS.read_text(encoding="utf-8"))
    return loaded


def untranslated_swedish() -> list[str]:
    """Source texts whose Swedish translation is empty."""
    found = []
    for message in read_catalogue("sv"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and not all(strings):
            found.append(message.id if isinstance(message.id, str) else message.id[0])
    return sorted(found)


def outside_the_catalogue() -> list[list[str]]:
    """(module, text) of every user-facing literal the scan finds outside the catalogue."""
    return [list(pair) for pair in sorted({(f.path, f.text) for f in scan()})]


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract()


def test_the_catalogue_is_complete_in_finnish_and_in_step_with_the_code(
    extraction: Extraction,
) -> None:
    gaps = set(_gaps()["swedish"])
    wrong = [
        line
        for line in problems(extraction)
        if not line.startswith("en: ")  # English falls back to the Finnish text
        and not (line.startswith("sv: ") and line.endswith(": no translation"))
    ]
    assert wrong == []
    assert set(untranslated_swedish()) <= gaps, "new texts without Swedish: translate them"


def test_the_listed_swedish_gaps_only_shrink() -> None:
    listed = _gaps()["swedish"]
    assert listed == sorted(listed)
    still = set(untranslated_swedish())
    assert [text for text in listed if text not in still] == []  # translated: unlist it


def test_no_new_user_facing_string_outside_the_catalogue() -> None:
    listed = {tuple(item) for item in _gaps()["scan"] if isinstance(item, list)}
    found = {tuple(item) for item in outside_the_catalogue()}
    assert sorted(found - listed) == []  # put the text into tr()/Msg()/N_()
    assert sorted(listed - found) == []  # fixed: unlist it


def test_the_scan_finds_a_message_outside_the_catalogue_and_not_one_inside(
    tmp_path: Path,
) -> None:
    module = tmp_path / "pkg" / "mod.py"
    module.parent.mkdir()
    module.write_text(
        "import click\n"
        "from xlsrc.core.text import tr\n"
        "def f(path):\n"
        '    click.echo(f"{path}: tiedostoa ei löydy")\n'
        '    click.echo(tr("{path}: tiedosto on rikki", path=path))\n'
        '    raise UnusableInput("Työkirja puuttuu")\n',
        encoding="utf-8",
    )
    texts = sorted(f.text for f in scan_file(module, tmp_path))
    assert "Työkirja puuttuu" in texts
    assert any(": tiedostoa ei löydy" in text for text in texts)  # an f-string's literal part
    assert not any("rikki" in text for text in texts)  # inside tr(): in the catalogue


def test_a_catalogue_entry_without_swedish_is_reported() -> None:
    found = Extraction()
    found.add(Key("Työkirja puuttuu"), None, "xlsrc/x.py", 1)
    swedish = Catalog(locale="sv")
    swedish.add("Työkirja puuttuu", "", user_comments=["tarkistettava: -"])
    assert _language_problems("sv", swedish, found) == ["sv: 'Työkirja puuttuu': no translation"]
    swedish["Työkirja puuttuu"].string = "Arbetsboken saknas"
    assert _language_problems("sv", swedish, found) == []
    swedish["Työkirja puuttuu"].user_comments = []
    assert _language_problems("sv", swedish, found) == [
        "sv: 'Työkirja puuttuu': neither '# tarkistettava:' nor '# lähde:' comment"
    ]


def test_help_reads_no_catalogue_source_and_imports_no_babel() -> None:
    modules, text = imported_by("--help")
    assert "Käyttö:" in text  # click's "Usage:" through the catalogue, in Finnish
    assert not {m for m in modules if m.split(".")[0] == "babel"}
    assert "xlsrc.i18n.catalogue" not in modules and "xlsrc.i18n.extract" not in modules


if __name__ == "__main__":  # rewrite the list of gaps (review the diff: it may only shrink)
    GAPS.write_text(
        json.dumps(
            {"swedish": untranslated_swedish(), "scan": outside_the_catalogue()},
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
