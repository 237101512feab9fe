"""Every rule a check reports has a label: users read "Rivi taulukon ulkopuolella", never a code.

The rule codes are written as literals where findings are made (``direct(at, "code", ...)``,
``Checks.sum_of(..., "code", ...)``, ``Equation(..., "code", ...)``); the scan reads them from
the source, so a new rule without a label fails here instead of showing ``outside_table``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from xlsrc.validation.rule_labels import RULE_LABELS

VALIDATION = Path(__file__).resolve().parents[1] / "xlsrc" / "validation"
#: the call and the position of its rule-code argument
RULE_ARGUMENT = {"direct": 1, "sum_of": 2, "Equation": 2}


def _codes() -> set[str]:
    codes: set[str] = set()
    for path in VALIDATION.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = RULE_ARGUMENT.get(str(name))
            if position is None or len(node.args) <= position:
                continue
            argument = node.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                codes.add(argument.value)
    return codes


def test_every_rule_code_written_in_validation_has_a_label() -> None:
    codes = _codes()
    assert {"outside_table", "formula_replaced", "missing_value"} <= codes  # the scan works
    assert sorted(codes - set(RULE_LABELS)) == []
