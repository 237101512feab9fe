"""``xlsrc demo --lang sv``: Swedish templates that validate and get status sheets like the Finnish.

Sheet names, headers, titles and the rules sheet are Swedish; Table names and
codes are not, so the one reader finds the same tables and columns and every
check finds the same numbers at the same cells as in the Finnish workbooks.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from xlsrc.cli.main import cli
from xlsrc.core.schemes import LABEL_COLUMNS, RULES_HEADERS
from xlsrc.engine.source import PackageSource
from xlsrc.i18n.catalogue import read_catalogue
from xlsrc.seeds import all_tables
from xlsrc.status_sheet.headless import generate_file
from xlsrc.validation import validate_workbook
from xlsrc.validation.rules import collect
from xlsrc.validation.workbook import read_workbook
from xlsrc.workbooks.layouts import WORKBOOKS


def test_swedish_templates_have_swedish_sheets_and_the_same_tables(demos: dict[str, Path]) -> None:
    for layout in WORKBOOKS:
        finnish = openpyxl.load_workbook(demos["fi"] / layout.file_name)
        swedish = openpyxl.load_workbook(demos["sv"] / layout.file_name)
        tables = {n for ws in finnish.worksheets for n in ws.tables}
        assert tables == {n for ws in swedish.worksheets for n in ws.tables}, layout.key
        assert "Regler" in swedish.sheetnames and "Säännöt" in finnish.sheetnames
    targets = openpyxl.load_workbook(demos["sv"] / "tavoiteseuranta.xlsx")
    assert "Huvuduppgifter" in targets.sheetnames


def test_swedish_workbooks_validate_to_the_finnish_findings(demos: dict[str, Path]) -> None:
    total = 0
    for layout in WORKBOOKS:
        found = {
            language: [
                (f.cell, f.rule, f.stated, f.computed, f.severity)
                for f in validate_workbook(demos[language] / layout.file_name)
            ]
            for language in ("fi", "sv")
        }
        assert found["sv"] == found["fi"], layout.key
        total += len(found["fi"])
    assert total > 10  # the seeds' own errors are found in both


def checks_of(path: Path) -> list[tuple[str, str]]:
    """(cell, rule) of every check validation runs on ``path``, passing or not."""
    with PackageSource.open(path) as source:
        tables, _ = read_workbook(source)
    found = collect(tables)
    return sorted((check.target.cell, check.rule) for check in [*found.equations, *found.derived])


@pytest.mark.parametrize("language", ["sv", "en"])
def test_other_languages_run_every_check_the_finnish_workbooks_run(
    demos: dict[str, Path], language: str
) -> None:
    """The same findings are not enough: a check that a Swedish (or English) row label
    drops out of passes silently.  Every identity is checked at the same cell in each."""
    total = 0
    for layout in WORKBOOKS:
        finnish = checks_of(demos["fi"] / layout.file_name)
        assert checks_of(demos[language] / layout.file_name) == finnish, layout.key
        total += len(finnish)
    assert total > 500


def test_a_swedish_workbook_gets_a_swedish_status_sheet(
    demos: dict[str, Path], tmp_path: Path
) -> None:
    path = demos["sv"] / "tavoiteseuranta.xlsx"
    now = datetime(2025, 3, 25, 14, 2)
    result = generate_file(path, 3, year=2024, out=tmp_path / "sv.xlsx", now=now)
    assert result.sheet == "Läge Q3 2024"
    finnish = generate_file(
        demos["fi"] / "tavoiteseuranta.xlsx", 3, year=2024, out=tmp_path / "fi.xlsx", now=now
    )
    assert finnish.sheet == "Tilanne Q3 2024"
    assert result.checksum == finnish.checksum  # the same inputs, read in either language


# --- Finnish left in the Swedish workbooks --------------------------------------------------

#: Words are runs of two or more letters.
_WORD = re.compile(r"[^\W\d_]{2,}")
#: Not words either: colour codes ("63BE7B"), checksums and digests, and a word cut short
#: ("takaisinsoi…", a long name shortened to fit its cell).
_NOT_WORDS = re.compile(r"\b[0-9A-F]{6}\b|\b[0-9a-f]{16,64}\b|\w+…")
#: Excel's page header and footer elements, and the texts of a data validation.
_HEADER_FOOTER = {
    "oddHeader",
    "oddFooter",
    "evenHeader",
    "evenFooter",
    "firstHeader",
    "firstFooter",
}
_VALIDATION_TEXTS = ("promptTitle", "prompt", "errorTitle", "error")
#: A proper name the 004 example's settings carry as the report prints it (data, not words).
_DATA_TEXTS = {"Kanta-Hämeen hyvinvointialue"}
#: A rules table's label column of each language is named in that language in every
#: workbook ("Merkintä", "Märkning", "Label": :data:`xlsrc.core.schemes.RULES_HEADERS`).
_OWN_LANGUAGE_HEADERS = {RULES_HEADERS[index] for index in LABEL_COLUMNS.values()}


def _formula_strings(formula: str) -> list[str]:
    """The string literals of a formula ("" inside one is a quote)."""
    return [part.replace('""', '"') for part in re.findall(r'"((?:[^"]|"")*)"', formula)]


def _texts(path: Path) -> list[tuple[str, str]]:
    """(part, text) of every text a reader of the workbook sees, in document order.

    Cell strings (shared and inline, comments, chart titles), the page header and
    footer, data-validation prompts and errors, sheet and Table column names, and the
    string literals of cell formulas (their results are shown).  Conditional formats
    are left out: they list the colour words of every language on purpose, and so are
    Table and defined names (identifiers, never shown as text).
    """
    found: list[tuple[str, str]] = []
    with zipfile.ZipFile(path) as archive:
        for part in sorted(n for n in archive.namelist() if n.endswith(".xml")):
            root = etree.fromstring(archive.read(part))
            for element in root.iter():
                if not isinstance(element.tag, str):
                    continue
                tag = etree.QName(element).localname
                if tag == "t" or tag in _HEADER_FOOTER:
                    found.append((part, element.text or ""))
                elif tag == "f" and element.text:
                    found += [(part, text) for text in _formula_strings(element.text)]
                elif tag == "dataValidation":
                    found += [(part, element.get(a) or "") for a in _VALIDATION_TEXTS]
                elif tag in ("sheet", "tableColumn"):
                    found.append((part, element.get("name") or ""))
    return found


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(_NOT_WORDS.sub(" ", text))}


@cache
def _catalogue_texts() -> tuple[set[str], set[str]]:
    """What the catalogue lets a Swedish workbook show: its Swedish words, and whole texts
    in Finnish and English (the rules sheet shows each label in the other languages too)."""
    english = {m.id: m.string for m in read_catalogue("en") if m.id}
    swedish_words: set[str] = set()
    other_languages: set[str] = set()
    for message in read_catalogue("sv"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            swedish_words |= _words(text)
        shown = english.get(message.id, "")
        other_languages.update((*ids, *(shown if isinstance(shown, tuple) else (shown,))))
    return swedish_words, other_languages


@cache
def _seed_texts() -> set[str]:
    """Every cell text of the bundled seed tables: the reports' own data, in Finnish."""
    return {
        text.strip()
        for table in all_tables().values()
        for row in table.rows
        for text in row.cells.values()
    }


