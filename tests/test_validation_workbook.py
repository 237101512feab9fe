"""Validation of workbooks: the filled seed examples, clean generated workbooks, bad input.

The examples are the templates filled with the bundled seed data, written by the
same builder as ``xlsrc demo`` (without the engine's recalculation, which does
not touch the stated cells validation reads).  The version 1 examples (the
first release's files, committed under tests/fixtures/v1) must give exactly
the same findings at their own cells: old workbooks keep validating.
"""

from __future__ import annotations

import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.edits import Table, stated_total_cell
from xlsrc.core.a1 import cell_name, parse_cell
from xlsrc.core.numbers import round_half_up
from xlsrc.reading.locate import NotATemplate
from xlsrc.validation import CellFinding, UnreadableWorkbook, validate_workbook
from xlsrc.workbooks import layouts as L
from xlsrc.workbooks.build import write_workbooks
from xlsrc.workbooks.fill import seed_row_count
from xlsrc.workbooks.layouts.budget_forecast import BUDGET_FORECAST_TABLE
from xlsrc.workbooks.layouts.programmes import PIVOT_SAVINGS, SAVINGS_MEASURES
from xlsrc.workbooks.layouts.result_budget import (
    BUDGET_HUS,
    BUDGET_INCOME_STATEMENT,
    BUDGET_RESULT,
    BUDGET_SERVICES,
    BUDGET_TOTAL,
    INVESTMENTS,
    STAFF,
)
from xlsrc.workbooks.layouts.strategic_targets import TARGETS_001
from xlsrc.workbooks.placement import place

#: every test here runs with each workbook reader (the engine's package reader, openpyxl)
pytestmark = pytest.mark.usefixtures("workbook_reader")

