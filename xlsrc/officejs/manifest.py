"""The add-in-only XML manifest (``manifest.xml``) with the shared runtime.

One manifest for Excel on Windows, Mac and the web.  It declares:

- the shared runtime: one long-lived page (``taskpane.html``) that runs the
  custom functions, the ribbon commands and the task pane, so they share the
  signed-in token and the batching queue;
- the custom functions (script ``functions.js``, metadata ``functions.json``,
  namespace ``XS``);
- the xlsrc ribbon tab, built from :data:`xlsrc.officejs.commands.BUTTONS`.

Every text a person reads (display name, description, ribbon labels and tips,
the get-started note) is a Finnish catalogue text: the manifest's default
locale is Finnish, and each text carries an ``Override`` per Office locale of
the other languages (:data:`OFFICE_LOCALES`) with its translation, as
Microsoft's localization of add-in manifests documents.  The custom-function
metadata URL is overridden the same way, to the Swedish and English
``functions.json`` (Office's documented way to localise custom functions).

Microsoft's schema fixes the order of elements, so the builder writes them in
that order.  The unified JSON manifest is not generated: Microsoft documents
that it does not support custom-function add-ins yet.  Every URL is absolute,
under ``base_url`` (the service's public address, e.g. behind the county's
TLS proxy); Office refuses add-in pages that are not HTTPS, except that
developers may sideload from ``https://localhost``.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from lxml import etree

from xlsrc import __version__
from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import DEFAULT_LANGUAGE, LANGUAGES, N_, Language, Msg, translate
from xlsrc.officejs.commands import BUTTONS, GROUPS
from xlsrc.officejs.icons import ICON_SIZES, icon_name
from xlsrc.officejs.metadata import METADATA_FILES, NAMESPACE

OFFICE_NS = "http://schemas.microsoft.com/office/appforoffice/1.1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
BT_NS = "http://schemas.microsoft.com/office/officeappbasictypes/1.0"
OV_NS = "http://schemas.microsoft.com/office/taskpaneappversionoverrides"
#: The add-in's Office id: fixed, so every deployment of xlsrc is the same add-in.
ADDIN_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "xlsrc/officejs/add-in"))
#: Path under the service where the add-in's files are served (and written by ``xlsrc officejs``).
ADDIN_PATH = "addin"
DISPLAY_NAME = "xlsrc"
DESCRIPTION = N_(
    "Tavoite-, säästöohjelma- ja talousarviotaulukot, jotka laskevat ja tarkistavat itsensä: "
    "XS-funktiot, tilanneraportti, tarkistukset."
)
GET_STARTED = N_("xlsrc-välilehti ja XS-funktiot ovat käytössä. Avaa paneeli xlsrc-välilehdeltä.")
#: The manifest's default locale: Finnish, the language of the default texts.
DEFAULT_LOCALE = "fi-FI"
#: The Office display languages each other catalogue language is shown for (Office
#: has no Finland-Swedish display language; sv-FI is listed for a setting that names it).
OFFICE_LOCALES: dict[Language, tuple[str, ...]] = {
    "sv": ("sv-SE", "sv-FI"),
    "en": ("en-US", "en-GB"),
}
RIBBON_ICON_SIZES = (16, 32, 80)


def office_version(version: str = __version__) -> str:
    """``0.1.0`` as Office wants it: four dot-separated numbers."""
    parts = [p for p in version.split(".") if p.isdigit()][:4]
    return ".".join(parts + ["0"] * (4 - len(parts)))


def checked_base_url(base_url: str) -> str:
    """``base_url`` without a trailing slash; refuses what Office cannot load."""
    parts = urlsplit(base_url)
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise UnusableInput(
            Msg("{url}: odotettiin osoitetta muodossa https://palvelin[:portti]", url=base_url)
        )
    if parts.scheme == "http" and not local:
        raise UnusableInput(
            Msg(
                "{url}: Office lataa apuohjelman sivut vain HTTPS-osoitteesta "
                "(http kelpaa vain paikalliseen testaukseen, localhost)",
                url=base_url,
            )
        )
    if parts.query or parts.fragment:
        raise UnusableInput(Msg("{url}: osoitteessa ei saa olla kyselyä eikä #-osaa", url=base_url))
    return base_url.rstrip("/")


def _el(parent: etree._Element, ns: str, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)


def _xsi(element: etree._Element, type_name: str) -> etree._Element:
    element.set(f"{{{XSI_NS}}}type", type_name)
    return element


def localized(element: etree._Element, ns: str, text: str) -> etree._Element:
    """``element`` with ``text`` (a catalogue text) as its Finnish ``DefaultValue`` and one
    ``Override`` per Office locale whose language translates it differently."""
    return overridden(element, ns, {language: translate(text, language) for language in LANGUAGES})


def overridden(element: etree._Element, ns: str, values: dict[Language, str]) -> etree._Element:
    """``element`` with the Finnish value as ``DefaultValue`` and the other languages'
    values, where they differ, as ``Override`` children for their Office locales."""
    default = values[DEFAULT_LANGUAGE]
    element.set("DefaultValue", default)
    for language, locales in OFFICE_LOCALES.items():
        if values[language] != default:
            for locale in locales:
                _el(element, ns, "Override", Locale=locale, Value=values[language])
    return element


class _Resources:
    """The manifest's ``Resources``: every resid used is declared exactly once.

    Strings are catalogue texts, written in every language (:func:`localized`);
    a URL may have a value per language (the custom-function metadata).
    """

    def __init__(self) -> None:
        self.images: dict[str, str] = {}
        self.urls: dict[str, str | dict[Language, str]] = {}
        self.short: dict[str, str] = {}
        self.long: dict[str, str] = {}

    def write(self, overrides: etree._Element) -> None:
        resources = _el(overrides, OV_NS, "Resources")
        group = _el(resources, BT_NS, "Images")
        for resid, url in self.images.items():
            _el(group, BT_NS, "Image", id=resid, DefaultValue=url)
        group = _el(resources, BT_NS, "Urls")
        for resid, value in self.urls.items():
            per_language = value if isinstance(value, dict) else dict.fromkeys(LANGUAGES, value)
            overridden(_el(group, BT_NS, "Url", id=resid), BT_NS, per_language)
        for tag, table in (("ShortStrings", self.short), ("LongStrings", self.long)):
            group = _el(resources, BT_NS, tag)
            for resid, text in table.items():
                localized(_el(group, BT_NS, "String", id=resid), BT_NS, text)


def _icon(parent: etree._Element, ns: str) -> None:
    icon = _el(parent, ns, "Icon")
    for size in RIBBON_ICON_SIZES:
        _el(icon, BT_NS, "Image", size=str(size), resid=f"Icon.{size}")


def _ribbon(desktop: etree._Element, res: _Resources) -> None:
    point = _xsi(_el(desktop, OV_NS, "ExtensionPoint"), "PrimaryCommandSurface")
    tab = _el(point, OV_NS, "CustomTab", id="xlsrc.Tab")
    for group_id, group_label in GROUPS.items():
        group = _el(tab, OV_NS, "Group", id=f"xlsrc.{group_id}")
        _el(group, OV_NS, "Label", resid=f"Group.{group_id}")
        res.short[f"Group.{group_id}"] = group_label
        _icon(group, OV_NS)
        for button in (b for b in BUTTONS if b.group == group_id):
            control = _xsi(_el(group, OV_NS, "Control", id=f"xlsrc.{button.id}"), "Button")
            _el(control, OV_NS, "Label", resid=f"{button.id}.Label")
            tip = _el(control, OV_NS, "Supertip")
            _el(tip, OV_NS, "Title", resid=f"{button.id}.Label")
            _el(tip, OV_NS, "Description", resid=f"{button.id}.Tip")
            res.short[f"{button.id}.Label"] = button.label
            res.long[f"{button.id}.Tip"] = button.tip
            _icon(control, OV_NS)
            action = _xsi(_el(control, OV_NS, "Action"), "ExecuteFunction")
            _el(action, OV_NS, "FunctionName").text = button.function
    _el(tab, OV_NS, "Label", resid="Tab.Label")
    res.short["Tab.Label"] = "xlsrc"


def _version_overrides(root: etree._Element, base: str) -> None:
    """The ``VersionOverrides`` block: the shared runtime, custom functions and the ribbon.

    One function because the order of the elements is fixed by the manifest
    schema (Hosts, Runtimes, AllFormFactors, DesktopFormFactor, Resources) and
    every ``resid`` used here must be declared in the resources written last.
    """
    res = _Resources()
    overrides = etree.SubElement(
        root,
        f"{{{OV_NS}}}VersionOverrides",
        nsmap={None: OV_NS},  # type: ignore[dict-item]  # None: lxml's default namespace
    )
    _xsi(overrides, "VersionOverridesV1_0")
    host = _xsi(_el(_el(overrides, OV_NS, "Hosts"), OV_NS, "Host"), "Workbook")
    runtimes = _el(host, OV_NS, "Runtimes")
    _el(runtimes, OV_NS, "Runtime", resid="Taskpane.Url", lifetime="long")
    forms = _el(host, OV_NS, "AllFormFactors")
    functions = _xsi(_el(forms, OV_NS, "ExtensionPoint"), "CustomFunctions")
    for tag, resid in (
        ("Script", "Functions.Script.Url"),
        ("Page", "Taskpane.Url"),
        ("Metadata", "Functions.Metadata.Url"),
    ):
        _el(_el(functions, OV_NS, tag), OV_NS, "SourceLocation", resid=resid)
    _el(functions, OV_NS, "Namespace", resid="Functions.Namespace")
    desktop = _el(host, OV_NS, "DesktopFormFactor")
    started = _el(desktop, OV_NS, "GetStarted")
    _el(started, OV_NS, "Title", resid="GetStarted.Title")
    _el(started, OV_NS, "Description", resid="GetStarted.Description")
    _el(started, OV_NS, "LearnMoreUrl", resid="GetStarted.LearnMoreUrl")
    _el(desktop, OV_NS, "FunctionFile", resid="Taskpane.Url")
    _ribbon(desktop, res)
    addin = f"{base}/{ADDIN_PATH}"
    res.images.update({f"Icon.{s}": f"{addin}/{icon_name(s)}" for s in RIBBON_ICON_SIZES})
    res.urls.update(
        {
            "Taskpane.Url": f"{addin}/taskpane.html",
            "Functions.Script.Url": f"{addin}/functions.js",
            "Functions.Metadata.Url": {
                language: f"{addin}/{name}" for language, name in METADATA_FILES.items()
            },
            "GetStarted.LearnMoreUrl": f"{addin}/taskpane.html",
        }
    )
    res.short.update({"Functions.Namespace": NAMESPACE, "GetStarted.Title": "xlsrc"})
    res.long["GetStarted.Description"] = GET_STARTED
    res.write(overrides)


def manifest_xml(base_url: str) -> bytes:
    """The manifest for an add-in served under ``base_url`` (see :func:`checked_base_url`)."""
    base = checked_base_url(base_url)
    addin = f"{base}/{ADDIN_PATH}"
    root = etree.Element(
        f"{{{OFFICE_NS}}}OfficeApp",
        nsmap={None: OFFICE_NS, "xsi": XSI_NS, "bt": BT_NS},  # type: ignore[dict-item]
    )
    _xsi(root, "TaskPaneApp")
    _el(root, OFFICE_NS, "Id").text = ADDIN_ID
    _el(root, OFFICE_NS, "Version").text = office_version()
    _el(root, OFFICE_NS, "ProviderName").text = "xlsrc"
    _el(root, OFFICE_NS, "DefaultLocale").text = DEFAULT_LOCALE
    _el(root, OFFICE_NS, "DisplayName", DefaultValue=DISPLAY_NAME)
    localized(_el(root, OFFICE_NS, "Description"), OFFICE_NS, DESCRIPTION)
    _el(root, OFFICE_NS, "IconUrl", DefaultValue=f"{addin}/{icon_name(ICON_SIZES[0])}")
    _el(
        root, OFFICE_NS, "HighResolutionIconUrl", DefaultValue=f"{addin}/{icon_name(ICON_SIZES[1])}"
    )
    _el(root, OFFICE_NS, "SupportUrl", DefaultValue=f"{addin}/taskpane.html")
    _el(_el(root, OFFICE_NS, "AppDomains"), OFFICE_NS, "AppDomain").text = base
    _el(_el(root, OFFICE_NS, "Hosts"), OFFICE_NS, "Host", Name="Workbook")
    sets = _el(_el(root, OFFICE_NS, "Requirements"), OFFICE_NS, "Sets", DefaultMinVersion="1.1")
    _el(sets, OFFICE_NS, "Set", Name="SharedRuntime", MinVersion="1.1")
    defaults = _el(root, OFFICE_NS, "DefaultSettings")
    _el(defaults, OFFICE_NS, "SourceLocation", DefaultValue=f"{addin}/taskpane.html")
    _el(root, OFFICE_NS, "Permissions").text = "ReadWriteDocument"
    _version_overrides(root, base)
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return body
