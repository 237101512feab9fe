"""The data classes every workbook layout is made of (no openpyxl, no I/O).

A layout says what a template workbook holds and where a reader finds it.
Everything is found by *name*, never by position, so rows a user inserts,
appends, deletes or sorts never move a finding to the wrong cell:

* each data table is an Excel Table (:attr:`TableLayout.name`); its input,
  stated *and* computed columns are Table columns, found by their header
  text.  Computed columns are Table *calculated columns*: one formula per
  column, written with structured references (``Taulu[[#This Row],[Toteuma]]``,
  ``Taulu[Tavoitesumma]``), so Excel fills it into every row a user adds and
  every total includes the new row;
* a stated total (the "Kaikki yhteensä" a source prints) and its
  recomputation sit in a small summary Table of their own
  (:attr:`Totals.name`), above the data table, where it cannot be taken for
  input and does not stop the data table from growing downwards;
* recomputed subtotals of a fixed statement (:class:`CheckRow`) sit in a
  summary Table too (:attr:`TableLayout.check_name`);
* the rules sheet's blocks are Tables (see :mod:`.rules`).

Column roles:

* ``input``    - typed in by the user;
* ``stated``   - a number or status the source *states* although it could be
  computed (a total, a delta, a status word); kept as typed, so validation
  and the highlight can compare it with the ``computed`` column whose
  ``recomputes`` names it;
* ``computed`` - a formula; never typed in.

Texts (headers, titles, labels, notes) are Finnish source texts of the
message catalogue or :class:`~xlsrc.core.text.Msg` values built from them: a
workbook is written in the language in force when it is built (``xlsrc demo
--lang sv``), so its sheet names, headers and labels - and the structured
references its formulas make with them - are Swedish.  ``Column.header`` is
the header in the current language; readers match ``Column.headers``, every
language's, so a workbook in any of them is read.  Table names and keys are
language-neutral.

Formula templates (``Column.formula``) are Excel formulas without "=";
placeholders (resolved by :mod:`xlsrc.workbooks.formulas`):

* ``{key}``            this row's cell of column ``key`` (a structured reference);
* ``{key:col}``        the whole column ``key`` of this table;
* ``{table.key:col}``  a column of another table of the workbook;
* ``{rules:block}``    the body of a rules-sheet block; ``{rules:block:Header}``
  one of its columns;
* ``{label:block:colour}`` the label of that colour's band in a scheme block;
* ``{status:vocabulary:code}`` a status word as the workbook's language prints it;
* ``{linename:kind}`` the word of a budget line kind (income, expense, margin) in it;
* ``{text:source text}`` a catalogue text (marked where it is defined) in it.

Versions: :data:`TEMPLATE_VERSION` is the version this code writes.  Version
1 (the first release) kept computed columns outside the Tables as fixed-range
array formulas and the stated totals two rows under the table
(:attr:`Totals.v1_placement`); readers still read it.  A column added in a
later version carries ``since``, and is optional in older workbooks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from xlsrc.core.a1 import column_letter
from xlsrc.core.text import Msg, Text, renderings, text_in

Role = Literal["input", "stated", "computed"]
Kind = Literal["text", "amount", "percent", "number", "date", "status", "method", "target", "note"]
RowKind = Literal["data", "subtotal", "total"]

#: The template version this code writes (recorded in every workbook, see :data:`MARKER_NAME`).
TEMPLATE_VERSION = 2
#: Defined name that records "<family>:<version>" in a workbook (version 1 has none).
MARKER_NAME = "xlsrc_malli"

NUMERIC_KINDS: frozenset[str] = frozenset({"amount", "percent", "number"})

# Number formats in the file's (locale-neutral) syntax: Excel and LibreOffice show
# them with the reader's separators, so a Finnish installation prints "1 234" and "4,6 %".
AMOUNT = "#,##0"
PERCENT = "0 %"
PERCENT_1 = "0.0 %"
DATE = "dd.mm.yyyy"
COUNT = "0"


def table_sheet(number: int) -> Msg:
    """The sheet of a report's table ``number``: "Taulukko 5" ("Tabell 5" in Swedish)."""
    return Msg("Taulukko {n}", n=number)


def as_message(text: Text) -> Msg:
    """``text`` as a message translated where it is shown (a plain string is a source text)."""
    return Msg(text) if isinstance(text, str) else text


