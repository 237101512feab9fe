"""The workbook of TABLE_CASES (cases.py): Excel tables with the column names templates use.

Sheet "Tiedot" holds table ``T`` (A1:N8: header row, six data rows, a totals
row) whose headers have spaces, €, %, parentheses, "->" and the characters a
structured reference must escape (``[ ] # '``); columns K-N are calculated
columns.  Sheet "Muut" holds ``S`` (colour -> mark) and ``U`` (no totals
row).  Every case formula is written at its cell; a calculated column's
formula fills all its data rows.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.worksheet.table import Table

from tests.engine.cases import TABLE_CASES

HEADERS = ["Erä", "Palvelu", "TB 2023", "Summa €", "Osuus %", "Netto (k€)", "Tulot->Menot",
           "Laji [#1]", "O'Brien", "#Kpl", "Tulot palvelu", "Kaksinkertainen", "Väli",
           "Sama erä"]  # fmt: skip
ROWS = [
    ["Tulot", "A", 100, 10, 0.1, 1, 5, "x", 1, 2],
    ["Menot", "A", -40, 20, 0.2, 2, 6, "y", 2, 3],
    ["Tulot", "B", "-", "-", 0.3, 3, 7, "x", 3, 4],
    ["Tulot", "A", 25, 30, 0.4, 4, 8, "z", 4, 5],
    ["Menot", "B", "12", 40, 0.5, 5, 9, "x", 5, 6],
    ["Muu", "B", None, None, 0.6, 6, 10, "y", 6, 7],
]  # fmt: skip
TOTALS = {"A8": "Yhteensä", "C8": 7, "D8": "=SUBTOTAL(109,[Summa €])", "E8": 2.1}
DATA_ROWS = range(2, 8)


def table_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "Tiedot"
    data.append(HEADERS)
    for row in ROWS:
        data.append(row)
    for address, value in TOTALS.items():
        data[address] = value
    data.add_table(Table(displayName="T", ref="A1:N8", totalsRowCount=1))
    others = wb.create_sheet("Muut")
    for row in [["Väri", "Merkintä"], ["red", "R"], ["green", "G"], ["blue", "B"]]:
        others.append(row)
    others.add_table(Table(displayName="S", ref="A1:B4"))
    for row in [["Määrä", "Nimi"], [1, "a"], [2, "b"], [3, "c"]]:
        others.append([None, None, None, *row])
    others.add_table(Table(displayName="U", ref="D5:E8"))
    sheets = {"Tiedot": data, "Muut": others, "Laskenta": wb.create_sheet("Laskenta")}
    calculated: dict[str, str] = {}
    for where, formula, _, _ in TABLE_CASES:
        sheet, cell = where.split("!")
        if formula:
            sheets[sheet][cell] = formula
            column = cell.rstrip("0123456789")
            if sheet == "Tiedot" and int(cell[len(column) :]) in DATA_ROWS:
                calculated[column] = formula
    for column, formula in calculated.items():
        for row in DATA_ROWS:
            data[f"{column}{row}"] = formula
    wb.save(path)
    return path