# (file, sheet, cell, rule, severity, stated, computed) — the seed findings of
# tests/test_validation_seed.py, at the cells the version 1 examples put them in.
EXPECTED_V1 = {
    (
        "tulosbudjetti.xlsx",
        "Taulukko 3",
        "C9",
        "result_identity",
        "error",
        -1_846_900.0,
        -1_917_000.0,
    ),
    (
        "tulosbudjetti.xlsx",
        "Taulukko 5",
        "E7",
        "margin_identity+area_sum+cross_table",
        "error",
        -518_358.0,
        -502_964.0,
    ),
    ("tulosbudjetti.xlsx", "Taulukko 5", "D24", "area_sum", "note", -357_412.0, -357_413.0),
    ("tulosbudjetti.xlsx", "Taulukko 5", "E24", "area_sum", "note", -376_208.0, -376_209.0),
    ("tulosbudjetti.xlsx", "Taulukko 5", "F24", "change_eur", "error", 18_731.0, 18_796.0),
    ("tulosbudjetti.xlsx", "Taulukko 5", "D25", "area_sum", "note", -332_062.0, -332_063.0),
    ("tulosbudjetti.xlsx", "Taulukko 5", "E25", "area_sum", "note", -350_858.0, -350_859.0),
    ("tulosbudjetti.xlsx", "Taulukko 5", "F25", "change_eur", "error", -18_731.0, -18_796.0),
    (
        "tulosbudjetti.xlsx",
        "Taulukko 5",
        "E40",
        "margin_identity+area_sum",
        "error",
        -59_034.0,
        -58_019.0,
    ),
    ("tulosbudjetti.xlsx", "Taulukko 5", "E60", "area_sum", "error", -71_624.0, -69_624.0),
    ("tulosbudjetti.xlsx", "Taulukko 5", "E61", "area_sum", "error", -47_686.0, -45_686.0),
    ("tulosbudjetti.xlsx", "Taulukko 5", "F63", "change_eur", "error", -300.0, 300.0),
    ("tulosbudjetti.xlsx", "Taulukko 5", "G63", "change_pct_undefined", "error", 0.0, None),
    ("tulosbudjetti.xlsx", "Taulukko 5", "G64", "change_pct_undefined", "error", 0.0, None),
    ("tulosbudjetti.xlsx", "Taulukko 5", "G71", "change_pct_undefined", "error", 0.0, None),
    ("tulosbudjetti.xlsx", "Taulukko 5", "G72", "change_pct", "note", 1.025, 1.026),
    ("tulosbudjetti.xlsx", "Taulukko 6", "H10", "row_total", "note", 66_768.0, 66_767.0),
    (
        "tulosbudjetti.xlsx",
        "Taulukko 6",
        "C15",
        "subtotal_sum+row_total+block_sum",
        "error",
        3_576.0,
        3_567.0,
    ),
    ("tulosbudjetti.xlsx", "Taulukko 6", "H15", "row_total", "note", 66_192.0, 66_191.0),
    ("tulosbudjetti.xlsx", "Taulukko 6", "H44", "block_sum", "note", 72_072.0, 72_073.0),
    ("tulosbudjetti.xlsx", "Taulukko 6", "H49", "block_sum", "note", 71_431.0, 71_432.0),
    ("talousarvio_ennuste.xlsx", "TAE 2024", "E5", "subtotal_sum", "note", 32_701.0, 32_700.0),
    ("talousarvio_ennuste.xlsx", "TAE 2024", "G5", "subtotal_sum", "note", 31_738.0, 31_737.0),
    ("talousarvio_ennuste.xlsx", "TAE 2024", "K5", "subtotal_sum", "note", 935.0, 936.0),
    ("talousarvio_ennuste.xlsx", "TAE 2024", "K6", "frame_difference", "note", 24.0, 23.0),
    ("talousarvio_ennuste.xlsx", "TAE 2024", "B10", "subtotal_sum", "note", -378_568.0, -378_567.0),
    ("talousarvio_ennuste.xlsx", "TAE 2024", "E10", "subtotal_sum", "note", -371_217.0, -371_218.0),
    ("talousarvio_ennuste.xlsx", "TAE 2024", "K14", "frame_difference", "note", 105.0, 106.0),
    ("talousarvio_ennuste.xlsx", "TAE 2024", "K15", "frame_difference", "note", -403.0, -404.0),
    (
        "talousarvio_ennuste.xlsx",
        "TAE 2024",
        "G16",
        "margin_identity",
        "note",
        -336_926.0,
        -336_925.0,
    ),
    ("tavoiteseuranta.xlsx", "Päätehtävät", "E24", "not_a_number", "error", "+/-0 / htv2", None),
    ("tavoiteseuranta.xlsx", "Päätehtävät", "E25", "not_a_number", "error", "alle 10%", None),
}
V1_FIRST_ROW = 5
V1 = Path(__file__).parent / "fixtures" / "v1"
LAYOUTS = {layout.file_name: layout for layout in L.WORKBOOKS}


def in_version_2(finding: tuple[object, ...]) -> tuple[object, ...]:
    """A version 1 finding at the cell the same value has in a version 2 example:
    same column (inputs keep their order), the same body row of its table."""
    name, sheet, cell, *rest = finding
    layout = next(t for t in LAYOUTS[str(name)].tables if t.sheet_name == sheet)
    row, col = parse_cell(str(cell))
    placed = place(layout, seed_row_count(layout) - (1 if layout.totals else 0))
    return (name, sheet, cell_name(placed.first_row + row - V1_FIRST_ROW, col), *rest)


EXPECTED = {in_version_2(f) for f in EXPECTED_V1}


def key(name: str, f: CellFinding) -> tuple[object, ...]:
    return (name, f.sheet, f.cell, f.rule, f.severity, f.stated, f.computed)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("examples")
    return {p.name: p for p in write_workbooks(out, example=True)}


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("templates")
    return {p.name: p for p in write_workbooks(out, example=False)}


def findings_of(paths: dict[str, Path]) -> set[tuple[object, ...]]:
    return {key(name, f) for name, path in paths.items() for f in validate_workbook(path)}


def test_exact_findings_on_the_filled_seed_examples(examples: dict[str, Path]) -> None:
    assert findings_of(examples) == EXPECTED


def test_version_1_examples_keep_their_findings_at_their_own_cells() -> None:
    """The first release's demo files (fixed ranges, totals under the tables, no marker)."""
    paths = {p.name: p for p in (V1 / "examples").glob("*.xlsx")}
    assert len(paths) == 5
    assert findings_of(paths) == EXPECTED_V1


