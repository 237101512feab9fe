"""Budget vs actual vs forecast (seed 003): sub-lines, margin, ratios and the frame difference.

* Toimintatuotot = the lines under it (Myyntituotot ... Muut tuotot),
  Toimintakulut = the lines under it, Toimintakate = Toimintatuotot +
  Toimintakulut — in every amount column, the frame difference included;
* "X vs Y %" columns = X / Y in whole per cents as printed (TOT vs TA,
  ENN vs TA, TAE24 vs TA23, TAE24 vs ENN23); a blank ratio cell is not
  checked (the source leaves some blank);
* "KEHYS24 vs TAE24" = TA-esitys 2024 − Kehys 2024
  (:func:`xlsrc.core.budget.frame_difference`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlsrc.core.budget import frame_difference
from xlsrc.core.errors import UndefinedRatio
from xlsrc.core.text import Msg
from xlsrc.validation.equations import Derived
from xlsrc.validation.model import Row, Table
from xlsrc.validation.rules.base import Checks, normalized

AMOUNTS = ("ta2023", "tot_1_6_2023", "enn2023", "tae2024", "kehys2024", "kehys24_vs_tae24")
#: ratio column -> (numerator column, denominator column)
RATIOS = {
    "tot_vs_ta_pct": ("tot_1_6_2023", "ta2023"),
    "enn_vs_ta_pct": ("enn2023", "ta2023"),
    "tae24_vs_ta23_pct": ("tae2024", "ta2023"),
    "tae24_vs_enn23_pct": ("tae2024", "enn2023"),
}
_INCOME, _COSTS, _MARGIN = r"^toimintatuotot\b", r"^toimintakulut\b", r"^toimintakate\b"


def checks(table: Table) -> Checks:
    result = Checks()
    groups = _groups(table)
    for key in AMOUNTS:
        for total, parts in groups.values():
            result.sum_of(
                total.cell(key),
                [(1.0, p.cell(key)) for p in parts],
                "subtotal_sum",
                Msg(
                    "{name} = alla olevien rivien summa ({header})",
                    name=_name(total),
                    header=table.header(key),
                ),
            )
        margin = _find(table, _MARGIN)
        if margin is not None and _INCOME in groups and _COSTS in groups:
            result.sum_of(
                margin.cell(key),
                [(1.0, groups[_INCOME][0].cell(key)), (1.0, groups[_COSTS][0].cell(key))],
                "margin_identity",
                Msg(
                    "Toimintakate = Toimintatuotot + Toimintakulut ({header})",
                    header=table.header(key),
                ),
            )
    for row in table:
        _row_checks(table, row, result)
    return result


def _groups(table: Table) -> dict[str, tuple[Row, list[Row]]]:
    """Toimintatuotot and Toimintakulut, each with the rows printed under it."""
    groups: dict[str, tuple[Row, list[Row]]] = {}
    current: str | None = None
    for row in table:
        label = normalized(row.text("item"))
        heading = next((p for p in (_INCOME, _COSTS, _MARGIN) if re.search(p, label)), None)
        if heading is not None:
            current = heading if heading != _MARGIN else None
            if current is not None:
                groups[current] = (row, [])
        elif current is not None and label:
            groups[current][1].append(row)
    return {k: v for k, v in groups.items() if v[1]}


def _find(table: Table, pattern: str) -> Row | None:
    return next((r for r in table if re.search(pattern, normalized(r.text("item")))), None)


def _name(row: Row) -> str:
    return row.text("item").split(" - ")[0]


def _row_checks(table: Table, row: Row, result: Checks) -> None:
    proposal, frame, diff = row.cell("tae2024"), row.cell("kehys2024"), row.cell("kehys24_vs_tae24")
    if proposal is not None and frame is not None and diff is not None:
        result.derived.append(
            Derived(
                diff.at,
                (proposal.at, frame.at),
                lambda v: frame_difference(v[0], v[1]),
                "frame_difference",
                Msg(
                    "{header} = TA-esitys − Kehys ({name})",
                    header=table.header("kehys24_vs_tae24"),
                    name=_name(row),
                ),
            )
        )
    for ratio_key, (numerator_key, denominator_key) in RATIOS.items():
        ratio, numerator, denominator = (
            row.cell(k) for k in (ratio_key, numerator_key, denominator_key)
        )
        if ratio is None or ratio.is_nil or numerator is None or denominator is None:
            continue
        result.derived.append(
            Derived(
                ratio.at,
                (numerator.at, denominator.at),
                _ratio,
                "ratio_pct",
                f"{table.header(ratio_key)} ({_name(row)})",
                kind="percent",
                decimals=ratio.decimals,
                undefined_reason=lambda v: Msg("jakaja on 0"),
            )
        )


def _ratio(values: Sequence[float]) -> float:
    numerator, denominator = values
    if denominator == 0:
        raise UndefinedRatio(Msg("jakaja on 0"))
    return numerator / denominator
