"""The equation evaluator: where an error is placed, and what is not reported twice."""

from __future__ import annotations

from xlsrc.core.budget import change_eur
from xlsrc.validation.equations import Derived, Equation, evaluate
from xlsrc.validation.model import Location


def at(cell: str) -> Location:
    return Location("S", cell)


def total(target: str, *parts: str, rule: str = "sum") -> Equation:
    return Equation(at(target), tuple((1.0, at(p)) for p in parts), rule, f"{target} = summa")


def values(**cells: float) -> dict[Location, float]:
    return {at(k): v for k, v in cells.items()}


def test_consistent_numbers_give_nothing() -> None:
    assert evaluate([total("C1", "A1", "B1")], [], values(A1=2, B1=3, C1=5)) == []


def test_a_failing_sum_is_reported_at_its_total() -> None:
    [finding] = evaluate([total("C1", "A1", "B1")], [], values(A1=2, B1=3, C1=9))
    assert (finding.cell, finding.stated, finding.computed, finding.difference) == (
        "C1",
        9.0,
        5.0,
        4.0,
    )
    assert finding.severity == "error" and "ilmoitettu 9" in finding.message


def test_one_unit_off_is_a_rounding_note() -> None:
    [finding] = evaluate([total("C1", "A1", "B1")], [], values(A1=2, B1=3, C1=6))
    assert finding.severity == "note" and "pyöristysero" in finding.message


def test_a_cell_in_two_broken_sums_is_blamed_with_the_value_both_need() -> None:
    # A1 is part of a row total (C1) and a column total (A3); 63 should be 36
    equations = [total("C1", "A1", "B1"), total("A3", "A1", "A2")]
    found = evaluate(equations, [], values(A1=63, B1=4, C1=40, A2=10, A3=46))
    assert [(f.cell, f.stated, f.computed, f.rule) for f in found] == [("A1", 63.0, 36.0, "sum")]
    assert "vaihtanut paikkaa" in found[0].message


def test_no_blame_when_two_cells_explain_the_same_checks() -> None:
    # A1 and B1 both sit in both broken sums with the same coefficients: either could be wrong
    equations = [total("C1", "A1", "B1"), total("C2", "A1", "B1")]
    found = evaluate(equations, [], values(A1=1, B1=2, C1=13, C2=13))
    assert sorted(f.cell for f in found) == ["C1", "C2"]


def test_a_guess_that_breaks_a_holding_check_is_not_made() -> None:
    # A1 would fix C1 and A3, but A1 also sits in D1, which holds as printed
    equations = [total("C1", "A1", "B1"), total("A3", "A1", "A2"), total("D1", "A1")]
    found = evaluate(equations, [], values(A1=63, B1=4, C1=40, A2=10, A3=46, D1=63))
    assert sorted(f.cell for f in found) == ["A3", "C1"]


def test_a_derived_column_that_follows_from_the_corrected_level_is_not_reported() -> None:
    # margin M = T + E is wrong in the new year; the change follows from the right margin
    equations = [total("M1", "T1", "E1"), total("M2", "T2", "E2")]
    change = Derived(
        at("CH"),
        (at("M1"), at("M2")),
        lambda v: change_eur(v[0], v[1], "margin"),
        "change_eur",
        "Muutos €",
    )
    stated = values(T1=10, E1=-50, M1=-40, T2=10, E2=-60, M2=-70, CH=-10)
    found = evaluate(equations, [change], stated)
    assert [(f.cell, f.computed) for f in found] == [("M2", -50.0)]


def test_a_derived_column_wrong_either_way_is_reported_with_the_corrected_input() -> None:
    equations = [total("M1", "T1", "E1"), total("M2", "T2", "E2")]
    change = Derived(
        at("CH"),
        (at("M1"), at("M2")),
        lambda v: change_eur(v[0], v[1], "margin"),
        "change_eur",
        "Muutos €",
    )
    stated = values(T1=10, E1=-50, M1=-40, T2=10, E2=-60, M2=-70, CH=5)
    found = {f.cell: f for f in evaluate(equations, [change], stated)}
    assert found["CH"].computed == -10.0
    assert "korjatulla arvolla" in found["CH"].message


def test_missing_numbers_skip_the_check() -> None:
    assert evaluate([total("C1", "A1", "B1")], [], values(A1=2, C1=9)) == []
