"""``--jobs`` help of the batch commands names this machine's core count, in the help's language.

The help texts are catalogue texts translated when the help is shown, so the count is
a placeholder filled in then (:class:`xlsrc.cli.jobs_option.JobsOption`).
"""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from xlsrc.cli.main import cli


@pytest.mark.parametrize("command", ["recalc", "collect", "serve"])
def test_the_jobs_help_names_the_core_count(command: str) -> None:
    cores = len(os.sched_getaffinity(0))
    finnish = CliRunner().invoke(cli, [command, "--help"])
    swedish = CliRunner().invoke(cli, ["--lang", "sv", command, "--help"])
    assert finnish.exit_code == 0 and swedish.exit_code == 0
    assert f"(oletus: suoritinytimien määrä, tässä {cores})" in " ".join(finnish.output.split())
    assert f"(standard: antalet processorkärnor, här {cores})" in " ".join(swedish.output.split())
    assert "{cores}" not in finnish.output + swedish.output
