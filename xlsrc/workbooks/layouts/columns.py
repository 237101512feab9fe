"""Column shapes several workbook families share, written once."""

from __future__ import annotations

from xlsrc.workbooks.layouts.model import AMOUNT, PERCENT, Column

#: The formula of a "Huomio" column: expanded by :mod:`xlsrc.workbooks.notes` from the
#: table's own columns (text in a number column, an unknown status, a missing value).
NOTE_FORMULA = "{note}"
NOTE_HEADER = "Huomio"


def note_column(width: float = 30) -> Column:
    """The per-row "Huomio" column: why a row's computed cells show an error, in Finnish."""
    return Column(
        "note", NOTE_HEADER, "computed", "note", formula=NOTE_FORMULA, width=width, wrap=True,
        since=2,
    )  # fmt: skip


def amounts(*pairs: tuple[str, str], required: bool = False) -> tuple[Column, ...]:
    """Input amount columns (key, header), in thousands or euros as the table says."""
    return tuple(
        Column(
            key,
            header,
            kind="amount",
            seed_key=key,
            number_format=AMOUNT,
            width=13,
            wrap=True,
            required=required,
        )  # fmt: skip
        for key, header in pairs
    )


def stated_amount(key: str, header: str) -> Column:
    return Column(
        key, f"{header} (ilmoitettu)", "stated", "amount", seed_key=key, number_format=AMOUNT,
        width=13, wrap=True,
    )  # fmt: skip


def stated_percent(key: str, header: str, number_format: str = PERCENT) -> Column:
    return Column(
        key, f"{header} (ilmoitettu)", "stated", "percent", seed_key=key,
        number_format=number_format, width=11, wrap=True,
    )  # fmt: skip


def computed_amount(key: str, header: str, formula: str, recomputes: str | None) -> Column:
    return Column(
        key, header, "computed", "amount", number_format=AMOUNT, width=13, wrap=True,
        recomputes=recomputes, formula=formula,
    )  # fmt: skip
