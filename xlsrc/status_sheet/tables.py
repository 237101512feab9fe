"""Find the goal, KPI, task and rules tables in a workbook's grids (pure).

A *grid* is one sheet's used range as rows of cell values, with parallel
rows of formula texts and number formats.  Both the headless reader
(openpyxl) and the Excel reader (xlwings) produce grids, so the two read a
workbook the same way and compute the same checksum.

Tables are found by their Finnish headers, not by fixed positions, so a user
who inserts a column or a title row does not break the status sheet:

* goals — "Nro" with "Strateginen painopiste"/"Otsikko"/"Tavoite";
* KPI values — "Nro" with Q1, Q2, Q3, Q4 (optionally "Tavoitearvo",
  "Arviointitapa", "Paino", "Lähtötaso"); several rows per goal are several
  KPI series, joined to the goal by "Nro"; goals and KPI values may also be one
  table;
* main tasks — "Nro", "Päätehtävät", "Tilanne";
* rules — every status-scheme table on the rules sheet (header row
  :data:`~xlsrc.core.schemes.RULES_HEADERS`) and a settings table with the
  headers "Asetus" | "Arvo" (see :data:`SETTINGS`).

Which scheme rates the goals: the setting "Tila-asteikko" if given, else the
scheme the workbook's own task-status formulas reference, else the only
scheme on the sheet.  A missing required table or column is a
:class:`WorkbookLayoutError` that names the sheet and what was looked for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xlsrc.core.errors import InvalidRule, UnusableInput
from xlsrc.core.numbers import Number, read_number
from xlsrc.core.schemes import RULES_HEADERS, YEAR_END_50_90, StatusScheme
from xlsrc.core.words import Method, RollUp, parse_method, parse_rollup
from xlsrc.engine.refs import col_index
from xlsrc.status_sheet.description import column_letter
from xlsrc.status_sheet.model import (
    CellValue,
    Goal,
    Quarter,
    Rules,
    StatusInputs,
    Task,
)

RULES_SHEET = "Säännöt"
SETTINGS_HEADERS: tuple[str, str] = ("Asetus", "Arvo")


class WorkbookLayoutError(UnusableInput):
    """The workbook lacks a table or column the status sheet needs (message says where)."""


@dataclass(frozen=True)
class Grid:
    """One sheet (0-based rows/columns): values, formula texts (None: constant), formats."""

    name: str
    values: Sequence[Sequence[object]]
    formulas: Sequence[Sequence[str | None]] = ()
    formats: Sequence[Sequence[str | None]] = ()

    def value(self, row: int, column: int) -> object:
        return _at(self.values, row, column)

    def formula(self, row: int, column: int) -> str | None:
        found = _at(self.formulas, row, column)
        return found if isinstance(found, str) else None

    def number_format(self, row: int, column: int) -> str:
        found = _at(self.formats, row, column)
        return found if isinstance(found, str) else ""

    def where(self, row: int, column: int) -> str:
        return f"{self.name}!{column_letter(column + 1)}{row + 1}"


@dataclass(frozen=True)
class Table:
    grid: Grid
    header: int
    columns: dict[str, int]

    def text(self, row: int, key: str) -> str:
        return _text(self.grid.value(row, self.columns[key])) if key in self.columns else ""

    def cell(self, row: int, key: str) -> CellValue:
        return _value(self.grid.value(row, self.columns[key])) if key in self.columns else None

    def rows(self) -> list[int]:
        """Body rows with a key; a fully blank key ends nothing (tables may have gaps)."""
        return [r for r in range(self.header + 1, len(self.grid.values)) if self.text(r, "key")]


GOAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "key": ("Nro", "Tunnus", "Tavoitteen nro"),
    "theme": ("Strateginen painopiste", "Strateginen teema", "Teema"),
    "title": ("Otsikko", "Tavoitteen otsikko"),
    "goal": ("Tavoite", "Tavoite (valtuustotason sitova)"),
    "kpi": ("Mittari (KPI)", "Mittari", "KPI-mittari", "KPI"),
    "responsible": ("Mittarin vastuutaho", "Vastuutaho"),
}
KPI_COLUMNS: dict[str, tuple[str, ...]] = {
    "key": GOAL_COLUMNS["key"],
    "kpi": GOAL_COLUMNS["kpi"],
    "series": ("Mittarin arvo / tilanne", "Mittarisarja", "Sarja"),
    "target": ("Tavoitearvo", "Tavoitetaso", "Tavoite (vertailu)"),
    "baseline": ("Lähtötaso", "Lähtöarvo"),
    "method": ("Arviointitapa", "Menetelmä"),
    "weight": ("Paino", "Painokerroin"),
}
TASK_COLUMNS: dict[str, tuple[str, ...]] = {
    "key": ("Nro", "Tavoitteen nro", "Tavoite nro"),
    "name": ("Päätehtävät", "Päätehtävä", "Tehtävä"),
    "responsible": ("Vastuuhenkilö", "Vastuhenkilö"),
    "description": ("Kuvaus",),
    "progress": ("Tilanne", "Edistyminen", "Valmiusaste"),
    "state": ("Päätehtävän tila", "Tila"),
}
#: Settings (first column of the "Asetus | Arvo" table) and what they mean.
SETTINGS: dict[str, tuple[str, ...]] = {
    "organisation": ("Organisaatio",),
    "year": ("Vuosi", "Seurantavuosi"),
    "rollup": ("Koontitapa",),
    "trend_tolerance": ("Trendin toleranssi",),
    "method": ("Arviointitapa", "Oletusarviointitapa"),
    "scheme": ("Tila-asteikko", "Tavoitteiden asteikko"),
    "task_scheme": ("Päätehtävien asteikko",),
}
#: What a new workbook's settings table holds (the template builder may write these).
DEFAULT_SETTINGS: tuple[tuple[str, object, str], ...] = (
    ("Organisaatio", "", "Tilannekatsauksen otsikkoon"),
    ("Koontitapa", "huonoin", "huonoin, keskiarvo tai painotettu (Paino-sarake)"),
    ("Trendin toleranssi", 0.02, "Muutos enintään tämä osuus tavoitearvosta = ennallaan"),
    ("Arviointitapa", "ratio", "Oletus KPI-riveille: value, met, ratio tai progress"),
)
_QUARTER = re.compile(r"^q([1-4])(?:\s*/?\s*(\d{4}))?$")
_RULES_REF = re.compile(
    r"(?:'((?:[^']|'')+)'|([A-Za-zÅÄÖåäö_][\w.]*))!\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)"
)


def read_inputs(grids: Sequence[Grid], quarter: Quarter, year: int | None = None) -> StatusInputs:
    """The status inputs of ``quarter`` from the workbook's grids."""
    kpis, quarter_cols, header_year = kpi_table(grids)
    goals_table = _goal_table(grids, kpis)
    tasks_table = _find(grids, TASK_COLUMNS, ("key", "name", "progress"))
    settings = read_settings(grids)
    rules = read_rules(grids, settings, tasks_table)
    goals = _goals(goals_table, kpis, quarter_cols)
    tasks = _tasks(tasks_table) if tasks_table is not None else ()
    the_year = year or _int(settings.get("year")) or header_year
    if the_year is None:
        raise WorkbookLayoutError(
            f"{kpis.grid.name}: vuosi ei selviä (otsikko 'Q1 2024' tai asetus 'Vuosi' "
            f"{RULES_SHEET}-välilehdellä); anna --year"
        )
    organisation = _text(settings.get("organisation"))
    return StatusInputs(organisation, the_year, quarter, goals, tasks, rules).as_of(quarter)


