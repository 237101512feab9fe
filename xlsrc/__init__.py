"""xlsrc: spreadsheet-native reporting engine.

The pure calculation core lives in :mod:`xlsrc.core`; Excel-facing functions in
:mod:`xlsrc.functions` (described once by :mod:`xlsrc.registry`); adapters for
xlwings, workbook files and the command line sit around them.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


#: The DataFrame API (:mod:`xlsrc.frames`), imported with pandas on first use.
_FRAMES_API = ("read_tables", "read_findings", "recalc_frames")


def __getattr__(name: str) -> Any:
    # xlsrc.recalc(path, ...) without importing the engine until it is used
    if name == "recalc":
        from xlsrc.engine import recalc

        return recalc
    if name in _FRAMES_API:
        import xlsrc.frames

        return getattr(xlsrc.frames, name)
    raise AttributeError(f"module 'xlsrc' has no attribute {name!r}")


def _install_catalogue() -> None:
    # The core translates through an installed catalogue (it does no I/O itself);
    # the .mo files are read only when a message is first shown in a language.
    from xlsrc.i18n import install

    install()


_install_catalogue()
