"""The rules sheet's settings ("Asetus | Arvo"), each value parsed in exactly one place.

The status sheet runs on these settings (which scheme rates the goals and the
tasks, how KPI rows roll up, the trend tolerance, the default assessment
method, the year), and ``xlsrc validate`` has to refuse exactly what the status
sheet refuses, or a workbook that validates clean is then refused when it is
reported on.  So both read them here: :func:`read_rule_settings` parses every
setting with the parsers of :mod:`xlsrc.core.words` (the ones the ``XS_``
functions and the table cells use) and keeps each value it cannot use as a
:class:`SettingProblem` - the error the parser raised and the value's cell.
The status sheet raises the first problem; validation reports them all.

A blank value is no problem: it means the default, as it always has (the
year then has to come from ``--year``, the language is Finnish).  The language
is parsed by :func:`xlsrc.reading.locate.setting_language`, the parser
:func:`~xlsrc.reading.locate.workbook_language` refuses with, so a "Kieli" that
names no language is a problem here too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from xlsrc.core.errors import UnusableInput, XlsrcError
from xlsrc.core.numbers import Number, read_number
from xlsrc.core.text import DEFAULT_LANGUAGE, N_, Joined, Language, Msg, Text, renderings
from xlsrc.core.words import Method, RollUp, parse_method, parse_rollup, scheme_key
from xlsrc.reading.locate import RulesRead, norm, read_schemes, read_settings, setting_language
from xlsrc.reading.source import CellValue, WorkbookSource
from xlsrc.workbooks.layouts import RULES_SHEET

__all__ = [
    "SETTINGS",
    "RuleSettings",
    "SettingProblem",
    "WorkbookLayoutError",
    "read_rule_settings",
    "setting_year",
]

Parsed = TypeVar("Parsed")


class WorkbookLayoutError(UnusableInput):
    """The workbook lacks a table or setting the status sheet needs (message says where)."""


#: Settings (first column of the "Asetus | Arvo" table) and the names they go by.
#: Catalogue texts: a setting is found by its name in any language, and the first name of
#: each is the one an error lists as allowed.
SETTINGS: dict[str, tuple[str, ...]] = {
    "organisation": (N_("Organisaatio"),),
    "year": (N_("Vuosi"), N_("Seurantavuosi")),
    "rollup": (N_("Koontitapa"),),
    "trend_tolerance": (N_("Trendin toleranssi"),),
    "method": (N_("Arviointitapa"), N_("Oletusarviointitapa")),
    "scheme": (N_("Tila-asteikko"), N_("Tavoitteiden asteikko")),
    "task_scheme": (N_("Päätehtävien asteikko"),),
    "language": (N_("Kieli"),),
}


@dataclass(frozen=True)
class SettingProblem:
    """A setting value the status sheet cannot use: which setting, where, and why."""

    key: str
    """The setting's key in :data:`SETTINGS`; "" for a setting name none of them has."""
    where: str
    """"Sheet!A1" of the setting's value."""
    value: CellValue
    error: XlsrcError
    """What the parser raised (its message is the one every path shows)."""

    @property
    def sheet(self) -> str:
        return self.where.rpartition("!")[0]

    @property
    def cell(self) -> str:
        return self.where.rpartition("!")[2]


@dataclass(frozen=True)
class RuleSettings:
    """The settings as parsed (None: not set, or not usable - see ``problems``)."""

    values: Mapping[str, CellValue]
    """Setting key -> its value as typed (blank values left out)."""
    schemes: RulesRead
    scheme: str | None
    task_scheme: str | None
    rollup: RollUp | None
    trend_tolerance: float | None
    method: Method | None
    year: int | None
    language: Language | None
    problems: tuple[SettingProblem, ...]
    """In the order the status sheet has always refused them: unknown names first."""


def _names(names: Sequence[str]) -> set[str]:
    """A setting's names in every language, normalised ("Organisaatio", "Organisation")."""
    return {norm(text) for name in names for text in renderings(name)}


_KEYS: dict[str, str] = {name: key for key, names in SETTINGS.items() for name in _names(names)}


def _setting_place(key: str) -> Msg:
    """Where a setting's word is read, named in the language it is shown in ("Regler:
    Statusskala"): a plain "Säännöt: asetus" named a sheet a Swedish workbook does not have."""
    return Msg("{sheet}: {setting}", sheet=Msg(RULES_SHEET), setting=Msg(SETTINGS[key][0]))


def _scalar(value: object) -> str | float | int | bool | None:
    if value is None or isinstance(value, str | float | int | bool):
        return value
    return str(value)