# ---------------------------------------------------------------- settings and rules


def read_settings(grids: Sequence[Grid]) -> dict[str, object]:
    """The "Asetus | Arvo" table (rules sheet first): setting key -> value."""
    found: dict[str, object] = {}
    wanted = [norm(h) for h in SETTINGS_HEADERS]
    for grid in _rules_first(grids):
        for r, row in enumerate(grid.values):
            normalised = [norm(c) for c in row]
            for c in range(len(normalised) - 1):
                if normalised[c : c + 2] != wanted:
                    continue
                for below in range(r + 1, len(grid.values)):
                    label = norm(grid.value(below, c)).rstrip(":")
                    if not label:
                        break
                    key = _setting_key(label)
                    if key is None:
                        raise WorkbookLayoutError(
                            f"{grid.where(below, c)}: tuntematon asetus {grid.value(below, c)!r}; "
                            f"sallitut: {', '.join(n[0] for n in SETTINGS.values())}"
                        )
                    value = grid.value(below, c + 1)
                    if value is not None and str(value).strip() != "":
                        found.setdefault(key, value)
    return found


def read_rules(
    grids: Sequence[Grid], settings: Mapping[str, object] | None = None, tasks: Table | None = None
) -> Rules:
    """The rules sheet: status schemes and settings; what was not set is named in defaults."""
    settings = settings if settings is not None else read_settings(grids)
    schemes = _schemes(grids)
    defaults: list[str] = []
    referenced = _referenced_scheme(schemes, tasks)

    def choose(setting: str) -> StatusScheme | None:
        wanted = settings.get(setting)
        if wanted is None:
            return None
        for names, scheme in schemes:
            if norm(wanted) in names:
                return scheme
        titles = "; ".join(sorted({n for names, _ in schemes for n in names})) or "ei yhtään"
        raise WorkbookLayoutError(
            f"{RULES_SHEET}: asteikkoa {wanted!r} (asetus) ei löydy; asteikot: {titles}"
        )

    scheme = choose("scheme") or referenced or (schemes[0][1] if len(schemes) == 1 else None)
    if scheme is None:
        if len(schemes) > 1:
            raise WorkbookLayoutError(
                f"{RULES_SHEET}: useita tila-asteikkoja; valitse asetuksella 'Tila-asteikko'"
            )
        scheme = YEAR_END_50_90
        defaults.append("scheme")
    task_scheme = choose("task_scheme") or referenced or scheme
    if "task_scheme" not in settings and referenced is None:
        defaults.append("task_scheme")

    rollup: RollUp = "worst"
    if "rollup" in settings:
        rollup = parse_rollup(settings["rollup"], f"{RULES_SHEET}: Koontitapa")
    else:
        defaults.append("rollup")
    tolerance = 0.02
    if "trend_tolerance" in settings:
        tolerance = _fraction(settings["trend_tolerance"], "Trendin toleranssi")
    else:
        defaults.append("trend_tolerance")
    method: Method = "ratio"
    if "method" in settings:
        method = _method(settings["method"], f"{RULES_SHEET}: Arviointitapa")
    else:
        defaults.append("method")
    return Rules(scheme, task_scheme, rollup, tolerance, method, tuple(defaults))


