"""Ribbon entry points (xlsrc.ribbon) against the recording xlwings fake."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

import xlsrc.ribbon as ribbon
from tests.fakes.xlwings_fake import FakeXlwingsModule
from xlsrc.core.errors import UnknownStatus
from xlsrc.core.text import use_language
from xlsrc.excel.udf_help import HEADER, help_rows
from xlsrc.registry import Registry


@pytest.fixture
def xw(monkeypatch: pytest.MonkeyPatch) -> FakeXlwingsModule:
    fake = FakeXlwingsModule()
    monkeypatch.setattr(ribbon, "xw", fake)
    return fake


def caller(xw: FakeXlwingsModule, **kwargs: Any) -> Any:
    return xw.Book(**kwargs).make_caller()


def test_recalculate_asks_excel_to_calculate(xw: FakeXlwingsModule) -> None:
    book = caller(xw)
    ribbon.recalculate()
    assert book.app.calls == [("calculate",)]


def test_export_pdf_writes_the_active_sheet_beside_the_book(xw: FakeXlwingsModule) -> None:
    book = caller(
        xw,
        name="Tavoitteet 2024.xlsm",
        fullname="/data/raportit/Tavoitteet 2024.xlsm",
        sheets=["Tavoitteet", "Tilanne Q3 2024"],
    )
    book.sheets.active = book.sheets["Tilanne Q3 2024"]
    ribbon.export_pdf()
    expected = "/data/raportit/Tavoitteet 2024 - Tilanne Q3 2024.pdf"
    assert book.pdfs == [{"path": expected, "include": "Tilanne Q3 2024", "exclude": None}]
    assert book.app.calls == [("alert", f"PDF tallennettu: {expected}", "xlsrc")]


def test_export_pdf_of_an_unsaved_book_lets_xlwings_choose_the_place(
    xw: FakeXlwingsModule,
) -> None:
    book = caller(xw, name="Book1")
    ribbon.export_pdf()
    assert book.pdfs[0]["path"] is None and book.pdfs[0]["include"] == "Sheet1"
    url = "https://example.sharepoint.com/sites/talous/Tavoitteet.xlsx"
    assert ribbon.pdf_path(url, "Tilanne Q3 2024") is None


def test_udf_help_writes_the_registry_on_its_own_sheet(xw: FakeXlwingsModule) -> None:
    book = caller(xw, sheets=["Tavoitteet", "Säännöt"])
    ribbon.udf_help()
    names = [s.name for s in book.sheets]
    assert names == ["Tavoitteet", "Säännöt", ribbon.HELP_SHEET]
    sheet = book.sheets[ribbon.HELP_SHEET]
    rows = help_rows(Registry.default())
    assert ("value", ("A1", None), rows) in sheet.log
    assert rows[0] == list(HEADER) and len(rows) == len(Registry.default()) + 1
    assert book.sheets.active is sheet
    # A second click rewrites the same sheet instead of adding another.
    ribbon.udf_help()
    assert [s.name for s in book.sheets] == names
    assert ("clear",) in sheet.log


def test_help_rows_name_every_argument_with_its_kind() -> None:
    rows = {row[0]: row for row in help_rows(Registry.default())[1:]}
    for spec in Registry.default():
        row = rows[spec.name]
        assert row[1] == spec.signature and row[4] == spec.help
        lines = row[5].split("\n")
        assert [line.split(" (")[0] for line in lines] == [a.name for a in spec.args]
        for arg, line in zip(spec.args, lines, strict=True):
            assert ("(alue" in line.split(":")[0]) == (arg.kind == "range")
            assert ("valinnainen" in line.split(":")[0]) == arg.optional
            assert line.endswith(f": {arg.help}")


def test_help_rows_come_in_swedish() -> None:
    with use_language("sv"):
        rows = help_rows(Registry.default())
    assert rows[0] == ["Funktion", "Syntax", "Kategori", "Resultat", "Beskrivning", "Argument"]
    band = next(row for row in rows if row[0] == "XS_BANDS")
    assert band[2:5] == [
        "xlsrc statusar",
        "matris (sprids)",
        "XS_BAND för ett område: en statustext per rad; tomma rader förblir tomma.",
    ]
    assert band[5].split("\n")[0] == "values (område): Kolumn med andelar"


@pytest.mark.parametrize(
    ("entry", "module", "function"),
    [
        ("generate_status_sheet", "xlsrc.status_sheet", "generate_in_excel"),
        ("validate", "xlsrc.validation", "validate_in_excel"),
    ],
)
def test_back_end_buttons_hand_the_calling_book_to_their_module(
    xw: FakeXlwingsModule,
    monkeypatch: pytest.MonkeyPatch,
    entry: str,
    module: str,
    function: str,
) -> None:
    book = caller(xw)
    received: list[Any] = []
    backend = types.ModuleType(module)
    setattr(backend, function, received.append)
    monkeypatch.setitem(sys.modules, module, backend)
    getattr(ribbon, entry)()
    assert received == [book]


def test_a_missing_back_end_is_named_in_the_error(
    xw: FakeXlwingsModule, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller(xw)
    monkeypatch.setitem(sys.modules, "xlsrc.validation", None)  # import fails
    book = caller(xw)
    ribbon.validate()  # the button shows it
    [(_, message, _)] = book.app.calls
    assert "xlsrc.validation.validate_in_excel puuttuu" in message
    with pytest.raises(ribbon.RibbonBackendMissing) as raised:
        ribbon._backend("xlsrc.validation", "validate_in_excel")
    assert str(raised.value).startswith(
        "xlsrc.validation.validate_in_excel puuttuu tästä xlsrc-asennuksesta ("
    )
    with use_language("sv"):  # shown in the language in force when Excel shows it
        assert str(raised.value).startswith(
            "xlsrc.validation.validate_in_excel saknas i denna xlsrc-installation ("
        )


def test_the_shipped_back_ends_exist() -> None:
    assert callable(ribbon._backend("xlsrc.status_sheet", "generate_in_excel"))
    assert callable(ribbon._backend("xlsrc.validation", "validate_in_excel"))


def test_each_callback_command_runs_its_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    for name, entry in ribbon.CALLBACKS.items():
        monkeypatch.setattr(ribbon, entry.__name__, lambda n=name: ran.append(n))
    for name, entry in ribbon.CALLBACKS.items():
        exec(ribbon.python_command(entry), {})  # what xlwings' RunPython does with it
        assert ran[-1] == name
    assert sorted(ran) == sorted(ribbon.CALLBACKS)


def raise_from_every_button(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """Make each button's work raise ``error`` (its back end, Excel, the registry)."""

    def fail(*_: Any, **__: Any) -> Any:
        raise error

    for module, function in (
        ("xlsrc.status_sheet", "generate_in_excel"),
        ("xlsrc.validation", "validate_in_excel"),
    ):
        backend = types.ModuleType(module)
        setattr(backend, function, fail)
        monkeypatch.setitem(sys.modules, module, backend)
    monkeypatch.setattr(ribbon, "help_rows", fail)
    from tests.fakes import xlwings_fake

    monkeypatch.setattr(xlwings_fake.FakeApp, "calculate", fail)
    monkeypatch.setattr(xlwings_fake.FakeBook, "to_pdf", fail)