@dataclass(frozen=True)
class Column:
    """One column of a table; ``label`` is its header (a catalogue text or message)."""

    key: str
    label: Text
    role: Role = "input"
    kind: Kind = "text"
    seed_key: str | None = None
    """Column of the bundled seed table the example fills in (None: not in the source)."""
    number_format: str | None = None
    width: float = 12.0
    wrap: bool = False
    vocabulary: str | None = None
    """Input/stated status: the rules-sheet vocabulary that validates and colours it."""
    rules: str | None = None
    """Computed status: the rules-sheet scheme block whose labels it shows and is coloured by."""
    formula: str | None = None
    recomputes: str | None = None
    """Computed: key of the stated column of the same row it recomputes."""
    choices: tuple[str, ...] = ()
    """Input: the only words allowed (a dropdown list), when they are fixed in code."""
    words: bool = False
    """A numeric column that may also hold the reports' non-value words ("Valmistuu
    myöhemmin", "Ei mittaria"); any other text in a numeric column is an error."""
    required: bool = False
    """A blank in a row that has other values is an error."""
    since: int = 1
    """Template version that added the column; older workbooks may lack it."""

    @property
    def header(self) -> str:
        """The header in the current language (what a workbook being built shows)."""
        return text_in(self.label)

    @property
    def headers(self) -> tuple[str, ...]:
        """The header in every language (a reader accepts any of them)."""
        return renderings(self.label)

    @property
    def is_computed(self) -> bool:
        return self.role == "computed"

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def is_status(self) -> bool:
        return self.kind == "status"

    @property
    def is_method(self) -> bool:
        """A method column ("Arviointitapa"): words for :func:`xlsrc.core.words.parse_method`."""
        return self.kind == "method"


@dataclass(frozen=True)
class StatementRow:
    """A fixed row of a statement (income statement, budget form), prefilled in the template."""

    label: Text
    kind: RowKind = "data"

    @property
    def text(self) -> str:
        """The label in the current language."""
        return text_in(self.label)

    @property
    def texts(self) -> tuple[str, ...]:
        return renderings(self.label)


@dataclass(frozen=True)
class CheckRow:
    """A recomputed subtotal of a statement: the sum of ``parts`` in each of ``columns``.

    ``recomputes`` and ``parts`` are indexes into :attr:`TableLayout.statement_rows`;
    the formula finds the parts by their labels, so sorting the statement is harmless.
    """

    label: Text
    recomputes: int
    parts: tuple[int, ...]
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Totals:
    """A stated total and, under it, its recomputation, in the summary Table ``name``."""

    name: str
    label: Text
    columns: tuple[str, ...]
    seed_kind: str = "total"
    """Kind of the seed row that holds the stated total."""
    v1_placement: Literal["below", "last_row"] = "below"
    """Where version 1 kept the stated total: two rows under the table, or as the
    table's own last row (the pivots' "Kaikki yhteensä")."""
    formulas: tuple[tuple[str, str], ...] = ()
    """Column key -> formula of its recomputed total (templates of the data table,
    without this-row references); a column not listed gets :func:`strict_sum`."""

    def formula(self, key: str) -> str:
        return dict(self.formulas).get(key, strict_sum(key))

    @property
    def stated(self) -> Msg:
        return Msg("{label} (ilmoitettu)", label=as_message(self.label))

    @property
    def computed(self) -> Msg:
        return Msg("{label} (laskettu)", label=as_message(self.label))

    @property
    def stated_label(self) -> str:
        """The stated total's row label in the current language."""
        return self.stated.render()

    @property
    def computed_label(self) -> str:
        return self.computed.render()