def _cut(text: str, fragment: str) -> str:
    """``text`` without ``fragment`` where it stands as whole words."""
    if fragment not in text:
        return text
    return re.sub(rf"(?<!\w){re.escape(fragment)}(?!\w)", " ", text)


def _cut_data(text: str, data: list[str]) -> str:
    for fragment in data:
        text = _cut(text, fragment)
    return text


def _cut_shortened(text: str, data: set[str]) -> str:
    """``text`` without the data it quotes shortened to fit ("Luvatut palveluajat: ta…"):
    the longest run before each "…", from the line's start or an opening parenthesis,
    that begins a data text."""
    lines = []
    for line in text.split("\n"):
        while "…" in line:
            end = line.index("…")
            starts = [0] + [i + 1 for i, c in enumerate(line[:end]) if c == "("]
            start = next(
                (i for i in starts if len(line[i:end].strip()) >= 3
                 and any(d.startswith(line[i:end].strip()) for d in data)),
                end,
            )  # fmt: skip
            line = line[:start] + " " + line[end + 1 :]
        lines.append(line)
    return "\n".join(lines)


def finnish_left(finnish: Path, swedish: Path) -> list[str]:
    """Words of the Swedish workbook that stand, at the same place, in the Finnish one too
    and are neither Swedish (a word of the catalogue's Swedish), nor data (the seed
    reports' own texts, which a status sheet also quotes inside its sentences), nor a
    catalogue text the Swedish workbook may show as it is: Finnish that bypassed the
    catalogue, or a catalogue text shown untranslated."""
    swedish_words, other_languages = _catalogue_texts()
    data = _seed_texts() | _DATA_TEXTS
    whole = data | _OWN_LANGUAGE_HEADERS | other_languages
    # quoted data is cut out of sentences, except data that is itself a catalogue text
    quoted = sorted(data - other_languages, key=len, reverse=True)
    left = []
    for (part, text), (_, original) in zip(_texts(swedish), _texts(finnish), strict=True):
        if text.strip() in whole:
            continue
        suspects = (_words(text) & _words(original)) - swedish_words
        if not suspects:
            continue
        still = sorted(_words(_cut_data(_cut_shortened(text, data), quoted)) & suspects)
        if still:
            left.append(f"{swedish.name}:{part}: {text!r} ({', '.join(still)})")
    return left


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    made = {}
    for language in ("fi", "sv"):
        folder = tmp_path_factory.mktemp(f"templates-{language}")
        run = CliRunner().invoke(cli, ["build-templates", "--lang", language, "--out", str(folder)])
        assert run.exit_code == 0, run.output
        made[language] = folder
    return made