@pytest.mark.parametrize("command", sorted(ribbon.CALLBACKS))
def test_every_button_shows_an_xlsrc_error_in_an_alert(
    xw: FakeXlwingsModule, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A bad setting, a locked quarter, an unreadable book: a message, never a traceback.

    One handler wraps every button (``ribbon._command``), so a back end only raises.
    """
    from xlsrc.reading.settings import WorkbookLayoutError
    from xlsrc.status_sheet.xlwings_writer import ProtectionFailed

    book = caller(xw)
    for error in (
        UnknownStatus("Koontitapa 'keskiarvoton': anna summa tai keskiarvo"),
        WorkbookLayoutError("Säännöt-välilehdeltä puuttuu taulukko"),
        ProtectionFailed("suojaus epäonnistui"),
    ):
        raise_from_every_button(monkeypatch, error)
        ribbon.CALLBACKS[command]()
        assert book.app.calls[-1] == ("alert", str(error), ribbon.ALERT_TITLE), command


@pytest.mark.parametrize("command", sorted(ribbon.CALLBACKS))
def test_a_bug_in_a_button_is_not_hidden_in_an_alert(
    xw: FakeXlwingsModule, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    book = caller(xw)
    raise_from_every_button(monkeypatch, KeyError("Taulukko 5"))
    with pytest.raises(KeyError):
        ribbon.CALLBACKS[command]()
    assert not [call for call in book.app.calls if call[0] == "alert"]
