"""A wheel built from the checkout installs in a fresh venv; build-addin and addin install work.

This is the README's recipe the issue found broken ("Directory .../site-packages/
macros does not exist"): the wheel now carries macros/, officejs/src/ and the
built xlsrc.xlam.  The fresh venv has no pyOpenVBA (plain ``pip install``), so
build-addin writes the wheel's add-in, which must be the bytes the checkout builds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from xlsrc.excel.addin import build_addin, default_macros_dir
from xlsrc.excel.install import startup_dir

ROOT = Path(__file__).resolve().parents[2]


def sh(*args: str | Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=900, env=env, check=False
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_wheel_in_a_fresh_venv_builds_and_installs_the_addin(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    sh(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-q", "-w", wheels)
    (wheel,) = wheels.glob("xlsrc-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "xlsrc/_bundled/xlsrc.xlam" in names
    assert "xlsrc/_bundled/macros/customUI14.xml" in names
    assert "xlsrc/_bundled/officejs/src/batch.js" in names

    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    # A fresh venv sees nothing of the caller's: with PYTHONPATH on the checkout, pip
    # would find the checkout's xlsrc.egg-info and skip installing the wheel.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    sh(python, "-m", "pip", "install", "-q", wheel, env=env)
    xlsrc = venv / "bin" / "xlsrc"
    out = tmp_path / "F.xlam"
    sh(xlsrc, "build-addin", "--out", out, env=env)
    assert out.read_bytes() == build_addin(default_macros_dir())

    home = tmp_path / "home"
    sh(xlsrc, "addin", "install", "--platform", "windows", "--home", home, env=env)
    installed = startup_dir("windows", {}, home) / "xlsrc.xlam"
    assert installed.read_bytes() == out.read_bytes()
    sh(
        xlsrc,
        "officejs",
        "--out",
        tmp_path / "static",
        "--base-url",
        "https://xlsrc.example.fi",
        env=env,
    )
    assert (tmp_path / "static" / "addin" / "js" / "batch.js").is_file()
