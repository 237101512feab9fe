"""Recording fakes of the small part of xlwings that xlsrc's Excel adapters use.

On Linux the real ``xw.func``/``xw.arg``/``xw.ret`` are pass-through and
``xlwings.udfs`` cannot be imported, so these fakes record what the real
decorators would attach.  What was checked, in xlwings 0.37.8 and the
xlwings/xlwings docs:

* ``xlwings/udfs.py``: ``xlfunc(f=None, **kwargs)`` stores ``f.__xlfunc__`` with
  keys name, sub, args (per argument: name, pos, vba, doc, vararg, options and,
  for a parameter with a default, ``optional``), argmap, ret (doc = docstring,
  options), category (``get_category``: int 1-14 or str, default "xlwings"),
  call_in_wizard, volatile, async_mode; argument names come from
  ``inspect.signature``.  ``xlarg(arg, convert=None, **kwargs)`` raises
  "Invalid argument name" for an unknown name, pops ``vba``/``doc`` and puts the
  rest into the argument's options.  ``xlret(convert=None, **kwargs)`` updates
  the return options.
* ``docs/api/udf_decorators.md``: ``func(category="xlwings", volatile=False,
  call_in_wizard=True)``, ``arg(arg, convert=None, **options)``,
  ``ret(convert=None, **options)``.
* ``docs/converters.md``: the read/write options ``ndim``, ``numbers``,
  ``dates``, ``empty``, ``transpose``, ``expand``, ``chunksize``,
  ``err_to_str`` (0.28+) - the fake refuses any other option so a typo fails.

The object-model fakes (Book, Sheets, Sheet, Range, App) follow the
signatures in ``xlwings/main.py``: ``Book.caller()``, ``Book.fullname``, ``Book.to_pdf(path=None,
include=None, exclude=None, ...)``, ``Sheets.add(name=None, before=None,
after=None)``, ``Sheets.active``, ``Sheet.range(cell1, cell2=None)``,
``Sheet.clear()``, ``Sheet.autofit(axis=None)``, ``App.calculate()``,
``App.alert(prompt, title=None, buttons="ok", mode=None, callback=None)``.

For the status-sheet writer (issue 5) the fakes also record ``Range.color``,
``font`` (bold, italic, size, color, name), ``number_format``, ``merge``,
``wrap_text``, alignments, ``borders``, ``column_width``/``row_height``,
``left``/``top``, ``used_range``, ``Sheet.charts.add`` / ``Chart.set_source_data``
/ ``chart_type`` / ``title``, and the pywin32 ``sheet.api.Protect`` /
``PageSetup`` / ``HPageBreaks.Add`` (xlwings has no protect of its own) - checked
in xlwings 0.37.8's ``main.py`` docstrings (the source of docs.xlwings.org's API
reference: docs/api/range.md, font.md, charts.md, chart.md are autodoc pages),
``docs/advanced_features/missing_features.rst`` (use ``.api`` for what xlwings
lacks) and the Excel VBA reference for ``Worksheet.Protect``; see the comment
above :data:`RANGE_ATTRIBUTES` for the details and ``tests/test_status_sheet_xlwings``
for the ``hasattr``/signature checks against the installed xlwings.
"""

from __future__ import annotations

import inspect
import typing
from typing import Any

FUNC_OPTIONS = {"category", "volatile", "call_in_wizard", "async_mode"}
CONVERTER_OPTIONS = {
    "ndim",
    "numbers",
    "dates",
    "empty",
    "transpose",
    "expand",
    "chunksize",
    "err_to_str",
}


