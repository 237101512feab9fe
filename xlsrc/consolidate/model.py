"""What one unit workbook contributes to a roll-up: small, picklable, plain values.

A worker process (or a Dask worker on another machine) reads one workbook and
returns one :class:`FileResult`; only these rows travel back, never the
workbook, so the collecting process holds one file's rows at a time.  Every
row names the cells it was read from (``cells``: A1 address -> column
header), which the roll-up's "Lähteet" sheet lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cells = tuple[tuple[str, str], ...]
"""(A1 address, column header) of each value a row was read from, in column order."""


@dataclass(frozen=True)
class MeasureRow:
    """A savings or statutory measure: its programme key ("T-3"), status and target sum."""

    family: str
    key: str
    programme: str
    measure: str
    status: str
    target_sum: float
    sheet: str
    cells: Cells


@dataclass(frozen=True)
class BudgetRow:
    """A service area's line (or a service's, where the area states no line of its own)."""

    area: str
    service: str
    line: str
    tb2023: float
    tb2024: float
    sheet: str
    cells: Cells


@dataclass(frozen=True)
class KpiRow:
    """A KPI's state in one quarter ("green" ... "not_assessable"), as the status sheet sees it."""

    goal_id: str
    kpi: str
    quarter: int
    state: str
    sheet: str
    cells: Cells


@dataclass(frozen=True)
class FindingRow:
    """One validation finding of a unit workbook."""

    sheet: str
    cell: str
    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class FileResult:
    """One workbook read for a roll-up: what it is, whom it belongs to, and its rows.

    ``skipped`` is the reason (located, in the roll-up's language) when the file is left out; a
    skipped file contributes no rows.
    """

    index: int
    path: str
    file: str
    family: str | None = None
    version: int | None = None
    unit: str = ""
    quarter: str = ""
    group: str = ""
    skipped: str | None = None
    measures: tuple[MeasureRow, ...] = ()
    budget: tuple[BudgetRow, ...] = ()
    kpis: tuple[KpiRow, ...] = ()
    findings: tuple[FindingRow, ...] = ()
    seconds: float = 0.0
    internal: bool = field(default=False)
    """The file was left out because xlsrc itself failed on it (a bug, exit status 3)."""

    @property
    def included(self) -> bool:
        return self.skipped is None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")
