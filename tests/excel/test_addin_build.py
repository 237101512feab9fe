"""``xlsrc build-addin``: reproducible bytes, the VBA project as olevba reads it, the ribbon."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from oletools.olevba import VBA_Parser

from tests.excel.addin_support import (
    CALLBACK_MODULE,
    MACROS,
    built_addin,
    callback_bodies,
    ribbon_buttons,
)
from xlsrc.cli.main import cli
from xlsrc.core.text import use_language
from xlsrc.excel.addin import (
    CUSTOM_UI_FILE,
    CUSTOM_UI_NS,
    CUSTOM_UI_PART,
    UI_RELATIONSHIP,
    ZIP_TIME,
    AddinSourceError,
    build_addin,
    read_sources,
)
from xlsrc.ribbon import CALLBACKS, python_command

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_two_builds_are_the_same_bytes() -> None:
    assert build_addin(MACROS) == build_addin(MACROS)


def test_zip_members_carry_no_build_time() -> None:
    with zipfile.ZipFile(io.BytesIO(built_addin())) as archive:
        infos = archive.infolist()
    assert {i.date_time for i in infos} == {ZIP_TIME}
    assert infos[0].filename == "[Content_Types].xml"
    assert infos[-1].filename == CUSTOM_UI_PART


def test_ribbon_part_and_its_relationship_are_in_the_package() -> None:
    parts = members(built_addin())
    assert parts[CUSTOM_UI_PART] == (MACROS / CUSTOM_UI_FILE).read_bytes()
    rels = etree.fromstring(parts["_rels/.rels"]).findall(RELS)
    ui = [r for r in rels if r.get("Type") == UI_RELATIONSHIP]
    assert [r.get("Target") for r in ui] == [CUSTOM_UI_PART]
    assert len({r.get("Id") for r in rels}) == len(rels)
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension"): d.get("ContentType") for d in types if d.get("Extension")}
    assert defaults["xml"] == "application/xml"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.get("PartName")}
    assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
    assert b"<dc:creator>xlsrc</dc:creator>" in parts["docProps/core.xml"]


def test_olevba_reads_every_module_exactly_as_in_macros(tmp_path: Path) -> None:
    path = tmp_path / "xlsrc.xlam"
    path.write_bytes(built_addin())
    parser = VBA_Parser(str(path), relaxed=False)
    try:
        assert parser.detect_vba_macros()
        modules = {
            stream.split("/")[-1]: code for _, stream, _, code in parser.extract_all_macros()
        }
    finally:
        parser.close()
    paths = [*MACROS.glob("*.bas"), *MACROS.glob("*.cls")]
    sources = {p.stem: p.read_bytes().decode("cp1252") for p in paths}
    assert set(sources) <= set(modules)
    for name, source in sources.items():
        assert modules[name] == source, name
    # Besides ours, only the workbook's document modules, and those without code.
    for name in set(modules) - set(sources):
        assert all(line.startswith("Attribute ") for line in modules[name].splitlines()), name


def test_ribbon_ids_are_unique_and_every_button_has_a_callback() -> None:
    root = etree.parse(str(MACROS / CUSTOM_UI_FILE)).getroot()
    assert root.tag == f"{{{CUSTOM_UI_NS}}}customUI"
    tabs = root.findall(f".//{{{CUSTOM_UI_NS}}}tab")
    assert [t.get("label") for t in tabs] == ["xlsrc"]
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))
    actions = [b.get("onAction") for b in ribbon_buttons()]
    assert sorted(actions) == sorted(CALLBACKS)  # one button per entry point


def test_every_on_action_is_a_sub_with_the_ribbon_signature_running_its_command() -> None:
    bodies = callback_bodies(CALLBACK_MODULE.read_bytes().decode("cp1252"))
    for button in ribbon_buttons():
        action = button.get("onAction")
        assert action in bodies, f"{action}: no Sub {action}(control As IRibbonControl)"
        expected = python_command(CALLBACKS[action])
        assert bodies[action] == [f'RunPython "{expected}"'], action


def test_every_module_name_matches_its_file() -> None:
    for name, text in read_sources(MACROS).modules.items():
        assert re.match(rf'Attribute VB_Name = "{name}"\r\n', text)


def test_a_source_with_unix_line_ends_is_refused(tmp_path: Path) -> None:
    for path in MACROS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    broken = tmp_path / "xlsrc_ribbon.bas"
    broken.write_bytes(broken.read_bytes().replace(b"\r\n", b"\n"))
    with pytest.raises(AddinSourceError, match="xlsrc_ribbon.bas: rivien pitää päättyä CRLF"):
        read_sources(tmp_path)
    with pytest.raises(AddinSourceError) as refused:
        read_sources(tmp_path)
    with use_language("sv"):
        assert "xlsrc_ribbon.bas: raderna ska sluta med CRLF-radbrytning" in str(refused.value)


def test_cli_writes_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "out" / "xlsrc.xlam"
    result = CliRunner().invoke(cli, ["build-addin", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == built_addin()


def test_cli_refuses_a_stale_udf_module(tmp_path: Path) -> None:
    macros = tmp_path / "macros"
    macros.mkdir()
    for path in MACROS.iterdir():
        (macros / path.name).write_bytes(path.read_bytes())
    stale = macros / "xlsrc_udfs.bas"
    stale.write_bytes(stale.read_bytes().replace(b"Function XS_", b"Function XS_OLD_", 1))
    args = ["build-addin", "--macros", str(macros), "--out", str(tmp_path / "a.xlam")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "ei vastaa funktiorekisteriä" in result.output
    assert not (tmp_path / "a.xlam").exists()
    result = CliRunner().invoke(cli, [*args, "--regenerate-udfs"])
    assert result.exit_code == 0, result.output
    assert stale.read_bytes() == (MACROS / "xlsrc_udfs.bas").read_bytes()


def test_project_references_the_office_library_for_iribboncontrol(tmp_path: Path) -> None:
    from pyopenvba import ExcelFile

    path = tmp_path / "xlsrc.xlam"
    path.write_bytes(built_addin())
    with ExcelFile(path) as book:
        libids = [reference.libid.upper() for reference in book.references()]
    # IRibbonControl is declared in the Microsoft Office Object Library (MSO.DLL).
    assert any("{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}" in libid for libid in libids)
    # No reference to the xlwings add-in: it is reached late-bound (xlsrc_xlwings.bas).
    assert not any("XLWINGS" in libid for libid in libids)


def test_only_the_udf_wrappers_are_visible_to_worksheets() -> None:
    modules = read_sources(MACROS).modules
    # RunPython/XLPy from a cell would run any Python: keep the bridge project-private.
    assert "\r\nOption Private Module\r\n" in modules["xlsrc_xlwings"]
    assert "Option Private Module" not in modules["xlsrc_udfs"]


def test_cli_without_pyopenvba_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import xlsrc.excel.vba as vba

    monkeypatch.setitem(sys.modules, "pyopenvba", None)  # as if not installed
    monkeypatch.setattr(vba, "stale_modules", lambda folder: [])
    result = CliRunner().invoke(cli, ["build-addin", "--out", str(tmp_path / "x.xlam")])
    assert result.exit_code == 2
    assert "pip install 'xlsrc[addin]'" in result.output