def _converter_options(who: str, convert: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """``kwargs`` checked against the documented converter options, plus ``convert``."""
    unknown = set(kwargs) - CONVERTER_OPTIONS
    if unknown:
        raise TypeError(f"{who} got unknown options {sorted(unknown)}")
    return {**kwargs, "convert": convert} if convert is not None else dict(kwargs)


class FakeXlwings:
    """Stands in for the ``xlwings`` module's UDF decorators."""

    def func(self, f: Any = None, **kwargs: Any) -> Any:
        unknown = set(kwargs) - FUNC_OPTIONS
        if unknown:
            raise TypeError(f"xw.func got unknown options {sorted(unknown)}")

        def inner(f: Any) -> Any:
            info = _xlfunc(f)
            category = kwargs.get("category", "xlwings")
            if not (
                isinstance(category, str) or (isinstance(category, int) and 1 <= category <= 14)
            ):
                raise TypeError(f"bad category {category!r}")
            info["category"] = category[:255] if isinstance(category, str) else category
            info["call_in_wizard"] = kwargs.get("call_in_wizard", True)
            info["volatile"] = kwargs.get("volatile", False)
            info["async_mode"] = kwargs.get("async_mode")
            return f

        return inner if f is None else inner(f)

    def arg(self, arg: str, convert: Any = None, **kwargs: Any) -> Any:
        special = {k: kwargs.pop(k) for k in ("vba", "doc") if k in kwargs}
        options = _converter_options("xw.arg", convert, kwargs)

        def inner(f: Any) -> Any:
            info = _xlfunc(f)
            if arg.lstrip("*") not in info["argmap"]:
                raise Exception("Invalid argument name '" + arg + "'.")
            entry = info["argmap"][arg.lstrip("*")]
            entry.update(special)
            entry["options"].update(options)
            return f

        return inner

    def ret(self, convert: Any = None, **kwargs: Any) -> Any:
        options = _converter_options("xw.ret", convert, kwargs)

        def inner(f: Any) -> Any:
            _xlfunc(f)["ret"]["options"].update(options)
            return f

        return inner


def _xlfunc(f: Any) -> dict[str, Any]:
    """The ``__xlfunc__`` record, created the way xlwings' ``xlfunc`` creates it.

    Like xlwings (0.32+), a type hint becomes a ``convert`` option.
    """
    if not hasattr(f, "__xlfunc__"):
        hints = typing.get_type_hints(f)
        params = list(inspect.signature(f).parameters.values())
        args = []
        for pos, p in enumerate(params):
            if p.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
                raise Exception("xlwings does not support UDFs with keyword arguments")
            entry: dict[str, Any] = {
                "name": p.name,
                "pos": pos,
                "vba": None,
                "doc": "Positional argument " + str(pos + 1),
                "vararg": False,
                "options": {},
            }
            if p.name in hints:
                entry["options"]["convert"] = hints[p.name]
            if p.default is not inspect.Parameter.empty:
                entry["optional"] = p.default
            args.append(entry)
        f.__xlfunc__ = {
            "name": f.__name__,
            "sub": False,
            "args": args,
            "argmap": {a["name"]: a for a in args},
            "ret": {"doc": f.__doc__, "options": {}},
            "category": "xlwings",
            "call_in_wizard": True,
            "volatile": False,
            "async_mode": None,
        }
        if "return" in hints:
            f.__xlfunc__["ret"]["options"]["convert"] = hints["return"]
    return f.__xlfunc__  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------
# Object model
# ---------------------------------------------------------------------------


#: Attribute names the object-model fakes accept, each checked to exist on the real
#: xlwings 0.37.8 class (``tests/test_status_sheet_xlwings.py`` asserts it with
#: ``hasattr``); setting any other public name on a fake raises AttributeError,
#: so a writer that uses a name xlwings does not have fails here, not in Excel.
#: Docs (autodoc of ``xlwings.main``): docs/api/range.md (Range.color "RGB tuple or
#: hex string like '#efefef'", number_format, merge(across=False), wrap_text,
#: column_width, row_height, horizontal_alignment/vertical_alignment (0.37.3),
#: borders (0.37.1), left/top, used_range), docs/api/font.md (bold, italic, size,
#: color, name), docs/api/charts.md (``Charts.add(left=0, top=0, width=355,
#: height=211, chart_type=None, source=None, plot_by=None, name=None, anchor=None,
#: style=227)``), docs/api/chart.md (set_source_data(source, plot_by=None),
#: chart_type "line_markers", title (0.37.3), name).  xlwings has no Sheet.protect:
#: ``docs/advanced_features/missing_features.rst`` says to use ``sheet.api`` (pywin32
#: on Windows), i.e. VBA ``Worksheet.Protect(Password, DrawingObjects, Contents,
#: Scenarios, UserInterfaceOnly, AllowFormattingCells, AllowFormattingColumns,
#: AllowFormattingRows, ...)`` (learn.microsoft.com Excel VBA reference) and
#: ``Worksheet.PageSetup`` (Orientation, Zoom, FitToPagesWide, FitToPagesTall,
#: PrintTitleRows), ``Worksheet.HPageBreaks.Add(Before)`` ("Before: a Range object,
#: the range above which the new page break will be added").
RANGE_ATTRIBUTES = frozenset(
    {
        "color",
        "number_format",
        "wrap_text",
        "column_width",
        "row_height",
        "horizontal_alignment",
        "vertical_alignment",
    }
)
FONT_ATTRIBUTES = frozenset({"bold", "italic", "size", "color", "name"})
BORDER_ATTRIBUTES = frozenset({"line_style", "weight", "color"})
CHART_ATTRIBUTES = frozenset({"chart_type", "title", "name"})
PROTECT_ARGUMENTS = frozenset(
    {
        "Password",
        "DrawingObjects",
        "Contents",
        "Scenarios",
        "UserInterfaceOnly",
        "AllowFormattingCells",
        "AllowFormattingColumns",
        "AllowFormattingRows",
        "AllowInsertingColumns",
        "AllowInsertingRows",
        "AllowInsertingHyperlinks",
        "AllowDeletingColumns",
        "AllowDeletingRows",
        "AllowSorting",
        "AllowFiltering",
        "AllowUsingPivotTables",
    }
)
PAGE_SETUP_ATTRIBUTES = frozenset(
    {
        "Orientation",
        "Zoom",
        "FitToPagesWide",
        "FitToPagesTall",
        "PrintTitleRows",
        "PaperSize",
    }
)
DEFAULT_COLUMN_WIDTH_PT = 48.0
DEFAULT_ROW_HEIGHT_PT = 15.0


class _Recorder:
    """Records every set of an allowed attribute into ``log`` as (prefix+name, address, value)."""

    _allowed: frozenset[str] = frozenset()

    def __init__(self, log: list[tuple[Any, ...]], address: Any, prefix: str) -> None:
        object.__setattr__(self, "_log", log)
        object.__setattr__(self, "_address", address)
        object.__setattr__(self, "_prefix", prefix)
        object.__setattr__(self, "_values", {})

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        if name not in self._allowed:
            raise AttributeError(f"xlwings {type(self).__name__[4:]} has no settable {name!r}")
        self._values[name] = value
        self._log.append((self._prefix + name, self._address, value))

    def __getattr__(self, name: str) -> Any:
        if name in type(self)._allowed:
            return self._values.get(name)
        raise AttributeError(name)


class FakeFont(_Recorder):
    _allowed = FONT_ATTRIBUTES

    def __init__(self, log: list[tuple[Any, ...]] | None = None, address: Any = None) -> None:
        super().__init__(log if log is not None else [], address, "font.")


class FakeBorders(_Recorder):
    _allowed = BORDER_ATTRIBUTES

    def __init__(self, log: list[tuple[Any, ...]], address: Any) -> None:
        super().__init__(log, address, "borders.")


class FakeRange:
    """A range; values live in the sheet's cell dict, so reads see earlier writes."""

    def __init__(self, sheet: FakeSheet, cell1: Any, cell2: Any = None) -> None:
        object.__setattr__(self, "sheet", sheet)
        object.__setattr__(self, "address", (cell1, cell2))
        object.__setattr__(self, "font", FakeFont(sheet.log, (cell1, cell2)))
        object.__setattr__(self, "borders", FakeBorders(sheet.log, (cell1, cell2)))
        sheet.ranges.append(self)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "value":
            object.__setattr__(self, name, value)
            return
        if name not in RANGE_ATTRIBUTES:
            raise AttributeError(f"xlwings Range has no settable {name!r}")
        self.sheet.log.append((name, self.address, value))
        for cell in self.cells():
            self.sheet.styles.setdefault(cell, {})[name] = value

    def __getattr__(self, name: str) -> Any:
        if name in RANGE_ATTRIBUTES:
            found = {self.sheet.styles.get(c, {}).get(name) for c in self.cells()}
            return found.pop() if len(found) == 1 else None
        raise AttributeError(name)

    def bounds(self) -> tuple[int, int, int, int]:
        """(first row, first column, last row, last column), 1-based."""
        first = _cell(self.address[0])
        last = _cell(self.address[1]) if self.address[1] is not None else None
        if isinstance(self.address[0], str) and ":" in self.address[0]:
            left, right = self.address[0].split(":")
            first, last = _cell(left), _cell(right)
        last = last or first
        return first[0], first[1], last[0], last[1]

    def cells(self) -> list[tuple[int, int]]:
        r1, c1, r2, c2 = self.bounds()
        return [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]

    @property
    def value(self) -> Any:
        r1, c1, r2, c2 = self.bounds()
        rows = [
            [self.sheet.cells.get((r, c)) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)
        ]
        if self.__dict__.get("_ndim") == 2:
            return rows
        if r1 == r2 and c1 == c2:
            return rows[0][0]
        return rows[0] if r1 == r2 else rows

    @value.setter
    def value(self, value: Any) -> None:
        self.sheet.log.append(("value", self.address, value))
        r1, c1, _, _ = self.bounds()
        rows = (
            value
            if isinstance(value, list) and value and isinstance(value[0], list)
            else ([value] if isinstance(value, list) else [[value]])
        )
        for i, row in enumerate(rows):
            for j, item in enumerate(row):
                self.sheet.cells[(r1 + i, c1 + j)] = item

    @property
    def formula(self) -> Any:
        r1, c1, r2, c2 = self.bounds()
        return tuple(
            tuple(
                self.sheet.formulas.get((r, c), _as_formula_text(self.sheet.cells.get((r, c))))
                for c in range(c1, c2 + 1)
            )
            for r in range(r1, r2 + 1)
        )

    @property
    def left(self) -> float:
        _, c1, _, _ = self.bounds()
        return sum(self.sheet.column_points(c) for c in range(1, c1))

    @property
    def top(self) -> float:
        r1, _, _, _ = self.bounds()
        return sum(self.sheet.row_points(r) for r in range(1, r1))

    @property
    def api(self) -> FakeRange:
        """Stands for the pywin32 Range object (only passed back into ``sheet.api``)."""
        return self

    @property
    def row(self) -> int:
        return self.bounds()[0]

    @property
    def last_cell(self) -> FakeRange:
        _, _, r2, c2 = self.bounds()
        return FakeRange(self.sheet, (r2, c2))

    @property
    def column(self) -> int:
        return self.bounds()[1]

    def merge(self, across: bool = False) -> None:
        self.sheet.log.append(("merge", self.address, across))
        self.sheet.merges.append(self.bounds())

    def options(self, **options: Any) -> FakeRange:
        unknown = set(options) - CONVERTER_OPTIONS
        if unknown:
            raise TypeError(f"Range.options got unknown options {sorted(unknown)}")
        view = FakeRange(self.sheet, *self.address)
        object.__setattr__(view, "_ndim", options.get("ndim"))
        return view


def _cell(address: Any) -> tuple[int, int]:
    if isinstance(address, tuple):
        return int(address[0]), int(address[1])
    letters = "".join(ch for ch in str(address) if ch.isalpha()).upper()
    digits = "".join(ch for ch in str(address) if ch.isdigit())
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return int(digits), column


def _as_formula_text(value: Any) -> str:
    """What Excel's Range.Formula returns for a constant: its text ('' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class FakeChart:
    def __init__(self, sheet: FakeSheet, **placement: Any) -> None:
        object.__setattr__(self, "sheet", sheet)
        object.__setattr__(self, "placement", placement)
        object.__setattr__(self, "source", None)
        object.__setattr__(self, "_values", {})

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in CHART_ATTRIBUTES:
            raise AttributeError(f"xlwings Chart has no settable {name!r}")
        self._values[name] = value
        self.sheet.log.append(("chart." + name, None, value))

    def __getattr__(self, name: str) -> Any:
        if name in CHART_ATTRIBUTES:
            return self._values.get(name)
        raise AttributeError(name)

    def set_source_data(self, source: FakeRange, plot_by: str | None = None) -> None:
        object.__setattr__(self, "source", source)
        self.sheet.log.append(("chart.set_source_data", source.address, plot_by))


class FakeCharts:
    def __init__(self, sheet: FakeSheet) -> None:
        self.sheet = sheet
        self.items: list[FakeChart] = []

    def add(
        self,
        left: float = 0,
        top: float = 0,
        width: float = 355,
        height: float = 211,
        chart_type: str | None = None,
        source: Any = None,
        plot_by: str | None = None,
        name: str | None = None,
        anchor: Any = None,
        style: int | None = 227,
    ) -> FakeChart:
        chart = FakeChart(self.sheet, left=left, top=top, width=width, height=height, anchor=anchor)
        self.items.append(chart)
        self.sheet.log.append(("charts.add", None, (left, top, width, height)))
        if chart_type is not None:
            chart.chart_type = chart_type
        if source is not None:
            chart.set_source_data(source, plot_by)
        return chart

    def __len__(self) -> int:
        return len(self.items)


class FakePageSetupApi(_Recorder):
    _allowed = PAGE_SETUP_ATTRIBUTES

    def __init__(self, log: list[tuple[Any, ...]]) -> None:
        super().__init__(log, None, "api.PageSetup.")


class FakeHPageBreaks:
    def __init__(self, sheet: FakeSheet) -> None:
        self._sheet = sheet

    def Add(self, Before: FakeRange) -> None:  # noqa: N802, N803 - VBA names
        self._sheet.page_breaks.append(Before.bounds()[0])
        self._sheet.log.append(("api.HPageBreaks.Add", Before.address, None))


class FakeSheetApi:
    """``sheet.api`` as pywin32 exposes it on Windows (VBA names, keyword arguments)."""

    def __init__(self, sheet: FakeSheet) -> None:
        self._sheet = sheet
        self.PageSetup = FakePageSetupApi(sheet.log)
        self.HPageBreaks = FakeHPageBreaks(sheet)

    def Protect(self, **kwargs: Any) -> None:  # noqa: N802 - the VBA method name
        unknown = set(kwargs) - PROTECT_ARGUMENTS
        if unknown:
            raise TypeError(f"Worksheet.Protect got unknown arguments {sorted(unknown)}")
        self._sheet.protected = dict(kwargs)
        self._sheet.log.append(("api.Protect", None, dict(kwargs)))


class FakeTable:
    """An Excel Table (ListObject) as xlwings shows it: name, range, header row, totals."""

    def __init__(self, sheet: FakeSheet, name: str, area: tuple[int, int, int, int]) -> None:
        r1, c1, r2, c2 = area
        self.name = name
        self.range = FakeRange(sheet, (r1, c1), (r2, c2))
        self.header_row_range = FakeRange(sheet, (r1, c1), (r1, c2))
        self.show_totals = False


class FakeName:
    """A defined name: ``name`` and ``refers_to`` ("=..."), as ``xw.Name`` has them."""

    def __init__(self, name: str, refers_to: str) -> None:
        self.name = name
        self.refers_to = refers_to


class FakeSheet:
    def __init__(self, book: FakeBook, name: str) -> None:
        self.book = book
        self.name = name
        self.ranges: list[FakeRange] = []
        self.log: list[tuple[Any, ...]] = []
        self.cells: dict[tuple[int, int], Any] = {}
        self.formulas: dict[tuple[int, int], str] = {}
        self.styles: dict[tuple[int, int], dict[str, Any]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.protected: dict[str, Any] | None = None
        self.page_breaks: list[int] = []
        self.charts = FakeCharts(self)
        self.api = FakeSheetApi(self)
        self.tables: list[FakeTable] = []

    @property
    def index(self) -> int:
        return self.book.sheets._sheets.index(self) + 1

    def range(self, cell1: Any, cell2: Any = None) -> FakeRange:
        return FakeRange(self, cell1, cell2)

    def __getitem__(self, address: str) -> FakeRange:
        return FakeRange(self, address)

    @property
    def used_range(self) -> FakeRange:
        if not self.cells and not self.formulas:
            return FakeRange(self, (1, 1))
        keys = [*self.cells, *self.formulas]
        return FakeRange(self, (1, 1), (max(r for r, _ in keys), max(c for _, c in keys)))

    def column_points(self, column: int) -> float:
        width = self.styles.get((1, column), {}).get("column_width")
        return float(width) * 5.25 if width else DEFAULT_COLUMN_WIDTH_PT

    def row_points(self, row: int) -> float:
        height = self.styles.get((row, 1), {}).get("row_height")
        return float(height) if height else DEFAULT_ROW_HEIGHT_PT

    def clear(self) -> None:
        self.log.append(("clear",))

    def autofit(self, axis: str | None = None) -> None:
        self.log.append(("autofit", axis))

    def activate(self) -> None:
        self.book.sheets.active = self

    def delete(self) -> None:
        self.book.sheets._sheets.remove(self)
        if self.book.sheets.active is self:
            self.book.sheets.active = self.book.sheets._sheets[0]


class FakeSheets:
    def __init__(self, book: FakeBook, names: list[str]) -> None:
        self._sheets = [FakeSheet(book, n) for n in names]
        self.book = book
        self.active = self._sheets[0]

    def __len__(self) -> int:
        return len(self._sheets)

    def __iter__(self) -> Any:
        return iter(list(self._sheets))

    def __getitem__(self, key: int | str) -> FakeSheet:
        if isinstance(key, int):
            return self._sheets[key]
        for sheet in self._sheets:
            if sheet.name.lower() == key.lower():
                return sheet
        raise KeyError(key)

    def add(self, name: str | None = None, before: Any = None, after: Any = None) -> FakeSheet:
        if name is not None and name.lower() in [s.name.lower() for s in self._sheets]:
            raise ValueError(f"Sheet named '{name}' already present in workbook")
        sheet = FakeSheet(self.book, name or f"Sheet{len(self._sheets) + 1}")
        if after is not None:
            self._sheets.insert(self._sheets.index(after) + 1, sheet)
        elif before is not None:
            self._sheets.insert(self._sheets.index(before), sheet)
        else:
            self._sheets.insert(self._sheets.index(self.active), sheet)
        self.active = sheet
        return sheet


class FakeApp:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def calculate(self) -> None:
        self.calls.append(("calculate",))

    def alert(
        self,
        prompt: str,
        title: str | None = None,
        buttons: str = "ok",
        mode: str | None = None,
        callback: str | None = None,
    ) -> str:
        self.calls.append(("alert", prompt, title))
        return "ok"


class FakeBook:
    """A workbook; ``FakeBook.caller()`` returns the one set by :meth:`make_caller`."""

    _caller: FakeBook | None = None

    def __init__(
        self,
        name: str = "Book1.xlsx",
        fullname: str | None = None,
        sheets: list[str] | None = None,
    ) -> None:
        self.name = name
        # xlwings has Book.fullname ("including its path on disk"), no Book.path;
        # an unsaved book's fullname is just its name.
        self.fullname = fullname if fullname is not None else name
        self.app = FakeApp()
        self.sheets = FakeSheets(self, sheets or ["Sheet1"])
        self.names: list[FakeName] = []
        self.pdfs: list[dict[str, Any]] = []

    @classmethod
    def caller(cls) -> FakeBook:
        if cls._caller is None:
            raise Exception("Book.caller() is only available when called from Excel")
        return cls._caller

    def make_caller(self) -> FakeBook:
        type(self)._caller = self
        return self

    def to_pdf(
        self,
        path: str | None = None,
        include: Any = None,
        exclude: Any = None,
        layout: Any = None,
        exclude_start_string: str = "#",
        show: bool = False,
        quality: str = "standard",
    ) -> str:
        written = path if path is not None else self.name.rsplit(".", 1)[0] + ".pdf"
        self.pdfs.append({"path": path, "include": include, "exclude": exclude})
        return written


class FakeXlwingsModule(FakeXlwings):
    """``xw`` as the ribbon uses it: decorators plus ``xw.Book``."""

    def __init__(self) -> None:
        class Book(FakeBook):
            _caller = None

        self.Book = Book
