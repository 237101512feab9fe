"""Build hook: the wheel carries ``macros/``, ``officejs/src/`` and the built ``xlsrc.xlam``.

Both source folders are top-level in the repository (the project layout keeps
them there), and a wheel installs only packages, so ``build_py`` copies them
into ``xlsrc/_bundled/`` and builds the add-in from the copied ``macros/``
(same sources, same bytes: :mod:`xlsrc.excel.addin`).  ``xlsrc.bundled``
finds them at run time.  An editable install runs from the checkout and needs
no copy.  Everything else is in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("macros", "officejs/src")


class BuildPyWithAddins(build_py):
    """``build_py`` that also bundles the add-in sources and the built add-in."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "xlsrc" / "_bundled"
        for folder in BUNDLED:
            shutil.copytree(ROOT / folder, target / folder, dirs_exist_ok=True)
        sys.path.insert(0, str(ROOT))
        from xlsrc.excel.addin import build_addin

        (target / "xlsrc.xlam").write_bytes(build_addin(target / "macros"))


setup(cmdclass={"build_py": BuildPyWithAddins})
