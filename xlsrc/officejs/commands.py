"""The ribbon buttons of the Office.js add-in: one table the manifest and the JS both read.

The same buttons as the VBA add-in's ``macros/customUI14.xml`` (status sheet,
PDF, recalculate, validate, function help) plus publish, which the VBA add-in
does not have yet.  ``function`` is the name the command is registered under
with ``Office.actions.associate`` (``officejs/src/commands.js``); a button with
``taskpane=True`` opens the task pane instead, because it needs the quarter the
user picks there or gives back a file to download.  A test checks that every
function named here is associated in the JS and that the ribbon has these
buttons and no others.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsrc.core.text import N_


@dataclass(frozen=True)
class RibbonButton:
    """One button of the xlsrc tab: id, label and tooltip, group, what it runs.

    ``label`` and ``tip`` are Finnish catalogue texts: the manifest writes them
    in Finnish with an ``Override`` for every other language, and the task pane
    shows them in Finnish.
    """

    id: str
    label: str
    tip: str
    group: str
    function: str
    taskpane: bool = False


#: Group id -> label (a Finnish catalogue text), in ribbon order (the VBA ribbon's groups).
GROUPS: dict[str, str] = {
    "Report": N_("Raportointi"),
    "Check": N_("Laskenta"),
    "Help": N_("Ohje"),
}

BUTTONS: tuple[RibbonButton, ...] = (
    RibbonButton(
        "StatusSheet",
        N_("Tilanneraportti"),
        N_(
            "Luo neljännesvuoden tilanneraportti työkirjan taulukoista. "
            "Menneet neljännekset pysyvät lukittuina."
        ),
        "Report",
        "xlsrcStatusSheet",
        taskpane=True,
    ),
    RibbonButton(
        "ExportPdf",
        N_("Vie PDF"),
        N_("Tulosta valitun neljänneksen tilanneraportti PDF-tiedostoksi."),
        "Report",
        "xlsrcExportPdf",
        taskpane=True,
    ),
    RibbonButton(
        "Publish",
        N_("Julkaise"),
        N_("Tee julkaistava kopio, jossa on vain arvot (ei kaavoja)."),
        "Report",
        "xlsrcPublish",
        taskpane=True,
    ),
    RibbonButton(
        "Recalculate",
        N_("Laske uudelleen"),
        N_("Laske työkirja uudelleen; XS-funktiot lasketaan xlsrc-palvelussa."),
        "Check",
        "xlsrcRecalculate",
    ),
    RibbonButton(
        "Validate",
        N_("Tarkista"),
        N_("Tarkista summat, muutokset ja tilat ja listaa havainnot Tarkistukset-välilehdelle."),
        "Check",
        "xlsrcValidate",
    ),
    RibbonButton(
        "UdfHelp",
        N_("Funktiot"),
        N_("Kirjoita välilehti, jossa on jokainen XS-funktio argumentteineen ja ohjeineen."),
        "Help",
        "xlsrcUdfHelp",
    ),
)
