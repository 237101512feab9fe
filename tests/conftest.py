"""Fixtures shared across test folders: the readers validation runs with, the demo workbooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import xlsrc.validation.workbook as validation_workbook


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