@dataclass(frozen=True)
class TableLayout:
    key: str
    name: str
    sheet: Text
    title: Text
    source: Text
    seed_table: str | None
    columns: tuple[Column, ...]
    unit: str | None = None
    template_rows: int = 10
    """Empty rows of a list table in the template (the Table grows as rows are typed)."""
    statement_rows: tuple[StatementRow, ...] = ()
    label_key: str | None = None
    """Statement tables: the column holding the row labels."""
    check_rows: tuple[CheckRow, ...] = ()
    check_name: str | None = None
    """Excel Table name of the block holding the recomputed check rows."""
    totals: Totals | None = None
    distinct_by: str | None = None
    """Fill one row per distinct value of this seed column (goal cards repeated per KPI)."""
    note: Text | None = None
    """One line for the reader, printed under the title (what a formula does, when it errs)."""

    @property
    def sheet_name(self) -> str:
        """The sheet's name in the current language ("Taulukko 3", "Tabell 3")."""
        return text_in(self.sheet)

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.key}: no column {key!r} ({', '.join(c.key for c in self.columns)})")

    def has_column(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)

    @property
    def input_columns(self) -> tuple[Column, ...]:
        """The columns a user types into: input and stated ones."""
        return tuple(c for c in self.columns if not c.is_computed)

    @property
    def computed_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.is_computed)

    @property
    def label_column(self) -> Column:
        return self.column(self.label_key) if self.label_key else self.columns[0]

    def template_row_count(self) -> int:
        return len(self.statement_rows) or self.template_rows


@dataclass(frozen=True)
class Setting:
    """One row of a workbook's settings table on the rules sheet: name, value, what it is for."""

    name: str
    value: str | int | float | Msg
    note: Text

    @property
    def names(self) -> tuple[str, ...]:
        """The setting's name in every language (a reader finds it by any of them)."""
        return renderings(self.name)


@dataclass(frozen=True)
class WorkbookLayout:
    key: str
    file_name: str
    title: Text
    tables: tuple[TableLayout, ...]
    settings: tuple[Setting, ...] = ()
    """Rows of the "Asetus | Arvo" table on the rules sheet (none: no table)."""
    version: int = TEMPLATE_VERSION

    def table(self, key: str) -> TableLayout:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(f"{self.file_name}: no table {key!r}")

    @property
    def marker(self) -> str:
        """The value of :data:`MARKER_NAME` in this layout's workbooks."""
        return f"{self.key}:{self.version}"


def strict_sum(key: str) -> str:
    """SUM of a column that is #N/A, not a smaller number, while the column holds text.

    Excel's SUM skips a number typed as text ("1 234,5"), so a plain SUM would
    quietly disagree with the stated total and with validation; this total
    shows #N/A and the row's "Huomio" says which cell is text.  "-" is nil
    (SUM skipping it is adding 0), as :func:`xlsrc.core.numbers.read_cell` says.
    """
    return strict_sum_of(f"{{{key}:col}}")


def strict_sum_of(cells: str) -> str:
    """:func:`strict_sum` of any reference (a column, this row's span of columns).

    Text other than "-" is counted as COUNTA - COUNT - COUNTIF("-"): a "*"
    criterion would do it in Excel, but LibreOffice's "*" also matches numbers.
    """
    return f'IF(COUNTA({cells})-COUNT({cells})-COUNTIF({cells},"-")>0,NA(),SUM({cells}))'


def table(columns: tuple[Column, ...], **fields: Any) -> TableLayout:
    """A checked TableLayout: inputs before formulas, unique keys and headers."""
    layout = TableLayout(columns=columns, **fields)
    _check_table(layout)
    return layout


def _check_table(layout: TableLayout) -> None:
    roles = [c.is_computed for c in layout.columns]
    if roles != sorted(roles):
        raise ValueError(f"{layout.key}: computed columns must follow the input columns")
    for attribute in ("key", "header"):
        values = [str(getattr(c, attribute)).casefold() for c in layout.columns]
        if len(set(values)) != len(values):  # Excel repairs a Table with duplicate names
            raise ValueError(f"{layout.key}: duplicate column {attribute}s")
    for column in layout.columns:
        if column.is_computed and column.formula is None:
            raise ValueError(f"{layout.key}.{column.key}: computed column without formula")
        if column.recomputes is not None and not layout.has_column(column.recomputes):
            raise ValueError(f"{layout.key}.{column.key}: recomputes unknown {column.recomputes}")


__all__ = [
    "AMOUNT",
    "COUNT",
    "DATE",
    "MARKER_NAME",
    "NUMERIC_KINDS",
    "PERCENT",
    "PERCENT_1",
    "TEMPLATE_VERSION",
    "CheckRow",
    "Column",
    "Kind",
    "Role",
    "RowKind",
    "Setting",
    "StatementRow",
    "TableLayout",
    "Totals",
    "WorkbookLayout",
    "column_letter",
    "strict_sum",
    "strict_sum_of",
    "table",
]
