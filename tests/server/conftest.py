"""Fixtures: the demo workbooks, their CLI recalculation, and one shared server (2 workers)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.server.support import RunningServer, add_token, running, xlsrc


@dataclass(frozen=True)
class Demo:
    folder: Path
    files: list[Path]
    #: ``xlsrc recalc FILES --out cli`` of the same files
    cli_out: Path
    #: the document ``xlsrc recalc --json`` wrote for them
    cli_report: dict[str, Any]


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    root = tmp_path_factory.mktemp("serve-demo")
    folder = root / "demo"
    xlsrc("demo", "--out", str(folder))
    files = sorted(folder.glob("*.xlsx"))
    assert len(files) == 5
    cli_out, report = root / "cli", root / "cli.json"
    xlsrc("recalc", *map(str, files), "--out", str(cli_out), "--json", str(report))
    return Demo(folder, files, cli_out, json.loads(report.read_text(encoding="utf-8")))


#: The one browser origin the shared server allows (CORS).
ADDIN_ORIGIN = "https://lisaosa.hyvinvointialue.example"


@dataclass(frozen=True)
class Served:
    server: RunningServer
    alice: str
    bob: str


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data = tmp_path_factory.mktemp("serve") / "data"
    alice = add_token(data, "alice", "Kanta-Hämeen hyvinvointialue")
    bob = add_token(data, "bob", "Pirkanmaan hyvinvointialue")
    with running(data, "--workers", "2", "--allow-origin", ADDIN_ORIGIN) as server:
        yield Served(server, alice, bob)
