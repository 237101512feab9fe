"""The built add-in in headless LibreOffice: its Basic libraries and its ribbon callbacks.

LibreOffice is the only office suite CI has.  It does not open ``.xlam`` (the
test records that it refuses it), so the package is opened as ``.xlsm``: the
same bytes with only the workbook part's content type changed.  LibreOffice
imports the VBA project as the Basic library "VBAProject" in VBA-compatibility
mode; the module that defines ``RunPython`` is replaced by a stub that records
its argument, and each ribbon callback is run.  What it records must be exactly
the Python command of that button's entry point in :mod:`xlsrc.ribbon`.

LibreOffice compiles the whole library before running a macro, so this also
catches VBA that does not compile in any module: a wrapper declared with a
parameter named ``new`` made every callback record nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.excel.addin_support import MACROS, as_xlsm, built_addin, ribbon_buttons, write
from xlsrc.libreoffice import find_soffice, private_profile
from xlsrc.ribbon import CALLBACKS, python_command

PROBE = Path(__file__).with_name("lo_addin_probe.py")
STUB_MODULE = "xlsrc_xlwings"  # the module whose RunPython forwards to xlwings
STUB_SOURCE = """Option VBASupport 1
Option Explicit
Public XlsrcRecorded As String

Public Function RunPython(PythonCommand As String)
    XlsrcRecorded = XlsrcRecorded & PythonCommand & Chr(10)
End Function

Public Function XlsrcTakeRecorded() As String
    XlsrcTakeRecorded = XlsrcRecorded
    XlsrcRecorded = ""
End Function
"""


def uno_python() -> str:
    """An interpreter that can import LibreOffice's ``uno`` (Debian: the system python3)."""
    for python in (sys.executable, "/usr/bin/python3"):
        if subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0:
            return python
    raise AssertionError("no Python with LibreOffice's uno module (apt-get install python3-uno)")


@pytest.fixture(scope="module")
def office_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("addin")
    xlam = write(folder / "xlsrc.xlam", built_addin())
    xlsm = write(folder / "xlsrc.xlsm", as_xlsm(built_addin()))
    with private_profile() as profile:
        request = {
            "soffice": str(find_soffice()),
            "profile_url": profile.resolve().as_uri(),
            "documents": [str(xlam), str(xlsm)],
            "stub_module": STUB_MODULE,
            "stub_source": STUB_SOURCE,
            "callbacks": sorted(CALLBACKS),
        }
        done = subprocess.run(
            [uno_python(), str(PROBE)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_libreoffice_opens_the_addin_package(office_run: dict[str, object]) -> None:
    assert office_run["loaded"] is not None, office_run["refused"]
    assert str(office_run["loaded"]).endswith((".xlam", ".xlsm"))


def test_basic_library_holds_every_module_with_our_code(office_run: dict[str, object]) -> None:
    libraries = office_run["libraries"]
    assert isinstance(libraries, dict)
    project = libraries["VBAProject"]
    for path in [*MACROS.glob("*.bas"), *MACROS.glob("*.cls")]:
        assert path.stem in project, path.stem
        # LibreOffice drops the Attribute lines and prefixes its own options;
        # every other line of ours must be there, in order.
        ours = [
            line
            for line in path.read_bytes().decode("cp1252").split("\r\n")
            if line and not line.startswith("Attribute ")
        ]
        theirs = [line for line in project[path.stem].split("\n") if line]
        start = theirs.index(ours[0])
        assert theirs[start : start + len(ours)] == ours, path.stem


def test_each_ribbon_callback_runs_exactly_its_python_command(
    office_run: dict[str, object],
) -> None:
    recorded = office_run["recorded"]
    assert isinstance(recorded, dict)
    for button in ribbon_buttons():
        action = button.get("onAction")
        assert recorded[action] == python_command(CALLBACKS[action]) + "\n", action
