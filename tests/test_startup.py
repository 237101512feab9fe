"""Cheap start-up: what a command imports, checked by module, never by the clock (issue 13).

Each test runs the command in a fresh interpreter and prints ``sys.modules``
when the process ends, so the answer does not depend on what this test
process has already imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from xlsrc.cli.main import COMMANDS
from xlsrc.workbooks.layouts import PROGRAMMES

#: Libraries no command needs just to start: each costs a tenth of a second or more.
HEAVY = ("openpyxl", "xlwings", "pandas", "numpy", "lxml", "fastapi", "uvicorn", "dask")

_PROBE = """
import atexit, sys
atexit.register(lambda: print("\\n".join(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["xlsrc", *{args!r}]
from xlsrc.cli.main import main
main()
"""


def imported_by(*args: str, cwd: Path | None = None) -> tuple[set[str], str]:
    """(modules imported, stdout) of ``xlsrc ARGS`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )
    return set(done.stderr.split()), done.stdout


def heavy(modules: set[str], *extra: str) -> list[str]:
    roots = HEAVY + extra
    return sorted(m for m in modules if m.split(".")[0] in roots or m.startswith(extra))


def test_help_imports_no_heavy_library_and_no_engine() -> None:
    modules, _ = imported_by("--help")
    assert heavy(modules) == []
    assert not {m for m in modules if m.startswith(("xlsrc.engine", "xlsrc.validation"))}
    assert "multiprocessing" not in modules


def test_help_still_lists_every_command_with_its_help() -> None:
    _, text = imported_by("--help")
    for name in COMMANDS:
        command = name.replace("_", "-")
        line = next((ln for ln in text.splitlines() if ln.strip().startswith(command + " ")), "")
        assert line.split(maxsplit=1)[1:], f"{command} has no help line in: {text}"


def test_each_command_help_imports_no_heavy_library() -> None:
    for name in COMMANDS:
        modules, text = imported_by(name.replace("_", "-"), "--help")
        assert "Käyttö:" in text, name  # click's "Usage:", in Finnish
        assert heavy(modules) == [], name


_VALIDATING = """
import sys
from xlsrc.engine.recalc import recalc
from xlsrc.validation.hook import validate_recalculated
result = recalc({path!r}, {out!r}, validate=validate_recalculated)
assert result.ok and result.validation_findings == 0, result
print("\\n".join(sorted(sys.modules)))
"""


def test_validating_a_template_imports_no_status_sheet_reader(tmp_path: Path) -> None:
    """Validation asks every workbook whether it has status sheets (nearly none has):
    asking must not import what reading a locked sheet needs, nor any heavy library
    but lxml, which reads the shared strings.  (In the process that validates:
    ``xlsrc recalc`` runs each file in a worker.)"""
    from xlsrc.workbooks.build import write_workbooks

    [path] = write_workbooks(tmp_path, example=True, layouts=(PROGRAMMES,))
    probe = _VALIDATING.format(path=str(path), out=str(tmp_path / "out.xlsx"))
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    modules = set(done.stdout.split())
    assert "xlsrc.validation.workbook" in modules  # it was validated
    assert "xlsrc.status_sheet.names" in modules
    found = heavy(modules, "xlsrc.status_sheet.locking", "xlsrc.status_sheet.tables")
    assert [m for m in found if m.split(".")[0] != "lxml"] == []  # lxml: the shared strings
