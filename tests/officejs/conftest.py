"""Shared fixtures of the add-in tests: the demo workbooks, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``xlsrc demo`` output: the five example workbooks, recalculated."""
    from click.testing import CliRunner

    from xlsrc.cli.main import cli

    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out
