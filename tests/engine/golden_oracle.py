"""Excel's own results as the oracle: recalculate a workbook Excel saved, compare every cell.

The workbooks under ``tests/engine/golden/`` were saved by Microsoft Excel, so
the cached value of every formula cell is what Excel computed.  A workbook is
recalculated through :func:`xlsrc.engine.recalc` (the path ``xlsrc recalc``
takes) in partial mode, written to a temporary file, and read back; every
formula cell then falls in exactly one class:

* ``matched``: equal to Excel's value (numbers within 1e-9 relative, text and
  booleans exactly, errors by code);
* ``refused``: listed by the engine with a located reason, and written with no
  cached value;
* ``mismatched``: written, but not Excel's value (a silent wrong value);
* ``unrefused_blank``: written without a value although not listed as refused;
* ``excluded``: a volatile function (NOW, TODAY, RAND...) or a cell depending
  on one: Excel's cached value was true only when Excel saved the file.

``python -m tests.engine.golden_oracle`` prints the per-category summary.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.formula import ArrayFormula

from xlsrc.engine.recalc import recalc

GOLDEN = Path(__file__).parent / "golden"
VOLATILE = re.compile(r"\b(?:NOW|TODAY|RAND|RANDBETWEEN|RANDARRAY)\s*\(", re.I)
_REF = re.compile(
    r"(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"
)
_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"}
_ERRORS |= {"#GETTING_DATA"}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass
class CellOutcome:
    cell: str
    expected: Any
    actual: Any = None
    reason: str = ""


@dataclass
class Comparison:
    path: Path
    written: bool = False
    problems: list[str] = field(default_factory=list)
    matched: list[CellOutcome] = field(default_factory=list)
    mismatched: list[CellOutcome] = field(default_factory=list)
    refused: list[CellOutcome] = field(default_factory=list)
    unrefused_blank: list[CellOutcome] = field(default_factory=list)
    excluded: list[CellOutcome] = field(default_factory=list)

    @property
    def internal_errors(self) -> list[str]:
        refused = [f"{r.cell}: {r.reason}" for r in self.refused]
        return [p for p in self.problems + refused if "sisäinen virhe" in p]


def workbooks() -> list[Path]:
    return sorted(GOLDEN.rglob("*.xlsx"))


def category(path: Path) -> str:
    relative = path.relative_to(GOLDEN)
    return relative.parts[0] if len(relative.parts) > 1 else "(top level)"


def _col(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


def formula_cells(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """{"Sheet!A1": Excel's cached value} and {"Sheet!A1": formula} of every formula cell."""
    cached = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False)
    values: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for ws in formulas.worksheets:
        data = cached[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, ArrayFormula):
                    text = value.text or ""
                    for line in ws[value.ref] if ":" in value.ref else ((ws[value.ref],),):
                        for member in line:
                            where = f"{ws.title}!{member.coordinate}"
                            values[where] = plain(data[member.coordinate].value)
                            texts[where] = text
                elif isinstance(value, str) and cell.data_type == "f":
                    where = f"{ws.title}!{cell.coordinate}"
                    values[where] = plain(data[cell.coordinate].value)
                    texts[where] = value
    return values, texts


def _volatile(texts: dict[str, str]) -> set[str]:
    """Cells whose formula calls a volatile function, and every cell depending on them."""
    tainted = {cell for cell, text in texts.items() if VOLATILE.search(text)}
    changed = bool(tainted)
    while changed:
        changed = False
        for cell, text in texts.items():
            if cell in tainted:
                continue
            home = cell.split("!")[0]
            for match in _REF.finditer(text):
                sheet = (match.group(1) or "").replace("''", "'") or match.group(2) or home
                r1, c1 = int(match.group(4)), _col(match.group(3))
                r2 = int(match.group(6) or r1)
                c2 = _col(match.group(5)) if match.group(5) else c1
                if any(_inside(t, sheet, r1, c1, r2, c2) for t in tainted):
                    tainted.add(cell)
                    changed = True
                    break
    return tainted


def _inside(cell: str, sheet: str, r1: int, c1: int, r2: int, c2: int) -> bool:
    where, _, address = cell.rpartition("!")
    if where.lower() != sheet.lower():
        return False
    letters = address.rstrip("0123456789")
    row, col = int(address[len(letters) :]), _col(letters)
    return r1 <= row <= r2 and c1 <= col <= c2


