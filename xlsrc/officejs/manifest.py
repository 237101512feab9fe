"""The add-in-only XML manifest (``manifest.xml``) with the shared runtime.

One manifest for Excel on Windows, Mac and the web.  It declares:

- the shared runtime: one long-lived page (``taskpane.html``) that runs the
  custom functions, the ribbon commands and the task pane, so they share the
  signed-in token and the batching queue;
- the custom functions (script ``functions.js``, metadata ``functions.json``,
  namespace ``XS``);
- the xlsrc ribbon tab, built from :data:`xlsrc.officejs.commands.BUTTONS`.

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
from xlsrc.officejs.commands import BUTTONS, GROUPS
from xlsrc.officejs.icons import ICON_SIZES, icon_name
from xlsrc.officejs.metadata import NAMESPACE

OFFICE_NS = "http://schemas.microsoft.com/office/appforoffice/1.1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
BT_NS = "http://schemas.microsoft.com/office/officeappbasictypes/1.0"
OV_NS = "http://schemas.microsoft.com/office/taskpaneappversionoverrides"
#: The add-in's Office id: fixed, so every deployment of xlsrc is the same add-in.
ADDIN_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "xlsrc/officejs/add-in"))
#: Path under the service where the add-in's files are served (and written by ``xlsrc officejs``).
ADDIN_PATH = "addin"
DISPLAY_NAME = "xlsrc"
DESCRIPTION = (
    "Tavoite-, säästöohjelma- ja talousarviotaulukot, jotka laskevat ja tarkistavat itsensä: "
    "XS-funktiot, tilanneraportti, tarkistukset."
)
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
        raise UnusableInput(f"{base_url}: odotettiin osoitetta muodossa https://palvelin[:portti]")
    if parts.scheme == "http" and not local:
        raise UnusableInput(
            f"{base_url}: Office lataa apuohjelman sivut vain HTTPS-osoitteesta "
            "(http kelpaa vain paikalliseen testaukseen, localhost)"
        )
    if parts.query or parts.fragment:
        raise UnusableInput(f"{base_url}: osoitteessa ei saa olla kyselyä eikä #-osaa")
    return base_url.rstrip("/")


def _el(parent: etree._Element, ns: str, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)


def _xsi(element: etree._Element, type_name: str) -> etree._Element:
    element.set(f"{{{XSI_NS}}}type", type_name)
    return element


class _Resources:
    """The manifest's ``Resources``: every resid used is declared exactly once."""

    def __init__(self) -> None:
        self.images: dict[str, str] = {}
        self.urls: dict[str, str] = {}
        self.short: dict[str, str] = {}
        self.long: dict[str, str] = {}

    def write(self, overrides: etree._Element) -> None:
        resources = _el(overrides, OV_NS, "Resources")
        for tag, table in (
            ("Images", self.images),
            ("Urls", self.urls),
            ("ShortStrings", self.short),
            ("LongStrings", self.long),
        ):
            if not table:
                continue
            group = _el(resources, BT_NS, tag)
            child = {"Images": "Image", "Urls": "Url"}.get(tag, "String")
            for resid, value in table.items():
                _el(group, BT_NS, child, id=resid, DefaultValue=value)


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
            "Functions.Metadata.Url": f"{addin}/functions.json",
            "GetStarted.LearnMoreUrl": f"{addin}/taskpane.html",
        }
    )
    res.short.update({"Functions.Namespace": NAMESPACE, "GetStarted.Title": "xlsrc"})
    res.long["GetStarted.Description"] = (
        "xlsrc-välilehti ja XS-funktiot ovat käytössä. Avaa paneeli xlsrc-välilehdeltä."
    )
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
    _el(root, OFFICE_NS, "DefaultLocale").text = "fi-FI"
    _el(root, OFFICE_NS, "DisplayName", DefaultValue=DISPLAY_NAME)
    _el(root, OFFICE_NS, "Description", DefaultValue=DESCRIPTION)
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
