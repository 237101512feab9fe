"""Rule families by table family, and :func:`validate_tables` that runs them all.

A table's family is the id of the bundled seed table it mirrors ("002-T5");
workbook layouts name it for each table, so a workbook and the seed data are
checked by the same functions.  Families that compare two tables (a pivot and
its detail, a summary and its statement) receive all tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from xlsrc.validation.equations import evaluate
from xlsrc.validation.findings import CellFinding
from xlsrc.validation.model import Table
from xlsrc.validation.rules import (
    actuals,
    budget,
    consolidation,
    goals,
    inputs,
    investment,
    lists,
    programmes,
    statement,
    targets,
)
from xlsrc.validation.rules.base import Checks

#: Single-table families: table family -> rule function.
TABLE_RULES: dict[str, Callable[[Table], Checks]] = {
    "001-T1": targets.checks,
    "002-T1": statement.checks,
    "002-T2": statement.checks,
    "002-T3": statement.checks,
    "002-T4": statement.checks,
    "002-T5": budget.checks,
    "002-T6": investment.checks,
    "002-T8": lists.staff,
    "003-budget": actuals.checks,
    "004-tasks": goals.task_progress,
}

#: Rules over several tables at once (pivot vs detail, summary vs statement).
CROSS_RULES: tuple[Callable[[Mapping[str, Table]], Checks], ...] = (
    statement.cross_checks,
    programmes.cross_checks,
    consolidation.cross_checks,
)


def collect(tables: Iterable[Table]) -> Checks:
    """Every check of every table (input rules included), not yet evaluated."""
    tables = list(tables)
    by_family: dict[str, Table] = {}
    for table in tables:
        by_family.setdefault(table.family, table)
    result = Checks()
    for table in tables:
        result.extend(inputs.checks(table))
        rule = TABLE_RULES.get(table.family)
        if rule is not None:
            result.extend(rule(table))
    for cross in CROSS_RULES:
        result.extend(cross(by_family))
    return result


def validate_tables(tables: Iterable[Table]) -> list[CellFinding]:
    """All findings for ``tables``: arithmetic (placed at the cell that causes it) and input."""
    tables = list(tables)
    checks = collect(tables)
    stated = {
        cell.at: cell.number
        for table in tables
        for row in table
        for key, cell in row.cells.items()
        if key in table.numeric_columns and cell.number is not None
    }
    workbook = any(table.typed for table in tables)
    arithmetic = evaluate(checks.equations, checks.derived, stated, blame_inputs=not workbook)
    return [*checks.findings, *arithmetic]
