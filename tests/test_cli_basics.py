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
    # Finnish number formats: no-break-space groups, the minus sign U+2212, "88,3 %"
    assert "\u221210\u00a0000\u00a0000" in result.output  # savings programme grand total
    assert "15\u00a0000\u00a0000" in result.output  # statutory programme grand total
    assert "88,3\u00a0%" in result.output and "\u22123,4\u00a0%" in result.output
    assert "88.3%" not in result.output and "-3.4%" not in result.output
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


def test_a_reader_closing_the_pipe_is_not_an_internal_error(tmp_path: Path) -> None:
    """`xlsrc report | head -1`: the rest of the output has nowhere to go, and that is fine."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    script = "from xlsrc.cli.main import main; main()"
    with subprocess.Popen(
        [sys.executable, "-c", script, "report"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # what `head -1` does after its line
        errors = process.stderr.read().decode()
        status = process.wait(timeout=120)
    assert first.strip()
    assert "sisäinen virhe" not in errors and "Traceback" not in errors
    assert status in (0, 1) and list(tmp_path.glob("xlsrc-virhe-*")) == []


def test_python_dash_m_xlsrc_is_the_xlsrc_command() -> None:
    """A user without the console script on PATH runs `python -m xlsrc`; it used to fail
    with 'No module named xlsrc.__main__'."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "xlsrc", "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    usage = done.stdout.splitlines()[0]  # "Käyttö: xlsrc [VALINNAT] ..."
    assert " xlsrc [" in usage and "python" not in usage  # its own name
    assert "recalc" in done.stdout and "validate" in done.stdout


def test_validate_help_names_every_exit_status() -> None:
    """Scripts branch on the exit status; 3 (a bug in xlsrc) was missing from the help."""
    from xlsrc.core.errors import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_UNUSABLE

    result = CliRunner().invoke(cli, ["validate", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for status in (EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERNAL):
        assert f"{status}: " in result.output
