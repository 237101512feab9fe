"""Typed table rows that carry their location, so one set of rules runs anywhere.

The rules of :mod:`xlsrc.validation` never see a file.  They see
:class:`Table` objects whose cells know where they sit: in a workbook the
location is ``Sheet!A1``; in the bundled seed data it is the table id and
``column@line`` (e.g. ``002-T5`` / ``tb2024@118``).  An adapter (seed data,
openpyxl workbook) builds the tables; the same rules then run unchanged on
both, and a finding points at the cell a user can open.

Numbers are typed once, by the core reader :func:`xlsrc.core.numbers.read_number`:
a numeric cell, text such as "1,0 M€" (read, but remembered as text), "-"
(nil), blank, or a word that is not a number.  Rows keep the column keys of
the bundled seed tables ("tb2023", "change_pct", ...), which the workbook
layouts use too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from xlsrc.core.numbers import Blank, Nil, Number, Reading, read_number
from xlsrc.core.schemes import StatusScheme
from xlsrc.core.vocab import Vocabulary


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value sits: ``sheet`` plus ``cell`` (A1 in a workbook, ``key@line`` in seeds)."""

    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its location, the value as found, and that value typed as a number.

    The typing is done when first asked for (most text cells never are); an
    adapter that knows better — a per cent's printed decimals come from the
    cell's number format — passes ``typed``.  Slotted, with the lazy reading
    kept in a slot of its own: a 100,000-row table holds half a million cells.
    """

    at: Location
    raw: str | float | int | bool | None
    typed: Reading | None = None
    _read: Reading | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, at: Location, raw: str | float | int | bool | None) -> Cell:
        return cls(at, raw)

    @property
    def reading(self) -> Reading:
        found = self.typed if self.typed is not None else self._read
        if found is None:
            found = read_number(self.raw)
            object.__setattr__(self, "_read", found)  # frozen: the cache is set once
        return found

    @property
    def number(self) -> float | None:
        """The amount: a number, "-" as 0; None for blank cells and words."""
        reading = self.reading
        if isinstance(reading, Number):
            return reading.value
        return 0.0 if isinstance(reading, Nil) else None

    @property
    def is_blank(self) -> bool:
        return isinstance(self.reading, Blank)

    @property
    def is_nil(self) -> bool:
        return isinstance(self.reading, Nil)

    @property
    def decimals(self) -> int:
        """Digits printed after the decimal separator (per cent points for per cents)."""
        reading = self.reading
        return reading.decimals if isinstance(reading, Number) else 0

    @property
    def as_typed(self) -> str:
        """The value as typed: a text cell's own characters, spaces kept (the word Excel's
        comparisons see), otherwise :attr:`text`."""
        return self.raw if isinstance(self.raw, str) else self.text

    @property
    def text(self) -> str:
        """The value as a user reads it ("" for a blank cell)."""
        raw = self.raw
        if raw is None:
            return ""
        if type(raw) is str:
            return raw.strip()
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw))
        return str(raw).strip()


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: cells by column key (blank cells may be absent) and the row's anchor."""

    at: Location
    cells: Mapping[str, Cell]
    kind: str = "data"
    """"data", "section", "subtotal" or "total" as the source says; rules do not rely on it."""

    def cell(self, key: str) -> Cell | None:
        return self.cells.get(key)

    def text(self, key: str) -> str:
        cell = self.cells.get(key)
        return cell.text if cell is not None else ""

    def number(self, key: str) -> float | None:
        cell = self.cells.get(key)
        return cell.number if cell is not None else None


@dataclass(frozen=True)
class Table:
    """A table of one family (the bundled seed table id names the family, e.g. "002-T5")."""

    family: str
    sheet: str
    rows: tuple[Row, ...]
    columns: tuple[str, ...]
    unit: str | None = None
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Column key -> header as the user sees it ("TB 2024"), for messages."""
    numeric_columns: frozenset[str] = frozenset()
    typed: bool = False
    """True when a cell's type is meaningful (a workbook): text in a numeric column is a finding.
    Seed tables are text throughout, so there it is False."""
    vocabularies: Mapping[str, Vocabulary] = field(default_factory=lambda: MappingProxyType({}))
    """Status columns: column key -> the vocabulary its words must come from."""
    method_columns: frozenset[str] = frozenset()
    """Assessment-method columns (the layout's ``kind="method"``): each word must be one
    :func:`xlsrc.core.words.parse_method` knows, the parser the status sheet and the
    ``XS_`` functions use, so every path refuses the same word.  Seed tables have none."""
    schemes: Mapping[str, StatusScheme] = field(default_factory=lambda: MappingProxyType({}))
    """Status schemes in force (a workbook's rules sheet), by rules-block key."""
    header_cells: Mapping[str, Location] = field(default_factory=lambda: MappingProxyType({}))
    """Where each column's header sits, for findings about a whole column."""
    required_columns: frozenset[str] = frozenset()
    """Columns a row that holds anything must fill (a measure needs its programme,
    status and sum): a blank there is an error, as the row's "Huomio" says."""
    allowed: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: MappingProxyType({}))
    """Columns whose word the workbook's own formulas compare exactly (an "Erä" the SUMIFS
    match, a status the pivot counts and the colours find): column key -> the allowed
    words case-folded -> as the workbook prints them.  Excel compares case-insensitively
    and nothing else, so "Tulott", "Intäkter" in a Finnish workbook and a status without
    its number are outside every formula, whatever the tolerant parsers would read."""

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def allows(self, key: str, cell: Cell) -> bool:
        """Whether ``cell`` of column ``key`` holds a word the workbook's formulas match
        (:attr:`allowed`; any value in a column without fixed words).  The word as typed,
        spaces and all: Excel's comparison ignores case and nothing else."""
        words = self.allowed.get(key)
        if words is None:
            return True
        return cell.as_typed.casefold() in words

    def header(self, key: str) -> str:
        """The column's header for messages (the key when the table has none)."""
        return " ".join(self.headers.get(key, key).split())

    @property
    def at(self) -> Location:
        """Where the table starts (first header, else first row), for table-level findings."""
        if self.header_cells:
            return next(iter(self.header_cells.values()))
        return self.rows[0].at if self.rows else Location(self.sheet, "A1")