def test_version_1_templates_have_no_findings() -> None:
    paths = {p.name: p for p in (V1 / "templates").glob("*.xlsx")}
    assert len(paths) == 5 and findings_of(paths) == set()


def test_findings_are_listed_in_sheet_and_reading_order(examples: dict[str, Path]) -> None:
    found = validate_workbook(examples["tulosbudjetti.xlsx"])
    sheets = load_workbook(examples["tulosbudjetti.xlsx"], read_only=True).sheetnames
    order = [(sheets.index(f.sheet), parse_cell(f.cell)[0]) for f in found]
    assert order == sorted(order)


def test_empty_templates_have_no_findings(templates: dict[str, Path]) -> None:
    assert findings_of(templates) == set()


# --- a clean generated workbook: consistent numbers everywhere, no finding at all -----


def put(book: Workbook, layout: L.TableLayout, index: int, **values: object) -> None:
    Table(book, layout).put(index, **values)


def percent(
    book: Workbook, layout: L.TableLayout, index: int, name: str, value: float, decimals: int
) -> None:
    table = Table(book, layout)
    cell = table.sheet[table.cell(name, index)]
    cell.value = round_half_up(value * 100, decimals) / 100
    cell.number_format = "0" + ("." + "0" * decimals if decimals else "") + " %"


def put_total(book: Workbook, layout: L.TableLayout, **values: object) -> None:
    for key, value in values.items():
        book[layout.sheet_name][stated_total_cell(book, layout, key)] = value


def fill_result_budget(path: Path, rng: random.Random) -> None:
    book = load_workbook(path)
    index = 0
    totals = {"Tulot": 0, "Menot": 0}
    for area in ("ALUE A", "ALUE B", "ALUE C"):
        services = {
            f"{area.title()} palvelu {n}": (
                rng.randint(1, 9_000),
                -rng.randint(10_000, 90_000),
                rng.randint(1, 9_000),
                -rng.randint(10_000, 90_000),
            )
            for n in (1, 2)
        }
        sums = [sum(values[i] for values in services.values()) for i in range(4)]
        for service, (t23, m23, t24, m24) in [("", tuple(sums)), *services.items()]:
            for line, old, new in (
                ("Tulot", t23, t24),
                ("Menot", m23, m24),
                ("Toimintakate", t23 + m23, t24 + m24),
            ):
                change = old - new if line == "Menot" else new - old
                put(
                    book, BUDGET_RESULT, index, area=area, service=service or None, line=line,
                    tb2023=old, tb2024=new, change_eur=change,
                )  # fmt: skip
                percent(book, BUDGET_RESULT, index, "change_pct", change / abs(old), 1)
                index += 1
        totals["Tulot"] += sums[2]
        totals["Menot"] += sums[3]
    statements = {}
    for layout in (BUDGET_SERVICES, BUDGET_HUS):
        columns = {}
        for column in ("ta2023", "ltk_tae", "ta2024"):
            if layout is BUDGET_SERVICES and column == "ta2024":
                income, costs = totals["Tulot"], totals["Menot"]
            else:
                income, costs = rng.randint(0, 50_000), -rng.randint(100_000, 900_000)
            depreciation = -rng.randint(0, 20_000)
            values = (income, costs, income + costs, depreciation, income + costs + depreciation)
            for offset, value in enumerate(values):
                put(book, layout, offset, **{column: value})
            columns[column] = values
        statements[layout.key] = columns
    for t1_column, part in (
        ("ta2023", "ta2023"),
        ("ltk_tae2024", "ltk_tae"),
        ("ta2024", "ta2024"),
        ("tb2023", None),
        ("tb2024", None),
    ):
        if part is None:
            income, costs = rng.randint(0, 9_000), -rng.randint(10_000, 90_000)
        else:
            income, costs = (
                statements["budget_services"][part][i] + statements["budget_hus"][part][i]
                for i in (0, 1)
            )
        for offset, value in enumerate((income, costs, income + costs)):
            put(book, BUDGET_TOTAL, offset, **{t1_column: value})
        if t1_column in ("ta2023", "ta2024"):
            state, financial, depreciation = rng.randint(0, 900_000), rng.randint(0, 5_000), -16_000
            annual = income + costs + state + financial
            for offset, value in enumerate(
                (
                    income,
                    costs,
                    income + costs,
                    state,
                    financial,
                    annual,
                    depreciation,
                    annual + depreciation,
                )
            ):
                put(book, BUDGET_INCOME_STATEMENT, offset, **{t1_column: value})
    fill_investments(book, rng)
    fill_staff(book, rng)
    book.save(path)


