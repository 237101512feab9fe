"""The generated VBA wrapper module: same text as xlwings' generator, committed, complete."""

from __future__ import annotations

import io
import re
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.excel.sample_functions import sample_registry
from tests.fakes.real_xlwings_udfs import RealDecorators
from xlsrc.excel import vba
from xlsrc.excel.xlwings_udfs import UDF_MODULE, build_udfs
from xlsrc.registry import ArgSpec, FunctionSpec, Registry


class _AddinWorkbook:
    """What generate_vba_wrapper reads from the target workbook: its name."""

    Name = "xlsrc.xlam"


def xlwings_generated(registry: Registry) -> str:
    """The wrappers xlwings' own Import Functions writes for our UDFs, CRLF."""
    real = RealDecorators()
    module = types.SimpleNamespace(**build_udfs(registry, real))
    out = io.StringIO()
    real.udfs.generate_vba_wrapper(UDF_MODULE, module, out, _AddinWorkbook())
    return out.getvalue().replace("\n", "\r\n")


def wrappers_only(text: str) -> str:
    """The module without its header lines (xlwings writes those separately)."""
    return text.split("\r\n", 4)[4]


def test_wrappers_equal_what_xlwings_generates_for_the_same_udfs() -> None:
    registry = sample_registry()
    ours = vba.module_text(registry)
    assert wrappers_only(ours) == xlwings_generated(registry)
    assert "Function XS_T_RATIO(part, whole, Optional digits)" in ours


def test_shipped_wrappers_equal_what_xlwings_generates() -> None:
    registry = Registry.default()
    assert wrappers_only(vba.default_module_text()) == xlwings_generated(registry)


def test_header_names_the_module_and_the_app_constant() -> None:
    lines = vba.module_text(sample_registry()).split("\r\n")
    assert lines[0] == 'Attribute VB_Name = "xlsrc_udfs"'
    assert lines[3] == '#Const App = "Microsoft Excel" \'Adjust when using outside of Excel'
    assert all(line.startswith("'") for line in lines[1:3])


def test_committed_module_is_the_generated_one_byte_for_byte() -> None:
    committed = (vba.macros_dir() / "xlsrc_udfs.bas").read_bytes()
    assert committed == vba.default_module_text().encode("ascii"), (
        "macros/xlsrc_udfs.bas is stale: run  python -m xlsrc.excel.vba --write"
    )


def test_committed_module_has_a_wrapper_per_function_with_its_arguments() -> None:
    text = (vba.macros_dir() / "xlsrc_udfs.bas").read_bytes().decode("ascii")
    declared = {
        m.group(1): [p.removeprefix("Optional ") for p in m.group(2).split(", ") if p]
        for m in re.finditer(r"^Function (\w+)\(([^)]*)\)\r$", text, re.M)
    }
    registry = Registry.default()
    assert sorted(declared) == sorted(registry.names)
    for spec in registry:
        assert declared[spec.name] == [a.name for a in spec.args], spec.name
        array = ", ".join(declared[spec.name])
        call = f'XLPy.CallUDF("{UDF_MODULE}", "{spec.name}", Array({array})'
        assert text.count(call) == 2, spec.name  # the Excel branch and the #Else branch


@pytest.mark.parametrize("bad", ["new", "Type", "array", "_x", "x\u00e4", "XS_G"])
def test_names_that_would_not_compile_are_refused(bad: str) -> None:
    spec = FunctionSpec(
        name="XS_G",
        help="h",
        category="t",
        args=(ArgSpec(bad, "help"),),
        returns="scalar",
        func=lambda *a: None,
    )
    with pytest.raises(ValueError, match="XS_G"):
        vba.module_text([spec])


def test_check_mode_reports_stale_files_and_write_mode_fixes_them(tmp_path: Path) -> None:
    (tmp_path / "xlsrc_udfs.bas").write_bytes(b"old")
    assert vba.main(["--check", "--folder", str(tmp_path)]) == 1
    assert vba.main(["--write", "--folder", str(tmp_path)]) == 0
    assert vba.main(["--check", "--folder", str(tmp_path)]) == 0
    for name, text in vba.generated_modules().items():
        assert (tmp_path / name).read_bytes() == text.encode("ascii")
        assert (tmp_path / name).read_bytes() == (vba.macros_dir() / name).read_bytes()


TOKEN = re.compile(r'"((?:[^"]|"")*)"|ChrW\((\d+)\)|(,)|&|_\r\n|\s+')


def vba_values(expression: str) -> list[str]:
    """Evaluate comma-separated VBA string expressions (literals, ChrW(n), &, _ continuations)."""
    values, current, position = [], [], 0
    while position < len(expression):
        match = TOKEN.match(expression, position)
        assert match, f"not a VBA string expression at {expression[position : position + 30]!r}"
        literal, code, comma = match.groups()
        if comma:
            values.append("".join(current))
            current = []
        elif literal is not None:
            current.append(literal.replace('""', '"'))
        elif code is not None:
            current.append(chr(int(code)))
        position = match.end()
    return [*values, "".join(current)]


def vba_value(expression: str) -> str:
    [value] = vba_values(expression)
    return value


@given(st.text())
def test_vba_strings_are_ascii_and_mean_the_text(text: str) -> None:
    expression = vba.vba_string(text)
    assert expression.isascii()
    assert vba_value(expression) == text


def test_help_module_describes_every_function_with_its_registry_texts() -> None:
    text = (vba.macros_dir() / f"{vba.HELP_MODULE_NAME}.bas").read_bytes().decode("ascii")
    assert text == vba.help_module_text(Registry.default())
    statements = re.findall(r"^    Describe (.*?)(?<!_)\r$", text, re.M | re.S)
    described = {}
    for statement in statements:
        values = vba_values(statement)
        described[values[0]] = values[1:]
    registry = Registry.default()
    assert sorted(described) == sorted(registry.names)
    for spec in registry:
        limit = vba.MACRO_OPTIONS_LIMIT
        expected = [spec.category, spec.help[:limit], *(a.help[:limit] for a in spec.args)]
        assert described[spec.name] == expected, spec.name
