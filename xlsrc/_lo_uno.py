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


def connect(pipe: str, timeout: float) -> Any:
    """The Desktop of the soffice listening on ``pipe`` (waits for it to come up)."""
    return desktop_of(connect_context(pipe, timeout))


def connect_context(pipe: str, timeout: float) -> Any:
    """The remote component context of the soffice listening on ``pipe``."""
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
    return context


def desktop_of(context: Any) -> Any:
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


def recalculate_to(desktop: Any, path: str, target: str) -> None:
    doc = _load(desktop, path)
    try:
        doc.calculateAll()
        options = _props(FilterName="Calc Office Open XML", Overwrite=True)
        doc.storeToURL(uno.systemPathToFileUrl(target), options)
    finally:
        doc.close(True)


def edit_to(desktop: Any, path: str, target: str, edits: list[dict[str, Any]]) -> None:
    """Open ``path``, make ``edits`` as a user would in LibreOffice, save as xlsx to ``target``.

    An edit is {"op": "insert_rows", "sheet", "row" (1-based), "count"} or
    {"op": "set", "sheet", "row", "column" (1-based), "value"} (a number or a text).
    """
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(path), "_blank", 0, _props(Hidden=True)
    )
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {path}")
    try:
        for edit in edits:
            sheet = doc.Sheets.getByName(edit["sheet"])
            if edit["op"] == "insert_rows":
                sheet.Rows.insertByIndex(int(edit["row"]) - 1, int(edit.get("count", 1)))
            elif edit["op"] == "set":
                cell = sheet.getCellByPosition(int(edit["column"]) - 1, int(edit["row"]) - 1)
                value = edit["value"]
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell.setValue(float(value))
                else:
                    cell.setString(str(value))
            else:
                raise ValueError(f"unknown edit {edit['op']!r}")
        options = _props(FilterName="Calc Office Open XML", Overwrite=True)
        doc.storeToURL(uno.systemPathToFileUrl(target), options)
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
                elif op == "store":
                    recalculate_to(desktop, request["path"], request["target"])
                    answer = {"ok": True}
                elif op == "edit":
                    edit_to(desktop, request["path"], request["target"], request["edits"])
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
