"""How a native Excel function is described to the compiler.

Each argument has a *kind* that tells the compiler what to pass:

``v``  a scalar value; an error in it is returned at once (most functions)
``V``  a scalar value, errors passed through to the function (ISERROR, IFERROR...)
``a``  anything as evaluated: a :class:`~xlsrc.engine.refs.Ref`, a 2-D list or a scalar
``A``  an array argument: evaluated as in an array formula even in an ordinary one
       (SUMPRODUCT's ``(T[Erä]="Tulot")*T[Summa]``); a reference stays a reference
``r``  a reference (a formula that is not a reference is refused: #VALUE!)
``g``  a grid: the values as a 2-D list (a scalar becomes ``[[x]]``)
``l``  lazy: a zero-argument callable, evaluated only if the function wants it

Converting kinds are ``v`` arguments the function receives already coerced,
so it does not repeat the coercion and the error check (an error in the
argument, or from coercing it, is the result):

``n``  a number (blank 0, TRUE 1, the text "3" 3; "x" is #VALUE!)
``i``  a whole number, truncated towards zero (index and count arguments)
``s``  a text (numbers as Excel writes them, TRUE as "TRUE", blank "")
``b``  a logical value (numbers by zero, the texts "TRUE"/"FALSE")

In an array formula a ``v``/``V`` argument (converting ones included) that
holds an array is *lifted*: the function is called once per element (Excel's
implicit array evaluation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from xlsrc.core.errors import XlError
from xlsrc.engine.values import to_bool, to_integer, to_number, to_text

#: the converting kinds and their coercions (module docstring)
CONVERTERS: dict[str, Callable[[object], object]] = {
    "n": to_number,
    "i": to_integer,
    "s": to_text,
    "b": to_bool,
}
_AS_VALUE = str.maketrans(dict.fromkeys(CONVERTERS, "v"))
F = TypeVar("F", bound=Callable[..., Any])

NATIVE: dict[str, Native] = {}
#: argument forms a supported function refuses (by name and cell), for the coverage matrix
REFUSED_FORMS: dict[str, list[str]] = {}


def refuses(name: str, *forms: str) -> None:
    """Declare what ``name`` refuses, next to the code that raises UnsupportedFeature."""
    REFUSED_FORMS.setdefault(name.upper(), []).extend(forms)


@dataclass(frozen=True)
class Native:
    name: str
    func: Callable[..., Any]
    kinds: str
    repeat: str
    min_args: int
    max_args: int | None
    book: bool
    host: bool
    shaped: bool
    #: the kind of a last argument left over from the repeated group (SWITCH's default)
    tail: str = ""
    #: whether an argument may be left empty (IF(1,,A2)); if not, such a call is refused
    omitted: bool = True
    #: whether a value argument may be a range of several cells; if not, it is refused
    ranges: bool = True

    def kind(self, index: int) -> str:
        if index < len(self.kinds):
            return self.kinds[index]
        if not self.repeat:
            raise IndexError(index)
        return self.repeat[(index - len(self.kinds)) % len(self.repeat)]

    def declared_for(self, count: int) -> str:
        """The declared kinds of ``count`` arguments; a leftover last one takes ``tail``."""
        kinds = [self.kind(i) for i in range(count)]
        extra = count - len(self.kinds)
        if self.tail and extra > 0 and extra % len(self.repeat):
            kinds[-1] = self.tail
        return "".join(kinds)

    def kinds_for(self, count: int) -> str:
        """The kinds the compiler passes: converting kinds are values to it."""
        return self.declared_for(count).translate(_AS_VALUE)


def native(
    name: str,
    kinds: str,
    *,
    repeat: str = "",
    min_args: int | None = None,
    max_args: int | None = -1,
    book: bool = False,
    host: bool = False,
    shaped: bool = False,
    tail: str = "",
    omitted: bool = True,
    ranges: bool = True,
) -> Callable[[F], F]:
    """Register ``func`` as the Excel function ``name`` (see module docstring for kinds).

    ``min_args`` defaults to every fixed kind; ``max_args`` to the fixed kinds
    (unlimited when ``repeat`` is given).  ``book=True`` passes the evaluator
    first; ``host=True`` passes the formula cell's (row, col) after it.
    ``shaped=True`` says the result may be a reference or an array (INDEX,
    OFFSET...), so a scalar formula must intersect it; other functions' results
    are used as they are.  ``tail`` is the kind of a last argument that is
    left over from the ``repeat`` group (SWITCH's default value).
    ``omitted=False``: a call with an empty argument is refused (Excel's value
    for it is not known), and the refusal is declared for the coverage matrix.
    ``ranges=False``: a range of several cells given to a value argument is
    refused (Excel reads it its own way: N and T take the range's first cell,
    the Analysis ToolPak date functions reject it), in any formula.
    """

    def register(func: F) -> F:
        upper = name.upper()
        if upper in NATIVE:
            raise ValueError(f"native function {upper} defined twice")
        NATIVE[upper] = Native(
            name=upper,
            func=func,
            kinds=kinds,
            repeat=repeat,
            min_args=len(kinds) if min_args is None else min_args,
            max_args=(None if repeat else len(kinds)) if max_args == -1 else max_args,
            book=book,
            host=host,
            shaped=shaped,
            tail=tail,
            omitted=omitted,
            ranges=ranges,
        )
        if not omitted:
            refuses(upper, "an omitted (empty) argument")
        if not ranges:
            refuses(upper, "a range of several cells as an argument")
        described = NATIVE[upper]
        if any(kind in CONVERTERS for kind in kinds + repeat + tail):
            skip = int(book) + 2 * int(host)
            NATIVE[upper] = replace(described, func=_converting(func, described, skip))
        return func

    return register


def _converting(func: Callable[..., Any], spec: Native, skip: int) -> Callable[..., Any]:
    """``func`` called with its converting-kind arguments coerced (module docstring).

    ``skip`` counts the leading arguments that are not Excel's (book, host cell).
    The plan - which positions convert, and how - is worked out once per
    argument count.
    """
    plans: dict[int, tuple[tuple[int, Callable[[object], object]], ...]] = {}

    def call(*args: Any) -> Any:
        plan = plans.get(len(args))
        if plan is None:
            declared = spec.declared_for(len(args) - skip)
            plan = tuple(
                (skip + i, CONVERTERS[kind])
                for i, kind in enumerate(declared)
                if kind in CONVERTERS
            )
            plans[len(args)] = plan
        values = list(args)
        for position, convert in plan:
            converted = convert(values[position])
            if type(converted) is XlError:
                return converted
            values[position] = converted
        return func(*values)

    call.__name__ = getattr(func, "__name__", spec.name.lower())
    return call
