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
"""

from __future__ import annotations

import inspect
import typing
from typing import Any

FUNC_OPTIONS = {"category", "volatile", "call_in_wizard", "async_mode"}
CONVERTER_OPTIONS = {
    "ndim", "numbers", "dates", "empty", "transpose", "expand", "chunksize", "err_to_str",
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
            if not (isinstance(category, str) or (isinstance(category, int) and 1 <= category <= 14)):
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
                "name": p.name, "pos": pos, "vba": None,
                "doc": "Positional argument " + str(pos + 1), "vararg": False, "options": {},
            }
            if p.name in hints:
                entry["options"]["convert"] = hints[p.name]
            if p.default is not inspect.Parameter.empty:
                entry["optional"] = p.default
            args.append(entry)
        f.__xlfunc__ = {
            "name": f.__name__, "sub": False, "args": args,
            "argmap": {a["name"]: a for a in args},
            "ret": {"doc": f.__doc__, "options": {}},
            "category": "xlwings", "call_in_wizard": True, "volatile": False, "async_mode": None,
        }
        if "return" in hints:
            f.__xlfunc__["ret"]["options"]["convert"] = hints["return"]
    return f.__xlfunc__  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------
# Object model
# ---------------------------------------------------------------------------


class FakeFont:
    def __init__(self) -> None:
        self.bold: bool | None = None


class FakeRange:
    def __init__(self, sheet: FakeSheet, cell1: Any, cell2: Any = None) -> None:
        self.sheet = sheet
        self.address = (cell1, cell2)
        self.font = FakeFont()
        self._value: Any = None
        sheet.ranges.append(self)

    @property
    def value(self) -> Any:
        return self._value

    @value.setter
    def value(self, value: Any) -> None:
        self._value = value
        self.sheet.log.append(("value", self.address, value))


class FakeSheet:
    def __init__(self, book: FakeBook, name: str) -> None:
        self.book = book
        self.name = name
        self.ranges: list[FakeRange] = []
        self.log: list[tuple[Any, ...]] = []

    @property
    def index(self) -> int:
        return self.book.sheets._sheets.index(self) + 1

    def range(self, cell1: Any, cell2: Any = None) -> FakeRange:
        return FakeRange(self, cell1, cell2)

    def clear(self) -> None:
        self.log.append(("clear",))

    def autofit(self, axis: str | None = None) -> None:
        self.log.append(("autofit", axis))

    def activate(self) -> None:
        self.book.sheets.active = self


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
        self, prompt: str, title: str | None = None, buttons: str = "ok",
        mode: str | None = None, callback: str | None = None,
    ) -> str:
        self.calls.append(("alert", prompt, title))
        return "ok"


class FakeBook:
    """A workbook; ``FakeBook.caller()`` returns the one set by :meth:`make_caller`."""

    _caller: FakeBook | None = None

    def __init__(
        self, name: str = "Book1.xlsx", fullname: str | None = None,
        sheets: list[str] | None = None,
    ) -> None:
        self.name = name
        # xlwings has Book.fullname ("including its path on disk"), no Book.path;
        # an unsaved book's fullname is just its name.
        self.fullname = fullname if fullname is not None else name
        self.app = FakeApp()
        self.sheets = FakeSheets(self, sheets or ["Sheet1"])
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
        self, path: str | None = None, include: Any = None, exclude: Any = None,
        layout: Any = None, exclude_start_string: str = "#", show: bool = False,
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