@dataclass(frozen=True)
class _Found:
    sheet: str
    header_row: int
    column: int


def _schemes(grids: Sequence[Grid]) -> list[tuple[set[str], StatusScheme]]:
    """Every status-scheme table: (its names: titles above it and its cell), the scheme."""
    return [(names, scheme) for names, scheme, _ in _scheme_tables(grids)]


def _scheme_tables(grids: Sequence[Grid]) -> list[tuple[set[str], StatusScheme, _Found]]:
    wanted = [norm(h) for h in RULES_HEADERS]
    found = []
    for grid in _rules_first(grids):
        for r, row in enumerate(grid.values):
            normalised = [norm(c) for c in row]
            for c in range(len(normalised)):
                if normalised[c : c + len(wanted)] != wanted:
                    continue
                body: list[list[object]] = []
                for below in grid.values[r + 1 :]:
                    cells = list(below[c : c + len(wanted)])
                    if all(v is None or str(v).strip() == "" for v in cells):
                        # Spare empty rows may sit inside the table; stop at two blanks.
                        if body and body[-1] == []:
                            break
                        body.append([])
                        continue
                    body.append(cells)
                titles = [_text(grid.value(r - k, c)) for k in (1, 2) if r - k >= 0]
                title = next((t for t in titles if t and not t.lower().startswith("lähde")), "")
                names = {norm(t) for t in titles if t} | {norm(grid.where(r, c))}
                try:
                    scheme = StatusScheme.from_rows(
                        [b for b in body if b],
                        scheme_id=grid.where(r, c),
                        name=title or grid.where(r, c),
                    )
                except InvalidRule as error:
                    raise WorkbookLayoutError(f"{grid.where(r, c)}: {error}") from error
                found.append((names, scheme, _Found(grid.name, r, c)))
    return found


def _referenced_scheme(
    schemes: list[tuple[set[str], StatusScheme]], tasks: Table | None
) -> StatusScheme | None:
    """The scheme whose range the task table's status formulas read, if any."""
    if tasks is None:
        return None
    grid = tasks.grid
    # Locate scheme tables again with their positions (cheap: the rules sheet is small).
    return _scheme_at_references(schemes, grid)


