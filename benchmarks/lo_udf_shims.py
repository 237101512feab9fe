"""Teach a warm LibreOffice the xlsrc UDFs, so the benchmark can time it on the same work.

LibreOffice cannot call Python functions from cell formulas directly.  This
installs, into the session's application Basic library, one Basic function
per registry function (``XS_BANDS`` ...) that hands its arguments to a Python
script running inside soffice, which calls the same registry function xlsrc
calls.  Formulas in an imported xlsx bind to those Basic functions by name, so
LibreOffice computes every cell of the UDF workbook - nested calls included -
the way a LibreOffice-based server would have to.

Benchmark-only: the shims return an Excel error as its text and are not a
product path.
"""

from __future__ import annotations

from pathlib import Path

from xlsrc.libreoffice import Session
from xlsrc.registry import FunctionSpec, Registry

ROOT = Path(__file__).resolve().parents[1]

_PYTHON_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from xlsrc.core.errors import XlError
from xlsrc.registry import Registry, invoke

_REGISTRY = Registry.default()


def _cell(value):
    if value == "" or value is None:
        return None
    if isinstance(value, bool) or isinstance(value, str):
        return value
    return float(value)


def _argument(value):
    if isinstance(value, tuple):  # a range: rows of cells
        return [[_cell(v) for v in row] for row in value]
    return _cell(value)


def _result(value):
    if isinstance(value, XlError):
        return value.value
    if isinstance(value, list):
        return tuple(tuple(_result(v) for v in row) for row in value)
    return "" if value is None else value


def call(name, args):
    spec = _REGISTRY.get(name)
    return _result(invoke(spec, *[_argument(a) for a in args]))
"""

_BASIC_HEADER = """
Private oXlsrcScript As Object

Function XlsrcCall(sName As String, vArgs As Variant) As Variant
    If IsNull(oXlsrcScript) Then
        Dim oFactory As Object
        oFactory = createUnoService("com.sun.star.script.provider.MasterScriptProviderFactory")
        oXlsrcScript = oFactory.createScriptProvider("").getScript( _
            "vnd.sun.star.script:xlsrc_shims.py$call?language=Python&location=user")
    End If
    XlsrcCall = XlsrcGrid(oXlsrcScript.invoke(Array(sName, vArgs), Array(), Array()))
End Function

' Python returns rows as nested sequences; an array formula needs a 2-D Basic array.
Function XlsrcGrid(v As Variant) As Variant
    If Not IsArray(v) Then
        XlsrcGrid = v
        Exit Function
    End If
    Dim n As Long, m As Long, i As Long, j As Long
    Dim vFirst As Variant, vRow As Variant, grid() As Variant
    vFirst = v(LBound(v))
    n = UBound(v) - LBound(v) + 1
    m = UBound(vFirst) - LBound(vFirst) + 1
    ReDim grid(n - 1, m - 1)
    For i = 0 To n - 1
        vRow = v(LBound(v) + i)
        For j = 0 To m - 1
            grid(i, j) = vRow(LBound(vRow) + j)
        Next j
    Next i
    XlsrcGrid = grid
End Function
"""


def _basic_function(spec: FunctionSpec) -> str:
    """A Basic function forwarding its (trailing-optional) arguments to ``call``."""
    names = [f"p{i}" for i in range(len(spec.args))]
    params = ", ".join(
        f"Optional {n}" if arg.optional else n for n, arg in zip(names, spec.args, strict=True)
    )
    required = sum(1 for a in spec.args if not a.optional)
    lines = [f"Function {spec.name}({params})"]
    for count in range(required, len(names)):
        keyword = "If" if count == required else "ElseIf"
        lines.append(f"    {keyword} IsMissing({names[count]}) Then")
        lines.append(
            f'        {spec.name} = XlsrcCall("{spec.name}", Array({", ".join(names[:count])}))'
        )
    if len(names) > required:
        lines.append("    Else")
    lines.append(f'        {spec.name} = XlsrcCall("{spec.name}", Array({", ".join(names)}))')
    if len(names) > required:
        lines.append("    End If")
    lines.append("End Function")
    return "\n".join(lines)


def install(office: Session, registry: Registry) -> None:
    """Make ``registry``'s functions callable from formulas in ``office``."""
    if office.context is None:
        raise RuntimeError("UDF shims need an in-process UNO session")
    scripts = office.profile / "user" / "Scripts" / "python"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "xlsrc_shims.py").write_text(_PYTHON_SCRIPT.format(root=str(ROOT)), encoding="utf-8")
    context = office.context
    libraries = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.script.ApplicationScriptLibraryContainer", context
    )
    libraries.loadLibrary("Standard")
    standard = libraries.getByName("Standard")
    source = _BASIC_HEADER + "\n\n".join(_basic_function(spec) for spec in registry)
    if standard.hasByName("XlsrcShims"):
        standard.removeByName("XlsrcShims")
    standard.insertByName("XlsrcShims", source)
