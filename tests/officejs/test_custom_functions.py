"""The custom-function path on the demo workbooks gives the values ``xlsrc recalc`` wrote.

Every XS_ formula cell of each demo workbook (the 004 example's status cells
among them: XS_BAND on each row of Päätehtävät) is called through the add-in's own JS
(generated functions.js + batching) in one calculation pass, against a real
server process over HTTP.  Each spilled result must equal the cached values of
the recalculated file, the whole pass must be one HTTP request, and a second
pass straight after is answered from the cache.  The measured requests and
times are printed (``pytest -s``) for the report.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.officejs.formula_calls import cached_values, formula_calls
from tests.officejs.server_process import Server, running_server
from xlsrc.officejs.bundle import functions_js
from xlsrc.registry import Registry

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "officejs" / "tests" / "drive_functions.js"
DEMO_WORKBOOKS = (
    "tavoiteseuranta.xlsx",
    "strategiset_tavoitteet.xlsx",
    "tavoiteohjelmat.xlsx",
    "tulosbudjetti.xlsx",
    "talousarvio_ennuste.xlsx",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("serve")) as running:
        yield running


def as_cell(value: Any) -> Any:
    """A result as the cached cell holds it: "" is a blank, an error its literal."""
    if isinstance(value, dict) and "error" in value:
        return value["error"]
    return None if value == "" else value


def drive(server: Server, calls: list[dict[str, Any]], tmp: Path) -> dict[str, Any]:
    script = tmp / "functions.js"
    script.write_bytes(functions_js(Registry.default()))
    (tmp / "calls.json").write_text(json.dumps(calls), encoding="utf-8")
    node = shutil.which("node")
    assert node, "node is missing: run scripts/test.sh"
    env = {"PATH": "/usr/bin:/bin", "XLSRC_URL": server.url, "XLSRC_TOKEN": server.token}
    env["XLSRC_FUNCTIONS_JS"] = str(script)
    done = subprocess.run(
        [node, str(DRIVER), str(tmp / "calls.json"), str(tmp / "out.json")],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out: dict[str, Any] = json.loads((tmp / "out.json").read_text(encoding="utf-8"))
    return out


@pytest.mark.parametrize("name", DEMO_WORKBOOKS)
def test_one_request_per_pass_and_the_values_recalc_wrote(
    name: str, demo_dir: Path, server: Server, tmp_path: Path
) -> None:
    workbook = demo_dir / name
    calls = formula_calls(workbook)
    assert calls, f"{name} has no XS_ cells"
    out = drive(server, [{"function": c.function, "args": c.args} for c in calls], tmp_path)
    first = out["first"]
    for call, result in zip(calls, first["results"], strict=True):
        rows = result if isinstance(result, list) else [[result]]
        got = [[as_cell(v) for v in row] for row in rows]
        assert got == cached_values(workbook, call.sheet, call.ref), f"{call.sheet}!{call.ref}"
    assert first["requests"] == 1
    assert out["second"]["requests"] == 0
    cells = sum(len(cached_values(workbook, c.sheet, c.ref)) for c in calls)
    print(
        f"\n{name}: {len(calls)} XS_ formulas ({cells} result rows), "
        f"{first['requests']} HTTP request, {first['ms']:.0f} ms (incl. the 100 ms batch delay); "
        f"again at once: {out['second']['requests']} requests, {out['second']['ms']:.1f} ms"
    )


def test_the_004_status_cells_are_among_the_calls(demo_dir: Path) -> None:
    calls = formula_calls(demo_dir / "tavoiteseuranta.xlsx")
    assert {(c.sheet, c.ref[0], c.function) for c in calls} == {("Päätehtävät", "F", "XS_BAND")}
    assert len(calls) == 60  # one call per main task: the status column of the 004 tasks
