"""Keep the message catalogue in step with the code: extract, update, compile, check (Babel).

``python -m xlsrc.i18n.catalogue update`` extracts every source text
(:mod:`xlsrc.i18n.extract`), merges it into each language's ``.po`` file
(translations and translator comments kept, new texts added - the Finnish
catalogue gets its source text, the others an empty translation to fill in -
texts the code no longer uses dropped) and compiles the ``.mo`` files.
``check`` lists what is wrong: a text missing from a catalogue or without a
translation, a translation whose ``{placeholders}`` differ from its source, a
Swedish entry with no ``# tarkistettava:`` or ``# lähde:`` comment, a ``.mo``
that is not the compile of its ``.po``.  The test suite runs the same checks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import string
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from xlsrc.core.text import LANGUAGES, Language
from xlsrc.i18n import DOMAIN, catalogue_path
from xlsrc.i18n.extract import (
    CLICK_MARKERS,
    Extraction,
    Key,
    extract_html,
    extract_python,
    extract_ribbon,
)

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "xlsrc"
RIBBON = ROOT / "macros" / "customUI14.xml"
TASK_PANE = ROOT / "officejs" / "src" / "taskpane.html"
#: A fixed date in every header, so an unchanged catalogue compiles to the same bytes.
_HEADER_DATE = dt.datetime(2024, 10, 1, tzinfo=dt.UTC)
#: Comments that say where a Swedish text stands: to be reviewed, or given by a seed.
REVIEW_TAG = "tarkistettava:"
SOURCE_TAG = "lähde:"  # i18n: a tag the check reads in .po comments, never shown


#: Texts click translates through a variable (``_(extra["required"])``), so no marker
#: names them: without an entry, "[required]" stayed English in every --help.
CLICK_INDIRECT = ("required",)


def extract(root: Path = ROOT) -> Extraction:
    """Every source text: xlsrc's Python, click's own messages, the ribbon, the task pane."""
    found = Extraction()
    package = root / "xlsrc"
    sources = [p for p in package.rglob("*.py") if "_bundled" not in p.parts]
    extract_python(sources, root, found)
    import click

    click_dir = Path(click.__file__).parent
    from_click = Extraction()
    extract_python(click_dir.glob("*.py"), click_dir.parent, from_click, CLICK_MARKERS)
    for key, entry in from_click.entries.items():  # its problems are click's, not ours
        for path, line in entry.locations:
            found.add(key, entry.plural, path, line, source="en")
    for text in CLICK_INDIRECT:
        found.add(Key(text, None), None, "click/core.py", 0, source="en")
    if (root / "macros" / "customUI14.xml").exists():
        extract_ribbon(root / "macros" / "customUI14.xml", root, found)
    if (root / "officejs" / "src" / "taskpane.html").exists():
        extract_html(root / "officejs" / "src" / "taskpane.html", root, found)
    return found


def read_catalogue(language: Language) -> Catalog:
    path = catalogue_path(language, ".po")
    if not path.exists():
        return _empty(language)
    with path.open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def _empty(language: Language) -> Catalog:
    return Catalog(
        locale=language,
        domain=DOMAIN,
        header_comment=f"# xlsrc: message catalogue, {language}.\n#",
        project="xlsrc",
        version="1",
        last_translator="xlsrc",
        language_team={"fi": "suomi", "sv": "svenska", "en": "English"}[language],
        creation_date=_HEADER_DATE,
        revision_date=_HEADER_DATE,
        fuzzy=False,
    )


def _message_id(key: Key, plural: str | None) -> str | tuple[str, str]:
    return (key.msgid, plural) if plural is not None else key.msgid


def merged(language: Language, found: Extraction, old: Catalog) -> Catalog:
    """``language``'s catalogue for the texts in ``found``, keeping what ``old`` translated."""
    new = _empty(language)
    for key in sorted(found.entries, key=lambda k: (k.msgid, k.context or "")):
        entry = found.entries[key]
        previous = old.get(_message_id(key, entry.plural), context=key.context)
        if previous is None and entry.plural is not None:
            previous = old.get(key.msgid, context=key.context)
        translation: str | tuple[str, ...] | list[str] | None = None
        comments: list[str] = []
        if previous is not None:
            translation = previous.string
            comments = list(previous.user_comments)
        if _is_empty(translation) and language == entry.source:
            translation = (key.msgid, entry.plural) if entry.plural else key.msgid
        if entry.plural is not None and isinstance(translation, str):
            translation = (translation, translation) if translation else ("", "")
        locations = sorted({(path, 0) for path, _ in entry.locations})
        new.add(
            _message_id(key, entry.plural),
            translation,
            locations=locations,
            user_comments=comments,
            context=key.context,
        )
    return new


