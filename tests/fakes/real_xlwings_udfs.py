"""xlwings' own ``xlwings.udfs`` loaded on Linux, for comparing against the real thing.

``xlwings/udfs.py`` imports pywin32 (``pythoncom``, ``pywintypes``,
``win32com.client``) at module level but its decorators and
``generate_vba_wrapper`` are plain Python.  We import it with throw-away stub
modules for those three names, then remove the stubs again so no other test
sees them.
"""

from __future__ import annotations

import sys
import types
from typing import Any

_STUBS = ("pythoncom", "pywintypes", "win32com", "win32com.client")


def load_xlwings_udfs() -> Any:
    saved = {name: sys.modules.get(name) for name in (*_STUBS, "xlwings.udfs")}
    try:
        for name in _STUBS:
            sys.modules[name] = types.ModuleType(name)
        sys.modules["pythoncom"].CoInitialize = lambda: None  # type: ignore[attr-defined]
        sys.modules["win32com.client"].Dispatch = lambda *a: None  # type: ignore[attr-defined]
        sys.modules["win32com"].client = sys.modules["win32com.client"]  # type: ignore[attr-defined]
        sys.modules.pop("xlwings.udfs", None)
        import xlwings.udfs as udfs

        return udfs
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


class RealDecorators:
    """``func``/``arg``/``ret`` exactly as ``xlwings`` exports them on Windows."""

    def __init__(self) -> None:
        udfs = load_xlwings_udfs()
        self.udfs = udfs
        self.func = udfs.xlfunc
        self.arg = udfs.xlarg
        self.ret = udfs.xlret