def _scheme_at_references(
    schemes: list[tuple[set[str], StatusScheme]], grid: Grid
) -> StatusScheme | None:
    positions = {
        (norm(s.scheme_id.split("!")[0]), _row_col(s.scheme_id.split("!")[1])): s
        for _, s in schemes
        if "!" in s.scheme_id
    }
    for row in grid.formulas:
        for formula in row:
            if not formula:
                continue
            for match in _RULES_REF.finditer(formula):
                sheet = (match[1] or match[2] or "").replace("''", "'")
                first_row, first_col = int(match[4]), col_index(match[3])
                key = (norm(sheet), (first_row - 1, first_col))
                if key in positions:
                    return positions[key]
    return None


def _row_col(a1: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Z]+)(\d+)", a1)
    assert match is not None
    return int(match[2]), col_index(match[1])


# ---------------------------------------------------------------- goals and KPIs


def kpi_table(grids: Sequence[Grid]) -> tuple[Table, dict[int, int], int | None]:
    """The KPI-values table, its Q1..Q4 columns, and the year if the headers print one."""
    for grid in grids:
        for r, row in enumerate(grid.values[:30]):
            quarters: dict[int, int] = {}
            year: int | None = None
            for c, cell in enumerate(row):
                match = _QUARTER.match(norm(cell))
                if match and int(match[1]) not in quarters:
                    quarters[int(match[1])] = c
                    year = int(match[2]) if match[2] else year
            columns = _columns(row, KPI_COLUMNS)
            if "key" in columns and len(quarters) == 4:
                return Table(grid, r, columns), quarters, year
    raise WorkbookLayoutError(
        "mittariarvojen taulukkoa ei löydy: tarvitaan otsikot Nro ja Q1, Q2, Q3, Q4 "
        f"(välilehdet: {', '.join(g.name for g in grids)})"
    )


def _goal_table(grids: Sequence[Grid], kpis: Table) -> Table:
    own = _columns(kpis.grid.values[kpis.header], GOAL_COLUMNS)
    if "theme" in own:
        return Table(kpis.grid, kpis.header, own)
    found = _find(grids, GOAL_COLUMNS, ("key", "theme"), exclude=kpis.grid.name)
    if found is None:
        raise WorkbookLayoutError(
            "tavoitetaulukkoa ei löydy: tarvitaan otsikot Nro ja Strateginen painopiste"
        )
    return found


def _goals(goals: Table, kpis: Table, quarters: Mapping[int, int]) -> tuple[Goal, ...]:
    kpi_rows: dict[str, list[int]] = {}
    for r in kpis.rows():
        kpi_rows.setdefault(kpis.text(r, "key"), []).append(r)
    goal_rows = {goals.text(r, "key"): r for r in goals.rows()} if goals is not kpis else {}
    for key, rows in kpi_rows.items():
        if goals is not kpis and key not in goal_rows:
            raise WorkbookLayoutError(
                f"{kpis.grid.where(rows[0], kpis.columns['key'])}: Nro {key!r} ei ole "
                f"tavoitetaulukossa ({goals.grid.name})"
            )
    order = list(goal_rows) if goals is not kpis else list(kpi_rows)
    result = []
    for goal_id in order:
        rows = kpi_rows.get(goal_id, [])
        info = goal_rows.get(goal_id, rows[0] if rows else -1)
        assert isinstance(info, int)
        candidates: list[int | None] = [*rows] if rows else [None]
        for index, kpi_row in enumerate(candidates):
            key = goal_id if len(rows) <= 1 else f"{goal_id}.{index + 1}"
            result.append(_goal(goals, info, kpis, kpi_row, quarters, goal_id, key))
    return tuple(result)