PLAN_ITEMS = (
    "Pysyvät vastaavat",
    "Rakennukset",
    "Laite- ja kalustohankinnat",
    "ICT ja muut aineettomat hyödykkeet",
    "Muut investoinnit",
    "Investointeja vastaavat sopimukset",
    "Rakennukset (kokonaisvuokravastuun muutos)",
    "Laite- ja kalustohankinnat",
    "ICT ja muut aineettomat hyödykkeet",
    "Muut investoinnit",
    "Vuotuinen vuokravastuun muutos",
    "Omaisuuden luovutukset",
    "Rakennukset",
    "Laite- ja kalustohankinnat",
    "ICT ja muut aineettomat hyödykkeet",
    "Muut investoinnit",
    "Investointituet",
)
YEARS = ("y2025", "y2026", "y2027", "y2028", "y2029_on")


def plan(rng: random.Random) -> list[list[int]]:
    rows = [[rng.randint(0, 5_000) for _ in YEARS] for _ in PLAN_ITEMS]
    for total, parts in ((0, (1, 2, 3, 4)), (5, (7, 8, 9, 10)), (11, (12, 13, 14, 15))):
        rows[total] = [sum(rows[p][y] for p in parts) for y in range(len(YEARS))]
    return rows


def fill_investments(book: Workbook, rng: random.Random) -> None:
    sote, rescue = plan(rng), plan(rng)
    both = [[a + b for a, b in zip(x, y, strict=True)] for x, y in zip(sote, rescue, strict=True)]
    index = 0
    for block, values in (
        ("Sote (1000 €)", sote),
        ("Pelastus (1000 €)", rescue),
        ("Sosiaali-, terveys- ja pelastustoimen suunnitelma (1000 €)", both),
    ):
        for item, years in zip(PLAN_ITEMS, values, strict=True):
            put(
                book, INVESTMENTS, index, block=block, item=item, total=sum(years),
                **dict(zip(YEARS, years, strict=True)),
            )  # fmt: skip
            index += 1
    operating = [rng.randint(0, 40_000) for _ in range(4)]
    spending = [-v for v in both[0][:4]]
    loans = [-rng.randint(0, 500) for _ in range(4)]
    for item, years in (
        ("Toiminnan rahavirta", operating),
        ("Investointien rahavirta", spending),
        ("Investointimennot", spending),
        ("Rahoitusosuudet investointeihin", [0] * 4),
        ("Pysyvien vastaavien hyödykkeiden luovutustulot", [0] * 4),
        ("Lainakannan muutos", loans),
        (
            "Rahavarojen muutos",
            [o + s + v for o, s, v in zip(operating, spending, loans, strict=True)],
        ),
    ):
        put(
            book, INVESTMENTS, index, block=None, item=item, y2029_on="-", total="-",
            **dict(zip(YEARS[:4], years, strict=True)),
        )  # fmt: skip
        index += 1


def fill_staff(book: Workbook, rng: random.Random) -> None:
    counts = {area: [rng.randint(100, 6_000) for _ in range(6)] for area in ("A", "B", "C")}
    keys = ("y2022", "y2023_aug", "forecast_2023", "y2024", "y2025", "y2026")
    for offset, (area, values) in enumerate(counts.items()):
        put(
            book, STAFF, offset, area=area, item="Henkilöstömäärä",
            **dict(zip(keys, values, strict=True)),
        )  # fmt: skip
    put_total(book, STAFF, **{k: sum(v[i] for v in counts.values()) for i, k in enumerate(keys)})


