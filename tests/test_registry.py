"""The registry: metadata attached by the decorator, and what every adapter relies on."""

from __future__ import annotations

import inspect

import pytest

from xlsrc.core.errors import InvalidNumber, XlError
from xlsrc.registry import PREFIX, SPEC_ATTRIBUTE, Registry, excel_function, invoke


def test_default_registry_lists_every_function_once() -> None:
    registry = Registry.default()
    assert len(registry) >= 15
    assert all(spec.name.startswith(PREFIX) for spec in registry)
    assert all(spec.name.isidentifier() for spec in registry)  # VBA-legal
    assert "xs_target_status" in registry and "XS_TARGET_STATUS" in registry


def test_specs_match_python_signatures_and_have_help() -> None:
    for spec in Registry.default():
        params = list(inspect.signature(spec.func).parameters.values())
        assert [a.name for a in spec.args] == [p.name for p in params]
        for arg, param in zip(spec.args, params, strict=True):
            assert arg.optional == (param.default is not inspect.Parameter.empty)
            assert arg.help, (spec.name, arg.name)
        assert spec.help and spec.category.startswith("xlsrc")
        if spec.returns == "array":
            assert any(a.kind == "range" for a in spec.args), spec.name


def test_decorator_only_attaches_metadata() -> None:
    def plain(a: float, b: float = 2.0) -> float:
        """Add (a programmer's docstring, never shown to users)."""
        return a + b

    decorated = excel_function(
        name="XS_ADD", category="test", description="Summa.", args={"a": "a", "b": "b"}
    )(plain)
    assert decorated is plain
    assert plain(1.0) == 3.0
    spec = getattr(plain, SPEC_ATTRIBUTE)
    assert spec.signature == "XS_ADD(a, [b])" and spec.help == "Summa."


def test_decorator_refuses_mismatched_args_and_names() -> None:
    def f(a: float) -> float:
        return a

    with pytest.raises(ValueError, match="do not match"):
        excel_function(name="XS_F", category="t", description="F.", args={"x": "x"})(f)
    with pytest.raises(ValueError, match="start with"):
        excel_function(name="SUM", category="t", description="F.", args={"a": "a"})(f)


def test_invoke_turns_typed_errors_into_cell_errors() -> None:
    registry = Registry.default()
    assert invoke(registry.get("XS_NUMBER"), "13,6 %") == pytest.approx(0.136)
    assert invoke(registry.get("XS_NUMBER"), "abc") is XlError.VALUE
    assert invoke(registry.get("XS_CHANGE_PCT"), 0, 100, "Tulot") is XlError.DIV0
    assert invoke(registry.get("XS_NUMBER"), XlError.NA) is XlError.NA  # errors propagate
    assert (
        invoke(registry.get("XS_PIVOT"), [["1"]], [["1"]], [["x"]])
        == [[XlError.VALUE, "", "", "", XlError.VALUE]] * 2
    )  # a number typed as text fails its own cells only
    with pytest.raises(InvalidNumber):
        registry.get("XS_NUMBER").func("abc")  # the plain function raises
