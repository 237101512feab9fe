"""The criteria language of SUMIF(S), COUNTIF(S), AVERAGEIF(S), MINIFS, MAXIFS.

A criterion is a value (``5``, ``"Valmis"``) or a text with an operator
(``">=90"``, ``"<>Peruttu"``, ``"Tie*"``).  Rules follow Excel as LibreOffice
reproduces them (checked by the LibreOffice oracle test):

* a number (``23``, ``"23"``, ``"=23"``) matches numbers equal to it and texts
  that read as that number (the text "23"); ``"<>23"`` matches everything but
  the *numbers* equal to it (the text "23" is "not equal");
* text matches text case-insensitively, with ``*``/``?`` wildcards (``~``
  escapes) for ``=`` and ``<>``;
* ``""`` matches blank cells and empty texts; ``"="`` only blank cells;
  ``"<>"`` every non-blank cell; an ordering operator with nothing after it
  (``">"&A1`` with A1 blank) matches nothing;
* a blank criterion cell behaves as 0.

These rules are Excel's, checked against the Excel-saved golden workbooks
(tests/engine/golden/STATISTICAL/COUNTIFS.xlsx).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from xlsrc.core.errors import XlError
from xlsrc.engine.values import approx_equal, compare, parse_number

Predicate = Callable[[Any], bool]

_OPERATORS = ("<=", ">=", "<>", "<", ">", "=")


@lru_cache(maxsize=4096)
def wildcard(pattern: str) -> re.Pattern[str] | None:
    """A case-insensitive regex for an Excel wildcard pattern, or None if it has none."""
    if not any(ch in pattern for ch in "*?~"):
        return None
    out = []
    chars = iter(pattern)
    for ch in chars:
        if ch == "~":  # escapes the next character; a trailing "~" stands for nothing
            out.append(re.escape(next(chars, "")))
        elif ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out), re.IGNORECASE | re.DOTALL)


class Criterion:
    """A parsed criterion; ``text_key`` is set when a text-equality index can answer it."""

    __slots__ = ("match", "text_key", "matches_blank", "order")

    def __init__(
        self,
        match: Predicate,
        text_key: str | None,
        matches_blank: bool,
        order: tuple[str, float | str] | None = None,
    ) -> None:
        self.match = match
        self.text_key = text_key
        self.matches_blank = matches_blank
        #: (operator, operand) when a sorted index can answer it (criteria_index.py):
        #: "=" / "<>" with a number, "<" ">" "<=" ">=" with a number or a text
        self.order = order


def parse(criterion: Any) -> Criterion:
    kind = type(criterion)
    if criterion is None:
        criterion, kind = 0.0, float
    if kind is float:
        return Criterion(_number_or_text_equals(criterion), None, False, ("=", criterion))
    if kind is bool:
        return Criterion(lambda v: type(v) is bool and v == criterion, None, False)
    if kind is XlError:
        return Criterion(lambda v: v is criterion, None, False)
    return _parse_text(criterion)


@lru_cache(maxsize=4096)
def _parse_text(text: str) -> Criterion:
    """A criterion written as text ("<>", ">=5", "ab*", "#N/A", "TRUE") as Excel reads it.

    One function on purpose: Excel's rules interlock (an operator, then the
    empty forms, then number / error / logical / wildcard text, each with its
    own equality), and splitting them would scatter the order they are tried
    in, which is what decides e.g. that "=1" matches the text "1" but ">1"
    does not.  The ``key`` lets SUMIFS use a text index for plain equality.
    """
    op = ""
    for candidate in _OPERATORS:
        if text.startswith(candidate):
            op, text = candidate, text[len(candidate) :]
            break
    if op in ("", "=") and text == "":
        if op == "=":
            return Criterion(lambda v: v is None, None, True)
        return Criterion(lambda v: v is None or v == "", None, True)
    if op == "<>" and text == "":
        return Criterion(lambda v: v is not None, None, False)
    if text == "":
        return Criterion(lambda v: False, None, False)  # ">" & a blank cell: nothing
    number = parse_number(text)
    error = XlError.from_literal(text)
    upper = text.upper()
    if op in ("", "=", "<>"):
        if number is not None:
            if op == "<>":
                equal = _number_equals(number)
                return Criterion(lambda v: not equal(v), None, True, ("<>", number))
            return Criterion(_number_or_text_equals(number), None, False, ("=", number))

        elif error is not None:

            def equals(v: Any) -> bool:
                return v is error

        elif upper in ("TRUE", "FALSE"):
            flag = upper == "TRUE"

            def equals(v: Any) -> bool:
                return type(v) is bool and v == flag

        else:
            pattern = wildcard(text)
            lowered = text.lower()
            if pattern is None:

                def equals(v: Any) -> bool:
                    return type(v) is str and v.lower() == lowered

            else:
                full = pattern.fullmatch

                def equals(v: Any) -> bool:
                    return type(v) is str and full(v) is not None

        if op == "<>":
            return Criterion(lambda v: not equals(v), None, True)
        key = (
            text.lower()
            if number is None
            and error is None
            and upper not in ("TRUE", "FALSE")
            and wildcard(text) is None
            else None
        )
        return Criterion(equals, key, False)
    # ordering operators: numbers compare with numbers, text with text
    if number is not None:
        target: Any = number
        wanted: type = float
    else:
        target, wanted = text, str
    test: Callable[[int], bool] = {
        "<": lambda c: c < 0,
        ">": lambda c: c > 0,
        "<=": lambda c: c <= 0,
        ">=": lambda c: c >= 0,
    }[op]

    def ordered(v: Any) -> bool:
        if type(v) is not wanted:
            return False
        order = compare(v, target)
        return not isinstance(order, XlError) and test(order)

    return Criterion(ordered, None, False, (op, target))


def _number_or_text_equals(number: float) -> Predicate:
    """A number criterion: numbers equal to it, and texts that read as that number."""
    equal = _number_equals(number)

    def equals(v: Any) -> bool:
        if type(v) is str:
            parsed = parse_number(v)
            return parsed is not None and approx_equal(parsed, number)
        return equal(v)

    return equals


def _number_equals(number: float) -> Predicate:
    def equals(v: Any) -> bool:
        return type(v) is float and approx_equal(v, number)

    return equals