def _is_empty(translation: object) -> bool:
    if isinstance(translation, tuple | list):
        return not any(translation)
    return not translation


def po_bytes(catalogue: Catalog) -> bytes:
    stream = io.BytesIO()
    write_po(stream, catalogue, width=0, include_lineno=False, sort_output=True)
    return stream.getvalue()


def mo_bytes(catalogue: Catalog) -> bytes:
    stream = io.BytesIO()
    write_mo(stream, catalogue)
    return stream.getvalue()


def update(found: Extraction | None = None) -> None:
    """Merge the extracted texts into every catalogue and compile them."""
    found = found or extract()
    for language in LANGUAGES:
        catalogue = merged(language, found, read_catalogue(language))
        path = catalogue_path(language, ".po")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalogue))
    compile_all()


def compile_all() -> None:
    for language in LANGUAGES:
        catalogue_path(language).write_bytes(mo_bytes(read_catalogue(language)))


def placeholders(text: str) -> set[str]:
    """The ``{names}`` of a message (format specs and conversions left out)."""
    names: set[str] = set()
    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None:
            names.add(name.split(".")[0].split("[")[0])
    return names


def _strings(message: Message) -> list[str]:
    value = message.string
    if isinstance(value, tuple | list):
        return [str(v) for v in value]
    return [str(value or "")]


def _ids(message: Message) -> list[str]:
    value = message.id
    return [str(v) for v in value] if isinstance(value, tuple | list) else [str(value)]


def problems(found: Extraction | None = None) -> list[str]:
    """Everything that is wrong with the catalogue, one line each (empty: all is well)."""
    found = found or extract()
    lines = [f"{p.path}:{p.line}: marker without a literal text: {p.what}" for p in found.problems]
    for language in LANGUAGES:
        catalogue = read_catalogue(language)
        lines += _language_problems(language, catalogue, found)
        if catalogue_path(language).exists():
            if catalogue_path(language).read_bytes() != mo_bytes(catalogue):
                lines.append(f"{language}: xlsrc.mo is not the compile of xlsrc.po (run update)")
        else:
            lines.append(f"{language}: xlsrc.mo is missing (run compile)")
    return lines


def _language_problems(language: Language, catalogue: Catalog, found: Extraction) -> list[str]:
    lines: list[str] = []
    present: set[Key] = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = _ids(message)
        key = Key(ids[0], message.context)
        present.add(key)
        where = f"{language}: {ids[0][:60]!r}"
        if key not in found.entries:
            lines.append(f"{where}: no longer used (run update)")
            continue
        strings = _strings(message)
        if not all(strings):
            lines.append(f"{where}: no translation")
            continue
        wanted = set().union(*(placeholders(i) for i in ids))
        for text in strings:
            if placeholders(text) - wanted or (len(ids) == 1 and placeholders(text) != wanted):
                lines.append(f"{where}: placeholders differ: {text[:60]!r}")
        if language == "sv" and not _tagged(message.user_comments):
            lines.append(f"{where}: neither '# {REVIEW_TAG}' nor '# {SOURCE_TAG}' comment")
    for key in found.entries:
        if key not in present:
            lines.append(f"{language}: {key.msgid[:60]!r}: not in the catalogue (run update)")
    return lines


def _tagged(comments: Iterable[str]) -> bool:
    return any(c.strip().startswith((REVIEW_TAG, SOURCE_TAG)) for c in comments)


def counts() -> dict[str, int]:
    """Translated entries per language."""
    return {
        language: sum(1 for m in read_catalogue(language) if m.id and all(_strings(m)))
        for language in LANGUAGES
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xlsrc.i18n.catalogue")
    parser.add_argument("action", choices=["update", "compile", "check", "count"])
    action = parser.parse_args(argv).action
    if action == "update":
        update()
    elif action == "compile":
        compile_all()
    elif action == "count":
        for language, number in counts().items():
            print(f"{language}: {number}")
    found = problems() if action in ("update", "check") else []
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
