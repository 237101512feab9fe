"""The CLI in-process: help, the seed report, the generated function reference."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from xlsrc.cli.main import cli
from xlsrc.docs import function_reference
from xlsrc.registry import Registry

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_subcommands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "report" in result.output and "functions" in result.output


def test_report_prints_statuses_totals_and_deltas() -> None:
    result = CliRunner().invoke(cli, ["report"])
    assert result.exit_code == 0, result.output
    assert "Lähellä tavoitetta   = Lähellä tavoitetta" in result.output
    assert "-10 000" + " 000" in result.output  # savings programme grand total
    assert "15 000 000" in result.output  # statutory programme grand total
    assert "todennäköisesti etumerkki väärin" in result.output  # 002 line 202
    assert "≠" not in result.output  # every 001 status reproduced


def test_committed_reference_matches_the_registry() -> None:
    committed = (ROOT / "docs" / "functions.md").read_text(encoding="utf-8")
    assert committed == function_reference()
    for spec in Registry.default():
        assert f"`{spec.signature}`" in committed


def test_functions_command_lists_every_function() -> None:
    result = CliRunner().invoke(cli, ["functions"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == len(Registry.default())
