"""Where Excel loads add-ins from at start-up, per platform, as ``xlwings addin install`` puts them.

xlwings copies its ``.xlam`` into Excel's user start-up folder, which it asks a
running Excel for (``app.startup_path``).  xlsrc installs without starting
Excel, so it uses the folders those calls give on a standard install:

- Windows: ``%APPDATA%\\Microsoft\\Excel\\XLSTART`` (the user's XLSTART; Excel
  opens every workbook and add-in in it at start-up);
- macOS (Excel 2016 and later, sandboxed): ``~/Library/Group Containers/
  UBF8T346G9.Office/User Content.localized/Startup.localized/Excel``.

Pure: the folder is computed from the platform and the environment passed in,
so a test installs into a temporary home folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Msg

Platform = Literal["windows", "mac"]
#: File name of the add-in, as Excel lists it and as ``xlsrc addin`` installs it.
ADDIN_NAME = "xlsrc.xlam"
MAC_STARTUP = (
    "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
)


class NoExcelHere(UnusableInput):
    """The platform has no desktop Excel (Linux): say where to install instead."""


def current_platform(name: str = sys.platform) -> Platform:
    if name.startswith("win"):
        return "windows"
    if name == "darwin":
        return "mac"
    raise NoExcelHere(
        Msg(
            "Exceliä ei ole tälle alustalle ({platform}); anna --platform windows tai mac ja "
            "--home, tai kopioi xlsrc.xlam itse Excelin XLSTART-kansioon",
            platform=name,
        )
    )


def startup_dir(platform: Platform, env: Mapping[str, str], home: Path) -> Path:
    """Excel's user start-up folder on ``platform`` for the user whose home is ``home``."""
    if platform == "windows":
        appdata = env.get("APPDATA")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
        return base / "Microsoft" / "Excel" / "XLSTART"
    return home / MAC_STARTUP


def default_startup_dir(platform: Platform | None = None, home: Path | None = None) -> Path:
    """:func:`startup_dir` for this process's user (``home`` overrides the home folder)."""
    env = dict(os.environ)
    if home is not None:
        env.pop("APPDATA", None)
    return startup_dir(platform or current_platform(), env, home or Path.home())
