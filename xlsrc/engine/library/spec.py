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

In an array formula a ``v``/``V`` argument that holds an array is *lifted*: the
function is called once per element (Excel's implicit array evaluation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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

    def kind(self, index: int) -> str:
        if index < len(self.kinds):
            return self.kinds[index]
        if not self.repeat:
            raise IndexError(index)
        return self.repeat[(index - len(self.kinds)) % len(self.repeat)]

    def kinds_for(self, count: int) -> str:
        """The kinds of ``count`` arguments, a leftover last one taking the ``tail`` kind."""
        kinds = [self.kind(i) for i in range(count)]
        extra = count - len(self.kinds)
        if self.tail and extra > 0 and extra % len(self.repeat):
            kinds[-1] = self.tail
        return "".join(kinds)


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
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
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
    """

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
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
        )
        if not omitted:
            refuses(upper, "an omitted (empty) argument")
        return func

    return register