def fill_forecast(path: Path, rng: random.Random) -> None:
    book = load_workbook(path)
    amounts = ("ta2023", "tot_1_6_2023", "enn2023", "tae2024", "kehys2024")
    lines = {
        i: {a: (1 if i < 5 else -1) * rng.randint(1_000, 90_000) for a in amounts}
        for i in (1, 2, 3, 4, 6, 7, 8, 9, 10)
    }
    lines[0] = {a: sum(lines[i][a] for i in (1, 2, 3, 4)) for a in amounts}
    lines[5] = {a: sum(lines[i][a] for i in (6, 7, 8, 9, 10)) for a in amounts}
    lines[11] = {a: lines[0][a] + lines[5][a] for a in amounts}
    layout = BUDGET_FORECAST_TABLE
    for index, values in lines.items():
        put(book, layout, index, kehys24_vs_tae24=values["tae2024"] - values["kehys2024"], **values)
        for ratio, (top, bottom) in (
            ("tot_vs_ta_pct", ("tot_1_6_2023", "ta2023")),
            ("enn_vs_ta_pct", ("enn2023", "ta2023")),
            ("tae24_vs_ta23_pct", ("tae2024", "ta2023")),
            ("tae24_vs_enn23_pct", ("tae2024", "enn2023")),
        ):
            percent(book, layout, index, ratio, values[top] / values[bottom], 0)
    book.save(path)


def fill_programmes(path: Path, rng: random.Random) -> None:
    book = load_workbook(path)
    statuses = {
        "1. Aloittamatta": "status_1",
        "2. Etenee suunnitellusti": "status_2",
        "3. Haasteita": "status_3",
        "5. Valmis": "status_5",
    }
    sums: dict[tuple[str, str], int] = {}
    index = 0
    for programme in ("1. Digi", "2. Henkilöstö", "3. Palvelut"):
        for n in range(rng.randint(2, 6)):
            status = rng.choice(list(statuses))
            amount = rng.choice([0, rng.randint(-900, 900) * 1_000])
            readiness = {"1. Aloittamatta": 0.0, "5. Valmis": 1.0}.get(
                status, rng.randint(0, 99) / 100
            )
            put(
                book, SAVINGS_MEASURES, index, programme=programme, measure=f"Toimenpide {n}",
                status=status, readiness=readiness, target_sum=amount,
            )  # fmt: skip
            cell = (programme, statuses[status])
            sums[cell] = sums.get(cell, 0) + amount
            index += 1
    put_total(book, SAVINGS_MEASURES, target_sum=sum(sums.values()))
    for offset, programme in enumerate(("1. Digi", "2. Henkilöstö", "3. Palvelut")):
        cells = {column: value for (p, column), value in sums.items() if p == programme}
        put(book, PIVOT_SAVINGS, offset, programme=programme, total=sum(cells.values()), **cells)
    columns = {
        c: sum(v for (_, col), v in sums.items() if col == c)
        for c in statuses.values()
        if any(col == c for _, col in sums)
    }
    put_total(book, PIVOT_SAVINGS, total=sum(sums.values()), **columns)
    book.save(path)


def fill_targets(path: Path, rng: random.Random) -> None:
    book = load_workbook(path)
    share = rng.randint(80, 89) / 100
    for offset, (actual, target, method, status) in enumerate(
        (
            (share, "≥ 90%", "Mitattu osuus", "Lähellä tavoitetta"),
            (1_200_000, "≥ 1M€", "Saavutettu tai ei", "Tavoitteessa"),
            (-0.02, "≤ -5%", "met", "Ei tavoitteessa"),
            (None, "≥ 75", "met", "Valmistuu myöhemmin"),
        )
    ):
        put(
            book, TARGETS_001, offset, goal=f"Tavoite {offset}", metric="Mittari", target=target,
            actual=actual, method=method, status=status,
        )  # fmt: skip
    book.save(path)


