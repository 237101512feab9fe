"""Stated versus recomputed: findings that say what, where and by how much.

A finding is data, so Excel (the "Tarkistukset" sheet), the CLI (``--json``)
and the batch summary all show the same thing.  Tolerance follows how the
reports print: amounts in thousands of euros are rounded, so a difference of
at most one unit (±1 k€) is a *rounding note*; anything larger is an *error*.
Per cents are compared after rounding the recomputed value half-up to the
decimals the table printed; one unit in the last printed digit is a note.

Where a difference looks like a typing slip — a flipped sign, two transposed
digits — the finding says so in ``hint``; the user's number is never changed.
Messages are :class:`~xlsrc.core.text.Msg` values with their numbers as
:class:`~xlsrc.core.text.Num`, so the CLI shows a finding in the user's
language and the "Tarkistukset" sheet in the workbook's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from xlsrc.core.numbers import round_half_up
from xlsrc.core.text import N_, Msg, Num, Text, translate

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
    message: Text
    hint: Text = ""

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
    what: Text,
    where: str = "",
    tolerance: float = DEFAULT_TOLERANCE,
) -> Finding | None:
    """None when equal; a note within ``tolerance``; an error beyond it."""
    difference = stated - computed
    if math.isclose(difference, 0.0, abs_tol=1e-9 * max(1.0, abs(computed))):
        return None
    within = abs(difference) <= tolerance + 1e-9
    severity, hint = _grade(within, stated, computed)
    message = Msg(
        "{what}: {kind}; ilmoitettu {stated}, laskettu {computed}, erotus {difference}",
        what=what,
        kind=Msg(_KIND[severity]),
        stated=Num(stated),
        computed=Num(computed),
        difference=Num(difference),
    )
    return Finding(rule, where, stated, computed, difference, severity, _with(message, hint), hint)


_KIND: dict[Severity, str] = {"note": N_("pyöristysero"), "error": N_("ristiriita")}


def _grade(within: bool, stated: float, computed: float) -> tuple[Severity, Text]:
    """Severity and the typo hint."""
    if within:
        return "note", ""
    return "error", likely_typo(stated, computed)


def _with(message: Msg, hint: Text) -> Msg:
    """``message`` followed by the hint in parentheses, when there is one."""
    return Msg("{message} ({hint})", message=message, hint=hint) if hint else message


def compare_percent(
    stated: float,
    computed: float,
    *,
    decimals: int,
    rule: str,
    what: Text,
    where: str = "",
) -> Finding | None:
    """Compare per cents (fractions) at the printed precision ``decimals``."""
    shown = round_half_up(computed * 100, decimals)
    stated_points = round_half_up(stated * 100, decimals + 2)
    difference = round_half_up(stated_points - shown, decimals + 2)
    if difference == 0:
        return None
    within = abs(difference) <= 10.0 ** (-decimals) + 1e-9
    severity, hint = _grade(within, stated_points, shown)
    message = Msg(
        "{what}: {kind}; ilmoitettu {stated}, laskettu {computed}",
        what=what,
        kind=Msg(_KIND[severity]),
        stated=Num(stated, decimals, "%"),
        computed=Num(computed, decimals, "%"),
    )
    return Finding(
        rule, where, stated, shown / 100, difference / 100, severity, _with(message, hint), hint
    )


def mismatch(
    stated: str | float | None,
    expected: str | float | None,
    *,
    rule: str,
    what: Text,
    where: str = "",
    severity: Severity = "error",
) -> Finding:
    """A non-numeric discrepancy (a wrong status word, an undefined per cent)."""
    message = Msg(
        "{what}: ilmoitettu {stated!r}, odotettu {expected!r}",
        what=what,
        stated=stated,
        expected=expected,
    )
    return Finding(rule, where, stated, expected, None, severity, message)


def likely_typo(stated: float, computed: float) -> Text:
    """Name the slip that turns ``computed`` into ``stated``, or "" if none fits."""
    if stated != 0 and math.isclose(stated, -computed, rel_tol=1e-9):
        return Msg("todennäköisesti etumerkki väärin")
    a, b = _digits(stated), _digits(computed)
    if a != b and len(a) == len(b) and (stated < 0) == (computed < 0):
        differing = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differing) == 2 and differing[1] == differing[0] + 1:
            i, j = differing
            if a[i] == b[j] and a[j] == b[i]:
                return Msg("todennäköisesti kaksi numeroa vaihtanut paikkaa")
    return ""


def _digits(value: float) -> str:
    return f"{abs(value):.6f}".rstrip("0").rstrip(".").replace(".", "")


#: The severities as a person reads them (catalogue texts).
SEVERITY_LABELS: dict[Severity, str] = {"error": N_("virhe"), "note": N_("huomio")}


def severity_label(severity: Severity) -> str:
    """ "virhe" or "huomio" in the current language."""
    return translate(SEVERITY_LABELS[severity])
