"""Find the source texts of the catalogue: every message the code and the add-in sources make.

Python sources are read with :mod:`ast` (never imported): a call of
:func:`~xlsrc.core.text.tr`, :func:`~xlsrc.core.text.ptr`,
:func:`~xlsrc.core.text.ntr`, :func:`~xlsrc.core.text.N_`,
:class:`~xlsrc.core.text.Msg` (and ``Msg.in_context``, ``Msg.plural``) whose
text arguments are literal strings is one entry.  A marker called with
anything but a literal is reported as a problem: its text could never reach
the catalogue.  Click's own messages (``_()`` and ``ngettext()`` in click's
modules) are entries too, so "Usage:" and "Error:" are translated like ours,
and so are the ribbon's labels and screentips (``macros/customUI14.xml``) and
the task pane's texts (``data-i18n`` elements of ``officejs/src/taskpane.html``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

#: Marker -> positions of (context, msgid, plural) among its arguments (None: not taken).
PYTHON_MARKERS: dict[str, tuple[int | None, int, int | None]] = {
    "tr": (None, 0, None),
    "Msg": (None, 0, None),
    "N_": (None, 0, None),
    "ptr": (0, 1, None),
    "in_context": (0, 1, None),
    "ntr": (None, 0, 1),
    "plural": (None, 0, 1),
}
#: The markers click's own modules use (``from gettext import gettext as _``).
CLICK_MARKERS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "ngettext": (None, 0, 1),
}
#: Attributes of the ribbon's XML that a person reads.
RIBBON_ATTRIBUTES = ("label", "screentip", "supertip")


@dataclass(frozen=True)
class Key:
    """What identifies an entry in a gettext catalogue."""

    msgid: str
    context: str | None = None


@dataclass
class Entry:
    """One source text and where it is used."""

    key: Key
    plural: str | None = None
    locations: list[tuple[str, int]] = field(default_factory=list)
    source: str = "fi"
    """Language of the source text: Finnish for xlsrc's own, English for click's."""


@dataclass(frozen=True)
class Problem:
    """A marker whose text is not a literal (so it cannot be in the catalogue)."""

    path: str
    line: int
    what: str


@dataclass
class Extraction:
    entries: dict[Key, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: Key, plural: str | None, path: str, line: int, source: str = "fi") -> None:
        entry = self.entries.setdefault(key, Entry(key, plural, source=source))
        entry.locations.append((path, line))
        if plural is not None:
            entry.plural = plural


def _marker_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        if func.value.id == "Msg" and func.attr in ("in_context", "plural"):
            return func.attr
    return None


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def python_calls(
    tree: ast.AST, markers: dict[str, tuple[int | None, int, int | None]]
) -> Iterator[tuple[ast.Call, str | None, str | None, str | None]]:
    """Each marker call of ``tree``: (call, context, msgid, plural); None where not literal."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _marker_name(node)
        if name not in markers:
            continue
        context_at, msgid_at, plural_at = markers[name]

        def argument(index: int | None, call: ast.Call = node) -> ast.expr | None:
            if index is None or index >= len(call.args):
                return None
            return call.args[index]

        yield (
            node,
            _literal(argument(context_at)) if context_at is not None else None,
            _literal(argument(msgid_at)),
            _literal(argument(plural_at)) if plural_at is not None else None,
        )


def extract_python(
    paths: Iterable[Path],
    root: Path,
    into: Extraction,
    markers: dict[str, tuple[int | None, int, int | None]] = PYTHON_MARKERS,
) -> None:
    for path in sorted(paths):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for call, context, msgid, plural in python_calls(tree, markers):
            context_at, _, plural_at = markers[_marker_name(call) or ""]
            if msgid is None or (context_at is not None and context is None):
                # a variable holding a marked text is translated lazily; a text made on the
                # spot (an f-string, + or .format) can never be in the catalogue
                if any(_made_on_the_spot(arg) for arg in call.args[:3]):
                    into.problems.append(Problem(shown, call.lineno, ast.unparse(call)[:80]))
                continue
            if plural_at is not None and plural is None:
                into.problems.append(Problem(shown, call.lineno, ast.unparse(call)[:80]))
                continue
            into.add(Key(msgid, context), plural, shown, call.lineno)


def _made_on_the_spot(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr | ast.BinOp) or (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "join", "replace")
    )


def extract_ribbon(path: Path, root: Path, into: Extraction) -> None:
    """The labels and screentips of the ribbon's customUI XML."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    shown = path.relative_to(root).as_posix()
    for element in tree.iter():
        for attribute in RIBBON_ATTRIBUTES:
            value = element.get(attribute)
            if value:
                line = element.sourceline if isinstance(element.sourceline, int) else 0
                into.add(Key(value), None, shown, line)


_I18N_ELEMENT = re.compile(r'data-i18n(?:-(\w+))?="([^"]*)"')


def extract_html(path: Path, root: Path, into: Extraction) -> None:
    """Texts the task pane marks: ``data-i18n="Finnish text"`` (attributes: ``data-i18n-title``)."""
    shown = path.relative_to(root).as_posix()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in _I18N_ELEMENT.finditer(line):
            into.add(Key(_unescape_html(match[2])), None, shown, number)


def _unescape_html(text: str) -> str:
    return (
        text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
