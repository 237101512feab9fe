"""The core must run where neither xlwings nor openpyxl can be imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import xlsrc

PACKAGE_DIR = Path(xlsrc.__file__).parent


def test_core_imports_with_xlwings_and_openpyxl_blocked() -> None:
    modules = sorted(
        f"xlsrc.core.{p.stem}" for p in (PACKAGE_DIR / "core").glob("*.py") if p.stem != "__init__"
    )
    assert len(modules) >= 8
    script = textwrap.dedent(
        f"""
        import importlib, sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("xlwings", "openpyxl"):
                    raise ImportError("blocked for the purity test: " + name)
                return None

        sys.meta_path.insert(0, Block())
        for name in {modules!r}:
            importlib.import_module(name)
        leaked = [m for m in sys.modules if m.split(".")[0] in ("xlwings", "openpyxl")]
        assert not leaked, leaked
        print("pure", len({modules!r}))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pure {len(modules)}"


def test_block_really_blocks() -> None:
    """The blocker itself must be able to fail: importing openpyxl under it errors."""
    script = textwrap.dedent(
        """
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "openpyxl":
                    raise ImportError("blocked")
        sys.meta_path.insert(0, Block())
        import openpyxl
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode != 0
    assert "blocked" in result.stderr