def test_swedish_workbooks_carry_no_finnish_the_catalogue_has_no_swedish_for(
    demos: dict[str, Path], templates: dict[str, Path], tmp_path: Path
) -> None:
    pairs = [
        (folders["fi"] / layout.file_name, folders["sv"] / layout.file_name)
        for folders in (demos, templates)
        for layout in WORKBOOKS
    ]
    sheets = {}
    for language in ("fi", "sv"):
        sheets[language] = tmp_path / f"tilanne-{language}.xlsx"
        generate_file(demos[language] / "tavoiteseuranta.xlsx", 3, year=2024,
                      out=sheets[language], now=datetime(2025, 3, 25, 14, 2))  # fmt: skip
    pairs.append((sheets["fi"], sheets["sv"]))
    left = [line for finnish, swedish in pairs for line in finnish_left(finnish, swedish)]
    assert left == []


def _replaced(original: Path, target: Path, part: str, old: bytes, new: bytes) -> Path:
    """A copy of ``original`` with ``old`` replaced by ``new`` in one part."""
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                assert old in data
                data = data.replace(old, new)
            copy.writestr(info, data)
    return target


def test_the_check_finds_finnish_that_bypassed_the_catalogue(
    demos: dict[str, Path], tmp_path: Path
) -> None:
    """The check above can fail: a Finnish footer written past the catalogue is found."""
    name, part = "tulosbudjetti.xlsx", "xl/worksheets/sheet1.xml"
    broken = _replaced(demos["sv"] / name, tmp_path / name, part, b" sida &amp;P", b" sivu &amp;P")
    left = finnish_left(demos["fi"] / name, broken)
    assert left == [f"{name}:{part}: '&C&A – sivu &P / &N' (sivu)"]


def test_the_check_finds_a_catalogue_text_left_in_finnish_inside_a_sentence(
    demos: dict[str, Path], tmp_path: Path
) -> None:
    """A label the catalogue has Swedish for, put into a Swedish sentence in Finnish (the
    status sheet's legend did so with "Valmistuu myöhemmin"), is found too."""
    sheets = {}
    for language in ("fi", "sv"):
        sheets[language] = tmp_path / f"tilanne-{language}.xlsx"
        generate_file(demos[language] / "tavoiteseuranta.xlsx", 3, year=2024,
                      out=sheets[language], now=datetime(2025, 3, 25, 14, 2))  # fmt: skip
    assert finnish_left(sheets["fi"], sheets["sv"]) == []
    part = next(p for p, text in _texts(sheets["sv"]) if "○ Färdigställs senare (grå" in text)
    broken = _replaced(sheets["sv"], tmp_path / "broken.xlsx", part,
                       "○ Färdigställs senare (grå".encode(),
                       "○ Valmistuu myöhemmin (grå".encode())  # fmt: skip
    (found,) = finnish_left(sheets["fi"], broken)
    assert found.startswith(f"broken.xlsx:{part}: '● ") and found.endswith("(myöhemmin, valmistuu)")
