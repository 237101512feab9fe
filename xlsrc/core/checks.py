"""Stated versus recomputed: findings that say what, where and by how much.

A finding is data, so Excel (the "Tarkistukset" sheet), the CLI (``--json``)
and the batch summary all show the same thing.  Tolerance follows how the
reports print: amounts in thousands of euros are rounded, so a difference of
at most one unit (±1 k€) is a *rounding note*; anything larger is an *error*.
Per cents are compared after rounding the recomputed value half-up to the
decimals the table printed; one unit in the last printed digit is a note.

Where a difference looks like a typing slip — a flipped sign, two transposed
digits — the finding says so in ``hint``; the user's number is never changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from xlsrc.core.numbers import format_fi, round_half_up

Severity = Literal["note", "error"]

#: Rounding tolerance for amounts printed in whole units (e.g. 1000 €).
DEFAULT_TOLERANCE = 1.0


def tolerance_for(kind: str, decimals: int = 0) -> float:
    """How far a stated value may be from its recomputation and still be rounding.

    Amounts (and other numbers) printed in whole units: one unit.  Per cents
    (fractions) printed with ``decimals`` decimals: one unit of the last
    printed digit.  Validation grades with this, and the workbooks' highlight
    marks exactly the cells beyond it.
    """
    if kind == "percent":
        return 10.0 ** (-decimals) / 100
    return DEFAULT_TOLERANCE


@dataclass(frozen=True)
class Finding:
    """One discrepancy.  ``where`` is filled by the caller (e.g. "Talous!E12")."""

    rule: str
    where: str
    stated: float | str | None
    computed: float | str | None
    difference: float | None
    severity: Severity
    message: str
    hint: str = ""

    def located(self, where: str) -> Finding:
        """The same finding at another location (adapters know the cell)."""
        return Finding(
            self.rule,
            where,
            self.stated,
            self.computed,
            self.difference,
            self.severity,
            self.message,
            self.hint,
        )


def compare_amount(
    stated: float,
    computed: float,
    *,
    rule: str,
    what: str,
    where: str = "",
    tolerance: float = DEFAULT_TOLERANCE,
) -> Finding | None:
    """None when equal; a note within ``tolerance``; an error beyond it."""
    difference = stated - computed
    if math.isclose(difference, 0.0, abs_tol=1e-9 * max(1.0, abs(computed))):
        return None
    within = abs(difference) <= tolerance + 1e-9
    severity, hint, suffix = _grade(within, stated, computed)
    message = (
        f"{what}: {_KIND[severity]}; ilmoitettu {format_fi(stated)}, "
        f"laskettu {format_fi(computed)}, erotus {format_fi(difference)}{suffix}"
    )
    return Finding(rule, where, stated, computed, difference, severity, message, hint)


_KIND: dict[Severity, str] = {"note": "pyöristysero", "error": "ristiriita"}


def _grade(within: bool, stated: float, computed: float) -> tuple[Severity, str, str]:
    """Severity, typo hint and the message suffix that shows the hint."""
    if within:
        return "note", "", ""
    hint = likely_typo(stated, computed)
    return "error", hint, f" ({hint})" if hint else ""


def compare_percent(
    stated: float,
    computed: float,
    *,
    decimals: int,
    rule: str,
    what: str,
    where: str = "",
) -> Finding | None:
    """Compare per cents (fractions) at the printed precision ``decimals``."""
    shown = round_half_up(computed * 100, decimals)
    stated_points = round_half_up(stated * 100, decimals + 2)
    difference = round_half_up(stated_points - shown, decimals + 2)
    if difference == 0:
        return None
    within = abs(difference) <= 10.0 ** (-decimals) + 1e-9
    severity, hint, suffix = _grade(within, stated_points, shown)
    message = (
        f"{what}: {_KIND[severity]}; ilmoitettu {format_fi(stated, decimals, '%')}, "
        f"laskettu {format_fi(computed, decimals, '%')}{suffix}"
    )
    return Finding(rule, where, stated, shown / 100, difference / 100, severity, message, hint)


def mismatch(
    stated: str | float | None,
    expected: str | float | None,
    *,
    rule: str,
    what: str,
    where: str = "",
    severity: Severity = "error",
) -> Finding:
    """A non-numeric discrepancy (a wrong status word, an undefined per cent)."""
    message = f"{what}: ilmoitettu {stated!r}, odotettu {expected!r}"
    return Finding(rule, where, stated, expected, None, severity, message)


def likely_typo(stated: float, computed: float) -> str:
    """Name the slip that turns ``computed`` into ``stated``, or "" if none fits."""
    if stated != 0 and math.isclose(stated, -computed, rel_tol=1e-9):
        return "todennäköisesti etumerkki väärin"
    a, b = _digits(stated), _digits(computed)
    if a != b and len(a) == len(b) and (stated < 0) == (computed < 0):
        differing = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differing) == 2 and differing[1] == differing[0] + 1:
            i, j = differing
            if a[i] == b[j] and a[j] == b[i]:
                return "todennäköisesti kaksi numeroa vaihtanut paikkaa"
    return ""


def _digits(value: float) -> str:
    return f"{abs(value):.6f}".rstrip("0").rstrip(".").replace(".", "")