def _fraction(value: object, where: Text) -> float:
    """A share typed as a number (0,02) or, on the rules sheet, as a per cent text."""
    reading = read_number(_scalar(value))
    if not isinstance(reading, Number) or not 0 <= reading.value < 1:
        raise WorkbookLayoutError(
            Msg("{sheet}: {what} {value!r} ei ole osuus 0–100 %", sheet=Msg(RULES_SHEET),
                what=Msg(SETTINGS["trend_tolerance"][0]), value=value)
        )  # fmt: skip
    return reading.value


#: The years a "Vuosi" setting may state: those ``--year`` takes.
YEARS = range(1900, 3000)


def setting_year(value: object) -> int | None:
    """The year a "Vuosi" value states: a whole number or a text of digits in :data:`YEARS`
    (None otherwise: 2024.5 was read as 2024, and a status sheet "Q2 2024" made of it)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        year = int(value) if float(value).is_integer() else None
    else:
        text = str(value if value is not None else "").strip()
        year = int(text) if text.isascii() and text.isdigit() else None  # "2024²" is no year
    return year if year in YEARS else None


def year_unknown(path: str | None, *, year_option: str | None) -> WorkbookLayoutError:
    """The refusal of a workbook whose year cannot be told.

    Every caller says what the setting must hold; ``year_option`` is how the caller
    itself can be given the year (``--year`` of ``xlsrc status-sheet``, ``year=`` of the
    service), offered too.  ``xlsrc validate``, the ribbon and consolidation have no
    such option, so their message offers none.  Validation's finding is at the
    value's cell already, so ``path`` None: the message does not name the file.
    """
    message: Msg = Msg(
        "vuosi ei selviä (asetus {setting!r} {sheet}-välilehdellä); kirjoita vuosi "
        "numeroin (esim. 2025)",
        setting=Msg(SETTINGS["year"][0]),
        sheet=Msg(RULES_SHEET),
    )
    if year_option:
        message = Msg("{advice} tai anna {option}", advice=message, option=year_option)
    if path:
        message = Msg("{path}: {message}", path=path, message=message)
    return WorkbookLayoutError(message)


def _year(value: CellValue, where: Text) -> int:
    """The year setting's parser; its problem is what validation reports at the value's
    cell (the status sheet, which may be given ``--year``, refuses only when it has no
    year at all)."""
    year = setting_year(value)
    if year is None:
        raise year_unknown(None, year_option=None)
    return year


def _language(value: CellValue, where: Text) -> Language:
    """The "Kieli" value's language; its message names the setting, so no ``where``
    (the finding is at the value's cell).  Only a value typed is parsed: a blank one,
    Finnish, is not a problem."""
    return setting_language(value) or DEFAULT_LANGUAGE


def read_rule_settings(source: WorkbookSource, schemes: RulesRead | None = None) -> RuleSettings:
    """Every setting of the workbook parsed, and every value that cannot be used.

    ``schemes`` is the rules sheet as :func:`read_schemes` read it (read here
    when not given): a scheme setting names one of the workbook's schemes.
    """
    schemes = read_schemes(source) if schemes is None else schemes
    values: dict[str, CellValue] = {}
    places: dict[str, str] = {}
    problems: list[SettingProblem] = []
    for name, (value, where) in read_settings(source).items():
        key = _KEYS.get(name)
        if key is None:
            known = Joined.of(Msg(names[0]) for names in SETTINGS.values())
            error = WorkbookLayoutError(
                Msg("{where}: tuntematon asetus {name!r}; sallitut: {known}", where=where,
                    name=name, known=known)
            )  # fmt: skip
            problems.append(SettingProblem("", where, value, error))
        elif value is not None and str(value).strip() != "" and key not in values:
            values[key] = value
            places[key] = where

    def parsed(key: str, parser: Callable[[CellValue, Text], Parsed]) -> Parsed | None:
        if key not in values:
            return None
        try:
            return parser(values[key], _setting_place(key))
        except XlsrcError as error:
            problems.append(SettingProblem(key, places[key], values[key], error))
            return None

    def scheme(value: CellValue, where: Text) -> str:
        return scheme_key(value, schemes.names, where)

    return RuleSettings(
        values=values,
        schemes=schemes,
        scheme=parsed("scheme", scheme),
        task_scheme=parsed("task_scheme", scheme),
        rollup=parsed("rollup", parse_rollup),
        trend_tolerance=parsed("trend_tolerance", _fraction),
        method=parsed("method", parse_method),
        year=parsed("year", _year),
        language=parsed("language", _language),
        problems=tuple(problems),
    )
