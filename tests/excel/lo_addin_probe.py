"""Open the built add-in in headless LibreOffice and run its ribbon callbacks.

Runs under a Python that has LibreOffice's ``uno`` (Debian: /usr/bin/python3
with python3-uno); standard library, ``uno`` and ``xlsrc/_lo_uno.py`` only.  Input is one JSON
object on stdin, output one JSON object on stdout:

in:  {"soffice", "profile_url", "documents": [paths tried in order],
      "stub_module", "stub_source", "callbacks": [Sub names]}
out: {"loaded": path that opened, "refused": [paths that did not],
      "libraries": {name: {module: source}}, "recorded": {callback: text}}

The stub replaces the module that defines ``RunPython`` with one that records
the command; each callback is then invoked with a stand-in control object
(LibreOffice has no IRibbonControl; VBA-mode Basic accepts any object).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import uno  # type: ignore[import-not-found]

# Reuse the UNO plumbing of xlsrc.libreoffice's worker (stdlib + uno only, so it
# imports under the system Python without the xlsrc package's dependencies).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "xlsrc"))
from _lo_uno import _props as props  # noqa: E402
from _lo_uno import connect  # noqa: E402

ALWAYS_EXECUTE_NO_WARN = 4


def office_toolkit(pipe):
    """The office's awt Toolkit (XToolkitExperimental.processEventsToIdle)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
    return context.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", context)


def script(doc, name):
    return doc.getScriptProvider().getScript(
        f"vnd.sun.star.script:VBAProject.{name}?language=Basic&location=document"
    )


def run(request, desktop, toolkit):
    result = {"loaded": None, "refused": [], "libraries": {}, "recorded": {}}
    doc = None
    for path in request["documents"]:
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(path)),
            "_blank",
            0,
            props(Hidden=True, MacroExecutionMode=ALWAYS_EXECUTE_NO_WARN),
        )
        if doc is not None:
            result["loaded"] = path
            break
        result["refused"].append(path)
    if doc is None:
        return result
    # Let the load-time event macros (ThisWorkbook.Workbook_Open) finish first:
    # LibreOffice runs them from its event queue after loadComponentFromURL
    # returns, and a macro still pending would run amid the callbacks below.
    toolkit.processEventsToIdle()
    try:
        libraries = doc.BasicLibraries
        for name in libraries.getElementNames():
            libraries.loadLibrary(name)
            library = libraries.getByName(name)
            result["libraries"][name] = {m: library.getByName(m) for m in library.getElementNames()}
        project = libraries.getByName("VBAProject")
        project.replaceByName(request["stub_module"], request["stub_source"])
        take = script(doc, f"{request['stub_module']}.XlsrcTakeRecorded")
        for callback in request["callbacks"]:
            take.invoke((), (), ())  # start each callback from an empty record
            try:
                script(doc, f"xlsrc_ribbon.{callback}").invoke((doc,), (), ())
                result["recorded"][callback] = take.invoke((), (), ())[0]
            except Exception as error:  # reported, so the test shows what failed
                result["recorded"][callback] = f"ERROR: {error}"
    finally:
        doc.close(True)
    return result


def main():
    request = json.load(sys.stdin)
    pipe = f"xlsrc_addin_{os.getpid()}"
    office = subprocess.Popen(
        [
            request["soffice"],
            f"-env:UserInstallation={request['profile_url']}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        desktop = connect(pipe, 60.0)
        result = run(request, desktop, office_toolkit(pipe))
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops as soffice exits
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
