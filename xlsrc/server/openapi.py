"""The OpenAPI description in the request's language: summaries, descriptions and tags.

The routes give their summaries, parameter descriptions and tags as Finnish
source texts marked with :func:`~xlsrc.core.text.N_`; FastAPI builds one
document from them.  :class:`TranslatedApi` serves that document with
those texts translated into the language of the request (``/openapi.json``
and ``/docs`` run inside :class:`~xlsrc.server.language.RequestLanguage`),
built once per language.  Paths, parameter names, schema names and examples
are left as they are: a client reads them, not a person.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from xlsrc.core.text import current_language, translate

#: Keys whose string value is a text a person reads.
TEXT_KEYS = frozenset({"summary", "description"})


def _translated(node: Any) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                out[key] = translate(value)
            elif key == "tags" and isinstance(value, list):
                out[key] = [translate(tag) if isinstance(tag, str) else tag for tag in value]
            else:
                out[key] = _translated(value)
        return out
    if isinstance(node, list):
        return [_translated(item) for item in node]
    return node


class TranslatedApi(FastAPI):
    """FastAPI whose ``openapi()`` is the document in the current language, built once per
    language (FastAPI keeps the Finnish source document in ``openapi_schema``)."""

    _by_language: dict[str, dict[str, Any]]

    def openapi(self) -> dict[str, Any]:
        if not hasattr(self, "_by_language"):
            self._by_language = {}
        language = current_language()
        if language not in self._by_language:
            self._by_language[language] = _translated(super().openapi())
        return self._by_language[language]
