"""Every Excel-saved golden workbook: each formula cell equals Excel's value or is refused.

One test per workbook (see tests/engine/golden/README.md for the source and
licence).  A cell the engine writes must be Excel's value; a cell it cannot
compute exactly must be listed as refused with its reason and written without
a value.  A silent mismatch, a cell written blank without a refusal, or an
internal error fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.golden_oracle import GOLDEN, compare, workbooks

WORKBOOKS = workbooks()


def test_the_whole_corpus_is_here() -> None:
    assert len(WORKBOOKS) == 134
    assert (GOLDEN / "LICENSE-MIT").is_file() and (GOLDEN / "LICENSE-Apache-2.0").is_file()


@pytest.mark.parametrize("path", WORKBOOKS, ids=[str(p.relative_to(GOLDEN)) for p in WORKBOOKS])
def test_workbook_agrees_with_excel_or_refuses(path: Path) -> None:
    outcome = compare(path, partial=True)
    assert outcome.written, outcome.problems
    assert not outcome.internal_errors
    wrong = [
        f"{r.cell}: Excel {r.expected!r}, xlsrc {r.actual!r} {r.reason}"
        for r in outcome.mismatched + outcome.unrefused_blank
    ]
    assert not wrong
    for record in outcome.refused:
        assert record.reason, record.cell


def test_refusals_carry_a_reason_and_the_rest_matches_in_a_mixed_workbook() -> None:
    outcome = compare(GOLDEN / "LOOKUP_AND_REFERENCE" / "XMATCH.xlsx", partial=True)
    assert outcome.matched and outcome.refused
    regex = [r for r in outcome.refused if "hakutilaa 3" in r.reason]
    assert regex and all(r.actual is None for r in regex)
