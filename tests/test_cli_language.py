"""The command line's language: Finnish by default, ``--lang`` or ``XLSRC_LANG`` otherwise.

``report`` is covered in ``test_cli_basics.py``; here ``recalc`` and
``validate`` print Finnish words and Finnish numbers (no-break-space groups,
the minus sign U+2212, a decimal comma) by default, and click's own texts
follow the chosen language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsrc.cli.main import cli

MINUS, NBSP = "\u2212", "\u00a0"


def test_recalc_prints_finnish_by_default(demo_dir: Path, tmp_path: Path) -> None:
    run = CliRunner().invoke(
        cli, ["recalc", str(demo_dir / "tavoiteohjelmat.xlsx"), "--out", str(tmp_path)]
    )
    assert run.exit_code == 0, run.output
    assert "kaavaa" in run.output and "xlsrc-funktiosolua" in run.output
    assert re.search(r", \d+,\d\d\u00a0s\n", run.output)  # seconds with a decimal comma
    assert "1/1 tiedosto laskettu uudelleen" in run.output
    assert "formulas" not in run.output and "recalculated" not in run.output


def test_validate_prints_finnish_words_and_numbers_by_default(demo_dir: Path) -> None:
    run = CliRunner().invoke(cli, ["validate", str(demo_dir / "tulosbudjetti.xlsx")])
    assert run.exit_code == 1, run.output  # the seed's own errors
    assert run.output.startswith("Välilehti!Solu")
    assert f"ilmoitettu {MINUS}1{NBSP}846{NBSP}900, laskettu {MINUS}1{NBSP}917{NBSP}000" in (
        run.output
    )
    assert f"erotus 70{NBSP}100" in run.output
    assert "-1,846,900" not in run.output and "-1 846 900" not in run.output


@pytest.mark.parametrize(
    ("args", "env", "usage", "option"),
    [
        (["--help"], {}, "Käyttö:", "Valinnat:"),
        (["--lang", "sv", "--help"], {}, "Användning:", "Alternativ:"),
        (["--help"], {"XLSRC_LANG": "sv"}, "Användning:", "Alternativ:"),
        (["--lang", "en", "--help"], {"XLSRC_LANG": "sv"}, "Usage:", "Options:"),
    ],
)
def test_help_follows_lang_and_the_environment(
    args: list[str], env: dict[str, str], usage: str, option: str
) -> None:
    run = CliRunner().invoke(cli, args, env=env)
    assert run.exit_code == 0, run.output
    assert run.output.startswith(usage) and option in run.output


def test_an_unknown_language_is_refused_by_name() -> None:
    run = CliRunner().invoke(cli, ["report"], env={"XLSRC_LANG": "de"})
    assert run.exit_code == 2
    assert "XLSRC_LANG='de' ei ole tuettu kieli; sallitut: fi, sv, en" in run.output
    bad = CliRunner().invoke(cli, ["--lang", "de", "report"])
    assert bad.exit_code == 2 and "Virhe:" in bad.output


def test_click_errors_are_in_the_chosen_language(tmp_path: Path) -> None:
    missing = str(tmp_path / "puuttuu.xlsx")
    finnish = CliRunner().invoke(cli, ["validate", missing])
    assert finnish.exit_code == 2 and "Virhe:" in finnish.output and "Error:" not in finnish.output
    swedish = CliRunner().invoke(cli, ["--lang", "sv", "validate", missing])
    assert swedish.exit_code == 2 and "Fel:" in swedish.output


@pytest.mark.parametrize(
    ("language", "marks"),
    [("fi", ("[pakollinen]", "--max-cells LUKU")), ("sv", ("[obligatoriskt]", "--max-cells TAL"))],
)
def test_option_help_has_no_english_from_click(language: str, marks: tuple[str, ...]) -> None:
    """click names a required option and a number type in English unless told otherwise."""
    run = CliRunner().invoke(cli, ["--lang", language, "recalc", "--help"])
    collect = CliRunner().invoke(cli, ["--lang", language, "collect", "--help"])
    assert run.exit_code == 0 and collect.exit_code == 0
    shown = " ".join((run.output + collect.output).split())
    assert marks[0] in shown and marks[1] in shown
    assert "required" not in shown and "FLOAT RANGE" not in shown and "(256)" not in shown


def test_recalc_gives_the_reasons_of_error_cells_in_the_chosen_language(
    demo_dir: Path, tmp_path: Path
) -> None:
    """The reasons are made in the recalculation's own thread, which must keep the language."""
    workbook = str(demo_dir / "tavoiteseuranta.xlsx")
    swedish = CliRunner().invoke(cli, ["--lang", "sv", "recalc", workbook, "--out", str(tmp_path)])
    assert swedish.exit_code == 0, swedish.output
    assert "#VALUE! (värde: kan inte läsas som ett tal)" in swedish.output
    assert "luettavissa" not in swedish.output
