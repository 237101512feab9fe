"""UNO operations on a headless LibreOffice, for :mod:`xlsrc.libreoffice`.

Standard library and ``uno`` only, no xlsrc imports: besides being imported
in-process, this file runs as a JSON-lines worker under the system Python
(the one Debian's python3-uno belongs to) when the project's interpreter
cannot load ``uno``:  ``python3 _lo_uno.py SOFFICE PROFILE_ARG PIPE_NAME``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

#: LibreOffice FormulaError codes -> the Excel error a cell shows (as LibreOffice exports them).
ERRORS = {
    502: "#NUM!",
    503: "#NUM!",
    504: "#VALUE!",
    519: "#VALUE!",
    521: "#NULL!",
    524: "#REF!",
    525: "#NAME?",
    532: "#DIV/0!",
    32767: "#N/A",
}
_FORMULA_VALUE, _FORMULA_STRING, _FORMULA_ERROR = 1, 2, 4
_CONTENT_FORMULA = 16
_LOGICAL = 1024


def connect(pipe: str, timeout: float) -> Any:
    """The Desktop of the soffice listening on ``pipe`` (waits for it to come up)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + timeout
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _props(**values: Any) -> tuple[Any, ...]:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _load(desktop: Any, path: str) -> Any:
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(path), "_blank", 0, _props(Hidden=True, ReadOnly=True)
    )
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {path}")
    return doc


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cells_of(ranges: Any) -> list[tuple[int, int]]:
    out = []
    for address in ranges.getRangeAddresses():
        for row in range(address.StartRow, address.EndRow + 1):
            for col in range(address.StartColumn, address.EndColumn + 1):
                out.append((row, col))
    return out


def sheet_values(doc: Any, sheet: Any) -> dict[str, Any]:
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    last_row, last_col = cursor.RangeAddress.EndRow, cursor.RangeAddress.EndColumn
    data = sheet.getCellRangeByPosition(0, 0, last_col, last_row).getDataArray()
    formats = doc.NumberFormats
    formulas = set(_cells_of(sheet.queryContentCells(_CONTENT_FORMULA)))
    errors = {}
    for row, col in _cells_of(sheet.queryFormulaCells(_FORMULA_ERROR)):
        code = sheet.getCellByPosition(col, row).getError()
        errors[(row, col)] = {"error": ERRORS.get(code, f"Err:{code}")}
    logical = set()
    for row, col in _cells_of(sheet.queryFormulaCells(_FORMULA_VALUE)):
        key = sheet.getCellByPosition(col, row).NumberFormat
        if formats.getByKey(key).Type & _LOGICAL:
            logical.add((row, col))
    out: dict[str, Any] = {}
    for row, line in enumerate(data):
        for col, value in enumerate(line):
            where = (row, col)
            if where in errors:
                value = errors[where]
            elif value == "" and where not in formulas:
                continue
            elif where in logical:
                value = bool(value)
            out[f"{_column(col)}{row + 1}"] = value
    return out


def recalculated_values(desktop: Any, path: str) -> dict[str, dict[str, Any]]:
    doc = _load(desktop, path)
    try:
        doc.calculateAll()
        sheets = doc.Sheets
        return {
            sheets.getByIndex(i).Name: sheet_values(doc, sheets.getByIndex(i))
            for i in range(sheets.getCount())
        }
    finally:
        doc.close(True)


def recalculate_to(desktop: Any, path: str, target: str) -> None:
    doc = _load(desktop, path)
    try:
        doc.calculateAll()
        doc.storeToURL(
            uno.systemPathToFileUrl(target), _props(FilterName="Calc Office Open XML", Overwrite=True)
        )
    finally:
        doc.close(True)


def main(argv: list[str]) -> int:
    soffice, profile_arg, pipe = argv
    process = subprocess.Popen(
        [soffice, profile_arg, "--headless", "--invisible", "--norestore", "--nologo",
         "--nodefault", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    desktop = connect(pipe, 120)
    try:
        for line in sys.stdin:
            request = json.loads(line)
            op = request["op"]
            try:
                if op == "ping":
                    answer: dict[str, Any] = {"ok": True}
                elif op == "values":
                    answer = {"values": recalculated_values(desktop, request["path"])}
                elif op == "store":
                    recalculate_to(desktop, request["path"], request["target"])
                    answer = {"ok": True}
                elif op == "quit":
                    print(json.dumps({"ok": True}), flush=True)
                    break
                else:
                    answer = {"failure": f"unknown op {op}"}
            except Exception as error:
                answer = {"failure": f"{type(error).__name__}: {error}"}
            print(json.dumps(answer), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
