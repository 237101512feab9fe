"""docs/engine-functions.md is generated from the code, and every function is tested.

The coverage matrix must be exactly what xlsrc.engine.library.coverage
generates; and every native function must appear in at least one test
formula (tests/engine/*.py) or golden workbook, so no function ships untried.
"""

from __future__ import annotations

import re
from pathlib import Path

from xlsrc.engine.library import NATIVE
from xlsrc.engine.library.coverage import coverage_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_coverage_matrix_is_current() -> None:
    published = (ROOT / "docs" / "engine-functions.md").read_text(encoding="utf-8")
    assert published == coverage_markdown(), (
        "regenerate: python -m xlsrc.engine.library.coverage > docs/engine-functions.md"
    )
    for name in NATIVE:
        assert f"| {name} |" in published


def test_every_native_function_appears_in_a_test_formula() -> None:
    sources = "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "tests" / "engine").glob("*.py")
    )
    used = set(re.findall(r"(?:_xlfn\.)?([A-Z][A-Z0-9.]*)\(", sources))
    missing = sorted(name for name in NATIVE if name not in used)
    assert not missing, f"native functions no test formula calls: {missing}"
