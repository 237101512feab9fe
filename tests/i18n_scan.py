"""Find user-facing strings that bypass the message catalogue (an AST scan of ``xlsrc/``).

A string literal (or f-string) is user-facing when it

* is part of a message: an argument of ``click.echo``/``secho``/``style``,
  of a click exception or of any ``raise SomeError(...)`` other than the
  programming errors below, or of the progress bar's label;
* is a help text or prompt: a ``help=``, ``short_help=``, ``epilog=``,
  ``prompt=``, ``promptTitle=``, ``error=``, ``errorTitle=``, ``label=``
  or ``title=`` keyword;
* is a text of a layout, a vocabulary or a scheme: an argument of the data
  classes listed in :data:`LABEL_CONSTRUCTORS`;
* or contains a Finnish or Swedish letter (ä, ö, å) anywhere.

It is in the catalogue when it stands inside a marker call (``tr``, ``ptr``,
``ntr``, ``N_``, ``Msg``, ``Msg.in_context``, ``Msg.plural``).  Docstrings are
not messages, nor are internal codes (lower-case identifiers such as ``green``)
given to those data classes.  A statement may say why its literals are not
messages with a ``# i18n: <reason>`` comment on one of its lines (words the
parser reads, a Table name); whole modules that are grammars of input words
are listed in :data:`INPUT_GRAMMARS`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "xlsrc"

MARKERS = {"tr", "ptr", "ntr", "N_", "Msg"}
MARKER_METHODS = {("Msg", "in_context"), ("Msg", "plural")}
#: Exceptions that report a bug in xlsrc (a programmer reads them, never a user).
PROGRAMMING_ERRORS = {
    "AssertionError",
    "AttributeError",
    "IndexError",
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "RuntimeError",
    "StopIteration",
    "TypeError",
    "ValueError",
    "ImportError",
}
MESSAGE_CALLS = {"echo", "secho", "style", "UsageError", "BadParameter", "ClickException"}
TEXT_KEYWORDS = {
    "help",
    "short_help",
    "epilog",
    "prompt",
    "promptTitle",
    "error",
    "errorTitle",
    "label",
    "title",
}
#: Data classes whose string arguments are texts a reader sees (header, label, title, note).
LABEL_CONSTRUCTORS = {
    "Column",
    "Totals",
    "StatementRow",
    "CheckRow",
    "Setting",
    "RulesBlock",
    "Word",
    "Status",
    "Band",
    "StatusScheme",
    "WorkbookLayout",
    "table",
    "Vocabulary",
    "WordList",
}
#: Keyword arguments of those classes that are codes, names or formulas, not texts.
CODE_KEYWORDS = {
    "key",
    "name",
    "seed_key",
    "number_format",
    "vocabulary",
    "rules",
    "formula",
    "recomputes",
    "seed_table",
    "file_name",
    "label_key",
    "distinct_by",
    "check_name",
    "scheme_id",
    "code",
    "kind",
    "role",
    "seed_kind",
    "v1_placement",
    "columns",
    "colour",
}
#: Modules that are grammars of words users type (parsed, never shown as such).
INPUT_GRAMMARS: dict[str, str] = {}
NORDIC = re.compile(r"[äöåÄÖÅ]")
LETTERS = re.compile(r"[A-Za-zäöåÄÖÅ]{2}")
PRAGMA = re.compile(r"#\s*i18n:\s*\S")
#: An internal code (``green``, ``pending``, ``year_end``): never shown, never translated.
CODE = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.why}: {self.text!r}"


def _is_marker(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in MARKERS
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return (func.value.id, func.attr) in MARKER_METHODS
    return False


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        if isinstance(node, ast.ClassDef | ast.Module):
            # attribute docstrings: a string expression right after an assignment
            for previous, current in zip(node.body, node.body[1:], strict=False):
                if (
                    isinstance(previous, ast.Assign | ast.AnnAssign)
                    and isinstance(current, ast.Expr)
                    and isinstance(current.value, ast.Constant)
                ):
                    found.add(id(current.value))
    return found


def _strings(node: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    """Literal texts under ``node`` that no marker call holds."""
    if _is_marker(node):
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node, node.value
        return
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        yield node, "".join(str(p) for p in parts) + "{…}"
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                yield from _strings(value.value)
        return
    for child in ast.iter_child_nodes(node):
        yield from _strings(child)


def _has_letters(text: str) -> bool:
    return bool(LETTERS.search(text))


def scan_file(path: Path, root: Path = PACKAGE.parent) -> list[Finding]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    shown = path.relative_to(root).as_posix()
    docstrings = _docstrings(tree)
    seen: set[int] = set()
    findings: list[Finding] = []

    statements = sorted(
        (
            (node.lineno, node.end_lineno or node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.stmt)
        ),
        key=lambda span: span[1] - span[0],
    )

    def excused(node: ast.AST) -> bool:
        """A ``# i18n:`` comment on a line of the innermost statement holding ``node``."""
        number = getattr(node, "lineno", 0)
        for first, last in statements:
            if first <= number <= last:
                return any(PRAGMA.search(lines[n - 1]) for n in range(first, last + 1))
        return False

    def report(node: ast.AST, text: str, why: str) -> None:
        if id(node) in seen or id(node) in docstrings or excused(node):
            return
        seen.add(id(node))
        findings.append(Finding(shown, getattr(node, "lineno", 0), text[:70], why))

    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            if _call_name(node.exc) not in PROGRAMMING_ERRORS:
                for arg in [*node.exc.args, *(k.value for k in node.exc.keywords)]:
                    for literal, text in _strings(arg):
                        if _has_letters(text):
                            report(literal, text, "viesti ilman luetteloa")
        if not isinstance(node, ast.Call) or _is_marker(node):
            continue
        name = _call_name(node)
        if name in MESSAGE_CALLS or name == "progress_bar":
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg != "fg")]:
                for literal, text in _strings(arg):
                    if _has_letters(text):
                        report(literal, text, "tuloste ilman luetteloa")
        for keyword in node.keywords:
            if keyword.arg in TEXT_KEYWORDS:
                for literal, text in _strings(keyword.value):
                    if _has_letters(text):
                        report(literal, text, f"{keyword.arg}= ilman luetteloa")
        if name in LABEL_CONSTRUCTORS:
            arguments = [
                *node.args,
                *(k.value for k in node.keywords if k.arg not in CODE_KEYWORDS),
            ]
            for arg in arguments[1:] if node.args else arguments:
                if isinstance(arg, ast.Constant | ast.JoinedStr):
                    for literal, text in _strings(arg):
                        if _has_letters(text) and not CODE.fullmatch(text):
                            report(literal, text, f"{name}-teksti ilman luetteloa")
    if shown not in INPUT_GRAMMARS:
        for node in ast.walk(tree):
            for literal, text in _strings(node) if isinstance(node, ast.Constant) else ():
                if NORDIC.search(text):
                    report(literal, text, "suomea tai ruotsia ilman luetteloa")
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and not _inside_marker(tree, node):
                text = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
                if NORDIC.search(text):
                    report(node, text, "suomea tai ruotsia ilman luetteloa")
    return _without_marked(tree, findings)


