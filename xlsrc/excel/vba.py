"""The VBA wrapper module for the xlsrc UDFs, generated from the registry.

xlwings' "Import Functions" writes one VBA ``Function`` per UDF that forwards
the call to Python (``XLPy.CallUDF``).  We generate the same text offline, from
the registry, so ``xlsrc.xlam`` carries its UDF declarations as a reviewed text
file (``macros/xlsrc_udfs.bas``) and nobody has to enable "Trust access to the
VBA project object model" to import them.

The body of each wrapper reproduces ``generate_vba_wrapper`` in
``xlwings/udfs.py`` (0.37.8) for our case - positional arguments, optional ones
marked ``Optional``, no ``caller``/``vba`` arguments, no varargs - in the
add-in variant, which passes ``ActiveWorkbook`` (the user's book) instead of
``ThisWorkbook`` (the add-in).  A test runs xlwings' own generator on the same
UDFs and compares.  Lines end in CRLF, as the VBE exports modules.

A second generated module, ``macros/xlsrc_udf_help.bas``, gives the function
wizard its help texts (see :func:`help_module_text`).

Regenerate both after changing the registry::

    python -m xlsrc.excel.vba --write      # rewrites macros/xlsrc_udfs.bas and xlsrc_udf_help.bas
    python -m xlsrc.excel.vba --check      # exit 1 if one is stale
    python -m xlsrc.excel.vba              # prints the wrapper module
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from xlsrc.io.atomic import write_atomic
from xlsrc.registry import FunctionSpec, Registry

#: The VBA module's name (``Attribute VB_Name``) and file stem in ``macros/``.
MODULE_NAME = "xlsrc_udfs"
#: The generated module that gives the function wizard its help texts.
HELP_MODULE_NAME = "xlsrc_udf_help"
#: What Application.MacroOptions accepts per description (xlwings cuts at 255 too).
MACRO_OPTIONS_LIMIT = 255
#: A VBA physical line holds at most 1023 characters; stay well below.
MAX_LINE = 900
#: The Python module xlwings imports to find the UDFs (see xlsrc.excel.xlwings_udfs).
UDF_MODULE = "xlsrc.excel.xlwings_udfs"
CRLF = "\r\n"
INDENT = "    "

#: VBA's reserved identifiers (MS-VBAL 3.3.5.2) and the names the wrapper body
#: uses: an argument so named would not compile or would shadow what the
#: wrapper calls.
RESERVED = frozenset(
    name.casefold()
    for name in """
    Abs AddressOf Any CBool CByte CCur CDate CDbl CDec CInt CLng CLngLng CLngPtr
    CSng CStr CVar CVErr Circle Close Debug DoEvents Fix Input InputB Int LBound
    Len LenB Lock Open Print PSet Put Scale Seek Sgn Shared Spc Tab UBound Unlock
    Write
    And As Boolean ByRef Byte ByVal Call Case Const Currency Date Decimal Declare
    DefBool DefByte DefCur DefDate DefDbl DefInt DefLng DefObj DefSng DefStr DefVar
    Dim Do Double Each Else ElseIf Empty End EndIf Enum Eqv Erase Error Event Exit
    False For Friend Function Get Global GoSub GoTo If Imp Implements In Integer Is
    Let Lib Like Long LongLong LongPtr Loop LSet Me Mod New Next Not Nothing Null
    Object On Option Optional Or ParamArray Preserve Private Property Public
    RaiseEvent ReDim Rem Resume Return RSet Select Set Single Static Step Stop
    String Sub Then To True Type TypeOf Until Variant Wend While With WithEvents
    Xor Attribute Array Err Application ActiveWorkbook ThisWorkbook Range XLPy
    failed
    """.split()
)


def check_vba_names(spec: FunctionSpec) -> None:
    """Refuse names that would make the generated module fail to compile."""
    names = [spec.name, *(a.name for a in spec.args)]
    for name in names:
        if not (name[:1].isascii() and name[:1].isalpha()) or not all(
            c.isascii() and (c.isalnum() or c == "_") for c in name
        ):
            raise ValueError(f"{spec.name}: {name!r} is not a legal VBA identifier")
        if name.casefold() in RESERVED:
            raise ValueError(f"{spec.name}: {name!r} is reserved in the VBA wrapper")
    folded = [n.casefold() for n in names]
    if len(set(folded)) != len(folded):
        raise ValueError(f"{spec.name}: names collide in case-insensitive VBA: {names}")


def wrapper_lines(spec: FunctionSpec, *, workbook: str = "ActiveWorkbook") -> list[str]:
    """The ``Function ... End Function`` block for one UDF, as xlwings writes it."""
    check_vba_names(spec)
    name = spec.name
    params = ", ".join(("Optional " if a.optional else "") + a.name for a in spec.args)
    array = "Array(" + ", ".join(a.name for a in spec.args) + ")"
    call = f'XLPy.CallUDF("{UDF_MODULE}", "{name}", {array}'
    return [
        f"Function {name}({params})",
        f'{INDENT}#If App = "Microsoft Excel" Then',
        f"{INDENT * 2}If TypeOf Application.Caller Is Range Then On Error GoTo failed",
        f"{INDENT * 2}{name} = {call}, {workbook}, Application.Caller)",
        f"{INDENT * 2}Exit Function",
        f"{INDENT}#Else",
        f"{INDENT * 2}{name} = {call})",
        f"{INDENT * 2}Exit Function",
        f"{INDENT}#End If",
        "failed:",
        f"{INDENT}{name} = Err.Description",
        "End Function",
        "",
    ]


def module_text(specs: Iterable[FunctionSpec]) -> str:
    """The whole ``.bas`` module: header, then wrappers sorted like ``dir()`` sorts."""
    lines = [
        f'Attribute VB_Name = "{MODULE_NAME}"',
        "'Autogenerated by xlsrc from its function registry, in the form of xlwings'"
        " Import Functions.",
        "'Do not edit: run  python -m xlsrc.excel.vba --write  to regenerate.",
        '#Const App = "Microsoft Excel" \'Adjust when using outside of Excel',
    ]
    for spec in sorted(specs, key=lambda s: s.name):
        lines.extend(wrapper_lines(spec))
    return CRLF.join(lines) + CRLF


def vba_string(text: str) -> str:
    """``text`` as a VBA string expression in pure ASCII.

    The module is stored in the project's code page, which cannot hold every
    character of the Finnish help texts (U+2212 minus, >=, thin spaces), so
    anything outside printable ASCII becomes ``ChrW(code)``.
    """
    parts: list[str] = []
    run = ""
    for ch in text:
        if " " <= ch <= "~":
            run += '""' if ch == '"' else ch
            continue
        if run:
            parts.append(f'"{run}"')
            run = ""
        parts.append(f"ChrW({ord(ch)})")
    if run or not parts:
        parts.append(f'"{run}"')
    return " & ".join(parts)


def _help_statement(spec: FunctionSpec) -> list[str]:
    """``Describe "XS_X", "category", "help", "arg help"...`` over continuation lines."""
    texts = [spec.help, *(a.help for a in spec.args)]
    values = [vba_string(t[:MACRO_OPTIONS_LIMIT]) for t in texts]
    head = f"{INDENT}Describe {vba_string(spec.name)}, {vba_string(spec.category)}, _"
    lines = [head] + [f"{INDENT * 2}{v}, _" for v in values]
    lines[-1] = lines[-1].removesuffix(", _")
    too_long = [line for line in lines if len(line) > MAX_LINE]
    if too_long:
        raise ValueError(f"{spec.name}: help text too long for one VBA line: {too_long[0][:60]}")
    return lines


def help_module_text(specs: Iterable[FunctionSpec]) -> str:
    """The module that registers each function's help with ``Application.MacroOptions``.

    xlwings' Import Functions calls MacroOptions from Python right after
    importing; an add-in built offline has to do it itself when it opens
    (``ThisWorkbook.Workbook_Open``).  Errors are ignored: without help the
    functions still work, and a failure must never stop the add-in loading.
    """
    lines = [
        f'Attribute VB_Name = "{HELP_MODULE_NAME}"',
        "'Autogenerated by xlsrc from its function registry: the function wizard help of",
        "'the XS_ functions, registered when the add-in opens (ThisWorkbook.Workbook_Open).",
        "'Do not edit: run  python -m xlsrc.excel.vba --write  to regenerate.",
        "Option Explicit",
        "",
        "Public Sub XlsrcRegisterFunctionHelp()",
        f"{INDENT}On Error Resume Next",
    ]
    for spec in sorted(specs, key=lambda s: s.name):
        check_vba_names(spec)
        lines.extend(_help_statement(spec))
    lines += [
        "End Sub",
        "",
        "Private Sub Describe(ByVal functionName As String, ByVal category As String, _",
        f"{INDENT * 2}ByVal description As String, ParamArray argumentHelp() As Variant)",
        f"{INDENT}Dim helps As Variant",
        f"{INDENT}helps = argumentHelp",
        f"{INDENT}Application.MacroOptions "
        'Macro:="\'" & ThisWorkbook.Name & "\'!" & functionName, _',
        f"{INDENT * 2}Description:=description, Category:=category, ArgumentDescriptions:=helps",
        "End Sub",
    ]
    return CRLF.join(lines) + CRLF


def default_module_text() -> str:
    """The wrapper module for every shipped function (what ``xlsrc build-addin`` embeds)."""
    return module_text(Registry.default())


def generated_modules() -> dict[str, str]:
    """File name in ``macros/`` -> text, for every module generated from the registry."""
    registry = Registry.default()
    return {
        f"{MODULE_NAME}.bas": module_text(registry),
        f"{HELP_MODULE_NAME}.bas": help_module_text(registry),
    }


def macros_dir() -> Path:
    """``macros/`` of the source checkout this package runs from."""
    return Path(__file__).resolve().parents[2] / "macros"


def stale_modules(folder: Path) -> list[Path]:
    """The generated modules in ``folder`` that differ from what the registry gives now."""
    return [
        folder / name
        for name, text in generated_modules().items()
        if not (folder / name).is_file() or (folder / name).read_bytes() != text.encode("ascii")
    ]


def write_modules(folder: Path) -> list[Path]:
    """(Re)write every generated module in ``folder``; returns the files written."""
    written = []
    for name, text in generated_modules().items():
        write_atomic(folder / name, text.encode("ascii"))
        written.append(folder / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xlsrc.excel.vba", description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    # Developer's tool (python -m, source checkout only): English, like this module's docstring.
    write = "rewrite the generated .bas files"  # i18n: developer tool, not a user's command
    mode.add_argument("--write", action="store_true", help=write)
    check = "exit 1 if one is stale"  # i18n: developer tool, not a user's command
    mode.add_argument("--check", action="store_true", help=check)
    folder = "default: macros/"  # i18n: developer tool, not a user's command
    parser.add_argument("--folder", type=Path, default=macros_dir(), help=folder)
    args = parser.parse_args(argv)
    if args.write:
        for path in write_modules(args.folder):
            print(f"wrote {path}", file=sys.stderr)
        return 0
    if args.check:
        stale = stale_modules(args.folder)
        for path in stale:
            print(f"{path} is stale: run python -m xlsrc.excel.vba --write", file=sys.stderr)
        return 1 if stale else 0
    sys.stdout.buffer.write(default_module_text().encode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
