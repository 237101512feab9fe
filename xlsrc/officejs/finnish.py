"""Finnish descriptions of the worksheet functions, for Excel's formula autocomplete.

The registry's ``help`` is the English first line of each docstring (the docs and
the VBA function wizard use it); the argument help is already Finnish.  Finance
users see the Office.js add-in's function descriptions in Finnish, so each
registry function has one here.  :func:`finnish_description` refuses a function
that has none, so a new function cannot ship in the add-in with an English (or
empty) description; the test checks that this table and the registry hold
exactly the same names.
"""

from __future__ import annotations

from xlsrc.core.errors import InternalError

#: Excel-facing name -> one-line Finnish description (Excel shows up to 255 characters).
DESCRIPTIONS: dict[str, str] = {
    "XS_NUMBER": (
        "Lukee luvun suomalaisessa raporttimuodossa; teksti, joka ei ole luku, antaa #VALUE!."
    ),
    "XS_NUMBERS": (
        "XS_NUMBER alueelle: yksi luku riviä kohden, #VALUE! vain riveillä, joita ei voi lukea."
    ),
    "XS_PIVOT": (
        "Ohjelma × tilannekuva -summat rivisummineen ja summarivein; "
        "ohjelma ilman toimenpiteitä jää tyhjäksi."
    ),
    "XS_PIVOT_CELL": (
        "Yksi pivot-solu: ohjelman ja tilannekuvan summa, tyhjä kun toimenpiteitä ei ole."
    ),
    "XS_PIVOT_NOTE": (
        "Miksi osaa ohjelman toimenpiteistä ei laskettu pivot-soluihin "
        "(tyhjä, kun kaikki laskettiin)."
    ),
    "XS_PROGRAMME_KEY": (
        'Numero, jolla ohjelma tai toimialue yhdistetään: "3. Palvelutuotanto" antaa "3".'
    ),
    "XS_CHANGE": (
        "Muutos €: uusi − vertailuvuosi; menoriveillä (tallennettu negatiivisina) "
        "kustannusten kasvu on positiivinen."
    ),
    "XS_CHANGES": (
        "Alueelle: Muutos € ja Muutos % riveittäin; tyhjät rivit jäävät tyhjiksi, "
        "virheellinen solu ei kaada muita."
    ),
    "XS_CHANGE_PCT": (
        "Muutos %: muutos suhteessa vertailuarvon itseisarvoon, pyöristys puolet ylöspäin; "
        "nollapohjalla #DIV/0!."
    ),
    "XS_RATIOS_PCT": "XS_RATIO_PCT alueelle; tyhjä rivi jää tyhjäksi.",
    "XS_RATIO_PCT": (
        '"X vs Y %": X / Y prosentteina, pyöristys puolet ylöspäin (kokonaiset prosentit).'
    ),
    "XS_ACHIEVEMENT": (
        "Toteutumisaste: 1/0 saavutettu-menetelmälle, suhdeluku tai edistyminen lähtöarvosta."
    ),
    "XS_BAND": "Sen sääntötaulukon vyöhykkeen tilateksti, johon arvo osuu.",
    "XS_BANDS": "XS_BAND alueelle: yksi tilateksti riviä kohden; tyhjät rivit jäävät tyhjiksi.",
    "XS_TARGET_STATUS": (
        'Toteuman tila tavoitteeseen verrattuna; puuttuva toteuma on "Valmistuu myöhemmin".'
    ),
    "XS_TARGET_STATUSES": (
        "XS_TARGET_STATUS alueelle: yksi tila riviä kohden; tyhjät vararivit jäävät tyhjiksi."
    ),
}


class MissingFinnishDescription(InternalError):
    """A registry function without a Finnish description: the add-in is not built."""


def finnish_description(name: str) -> str:
    """The Finnish description of function ``name``; refuses a function that has none."""
    try:
        return DESCRIPTIONS[name.upper()]
    except KeyError:
        raise MissingFinnishDescription(
            f"{name}: funktiolta puuttuu suomenkielinen kuvaus (xlsrc/officejs/finnish.py)"
        ) from None