FILLERS: dict[str, Callable[[Path, random.Random], None]] = {
    "tulosbudjetti.xlsx": fill_result_budget,
    "talousarvio_ennuste.xlsx": fill_forecast,
    "tavoiteohjelmat.xlsx": fill_programmes,
    "strategiset_tavoitteet.xlsx": fill_targets,
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("generated")
    paths = {p.name: p for p in write_workbooks(out, example=False)}
    rng = random.Random(2024)
    for name, fill in FILLERS.items():
        fill(paths[name], rng)
    return paths


def test_a_clean_generated_workbook_has_no_findings(generated: dict[str, Path]) -> None:
    for name in FILLERS:
        assert validate_workbook(generated[name]) == [], name


def edited(source: Path, target: Path, edit: Callable[[Workbook], None]) -> Path:
    book = load_workbook(source)
    edit(book)
    book.save(target)
    return target


@pytest.mark.parametrize(
    ("column", "index"),
    [("tb2023", 3), ("tb2024", 4), ("tb2024", 5), ("tb2024", 7), ("tb2023", 24)],
)
def test_one_changed_amount_is_found_at_its_own_cell_with_its_old_value(
    generated: dict[str, Path], tmp_path: Path, column: str, index: int
) -> None:
    """Change one service amount: the margin and the area sum both point at that cell."""
    source = generated["tulosbudjetti.xlsx"]
    table = Table(load_workbook(source), BUDGET_RESULT)
    cell, original = table.cell(column, index), table.get(column, index)
    path = edited(
        source, tmp_path / "changed.xlsx", lambda b: put(b, BUDGET_RESULT, index, **{
            column: original + 7_000
        })
    )  # fmt: skip
    [finding] = validate_workbook(path)
    assert (finding.sheet, finding.cell, finding.severity) == (
        BUDGET_RESULT.sheet_name,
        cell,
        "error",
    )
    assert (finding.stated, finding.computed, finding.difference) == (
        original + 7_000,
        original,
        7_000,
    )


# --- bad input ------------------------------------------------------------------------


def changed(
    examples: dict[str, Path], tmp_path: Path, name: str, edit: Callable[[Workbook], None]
) -> set[tuple[object, ...]]:
    path = edited(examples[name], tmp_path / name, edit)
    return {key(name, f) for f in validate_workbook(path)} - EXPECTED


def test_a_number_typed_as_text_is_an_error_not_a_note(
    examples: dict[str, Path], tmp_path: Path
) -> None:
    """Excel's SUM skips it, so it cannot be read as a number here either."""
    at: list[str] = []

    def edit(book: Workbook) -> None:
        table = Table(book, BUDGET_RESULT)
        at.append(table.cell("tb2023", 0))  # PERHE- JA SOSIAALIPALVELUT Tulot TB 2023
        table.put(0, tb2023="33 114")

    found = changed(examples, tmp_path, "tulosbudjetti.xlsx", edit)
    assert (
        "tulosbudjetti.xlsx",
        "Taulukko 5",
        at[0],
        "number_as_text",
        "error",
        "33 114",
        None,
    ) in (found)
    assert all(f[4] == "error" and f[2] == at[0] for f in found if f[3] == "number_as_text")


def test_a_per_cent_in_a_euro_column_is_an_error(examples: dict[str, Path], tmp_path: Path) -> None:
    at: list[str] = []

    def edit(book: Workbook) -> None:
        table = Table(book, BUDGET_RESULT)
        at.append(table.cell("tb2024", 1))
        table.put(1, tb2024=0.136)
        table.sheet[at[0]].number_format = "0.0 %"  # "13,6 %" typed into Excel

    found = changed(examples, tmp_path, "tulosbudjetti.xlsx", edit)
    assert any(f[2] == at[0] and f[3] == "number_as_text" and f[4] == "error" for f in found)
    path = edited(examples["tulosbudjetti.xlsx"], tmp_path / "pct.xlsx", edit)
    [message] = [f.message for f in validate_workbook(path) if f.cell == at[0]]
    # a number, not text: the message says what Excel does with it, in Finnish numbers
    assert "13,6\u00a0%" in message and "lukuna 0,136" in message
    assert "ohittaa tekstin" not in message


def test_an_unknown_status_word(examples: dict[str, Path], tmp_path: Path) -> None:
    at: list[str] = []

    def edit(book: Workbook) -> None:
        table = Table(book, SAVINGS_MEASURES)
        at.append(table.cell("status", 1))
        table.put(1, status="2. Etenee hyvin")

    found = changed(examples, tmp_path, "tavoiteohjelmat.xlsx", edit)
    assert (
        "tavoiteohjelmat.xlsx",
        "Taulukko 3",
        at[0],
        "unknown_status",
        "error",
        "2. Etenee hyvin",
        None,
    ) in found


def test_a_duplicate_measure_row(examples: dict[str, Path], tmp_path: Path) -> None:
    at: list[str] = []

    def edit(book: Workbook) -> None:
        table = Table(book, SAVINGS_MEASURES)
        at.append(table.cell("measure", 1))
        table.put(1, measure=table.get("measure", 0))

    assert changed(examples, tmp_path, "tavoiteohjelmat.xlsx", edit) == {
        (
            "tavoiteohjelmat.xlsx",
            "Taulukko 3",
            at[0],
            "duplicate_measure",
            "error",
            "Asiakkaiden ja asukkaiden digituki (ta24)",
            None,
        )
    }


def test_a_pivot_cell_against_its_detail(examples: dict[str, Path], tmp_path: Path) -> None:
    at: list[str] = []

    def edit(book: Workbook) -> None:
        table = Table(book, PIVOT_SAVINGS)
        at.append(table.cell("status_2", 0))
        table.put(0, status_2=-160_000)  # 1. Digiohjelma, 2. Etenee: -150 000

    assert changed(examples, tmp_path, "tavoiteohjelmat.xlsx", edit) == {
        ("tavoiteohjelmat.xlsx", "Taulukko 2", at[0], "pivot_cell", "error", -160_000.0, -150_000.0)
    }


def test_status_follows_the_rules_sheet(examples: dict[str, Path], tmp_path: Path) -> None:
    """Lower the green bound to 85 %: 88,3 % is then green, and the stated status is wrong."""
    from xlsrc.workbooks.rules_sheet import header_rows

    top = header_rows()["traffic_light"]
    at: list[str] = []

    def edit(book: Workbook) -> None:
        sheet = book[L.RULES_SHEET]
        for row in range(top + 1, top + 6):
            colour = sheet.cell(row, 6).value
            if colour and str(colour).casefold().startswith(("vihr", "green")):
                sheet.cell(row, 2).value = 0.85
            if colour and str(colour).casefold().startswith(("kelt", "yellow")):
                sheet.cell(row, 4).value = 0.85
        at.append(Table(book, TARGETS_001).cell("status", 1))

    assert changed(examples, tmp_path, "strategiset_tavoitteet.xlsx", edit) == {
        (
            "strategiset_tavoitteet.xlsx",
            "Taulukko 1",
            at[0],
            "target_status",
            "error",
            "Lähellä tavoitetta",
            "Tavoitteessa",
        )
    }


def test_a_missing_column_is_a_finding_and_its_checks_are_skipped(
    examples: dict[str, Path], tmp_path: Path
) -> None:
    """A header renamed the way Excel renames a Table column (the column name changes)."""
    at: list[str] = []

    def edit(book: Workbook) -> None:
        table = Table(book, BUDGET_RESULT)
        index = BUDGET_RESULT.columns.index(BUDGET_RESULT.column("change_eur"))
        table.sheet.tables[BUDGET_RESULT.name].tableColumns[index].name = "Muutos"
        at.append(f"{table.letter('change_eur')}{table.header_row}")
        table.sheet[at[0]] = "Muutos"

    path = edited(examples["tulosbudjetti.xlsx"], tmp_path / "x.xlsx", edit)
    found = {key("x", f) for f in validate_workbook(path)}
    assert ("x", "Taulukko 5", at[0], "missing_column", "error", None, "Muutos € (ilmoitettu)") in (
        found
    )
    letter = at[0].rstrip("0123456789")
    assert not any(
        f[1] == "Taulukko 5" and f[2].startswith(letter) and f[3] == "change_eur" for f in found
    )


def test_a_cleared_header_is_a_finding(examples: dict[str, Path], tmp_path: Path) -> None:
    at: list[str] = []

    def edit(book: Workbook) -> None:
        table = Table(book, SAVINGS_MEASURES)
        at.append(f"{table.letter('target_sum')}{table.header_row}")
        table.sheet[at[0]] = None

    found = changed(examples, tmp_path, "tavoiteohjelmat.xlsx", edit)
    assert any(f[2] == at[0] and f[3] == "header_changed" and f[4] == "error" for f in found)


def test_a_sorted_table_keeps_its_findings_at_the_moved_cells(
    examples: dict[str, Path], tmp_path: Path
) -> None:
    """Sort Taulukko 5 by Palvelukokonaisuus: every finding moves with its row."""

    def rows(path: Path) -> set[tuple[object, ...]]:
        table = Table(load_workbook(path), BUDGET_RESULT)
        by_cell = {}
        for index in range(len(table.rows)):
            ident = tuple(table.get(k, index) for k in ("area", "service", "line"))
            for column in BUDGET_RESULT.input_columns:
                by_cell[table.cell(column.key, index)] = (*ident, column.key)
        return {
            (by_cell.get(f.cell, f.cell), f.rule, f.stated, f.computed)
            for f in validate_workbook(path)
            if f.sheet == BUDGET_RESULT.sheet_name
        }

    path = edited(
        examples["tulosbudjetti.xlsx"],
        tmp_path / "sorted.xlsx",
        lambda b: Table(b, BUDGET_RESULT).sort("tb2024"),
    )
    assert rows(path) == rows(examples["tulosbudjetti.xlsx"])


def test_unreadable_files_raise_a_located_error(examples: dict[str, Path], tmp_path: Path) -> None:
    text = tmp_path / "teksti.xlsx"
    text.write_text("ei työkirja", encoding="utf-8")
    corrupt = tmp_path / "rikki.xlsx"
    corrupt.write_bytes(examples["tulosbudjetti.xlsx"].read_bytes()[:4_000])
    for path, reason in (
        (text, "ei Excel-työkirja"),
        (corrupt, "zip-paketti on rikki: sen hakemisto puuttuu"),
        (tmp_path / "puuttuu.xlsx", "tiedostoa ei löydy"),
    ):
        with pytest.raises(UnreadableWorkbook, match=reason) as raised:
            validate_workbook(path)
        assert str(path) in str(raised.value)


def test_a_workbook_that_is_no_template_is_refused_by_name(tmp_path: Path) -> None:
    foreign = tmp_path / "vieras.xlsx"
    Workbook().save(foreign)
    with pytest.raises(NotATemplate, match="ei ole xlsrc-mallin työkirja") as raised:
        validate_workbook(foreign)
    assert raised.value.exit_code == 2 and str(foreign) in str(raised.value)


def test_a_missing_table_is_a_finding_and_the_others_are_checked(
    examples: dict[str, Path], tmp_path: Path
) -> None:
    path = edited(
        examples["tulosbudjetti.xlsx"], tmp_path / "ilman.xlsx", lambda b: b.remove(b["Taulukko 5"])
    )
    findings = validate_workbook(path)
    found = {(f.sheet, f.rule) for f in findings}
    # the deleted sheet cannot hold the finding: the first sheet does, naming it
    assert ("Taulukko 1", "missing_table") in found
    [missing] = [f for f in findings if f.rule == "missing_table"]
    assert "välilehti Taulukko 5" in missing.message
    assert ("Taulukko 3", "result_identity") in found


def test_a_bad_zip_member_is_unreadable(examples: dict[str, Path], tmp_path: Path) -> None:
    broken = tmp_path / "sisus.xlsx"
    with (
        zipfile.ZipFile(examples["tulosbudjetti.xlsx"]) as source,
        zipfile.ZipFile(broken, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<garbage" if item.filename.endswith("workbook.xml") else data)
    with pytest.raises(UnreadableWorkbook, match="sisus.xlsx"):
        validate_workbook(broken)
