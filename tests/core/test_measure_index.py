"""MeasureIndex answers exactly what pivot_cell / pivot_problems answer over all measures."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from xlsrc.core.errors import XlsrcError
from xlsrc.core.numbers import read_cell
from xlsrc.core.pivot import Measure, MeasureIndex, pivot_cell, pivot_problems
from xlsrc.core.vocab import PROGRAMME_STATUSES

_PROGRAMMES = ["3. Palvelut", "20 Ikääntyneet", "ei numeroa", None, "3.", "4 Tuki"]
_STATUSES = ["2. Etenee suunnitellusti", "3. Haasteita", "tuntematon", None, "1"]
_AMOUNTS: list[str | float | None] = [10.0, 2.5, "1 000", "tekstiä", None, -4.0]


def _measures() -> list[Measure]:
    rows = itertools.product(_PROGRAMMES, _STATUSES, _AMOUNTS)
    return [
        Measure(row, programme, status, read_cell(amount))
        for row, (programme, status, amount) in enumerate(rows, start=1)
    ]


def _outcome(compute: Callable[..., object], *args: object) -> object:
    try:
        return compute(*args)
    except XlsrcError as error:  # the very error both must raise, compared below
        return (type(error), str(error))


@pytest.mark.parametrize("programme", [None, "3", "20", "4", "99"])
def test_every_cell_and_note_matches_the_unindexed_pivot(programme: str | None) -> None:
    measures = _measures()
    index = MeasureIndex(measures)
    for status in [None, *PROGRAMME_STATUSES.statuses]:
        expected = _outcome(pivot_cell, measures, programme, status)
        assert _outcome(index.cell, programme, status) == expected
    assert index.problems(programme) == pivot_problems(measures, programme)
    if programme != "99":
        assert index.problems(programme)  # the fixture does hold unusable rows


def test_clean_measures_sum_per_group() -> None:
    measures = [
        Measure(1, "3. A", "2. Etenee suunnitellusti", read_cell(1.0)),
        Measure(2, "3. A", "3. Haasteita", read_cell(2.0)),
        Measure(3, "4 B", "3. Haasteita", read_cell(4.0)),
    ]
    index = MeasureIndex(measures)
    challenges = PROGRAMME_STATUSES.parse("3. Haasteita")
    assert index.cell("3", challenges) == 2.0
    assert index.cell(None, challenges) == 6.0
    assert index.cell("3", None) == 3.0
    assert index.cell(None, None) == 7.0
    assert index.cell("5", None) is None
