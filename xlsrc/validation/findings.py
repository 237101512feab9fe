"""A finding at a cell: what the rules report, in one shape for every consumer.

The core's :class:`xlsrc.core.checks.Finding` knows *what* disagrees and by
how much; :class:`CellFinding` adds *where* (sheet and cell separately, as the
``--json`` output, the "Tarkistukset" sheet and the batch summary need them).
Numbers are rounded to 10 decimals on the way in, so binary noise such as
``-0.0009999999`` never reaches a user or a JSON consumer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from xlsrc.core.checks import Finding, Severity
from xlsrc.validation.model import Location
from xlsrc.validation.rule_labels import rule_label

#: The fields of ``xlsrc validate --json``, in order.
JSON_FIELDS: tuple[str, ...] = (
    "sheet",
    "cell",
    "rule",
    "rule_label",
    "stated",
    "computed",
    "difference",
    "severity",
    "message",
)


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        rounded = round(value, 10)
        return 0.0 if rounded == 0 else rounded
    return value


@dataclass(frozen=True)
class CellFinding:
    """A core :class:`Finding` placed at a cell; ``message`` is one Finnish sentence."""

    location: Location
    finding: Finding

    @classmethod
    def at(cls, location: Location, finding: Finding) -> CellFinding:
        """Place a core finding at ``location`` (numbers cleaned of binary noise)."""
        return cls(
            location,
            replace(
                finding,
                where=str(location),
                stated=_clean(finding.stated),
                computed=_clean(finding.computed),
                difference=_clean(finding.difference),
            ),
        )

    @property
    def sheet(self) -> str:
        """The sheet (the seed table id for seed tables)."""
        return self.location.sheet

    @property
    def cell(self) -> str:
        """The A1 address (``column@line`` for seed tables)."""
        return self.location.cell

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def stated(self) -> float | str | None:
        return self.finding.stated

    @property
    def computed(self) -> float | str | None:
        return self.finding.computed

    @property
    def difference(self) -> float | None:
        return self.finding.difference

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    @property
    def message(self) -> str:
        """The explanation in the current language."""
        return str(self.finding.message)

    @property
    def hint(self) -> str:
        return str(self.finding.hint)

    @property
    def where(self) -> str:
        return str(self.location)

    def __str__(self) -> str:
        """One line, as the batch summary lists findings: where, severity, rule, message."""
        return f"{self.where} [{self.severity}] {self.rule}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.finding.severity == "error"

    def as_json(self) -> dict[str, Any]:
        """The object ``xlsrc validate --json`` prints (fields :data:`JSON_FIELDS`)."""
        return {name: getattr(self, name) for name in JSON_FIELDS}

    @property
    def rule_label(self) -> str:
        """The rule as a person reads it ("Muutos €"), in the current language."""
        return rule_label(self.rule)


def error_count(findings: Iterable[CellFinding]) -> int:
    return sum(1 for f in findings if f.is_error)
