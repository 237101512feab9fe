"""functions.json holds every registry function and nothing else, with the same arguments,
in Finnish by default and in Swedish and English in the files the manifest names for them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from xlsrc.core.text import LANGUAGES, Language
from xlsrc.officejs.bundle import static_files
from xlsrc.officejs.metadata import METADATA_FILES
from xlsrc.registry import Registry, excel_function


def served_metadata(language: Language = "fi") -> dict[str, Any]:
    metadata: dict[str, Any] = json.loads(static_files()[METADATA_FILES[language]])
    return metadata


def test_every_registry_function_and_nothing_else_in_every_language() -> None:
    registry = Registry.default()
    assert METADATA_FILES["fi"] == "functions.json"
    for language in LANGUAGES:
        entries = served_metadata(language)["functions"]
        assert [e["id"] for e in entries] == registry.names
        assert [e["name"] for e in entries] == registry.names  # formulas never change


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


def test_finnish_descriptions_are_the_registry_texts() -> None:
    entries = served_metadata()["functions"]
    registry = Registry.default()
    assert {e["id"]: e["description"] for e in entries} == {s.name: s.help for s in registry}
    assert all(len(e["description"]) <= 255 for e in entries)
    band = next(e for e in entries if e["id"] == "XS_BAND")
    assert band["description"] == "Sen sääntötaulukon vyöhykkeen tilateksti, johon arvo osuu."


def test_swedish_metadata_is_translated_from_the_catalogue() -> None:
    finnish = {e["id"]: e for e in served_metadata("fi")["functions"]}
    for entry in served_metadata("sv")["functions"]:
        source = finnish[entry["id"]]
        assert entry["description"] != source["description"], entry["id"]
        assert len(entry["description"]) <= 255
        for swedish, own in zip(entry["parameters"], source["parameters"], strict=True):
            assert swedish["name"] == own["name"]
            assert swedish["description"] != own["description"], (entry["id"], own["name"])
    swedish = {e["id"]: e for e in served_metadata("sv")["functions"]}
    band = swedish["XS_BAND"]
    assert band["description"] == (
        "Statustexten för det intervall i regeltabellen som värdet faller i."
    )
    assert band["parameters"][1]["description"] == "Regeltabellens område (fliken Regler)"
    english = {e["id"]: e for e in served_metadata("en")["functions"]}
    assert english["XS_BAND"]["description"] == (
        "Status label of the band of the rules table that contains the value."
    )


def test_a_function_without_a_description_or_argument_help_cannot_ship() -> None:
    def xs_new(value: object) -> object:
        return value

    with pytest.raises(ValueError, match="XS_NEW: a function needs a description"):
        excel_function(name="XS_NEW", category="x", description=" ", args={"value": "arvo"})(xs_new)
    with pytest.raises(ValueError, match="XS_NEW: argument value needs a help text"):
        excel_function(name="XS_NEW", category="x", description="Uusi.", args={"value": ""})(xs_new)
    without_description: Any = excel_function  # called as a caller who forgot it would
    with pytest.raises(TypeError, match="description"):
        without_description(name="XS_NEW", category="x", args={"value": "arvo"})
