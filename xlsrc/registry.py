"""The one registry of Excel-facing functions.

A function becomes Excel-facing by carrying a :class:`FunctionSpec` that the
:func:`excel_function` decorator attaches; the decorator changes nothing else,
so the function stays a plain, directly testable Python function.  The
:class:`Registry` collects those specs from modules, and every consumer reads
it: the xlwings UDF adapter, the generated VBA wrapper module, the headless
engine, the Office.js metadata and the function reference in the docs.

Each function's description and each argument's help is a Finnish catalogue
source text (marked with :func:`~xlsrc.core.text.N_` where the function is
declared): the one source of those words.  The VBA function wizard and the
docs show the Finnish text as it is; the Office.js metadata and the CLI show it
in the language asked for (:meth:`FunctionSpec.help_in`, :meth:`ArgSpec.help_in`).

Calling convention shared by every adapter (Excel through xlwings, the headless
engine, tests): a ``scalar`` argument is ``float | str | bool | None | XlError``
(None for a blank cell); a ``range`` argument is a 2-D list of such values, row
by row.  A ``scalar`` result is one such value; an ``array`` result is a 2-D
list that spills.  :func:`invoke` turns the core's typed exceptions into the
:class:`~xlsrc.core.errors.XlError` the cell shows.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal, TypeVar

from xlsrc.core.errors import XlError, XlsrcError
from xlsrc.core.text import Language, translate

ArgKind = Literal["scalar", "range"]
ReturnKind = Literal["scalar", "array"]

#: Every Excel-facing name starts with this, so none can collide with a built-in.
PREFIX = "XS_"

F = TypeVar("F", bound=Callable[..., Any])

#: The attribute under which the decorator stores the spec.
SPEC_ATTRIBUTE = "__xlsrc_function__"


@dataclass(frozen=True)
class ArgSpec:
    """One argument as Excel shows it in the function wizard."""

    name: str
    help: str
    """The help text: a Finnish catalogue source text, translated where it is shown."""
    kind: ArgKind = "scalar"
    optional: bool = False

    def help_in(self, language: Language | None = None) -> str:
        """The help text in ``language`` (default: the language in force)."""
        return translate(self.help, language)


@dataclass(frozen=True)
class FunctionSpec:
    """Everything an adapter needs to expose one Python function to Excel."""

    name: str
    help: str
    """The description: a Finnish catalogue source text, translated where it is shown."""
    category: str
    """The function-wizard category, also a Finnish catalogue source text."""
    args: tuple[ArgSpec, ...]
    returns: ReturnKind
    func: Callable[..., Any] = field(compare=False, repr=False)

    def help_in(self, language: Language | None = None) -> str:
        """The description in ``language`` (default: the language in force)."""
        return translate(self.help, language)

    def category_in(self, language: Language | None = None) -> str:
        """The category in ``language`` (default: the language in force)."""
        return translate(self.category, language)

    @property
    def python_name(self) -> str:
        return self.func.__name__

    @property
    def signature(self) -> str:
        """``XS_NAME(arg1, [arg2])`` as a finance user reads it in the docs."""
        parts = [f"[{a.name}]" if a.optional else a.name for a in self.args]
        return f"{self.name}({', '.join(parts)})"


def excel_function(
    *,
    name: str,
    category: str,
    description: str,
    args: Mapping[str, str | tuple[str, ArgKind]],
    returns: ReturnKind = "scalar",
) -> Callable[[F], F]:
    """Attach Excel metadata to ``func`` and return ``func`` itself.

    ``description`` (what Excel shows for the function, at most 255
    characters) and ``category`` are Finnish catalogue texts (``N_("...")``);
    ``args`` maps each parameter name to its help text, or to ``(help, kind)``
    for a range argument.  The parameters must match the function's own, in
    order; optional ones are those with a default.  A function without a
    description or an argument without help is refused: it would ship to the
    function wizard and the add-in without words.  The docstring is for
    programmers and is never shown to users.
    """
    if not name.startswith(PREFIX):
        raise ValueError(f"Excel-facing names start with {PREFIX!r}: {name!r}")
    if not description.strip():
        raise ValueError(f"{name}: a function needs a description (N_ text)")

    def decorate(func: F) -> F:
        params = list(inspect.signature(func).parameters.values())
        if [p.name for p in params] != list(args):
            raise ValueError(
                f"{name}: args {list(args)} do not match parameters {[p.name for p in params]}"
            )
        specs: list[ArgSpec] = []
        kind: ArgKind
        for param in params:
            described = args[param.name]
            if isinstance(described, str):
                text, kind = described, "scalar"
            else:
                text, kind = described
            if not text.strip():
                raise ValueError(f"{name}: argument {param.name} needs a help text (N_ text)")
            optional = param.default is not inspect.Parameter.empty
            specs.append(ArgSpec(param.name, text, kind, optional))
        spec = FunctionSpec(
            name=name,
            help=description,
            category=category,
            args=tuple(specs),
            returns=returns,
            func=func,
        )
        setattr(func, SPEC_ATTRIBUTE, spec)
        return func

    return decorate


class Registry:
    """An ordered, case-insensitive collection of :class:`FunctionSpec`."""

    def __init__(self, specs: list[FunctionSpec]) -> None:
        self._by_name: dict[str, FunctionSpec] = {}
        for spec in specs:
            key = spec.name.upper()
            if key in self._by_name:
                raise ValueError(f"duplicate Excel function name {spec.name}")
            self._by_name[key] = spec

    @classmethod
    def from_modules(cls, *modules: ModuleType) -> Registry:
        specs: list[FunctionSpec] = []
        for module in modules:
            for _, member in inspect.getmembers(module, callable):
                spec = getattr(member, SPEC_ATTRIBUTE, None)
                if isinstance(spec, FunctionSpec) and spec not in specs:
                    specs.append(spec)
        specs.sort(key=lambda s: (s.category, s.name))
        return cls(specs)

    @classmethod
    def default(cls) -> Registry:
        """The registry of every function shipped in :mod:`xlsrc.functions`."""
        package = importlib.import_module("xlsrc.functions")
        modules = [importlib.import_module(f"xlsrc.functions.{m}") for m in package.MODULES]
        return cls.from_modules(*modules)

    def __iter__(self) -> Iterator[FunctionSpec]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.upper() in self._by_name

    def get(self, name: str) -> FunctionSpec:
        try:
            return self._by_name[name.upper()]
        except KeyError:
            raise KeyError(f"no xlsrc function named {name}") from None

    @property
    def names(self) -> list[str]:
        return [spec.name for spec in self]


def invoke(spec: FunctionSpec, *args: Any) -> Any:
    """Call ``spec``'s function as a cell would: typed core errors become XlError.

    Unexpected exceptions propagate; the adapter decides how to show a bug.
    """
    return invoke_explained(spec, *args)[0]


def invoke_explained(spec: FunctionSpec, *args: Any) -> tuple[Any, str | None]:
    """:func:`invoke`, plus the reason when a typed core error became the result.

    The reason is the error's (Finnish) message; an adapter that can show one
    next to the error value (the Office.js add-in) uses it.
    """
    try:
        return spec.func(*args), None
    except XlsrcError as error:
        if spec.returns == "array":
            return [[error.xl_error]], str(error)
        return error.xl_error, str(error)


def error_of(value: Any) -> XlError | None:
    """The XlError in ``value`` (a cell value), if it holds one."""
    return value if isinstance(value, XlError) else None
