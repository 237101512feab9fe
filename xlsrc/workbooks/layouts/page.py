"""The page footer every printed sheet carries, in the workbook's language.

Templates and the status sheet print the same footer ("Tavoitteet – sivu 2 / 5"),
so it is one catalogue text.  Excel fills the page fields itself when it prints:
``&A`` is the sheet's name, ``&P`` the page and ``&N`` the number of pages.
"""

from __future__ import annotations

from xlsrc.core.text import Language, Msg


def page_footer(language: Language | None = None) -> str:
    """The centre footer code in ``language`` (the current one): "&A – sivu &P / &N"."""
    return Msg("{sheet} – sivu {page} / {pages}", sheet="&A", page="&P", pages="&N").render(
        language
    )
