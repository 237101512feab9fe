"""The manifest: valid against the schema, every resource declared, the ribbon of BUTTONS.

The schema (``manifest_schema/``, see its README) is written from Microsoft's
manifest documentation; Microsoft's own XSDs are in no package this machine can
install.  Both lxml and xmllint validate; broken variants must fail, so the
schema is known to check order, lengths and types.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

from xlsrc.core.errors import UnusableInput
from xlsrc.officejs.commands import BUTTONS
from xlsrc.officejs.manifest import BT_NS, OV_NS, XSI_NS, checked_base_url, manifest_xml

SCHEMA = Path(__file__).with_name("manifest_schema") / "OfficeAppManifest.xsd"
BASE = "https://xlsrc.alue.fi"
NS = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1", "ov": OV_NS, "bt": BT_NS}


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def manifest() -> etree._Element:
    return etree.fromstring(manifest_xml(BASE))


def test_valid_with_lxml_and_xmllint(tmp_path: Path) -> None:
    checker = schema()
    assert checker.validate(manifest()), checker.error_log
    path = tmp_path / "manifest.xml"
    path.write_bytes(manifest_xml(BASE))
    xmllint = shutil.which("xmllint")
    assert xmllint, "xmllint is missing (apt-get install libxml2-utils)"
    done = subprocess.run(
        [xmllint, "--noout", "--schema", str(SCHEMA), str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _swap_version_and_id(root: etree._Element) -> None:
    first, second = root[0], root[1]
    root.remove(second)
    root.insert(0, second)
    assert first is root[1]


def _long_label(root: etree._Element) -> None:
    string = root.find(".//bt:ShortStrings/bt:String", NS)
    string.set("DefaultValue", "x" * 126)


def _bad_action(root: etree._Element) -> None:
    root.find(".//ov:Action", NS).set(f"{{{XSI_NS}}}type", "RunMacro")


def _no_function_file(root: etree._Element) -> None:
    element = root.find(".//ov:FunctionFile", NS)
    element.getparent().remove(element)


@pytest.mark.parametrize(
    "breaks", [_swap_version_and_id, _long_label, _bad_action, _no_function_file]
)
def test_the_schema_catches_a_broken_manifest(breaks: object) -> None:
    root = copy.deepcopy(manifest())
    breaks(root)  # type: ignore[operator]
    assert not schema().validate(root)


def test_every_resource_id_used_is_declared_once() -> None:
    root = manifest()
    declared = [e.get("id") for e in root.iterfind(".//ov:Resources//*[@id]", NS)]
    assert len(declared) == len(set(declared))
    used = {e.get("resid") for e in root.iter() if e.get("resid")}
    assert used <= set(declared), used - set(declared)
    assert set(declared) <= used, set(declared) - used


def test_shared_runtime_custom_functions_and_namespace() -> None:
    root = manifest()
    runtime = root.find(".//ov:Runtimes/ov:Runtime", NS)
    assert runtime.get("lifetime") == "long"
    assert root.find(".//ov:FunctionFile", NS).get("resid") == runtime.get("resid")
    point = root.find(".//ov:AllFormFactors/ov:ExtensionPoint", NS)
    assert point.get(f"{{{XSI_NS}}}type") == "CustomFunctions"
    strings = {e.get("id"): e.get("DefaultValue") for e in root.iterfind(".//bt:String", NS)}
    assert strings[point.find("ov:Namespace", NS).get("resid")] == "XS"
    urls = {e.get("id"): e.get("DefaultValue") for e in root.iterfind(".//bt:Url", NS)}
    assert urls[runtime.get("resid")] == f"{BASE}/addin/taskpane.html"
    assert urls["Functions.Metadata.Url"] == f"{BASE}/addin/functions.json"
    assert all(u.startswith(BASE + "/addin/") for u in urls.values())
    assert root.find("o:Requirements/o:Sets/o:Set", NS).get("Name") == "SharedRuntime"


def test_the_ribbon_has_the_buttons_and_nothing_else() -> None:
    root = manifest()
    controls = root.findall(".//ov:CustomTab//ov:Control", NS)
    assert [c.get("id") for c in controls] == [f"xlsrc.{b.id}" for b in BUTTONS]
    names = [c.find("ov:Action/ov:FunctionName", NS).text for c in controls]
    assert names == [b.function for b in BUTTONS]
    labels = {e.get("id"): e.get("DefaultValue") for e in root.iterfind(".//bt:String", NS)}
    assert [labels[f"{b.id}.Label"] for b in BUTTONS] == [b.label for b in BUTTONS]


@pytest.mark.parametrize("url", ["http://xlsrc.alue.fi", "ftp://x", "https://x.fi/?a=1", "x"])
def test_addresses_office_cannot_load_are_refused(url: str) -> None:
    with pytest.raises(UnusableInput):
        checked_base_url(url)


def test_localhost_over_http_is_allowed_for_testing() -> None:
    assert checked_base_url("http://127.0.0.1:8750/") == "http://127.0.0.1:8750"


def _overrides(element: etree._Element) -> dict[str, str]:
    return {o.get("Locale"): o.get("Value") for o in element.iterfind("bt:Override", NS)}


def test_the_function_metadata_and_the_texts_are_localised_for_swedish_and_english() -> None:
    root = manifest()
    assert root.find("o:DefaultLocale", NS).text == "fi-FI"
    metadata = root.find(".//bt:Url[@id='Functions.Metadata.Url']", NS)
    assert metadata.get("DefaultValue") == f"{BASE}/addin/functions.json"
    assert _overrides(metadata) == {
        "sv-SE": f"{BASE}/addin/functions-sv.json",
        "sv-FI": f"{BASE}/addin/functions-sv.json",
        "en-US": f"{BASE}/addin/functions-en.json",
        "en-GB": f"{BASE}/addin/functions-en.json",
    }
    publish = root.find(".//bt:String[@id='Publish.Label']", NS)
    assert publish.get("DefaultValue") == "Julkaise"
    assert _overrides(publish)["sv-SE"] == "Publicera"
    description = root.find("o:Description", NS)
    swedish = {o.get("Locale"): o.get("Value") for o in description.iterfind("o:Override", NS)}
    assert swedish["sv-FI"].startswith("Mål-, sparprogram- och budgettabeller")
    namespace = root.find(".//bt:String[@id='Functions.Namespace']", NS)
    assert _overrides(namespace) == {}  # XS in every language: nothing to override


def test_the_schema_checks_an_override() -> None:
    root = copy.deepcopy(manifest())
    override = root.find(".//bt:Url[@id='Functions.Metadata.Url']/bt:Override", NS)
    override.set("Value", "not a url")
    assert not schema().validate(root)
