"""functions.json holds every registry function and nothing else, with the same arguments."""

from __future__ import annotations

import json
from typing import Any

import pytest

from xlsrc.officejs import finnish
from xlsrc.officejs.bundle import static_files
from xlsrc.officejs.finnish import MissingFinnishDescription, finnish_description
from xlsrc.officejs.metadata import functions_metadata
from xlsrc.registry import ArgSpec, FunctionSpec, Registry


def served_metadata() -> dict[str, Any]:
    metadata: dict[str, Any] = json.loads(static_files()["functions.json"])
    return metadata


def test_every_registry_function_and_nothing_else() -> None:
    registry = Registry.default()
    entries = served_metadata()["functions"]
    assert [e["id"] for e in entries] == registry.names
    assert [e["name"] for e in entries] == registry.names


def test_same_arguments_kinds_and_optional_flags() -> None:
    for entry in served_metadata()["functions"]:
        spec = Registry.default().get(entry["id"])
        params = entry["parameters"]
        assert [p["name"] for p in params] == [a.name for a in spec.args]
        assert [p["description"] for p in params] == [a.help for a in spec.args]
        assert [p.get("optional", False) for p in params] == [a.optional for a in spec.args]
        expected = ["matrix" if a.kind == "range" else "scalar" for a in spec.args]
        assert [p["dimensionality"] for p in params] == expected
        result = "matrix" if spec.returns == "array" else "scalar"
        assert entry["result"] == {"type": "any", "dimensionality": result}


def test_descriptions_are_the_finnish_table() -> None:
    entries = served_metadata()["functions"]
    assert {e["id"]: e["description"] for e in entries} == finnish.DESCRIPTIONS
    assert all(len(e["description"]) <= 255 for e in entries)


def test_a_function_without_a_finnish_description_is_refused() -> None:
    def xs_new(value: object) -> object:
        return value

    spec = FunctionSpec("XS_NEW", "new", "x", (ArgSpec("value", "arvo"),), "scalar", xs_new)
    with pytest.raises(MissingFinnishDescription, match="XS_NEW"):
        functions_metadata(Registry([spec]))
    with pytest.raises(MissingFinnishDescription):
        finnish_description("XS_NEW")