def _inside_marker(tree: ast.AST, target: ast.AST) -> bool:
    for node in ast.walk(tree):
        if _is_marker(node) and any(child is target for child in ast.walk(node)):
            return True
    return False


def _without_marked(tree: ast.AST, findings: list[Finding]) -> list[Finding]:
    """Drop findings whose literal stands inside a marker call (walk order can miss it)."""
    marked_lines: set[tuple[int, str]] = set()
    for node in ast.walk(tree):
        if _is_marker(node):
            for child in ast.walk(node):
                if isinstance(child, ast.Constant) and isinstance(child.value, str):
                    marked_lines.add((child.lineno, child.value[:70]))
    return [f for f in findings if (f.line, f.text) not in marked_lines]


def scan(package: Path = PACKAGE) -> list[Finding]:
    findings: list[Finding] = []
    for path in sorted(package.rglob("*.py")):
        if "_bundled" in path.parts or path.name == "text.py" and path.parent.name == "core":
            continue
        findings += scan_file(path, package.parent)
    return findings


if __name__ == "__main__":  # a work list: python tests/i18n_scan.py
    import collections

    all_findings = scan()
    for finding in all_findings:
        print(finding)
    per_file = collections.Counter(f.path for f in all_findings)
    print(len(all_findings), "findings in", len(per_file), "files")