def _goal(
    goals: Table,
    info: int,
    kpis: Table,
    r: int | None,
    quarters: Mapping[int, int],
    goal_id: str,
    key: str,
) -> Goal:
    def pick(name: str) -> str:
        if r is not None and name in kpis.columns and kpis.text(r, name):
            return kpis.text(r, name)
        return goals.text(info, name) if name in goals.columns else ""

    kpi, series = pick("kpi"), (kpis.text(r, "series") if r is not None else "")
    if series:
        kpi = f"{series} ({kpi})" if kpi else series
    values: tuple[CellValue, ...] = (None, None, None, None)
    number_format = ""
    if r is not None:
        values = tuple(_value(kpis.grid.value(r, quarters[q])) for q in (1, 2, 3, 4))
        number_format = next(
            (
                kpis.grid.number_format(r, quarters[q])
                for q in (1, 2, 3, 4)
                if kpis.grid.number_format(r, quarters[q]) not in ("", "General")
            ),
            "",
        )
    source = kpis if r is not None else goals
    row = r if r is not None else info
    method = pick("method")
    weight_text = pick("weight")
    return Goal(
        key=key,
        goal_id=goal_id,
        theme=pick("theme"),
        title=pick("title") or pick("goal"),
        kpi=kpi,
        target=pick("target"),
        values=values,  # type: ignore[arg-type]
        baseline=_value(pick("baseline")) if pick("baseline") else None,
        method=_method(method, source.grid.where(row, 0)) if method else None,
        weight=_weight(weight_text, source.grid.where(row, 0)),
        responsible=pick("responsible"),
        source=source.grid.where(row, source.columns["key"]),
        number_format=number_format,
    )


# ---------------------------------------------------------------- tasks


def _find(
    grids: Sequence[Grid],
    spec: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
    exclude: str = "",
) -> Table | None:
    for grid in grids:
        if grid.name == exclude:
            continue
        for r, row in enumerate(grid.values[:30]):
            columns = _columns(row, spec)
            if all(k in columns for k in required):
                return Table(grid, r, columns)
    return None


def _tasks(table: Table) -> tuple[Task, ...]:
    tasks = []
    for r in table.rows():
        name = table.text(r, "name")
        if not name:
            continue
        state = None
        if "state" in table.columns and table.grid.formula(r, table.columns["state"]) is None:
            # A computed state column is an output of the same rules, not an input.
            state = table.text(r, "state") or None
        tasks.append(
            Task(
                goal_key=table.text(r, "key"),
                name=name,
                responsible=table.text(r, "responsible"),
                description=table.text(r, "description"),
                progress=table.cell(r, "progress"),
                state=state,
                source=table.grid.where(r, table.columns["name"]),
            )
        )
    return tuple(tasks)


# ---------------------------------------------------------------- cells


def _rules_first(grids: Sequence[Grid]) -> list[Grid]:
    return sorted(grids, key=lambda g: norm(g.name) != norm(RULES_SHEET))


def _columns(row: Sequence[object], spec: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    columns: dict[str, int] = {}
    normalised = [norm(c) for c in row]
    for key, names in spec.items():
        for name in names:
            if norm(name) in normalised:
                columns[key] = normalised.index(norm(name))
                break
    return columns


def _setting_key(label: str) -> str | None:
    for key, names in SETTINGS.items():
        if label in (norm(n) for n in names):
            return key
    return None


def _at(rows: Sequence[Sequence[object]], row: int, column: int) -> object:
    if 0 <= row < len(rows) and 0 <= column < len(rows[row]):
        return rows[row][column]
    return None


def norm(value: object) -> str:
    """Header comparison form: NFC, single spaces, case-folded."""
    text = unicodedata.normalize("NFC", str(value if value is not None else ""))
    return re.sub(r"\s+", " ", text).strip().casefold()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[ \t]+", " ", unicodedata.normalize("NFC", str(value))).strip()


def _value(value: object) -> CellValue:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    text = _text(value)
    return text or None


def _int(value: object) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    text = _text(value)
    return int(text) if text.isdigit() else None


def _number(value: object) -> Number | None:
    cell = value if isinstance(value, str | int | float) or value is None else str(value)
    reading = read_number(cell)
    return reading if isinstance(reading, Number) else None


def _weight(text: str, where: str) -> float | None:
    if not text:
        return None
    number = _number(text)
    if number is None or number.value < 0:
        raise WorkbookLayoutError(f"{where}: Paino {text!r} ei ole ei-negatiivinen luku")
    return number.value


def _fraction(value: object, what: str) -> float:
    number = _number(value)
    if number is None or not 0 <= number.value < 1:
        raise WorkbookLayoutError(f"{RULES_SHEET}: {what} {value!r} ei ole osuus 0–100 %")
    return number.value


def _method(value: object, where: str) -> Method:
    return parse_method(value, where)
