"""The bundled seed tables as located rows: location = table id + ``column@line``.

This lets every rule run on the data exactly as bundled, without a workbook:
a finding at ``002-T5`` / ``tb2024@118`` is the TB 2024 cell of the row on
line 118 of the seed text.  The seed cells are text as printed, so the
"number typed as text" rule does not apply here (``typed=False``).
"""

from __future__ import annotations

from types import MappingProxyType

from xlsrc.core.vocab import PROGRAMME_STATUSES, TARGET_STATUSES, Vocabulary
from xlsrc.seeds import SeedTable, all_tables
from xlsrc.validation.model import Cell, Location, Row, Table

#: Status columns of the seed tables and their vocabularies.
VOCABULARIES: dict[tuple[str, str], Vocabulary] = {
    ("001-T1", "status"): TARGET_STATUSES,
    ("001-T3", "status"): PROGRAMME_STATUSES,
    ("001-T5", "status"): PROGRAMME_STATUSES,
}


def located(seed: SeedTable) -> Table:
    """``seed`` as a :class:`Table` whose cells are located ``key@line``."""
    keys = seed.keys
    rows = []
    for row in seed.rows:
        cells = {  # every column, blank ones too, so a finding can point at a blank cell
            key: Cell.of(Location(seed.id, f"{key}@{row.line}"), row.cells.get(key)) for key in keys
        }
        rows.append(Row(Location(seed.id, f"@{row.line}"), MappingProxyType(cells), row.kind))
    return Table(
        family=seed.id,
        sheet=seed.id,
        rows=tuple(rows),
        columns=keys,
        unit=seed.unit,
        headers=MappingProxyType({c.key: c.header for c in seed.columns}),
        numeric_columns=frozenset(c.key for c in seed.columns if c.numeric),
        typed=False,
        vocabularies=MappingProxyType(
            {k: v for (family, k), v in VOCABULARIES.items() if family == seed.id}
        ),
        header_cells=MappingProxyType({k: Location(seed.id, f"{k}@header") for k in keys}),
    )


def seed_tables() -> list[Table]:
    """Every bundled seed table, located."""
    return [located(seed) for seed in all_tables().values()]