def plain(value: Any) -> Any:
    """A value as the file means it, where openpyxl leaves it half read.

    openpyxl turns date-formatted numbers into datetimes, and leaves OOXML's
    ``_x000D_`` escapes in cached texts as they are, while a carriage return
    written literally reads back as a line feed (XML end-of-line handling):
    the escapes are decoded and line ends normalised on both sides.
    """
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        return float(to_excel(value))
    if isinstance(value, str) and "_x" in value:
        value = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def same(expected: Any, actual: Any) -> bool:
    """Excel's value and ours agree: numbers 1e-9 relative, the rest exactly."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-300)
    if expected is None:
        expected = ""
    if actual is None:
        actual = ""
    return type(expected) is type(actual) and expected == actual


def compare(path: Path, **options: Any) -> Comparison:
    """Recalculate ``path`` as ``xlsrc recalc --partial`` would and class every formula cell."""
    expected, texts = formula_cells(path)
    volatile = _volatile(texts)
    outcome = Comparison(path)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / path.name
        result = recalc(path, target, **options)
        outcome.problems = list(result.problems)
        refused = dict(getattr(result, "refused_cells", None) or {})
        outcome.written = target.exists()
        actual: dict[str, Any] = {}
        if outcome.written:
            book = openpyxl.load_workbook(target, data_only=True)
            for cell in expected:
                sheet, _, address = cell.rpartition("!")
                actual[cell] = plain(book[sheet][address].value)
    for cell, value in expected.items():
        record = CellOutcome(cell, value, actual.get(cell))
        if cell in volatile:
            outcome.excluded.append(record)
        elif not outcome.written:
            record.reason = "; ".join(result.problems)[:200]
            outcome.refused.append(record)
        elif _refused_key(cell) in refused:
            record.reason = refused[_refused_key(cell)]
            if record.actual is not None:
                outcome.mismatched.append(record)  # refused, yet a value is presented
            else:
                outcome.refused.append(record)
        elif same(value, record.actual):
            outcome.matched.append(record)
        elif record.actual is None:
            outcome.unrefused_blank.append(record)
        else:
            outcome.mismatched.append(record)
    return outcome


def _refused_key(cell: str) -> str:
    sheet, _, address = cell.rpartition("!")
    plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) and not re.fullmatch(
        r"[A-Za-z]{1,3}\d+", sheet
    )
    return f"{sheet if plain else repr_sheet(sheet)}!{address}"


def repr_sheet(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def summary(results: list[Comparison]) -> str:
    """Per category: files, written, cells matched / refused / mismatched / blank / internal."""
    rows: dict[str, Counter[str]] = {}
    for result in results:
        counts = rows.setdefault(category(result.path), Counter())
        counts["files"] += 1
        counts["written"] += result.written
        counts["matched"] += len(result.matched)
        counts["refused"] += len(result.refused)
        counts["mismatched"] += len(result.mismatched)
        counts["blank"] += len(result.unrefused_blank)
        counts["internal"] += len(result.internal_errors)
    total: Counter[str] = Counter()
    for counts in rows.values():
        total.update(counts)
    rows["TOTAL"] = total
    columns = ["files", "written", "matched", "refused", "mismatched", "blank", "internal"]
    lines = ["| category | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name, counts in rows.items():
        lines.append(f"| {name} | " + " | ".join(str(counts[c]) for c in columns) + " |")
    return "\n".join(lines)


def refusal_ranking(results: list[Comparison]) -> list[tuple[str, int]]:
    """Refused functions (or other reasons) by how many corpus cells they cost."""
    reasons: Counter[str] = Counter()
    for result in results:
        for record in result.refused:
            found = re.search(r"funktiota ([A-Z0-9._]+) ei tueta", record.reason)
            reasons[found.group(1) if found else _generic(record.reason)] += 1
    return reasons.most_common()


def _generic(reason: str) -> str:
    text = re.sub(r"^[^:]*![A-Z]+\d+: ", "", reason)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\b[A-Z]+\d+\b", "…", text)
    return text[:80]


def main(argv: list[str]) -> int:
    options: dict[str, Any] = {}
    if "--partial" in argv:
        options["partial"] = True
    results = [compare(path, **options) for path in workbooks()]
    print(summary(results))
    print()
    for name, cells in refusal_ranking(results)[:40]:
        print(f"{cells:6d}  {name}")
    if "--details" in argv:
        for result in results:
            for record in result.mismatched + result.unrefused_blank:
                print(
                    f"MISMATCH {result.path.relative_to(GOLDEN)} {record.cell}: "
                    f"excel={record.expected!r} xlsrc={record.actual!r} {record.reason}"
                )
            for problem in result.internal_errors:
                print(f"INTERNAL {result.path.relative_to(GOLDEN)} {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
