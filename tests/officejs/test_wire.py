"""The batch-call format: each call gives what the registry function gives; errors carry reasons."""

from __future__ import annotations

from typing import Any

import pytest

from xlsrc.core.errors import XlError
from xlsrc.core.text import use_language
from xlsrc.officejs.wire import MAX_CALLS, MalformedCalls, evaluate_calls
from xlsrc.registry import Registry, invoke

REGISTRY = Registry.default()
HEADERS = ["Tila", "Alaraja", "Alaraja mukaan", "Yläraja", "Yläraja mukaan", "Väri", "Värikoodi"]
HEADERS += ["Merkintä", "Märkning", "Label", "Symboli"]
RULES = [
    HEADERS,
    ["vihreä", 0.9, False, 1, True, "green", "63BE7B", "Toteutui", "Uppnått", "Achieved", "●"],
    ["punainen", 0, True, 0.9, True, "red", "F8696B", "Ei toteutunut", "Inte", "Not", "■"],
]


def results(*calls: dict[str, Any]) -> list[Any]:
    return evaluate_calls(REGISTRY, {"calls": list(calls)})["results"]


def test_scalar_and_range_calls_give_the_registry_values() -> None:
    number, change = results(
        {"function": "XS_NUMBER", "args": ["-2 891,2"]},
        {
            "function": "XS_CHANGES",
            "args": [[[100], [None]], [[110], [None]], [["Menot"], [None]], 1],
        },
    )
    assert number == invoke(REGISTRY.get("XS_NUMBER"), "-2 891,2") == -2891.2
    expected = invoke(
        REGISTRY.get("XS_CHANGES"), [[100.0], [None]], [[110.0], [None]], [["Menot"], [None]], 1.0
    )
    assert change == [["" if v is None else v for v in row] for row in expected]


def test_an_error_comes_back_with_the_reason_of_the_core() -> None:
    (bad,) = results({"function": "XS_NUMBER", "args": ["1.234,5"]})
    assert bad["error"] == "#VALUE!"
    assert "1.234,5" in bad["message"]
    (div,) = results({"function": "XS_CHANGE_PCT", "args": [0, 5, "Tulot"]})
    assert div["error"] == "#DIV/0!" and div["message"]


def test_an_error_cell_argument_gives_that_error() -> None:
    (out,) = results({"function": "XS_NUMBER", "args": [{"error": "#N/A"}]})
    assert out["error"] == "#N/A"


def test_array_results_keep_per_row_errors() -> None:
    (bands,) = results({"function": "XS_BANDS", "args": [[[0.95], [1.3], [None]], RULES]})
    assert bands[0] == ["Toteutui"]
    assert bands[1][0]["error"] == XlError.NUM.value
    assert bands[2] == [""]


def test_trailing_blank_optionals_are_the_omitted_default() -> None:
    with_null, without = results(
        {"function": "XS_RATIO_PCT", "args": [1, 3, None]},
        {"function": "XS_RATIO_PCT", "args": [1, 3]},
    )
    assert with_null == without == invoke(REGISTRY.get("XS_RATIO_PCT"), 1.0, 3.0)


def test_unknown_function_is_name_error_not_a_refusal() -> None:
    (out,) = results({"function": "XS_NOPE", "args": []})
    assert out["error"] == "#NAME?"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"calls": "x"},
        {"calls": [{"args": []}]},
        {"calls": [{"function": "XS_NUMBER", "args": ["1", "2"]}]},
        {"calls": [{"function": "XS_NUMBER", "args": [[["1"]]]}]},
        {"calls": [{"function": "XS_BANDS", "args": [[[1], [2, 3]], RULES]}]},
        {"calls": [{"function": "XS_NUMBER", "args": [{"error": "#BOGUS"}]}]},
        {"calls": [{"function": "XS_NUMBER", "args": [{}]}]},
        {"calls": [{"function": "XS_CHANGE", "args": [1]}]},
        {"calls": [{"function": "XS_NUMBER", "args": ["1"]}] * (MAX_CALLS + 1)},
    ],
)
def test_malformed_batches_are_refused_in_finnish(body: dict[str, Any]) -> None:
    with pytest.raises(MalformedCalls) as refused:
        evaluate_calls(REGISTRY, body)
    assert refused.value.exit_code == 2
    assert str(refused.value)


def test_a_malformed_call_is_refused_in_the_language_in_force() -> None:
    body = {"calls": [{"function": "XS_NUMBER", "args": ["1", "2"]}]}
    with pytest.raises(MalformedCalls) as refused:
        evaluate_calls(REGISTRY, body)
    assert str(refused.value) == "kutsu 1 (XS_NUMBER): XS_NUMBER(text) ottaa enintään 1 argumenttia"
    with use_language("sv"):
        assert str(refused.value) == "anrop 1 (XS_NUMBER): XS_NUMBER(text) tar högst 1 argument"


def test_a_core_reason_comes_back_in_the_language_of_the_call() -> None:
    with use_language("sv"):
        (out,) = results({"function": "XS_RATIO_PCT", "args": [1, "abc"]})
    assert out["error"] == "#VALUE!"
    assert out["message"].startswith("nämnare: ")
