"""Excel-facing number reading."""

from __future__ import annotations

from typing import Any

from xlsrc.core.errors import InvalidNumber
from xlsrc.core.numbers import Blank, NotANumber, amount_of, read_number
from xlsrc.core.text import N_, quoted
from xlsrc.functions.cells import about, check, flat, per_row
from xlsrc.registry import excel_function


@excel_function(
    name="XS_NUMBER",
    category=N_("xlsrc luvut"),
    description=N_(
        "Lukee luvun suomalaisessa raporttimuodossa; teksti, joka ei ole luku, antaa #VALUE!."
    ),
    args={"text": N_('Luku suomalaisessa muodossa, esim. "-2 891,2", "13,6 %", "1,0 M€"')},
)
def xs_number(text: Any) -> float | None:
    """Read a number as Finnish reports print it; text that is not a number is #VALUE!.

    "13,6 %" gives 0.136, "1,0 M€" gives 1000000, "-" gives 0, a blank stays blank.
    """
    reading = read_number(check(text))
    amount = amount_of(reading)
    if amount is not None or isinstance(reading, Blank):
        return amount
    assert isinstance(reading, NotANumber)
    raise InvalidNumber(about(quoted(str(text)), reading.reason))


@excel_function(
    name="XS_NUMBERS",
    category=N_("xlsrc luvut"),
    description=N_(
        "XS_NUMBER alueelle: yksi luku riviä kohden, #VALUE! vain riveillä, joita ei voi lukea."
    ),
    args={"texts": (N_("Sarake lukuja tekstinä"), "range")},
    returns="array",
)
def xs_numbers(texts: Any) -> list[list[Any]]:
    """Range form of XS_NUMBER: one number per row, #VALUE! only on unreadable rows."""
    values = flat(texts)
    return per_row(len(values), lambda i: xs_number(values[i]))
