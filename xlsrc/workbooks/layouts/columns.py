"""Column shapes several workbook families share, written once."""

from __future__ import annotations

from xlsrc.core.text import N_, Msg, Text
from xlsrc.workbooks.layouts.model import AMOUNT, PERCENT, Column, as_message

#: The formula of a "Huomio" column: expanded by :mod:`xlsrc.workbooks.notes` from the
#: table's own columns (text in a number column, an unknown status, a missing value).
NOTE_FORMULA = "{note}"
NOTE_HEADER = N_("Huomio")


def stated(header: Text) -> Msg:
    """The header of a stated column: "Tavoitesumma (ilmoitettu)" in the workbook's language."""
    return Msg("{header} (ilmoitettu)", header=as_message(header))


def computed(header: Text) -> Msg:
    """The header of a recomputed column: "Muutos € (laskettu)"."""
    return Msg("{header} (laskettu)", header=as_message(header))


def note_column(width: float = 30) -> Column:
    """The per-row "Huomio" column: why a row's computed cells show an error, in words."""
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
        key, stated(header), "stated", "amount", seed_key=key, number_format=AMOUNT,
        width=13, wrap=True,
    )  # fmt: skip


def stated_percent(key: str, header: str, number_format: str = PERCENT) -> Column:
    return Column(
        key, stated(header), "stated", "percent", seed_key=key,
        number_format=number_format, width=11, wrap=True,
    )  # fmt: skip


def computed_amount(key: str, header: Text, formula: str, recomputes: str | None) -> Column:
    return Column(
        key, header, "computed", "amount", number_format=AMOUNT, width=13, wrap=True,
        recomputes=recomputes, formula=formula,
    )  # fmt: skip
