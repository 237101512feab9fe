"""The xlwings adapter: metadata the decorators receive, and values in and out."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from tests.excel.sample_functions import RECEIVED, sample_registry
from tests.fakes.real_xlwings_udfs import RealDecorators
from tests.fakes.xlwings_fake import FakeXlwings
from xlsrc.core.errors import XlError
from xlsrc.excel.xlwings_udfs import UDF_MODULE, build_udfs
from xlsrc.registry import Registry


@pytest.fixture(autouse=True)
def _clear_received() -> None:
    RECEIVED.clear()


def test_udf_names_docs_and_categories_come_from_the_registry() -> None:
    registry = sample_registry()
    udfs = build_udfs(registry, FakeXlwings())
    assert sorted(udfs) == ["XS_T_DOUBLE_ALL", "XS_T_RATIO"]
    ratio = udfs["XS_T_RATIO"]
    assert ratio.__name__ == "XS_T_RATIO" and ratio.__module__ == UDF_MODULE
    assert ratio.__doc__ == "Part / whole, rounded; a zero whole is #DIV/0!."
    info = ratio.__xlfunc__  # type: ignore[attr-defined]
    assert info["category"] == "xlsrc test"
    assert [a["name"] for a in info["args"]] == ["part", "whole", "digits"]
    assert [a["doc"] for a in info["args"]] == ["The part", "The whole", "Decimals to round to"]
    assert all(a["options"] == {"err_to_str": True} for a in info["args"])
    assert info["args"][2]["optional"] == 2.0 and "optional" not in info["args"][0]
    double = udfs["XS_T_DOUBLE_ALL"].__xlfunc__  # type: ignore[attr-defined]
    assert double["args"][0]["options"] == {"ndim": 2, "err_to_str": True}
    assert double["ret"]["options"] == {}  # native dynamic arrays: no expand


def test_legacy_expand_marks_only_array_results() -> None:
    udfs = build_udfs(sample_registry(), FakeXlwings(), legacy_expand=True)
    assert udfs["XS_T_DOUBLE_ALL"].__xlfunc__["ret"]["options"] == {"expand": "table"}  # type: ignore[attr-defined]
    assert udfs["XS_T_RATIO"].__xlfunc__["ret"]["options"] == {}  # type: ignore[attr-defined]


def test_values_are_converted_to_the_registry_convention_and_back() -> None:
    udfs = build_udfs(sample_registry(), FakeXlwings())
    ratio = udfs["XS_T_RATIO"]
    assert ratio(1, 3, 3.0) == 0.333
    assert RECEIVED[-1] == (1.0, 3.0, 3.0) and isinstance(RECEIVED[-1][0], float)
    # A typed core error becomes the error's spelling, as xlwings shows errors.
    assert ratio(1.0, None, 2.0) == "#DIV/0!"
    assert RECEIVED[-1][1] is None
    # err_to_str delivers an error cell as its literal; the function sees XlError.
    assert ratio("#N/A", 2.0, 2.0) == "#N/A"
    assert RECEIVED[-1][0] is XlError.NA
    # A date cell is its serial number, as the cell holds it.
    assert ratio(dt.datetime(2024, 1, 1), 45292.0, 0.0) == 1.0
    # A multi-cell range given to a scalar argument is #VALUE!, a 1x1 range its value.
    ratio([[1.0, 2.0]], 1.0, 0.0)
    assert RECEIVED[-1][0] is XlError.VALUE
    assert ratio([[6.0]], 3.0, 0.0) == 2.0


def test_array_results_spill_as_rectangles_with_error_spellings() -> None:
    double = build_udfs(sample_registry(), FakeXlwings())["XS_T_DOUBLE_ALL"]
    assert double([[1.0, "#REF!"], [None, "x"]]) == [[2.0, "#REF!"], [None, "x"]]
    assert RECEIVED[-1] == ([[1.0, XlError.REF], [None, "x"]],)
    assert double(5.0) == [[10.0]]  # a single cell arrives as one row of one cell
    assert double([]) == [["#CALC!"]]


def test_optional_argument_omitted_gets_the_functions_default() -> None:
    ratio = build_udfs(sample_registry(), FakeXlwings())["XS_T_RATIO"]
    params = inspect.signature(ratio).parameters
    assert list(params) == ["part", "whole", "digits"]
    assert params["digits"].default == 2.0
    assert ratio(2.0, 3.0) == 0.67


def test_every_shipped_function_is_exported_with_its_argument_kinds() -> None:
    registry = Registry.default()
    udfs = build_udfs(registry, FakeXlwings())
    assert sorted(udfs) == sorted(registry.names)
    for spec in registry:
        info = udfs[spec.name].__xlfunc__  # type: ignore[attr-defined]
        assert [a["name"] for a in info["args"]] == [a.name for a in spec.args]
        for arg, recorded in zip(spec.args, info["args"], strict=True):
            assert (recorded["options"].get("ndim") == 2) == (arg.kind == "range"), spec.name
            assert recorded["doc"] == arg.help
            assert ("optional" in recorded) == arg.optional


def test_the_udf_module_exports_every_shipped_function_under_its_excel_name() -> None:
    import xlsrc.excel.xlwings_udfs as module

    names = Registry.default().names
    assert sorted(module.__all__) == sorted(names)
    assert all(getattr(module, name).__name__ == name for name in names)


def test_real_xlwings_decorators_accept_the_adapter_and_record_the_same() -> None:
    real = RealDecorators()
    fake_udfs = build_udfs(sample_registry(), FakeXlwings())
    real_udfs = build_udfs(sample_registry(), real)
    for name, udf in real_udfs.items():
        real_info, fake_info = udf.__xlfunc__, fake_udfs[name].__xlfunc__  # type: ignore[attr-defined]
        for key in ("name", "category", "call_in_wizard", "volatile", "sub"):
            assert real_info[key] == fake_info[key], (name, key)
        assert real_info["ret"]["options"] == fake_info["ret"]["options"]
        for real_arg, fake_arg in zip(real_info["args"], fake_info["args"], strict=True):
            assert real_arg == fake_arg
