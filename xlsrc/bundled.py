"""Where the non-Python sources live: the checkout, or the copy inside an installed wheel.

``macros/`` (VBA and ribbon sources of ``xlsrc.xlam``) and ``officejs/src/``
(the Office.js add-in) are top-level folders of the repository.  A wheel cannot
install top-level folders, so the build (``setup.py``) copies them, and the
``xlsrc.xlam`` built from ``macros/``, into ``xlsrc/_bundled/``.  Code asks this
module for a folder and gets the checkout's when it runs from one (an editable
install or the tests), else the bundled copy.
"""

from __future__ import annotations

from pathlib import Path

from xlsrc.core.errors import EnvironmentProblem
from xlsrc.core.text import Msg

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent
BUNDLED_DIR = PACKAGE_DIR / "_bundled"
#: Name of the prebuilt add-in inside the bundled folder.
XLAM_NAME = "xlsrc.xlam"


class SourcesMissing(EnvironmentProblem):
    """Neither the checkout nor the installed package has the folder asked for."""


def source_dir(relative: str) -> Path:
    """``CHECKOUT/relative`` if it exists, else ``xlsrc/_bundled/relative``."""
    for base in (CHECKOUT_DIR, BUNDLED_DIR):
        candidate = base / relative
        if candidate.is_dir():
            return candidate
    raise SourcesMissing(
        Msg(
            "{folder}: kansiota ei löydy lähdekoodista ({checkout}) eikä asennetusta paketista "
            "({bundled}); asenna xlsrc uudelleen (pip install xlsrc)",
            folder=relative,
            checkout=str(CHECKOUT_DIR),
            bundled=str(BUNDLED_DIR),
        )
    )


def is_bundled(path: Path) -> bool:
    """True when ``path`` is inside the installed package's bundled copy."""
    return path.resolve().is_relative_to(BUNDLED_DIR)


def bundled_xlam() -> Path | None:
    """The prebuilt ``xlsrc.xlam`` of an installed wheel, if there is one."""
    path = BUNDLED_DIR / XLAM_NAME
    return path if path.is_file() else None
