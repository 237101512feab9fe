"""Fixtures shared across test folders: the readers validation runs with, the demo workbooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import xlsrc.validation.workbook as validation_workbook
from xlsrc.core.text import LANGUAGES, Language


@pytest.fixture(params=["package", "openpyxl"])
def workbook_reader(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Run a test once with each reader ``validate_workbook`` can use: the results must agree.

    A validation test module opts in with ``pytestmark = pytest.mark.usefixtures(
    "workbook_reader")``; every ``validate_workbook`` (and ``xlsrc validate``) in it
    then reads through the engine's package reader, and again through openpyxl.
    """
    monkeypatch.setattr(validation_workbook, "READER", request.param)
    yield str(request.param)


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``xlsrc demo`` output: the five example workbooks, recalculated."""
    from click.testing import CliRunner

    from xlsrc.cli.main import cli

    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def demos(tmp_path_factory: pytest.TempPathFactory) -> dict[Language, Path]:
    """``xlsrc --lang fi|sv|en demo``: the recalculated example workbooks a user starts
    from, by language (read only: a test that edits one writes its copy elsewhere)."""
    from click.testing import CliRunner

    from xlsrc.cli.main import cli

    made: dict[Language, Path] = {}
    for language in LANGUAGES:
        folder = tmp_path_factory.mktemp(language)
        run = CliRunner().invoke(cli, ["--lang", language, "demo", "--out", str(folder)])
        assert run.exit_code == 0, run.output
        made[language] = folder
    return made
