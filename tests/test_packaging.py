"""What ``pip install .`` installs: every file the package reads at run time.

``scripts/demo.sh`` installs the project (not in editable mode), so a data file
missing from ``package-data`` works in the source tree and fails for every user:
the compiled catalogues were left out once, and ``xlsrc demo --lang sv`` wrote
Finnish workbooks.
"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: files in the package that are read only by developers' tools, never at run time
DEVELOPMENT_ONLY = ("*.py", "*.pyc", "*.po")


def test_every_run_time_file_of_the_package_is_installed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["xlsrc"]
    package = ROOT / "xlsrc"
    needed = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not any(fnmatch(path.name, pattern) for pattern in DEVELOPMENT_ONLY)
    ]
    assert any(name.endswith(".mo") for name in needed)  # the catalogues are among them
    left_out = [name for name in needed if not any(fnmatch(name, g) for g in globs)]
    assert left_out == []
