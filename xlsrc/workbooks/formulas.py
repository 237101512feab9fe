"""Formula templates of the layouts -> Excel formulas for one concrete workbook.

The layout says ``XS_CHANGES({tb2023:col},{tb2024:col},{line:col},1)``; which
rows that covers depends on how many rows the file has (a template's capacity
or the seed's row count), so the placeholders are resolved here, given the
body size of every table of the workbook (see :mod:`xlsrc.workbooks.layouts`
for the placeholder syntax).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from xlsrc.workbooks.layouts import (
    RULES_SHEET,
    ColourKey,
    TableLayout,
    band_label_row,
    rules_block,
)

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def quoted(sheet: str) -> str:
    """``'Taulukko 3'!`` — always quoted, so names with spaces or ä are safe."""
    return "'" + sheet.replace("'", "''") + "'!"


@dataclass(frozen=True)
class Placement:
    """A table as placed in one workbook: its layout and its number of body rows."""

    table: TableLayout
    rows: int

    @property
    def last_row(self) -> int:
        return self.table.last_row(self.rows)

    def body(self, key: str, labels_only: bool = False) -> str:
        letter = self.table.column(key).letter
        last = self.last_row - (1 if labels_only else 0)
        return f"${letter}${self.table.first_row}:${letter}${last}"

    def output_range(self, key: str, span: int = 1) -> str:
        """The cells an array formula of column ``key`` fills (span columns, all rows)."""
        first = self.table.column(key)
        columns = [c.letter for c in self.table.columns]
        last_letter = columns[columns.index(first.letter) + span - 1]
        return f"{first.letter}{self.table.first_row}:{last_letter}{self.last_row}"


def rules_range(block_key: str, header: str | None = None) -> str:
    """A rules-sheet block's body, or one of its columns, as an absolute reference."""
    block = rules_block(block_key)
    first, last = (block.letter(header),) * 2 if header else ("A", block.letter(block.headers[-1]))
    return f"{quoted(RULES_SHEET)}${first}${block.first_row}:${last}${block.last_row}"


def band_label_cell(block_key: str, colour: ColourKey) -> str:
    block = rules_block(block_key)
    return f"{quoted(RULES_SHEET)}${block.letter('Merkintä')}${band_label_row(block_key, colour)}"


def render(template: str, here: Placement, row: int, placements: Mapping[str, Placement]) -> str:
    """The formula (with its leading "=") of ``template`` on ``row`` of table ``here``."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        if token.startswith("rules:"):
            return rules_range(token.split(":", 1)[1])
        if token.startswith("label:"):
            _, block_key, colour = token.split(":")
            return band_label_cell(block_key, colour)  # type: ignore[arg-type]
        reference, _, mode = token.partition(":")
        table_key, _, column_key = reference.rpartition(".")
        placement = placements[table_key] if table_key else here
        prefix = quoted(placement.table.sheet) if table_key else ""
        if mode == "col":
            return prefix + placement.body(column_key)
        if mode == "labels":
            return prefix + placement.body(column_key, labels_only=True)
        if mode:
            raise ValueError(f"unknown placeholder mode {mode!r} in {template!r}")
        if table_key:
            raise ValueError(f"same-row reference into another table: {token!r}")
        return f"{placement.table.column(column_key).letter}{row}"

    return "=" + _PLACEHOLDER.sub(replace, template)
