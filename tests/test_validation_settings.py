"""The rules sheet's settings are validated with the parsers the status sheet refuses with.

A typo in a setting the status sheet reads (the default method "Arviointitapa",
the roll-up, the trend tolerance, a scheme, the year, or a setting name none
of them has) made ``xlsrc status-sheet`` refuse the file while ``xlsrc
validate`` found nothing there.  Both now read the settings through
:func:`xlsrc.reading.settings.read_rule_settings`, so each refused value is an
error finding at its cell with the message the status sheet refuses with.

The workbooks are the ``xlsrc demo`` files (Finnish and Swedish), edited as a
user edits them: a value typed into the "Arvo" cell of a settings row
(:func:`tests.edits.setting`), saved, validated from the file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl.workbook.workbook import Workbook

from tests.edits import edited, setting
from xlsrc.cli.main import cli
from xlsrc.core.errors import XlsrcError
from xlsrc.core.text import N_, Language, translate
from xlsrc.reading.locate import read_schemes
from xlsrc.reading.openpyxl_source import OpenpyxlSource
from xlsrc.status_sheet.headless import generate_file
from xlsrc.validation import CellFinding, validate_workbook
from xlsrc.validation.workbook import setting_findings
from xlsrc.workbooks.layouts import RULES_SHEET, WORKBOOKS
from xlsrc.workbooks.layouts.goal_tracking import GOAL_TRACKING

#: every test here runs with each workbook reader (the engine's package reader, openpyxl)
pytestmark = pytest.mark.usefixtures("workbook_reader")

SETTING_RULES = ("invalid_setting", "unknown_method")
_NOW = datetime(2025, 3, 25, 14, 2)


def typed(
    demos: dict[Language, Path],
    tmp_path: Path,
    values: dict[str, tuple[Any, str | None]],
    language: Language = "fi",
) -> tuple[Path, dict[str, tuple[str, str]]]:
    """The goal-tracking demo with ``values`` typed into its settings.

    ``values``: setting name (a catalogue text, shown in the workbook's language)
    -> (value, new name or None).  Returns the saved file and where each value
    went (sheet, A1), read from the edited sheet.
    """
    where: dict[str, tuple[str, str]] = {}

    def type_values(book: Workbook) -> None:
        for name, (value, rename) in values.items():
            renamed = translate(rename, language) if rename else None
            where[name] = setting(book, translate(name, language), value, renamed)

    data = edited((demos[language] / GOAL_TRACKING.file_name).read_bytes(), type_values)
    path = tmp_path / f"{language}_{GOAL_TRACKING.file_name}"
    path.write_bytes(data)
    return path, where


def setting_problems(path: Path) -> list[CellFinding]:
    return [f for f in validate_workbook(path) if f.rule in SETTING_RULES]


def refusal(path: Path, tmp_path: Path) -> XlsrcError:
    """What the status sheet raises for the file (no ``--year``: the setting must do)."""
    with pytest.raises(XlsrcError) as refused:
        generate_file(path, 3, out=tmp_path / "refused.xlsx", now=_NOW)
    return refused.value


#: (setting, value typed, new name of the row or None, the rule of the finding)
TYPOS = [
    (N_("Arviointitapa"), "Toteutumisate", None, "unknown_method"),
    (N_("Koontitapa"), "huonoinn", None, "invalid_setting"),
    (N_("Trendin toleranssi"), 1.5, None, "invalid_setting"),
    (N_("Vuosi"), "2O24", None, "invalid_setting"),
    (N_("Vuosi"), "2024²", None, "invalid_setting"),  # isdigit() says yes, int() says no
    (N_("Vuosi"), 2024.5, None, "invalid_setting"),  # was read as 2024
    (N_("Vuosi"), 202, None, "invalid_setting"),  # no year --year would take
    (N_("Organisaatio"), "Vuosiarvio 50/91", N_("Tila-asteikko"), "invalid_setting"),
    (N_("Organisaatio"), "Kanta-Häme", "Organisaatioo", "invalid_setting"),
]
TYPO_IDS = [
    "method",
    "rollup",
    "trend_tolerance",
    "year",
    "year_superscript",
    "year_fraction",
    "year_out_of_range",
    "scheme",
    "unknown_name",
]


@pytest.mark.parametrize(("name", "value", "rename", "rule"), TYPOS, ids=TYPO_IDS)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_setting_the_status_sheet_refuses_is_an_error_at_its_value_cell(
    demos: dict[Language, Path],
    tmp_path: Path,
    language: Language,
    name: str,
    value: Any,
    rename: str | None,
    rule: str,
) -> None:
    """One error at the value's cell on the rules sheet, with the status sheet's message."""
    path, where = typed(demos, tmp_path, {name: (value, rename)}, language)
    sheet, cell = where[name]
    assert sheet == translate(RULES_SHEET, language)  # "Säännöt" / "Regler"
    found = setting_problems(path)
    assert [(f.rule, f.sheet, f.cell) for f in found] == [(rule, sheet, cell)]
    assert found[0].severity == "error"
    assert found[0].stated == value
    refused = str(refusal(path, tmp_path))
    assert found[0].message in refused  # one parser, one message
    if name != N_("Vuosi"):  # the year's refusal is year_unknown's, named by the file
        located = (f"{path} ({sheet}!{cell}): ", f"{path}: {sheet}!{cell}: ")  # its cell once
        assert refused.startswith(located)
    run = CliRunner().invoke(cli, ["validate", str(path)])
    assert run.exit_code == 1, run.output
    assert f"{sheet}!{cell}" in run.output


def test_the_default_method_typo_of_the_review_is_found_at_b61(
    demos: dict[Language, Path], tmp_path: Path
) -> None:
    """The reviewer's reproduction: 'Toteutumisate' at Säännöt!B61 of the Finnish demo."""
    path, where = typed(demos, tmp_path, {N_("Arviointitapa"): ("Toteutumisate", None)})
    assert where[N_("Arviointitapa")] == ("Säännöt", "B61")
    found = setting_problems(path)
    assert [(f.rule, f.sheet, f.cell) for f in found] == [("unknown_method", "Säännöt", "B61")]
    assert "arviointitapa 'Toteutumisate' ei ole" in found[0].message


def test_every_refused_setting_is_reported_not_only_the_first(
    demos: dict[Language, Path], tmp_path: Path
) -> None:
    """The status sheet stops at the first refused value; validation lists each one."""
    path, where = typed(
        demos,
        tmp_path,
        {N_("Koontitapa"): ("huonoinn", None), N_("Arviointitapa"): ("Toteutumisate", None)},
    )
    found = setting_problems(path)
    assert [(f.sheet, f.cell) for f in found] == [
        where[N_("Koontitapa")],
        where[N_("Arviointitapa")],
    ]


#: Method words the status sheet accepts: a Swedish label, an alias, a code, a blank
#: (the built-in default, as before).
ACCEPTED: list[Any] = ["Måluppfyllelse", "suhdeluku", "progress", "  toteutumisaste ", None]


@pytest.mark.parametrize("word", ACCEPTED, ids=["sv_label", "alias", "code", "spaced", "blank"])
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_method_word_the_status_sheet_accepts_is_accepted_in_the_settings(
    demos: dict[Language, Path], tmp_path: Path, language: Language, word: Any
) -> None:
    """No finding, and the status sheet makes its sheet from the same file."""
    path, _ = typed(demos, tmp_path, {N_("Arviointitapa"): (word, None)}, language)
    assert setting_problems(path) == []
    generate_file(path, 3, out=tmp_path / "accepted.xlsx", now=_NOW)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_unedited_demos_gain_no_setting_finding(
    demos: dict[Language, Path], language: Language
) -> None:
    """Every demo's settings are read and all usable: nothing is reported about them."""
    for workbook in WORKBOOKS:
        source = OpenpyxlSource.open(demos[language] / workbook.file_name)
        assert setting_findings(source, read_schemes(source)) == [], workbook.key
        found = validate_workbook(demos[language] / workbook.file_name)
        rules_sheet = translate(RULES_SHEET, language)
        assert [f for f in found if f.sheet == rules_sheet] == [], workbook.key
