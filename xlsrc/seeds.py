"""The seed tables bundled with the package, with the line of every row.

The five seed files (text extractions of Finnish public-sector reports) are
bundled as ``xlsrc/data/<table-id>.json``.  Cells keep the text exactly as
printed ("-2 891,2", "13,6 %", "-"), so nothing is lost before a reader sees
it; typing happens here, through the core reader
:func:`xlsrc.core.numbers.read_number`, so a template, a check and a test all
read "1,0 M€" the same way.

Each row names the seed line its numbers stand on (``line``), and for cells
printed elsewhere (a programme heading a few lines up, a row split across two
lines) the lines they come from (``sources``).  Where the extracted text was
broken, the JSON holds the corrected reading and says so in the row ``note`` and
the table ``corrections``; numbers that disagree in the source are kept as
stated, so the checks can find them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal, get_args

from xlsrc.core.numbers import Blank, Reading, read_number

ColumnType = Literal["text", "number", "percent", "status", "date"]
RowKind = Literal["data", "section", "total", "subtotal"]

#: Column types whose cells are read as numbers by :meth:`SeedRow.value`.
NUMERIC_TYPES: frozenset[str] = frozenset({"number", "percent"})

_DATA_PACKAGE = "xlsrc"
_DATA_DIR = "data"


class SeedDataError(ValueError):
    """A bundled seed file that does not have the agreed shape (names file and row)."""


class UnknownSeedTable(KeyError):
    """A table id that is not bundled; the message lists the ids that are."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


@dataclass(frozen=True)
class SeedColumn:
    """One column: ascii ``key`` used in the rows, Finnish ``header`` as printed."""

    key: str
    header: str
    type: ColumnType
    derived: bool = False
    """True for a key made up while bundling (e.g. a goal number), not printed in the source."""

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES


@dataclass(frozen=True)
class SeedFootnote:
    """A footnote or remark printed with a table (``line`` in the seed file)."""

    line: int
    text: str


@dataclass(frozen=True)
class SeedRow:
    """One table row; ``cells`` maps column key -> text as printed (blank cells absent)."""

    line: int
    kind: RowKind
    cells: Mapping[str, str]
    sources: Mapping[str, tuple[int, ...]] = field(default_factory=lambda: MappingProxyType({}))
    note: str | None = None
    column_types: Mapping[str, ColumnType] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )

    def _check_key(self, key: str) -> None:
        if key not in self.column_types:
            known = ", ".join(self.column_types)
            raise KeyError(f"no column {key!r} in this table (columns: {known})")

    def text(self, key: str) -> str | None:
        """The cell text exactly as printed, or None for a blank cell."""
        self._check_key(key)
        return self.cells.get(key)

    def value(self, key: str) -> Reading | str | None:
        """The cell typed: a core :data:`Reading` for number/percent columns, else the text.

        A blank number cell is ``Blank()`` (not None), so "no entry" and "0"
        stay distinct, as the pivots print them.
        """
        self._check_key(key)
        text = self.cells.get(key)
        if self.column_types[key] in NUMERIC_TYPES:
            return Blank() if text is None else read_number(text)
        return text

    def lines_of(self, key: str) -> tuple[int, ...]:
        """The seed lines the cell's text comes from (the row's own line unless noted)."""
        self._check_key(key)
        return self.sources.get(key, (self.line,))


@dataclass(frozen=True)
class SeedTable:
    """One bundled table: provenance, columns, rows and the corrections made while bundling."""

    id: str
    source: str
    caption: str | None
    unit: str | None
    columns: tuple[SeedColumn, ...]
    rows: tuple[SeedRow, ...]
    corrections: tuple[str, ...] = ()
    footnotes: tuple[SeedFootnote, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def column(self, key: str) -> SeedColumn:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"{self.id}: no column {key!r} (columns: {', '.join(self.keys)})")

    def rows_of_kind(self, *kinds: RowKind) -> tuple[SeedRow, ...]:
        return tuple(r for r in self.rows if r.kind in kinds)


