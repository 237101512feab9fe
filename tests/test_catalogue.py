"""The message catalogue: complete in Finnish and Swedish, in step with the code, cheap to load.

Issue 17's bar: every entry has Finnish and Swedish, and no user-facing string
bypasses the catalogue.  The catalogue check (:func:`xlsrc.i18n.catalogue.problems`)
fails on a text the code uses that the catalogue lacks, an entry without Finnish
or Swedish, a Swedish entry without a ``# tarkistettava:`` or ``# lähde:``
comment, placeholders that differ, or a ``.mo`` that is not the compile of its
``.po``; English may fall back to the Finnish text.  The AST scan
(:mod:`tests.i18n_scan`) fails on a user-facing literal outside a marker call.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from tests.i18n_scan import scan, scan_file
from tests.test_startup import imported_by
from xlsrc.i18n.catalogue import _language_problems, extract, problems
from xlsrc.i18n.extract import Extraction, Key


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract()


def test_the_catalogue_is_complete_in_finnish_and_swedish_and_in_step_with_the_code(
    extraction: Extraction,
) -> None:
    # English falls back to the Finnish text; Finnish and Swedish must be complete
    assert [line for line in problems(extraction) if not line.startswith("en: ")] == []


def test_no_user_facing_string_outside_the_catalogue() -> None:
    found = sorted({(f.path, f.text) for f in scan()})
    # put each text into tr()/Msg()/N_(), or say why it is no message: '# i18n: <reason>'
    assert found == []


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