def table_ids() -> tuple[str, ...]:
    """Ids of every bundled table, sorted."""
    folder = resources.files(_DATA_PACKAGE).joinpath(_DATA_DIR)
    return tuple(
        sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))
    )


def load_table(table_id: str) -> SeedTable:
    """The bundled table ``table_id`` (e.g. "001-T3"); :class:`UnknownSeedTable` if none."""
    ids = table_ids()
    if table_id not in ids:
        raise UnknownSeedTable(  # i18n: ids come from xlsrc's own code: a bug, for developers
            f"no bundled seed table {table_id!r}; bundled: {', '.join(ids)}"
        )
    return _load(table_id)


def all_tables() -> dict[str, SeedTable]:
    """Every bundled table by id, in id order."""
    return {tid: _load(tid) for tid in table_ids()}


@cache
def _load(table_id: str) -> SeedTable:
    name = f"{table_id}.json"
    text = resources.files(_DATA_PACKAGE).joinpath(_DATA_DIR, name).read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
            f"xlsrc/data/{name}: not valid JSON ({exc})"
        ) from exc
    return _parse(raw, f"xlsrc/data/{name}")


def _parse(raw: Any, where: str) -> SeedTable:
    """Build a SeedTable from decoded JSON, refusing anything off-shape with its location."""
    if not isinstance(raw, dict):
        raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
            f"{where}: top level must be an object"
        )
    try:
        columns = tuple(_parse_column(c, where) for c in raw["columns"])
        types = MappingProxyType({c.key: c.type for c in columns})
        if len(types) != len(columns):
            raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
                f"{where}: duplicate column keys"
            )
        rows = tuple(_parse_row(r, types, where) for r in raw["rows"])
        footnotes = tuple(
            SeedFootnote(int(f["line"]), str(f["text"])) for f in raw.get("footnotes", ())
        )
        return SeedTable(
            id=str(raw["id"]),
            source=str(raw["source"]),
            caption=raw.get("caption"),
            unit=raw.get("unit"),
            columns=columns,
            rows=rows,
            corrections=tuple(str(c) for c in raw.get("corrections", ())),
            footnotes=footnotes,
        )
    except KeyError as exc:
        raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
            f"{where}: missing field {exc}"
        ) from exc


def _parse_column(raw: Any, where: str) -> SeedColumn:
    kind = raw["type"]
    if kind not in get_args(ColumnType):
        raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
            f"{where}: column {raw.get('key')!r} has unknown type {kind!r}"
        )
    return SeedColumn(str(raw["key"]), str(raw["header"]), kind, bool(raw.get("derived", False)))


def _parse_row(raw: Any, types: Mapping[str, ColumnType], where: str) -> SeedRow:
    line = int(raw["line"])
    at = f"{where}, row at seed line {line}"
    kind = raw["kind"]
    if kind not in get_args(RowKind):
        raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
            f"{at}: unknown row kind {kind!r}"
        )
    cells = {str(k): v for k, v in raw["cells"].items() if v is not None}
    for key, text in cells.items():
        if key not in types:
            raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
                f"{at}: cell {key!r} is not a column"
            )
        if not isinstance(text, str):
            raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
                f"{at}: cell {key!r} must be text as printed, got {text!r}"
            )
    sources = {str(k): tuple(int(n) for n in v) for k, v in raw.get("sources", {}).items()}
    for key in sources:
        if key not in cells:
            raise SeedDataError(  # i18n: xlsrc's own bundled data is wrong: a bug, for developers
                f"{at}: sources name {key!r}, which has no cell"
            )
    return SeedRow(
        line=line,
        kind=kind,
        cells=MappingProxyType(cells),
        sources=MappingProxyType(sources),
        note=raw.get("note"),
        column_types=types,
    )
