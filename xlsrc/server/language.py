"""The language of a request: its answers, errors and job reports in Finnish, Swedish or English.

A bilingual county's add-in or script asks for Swedish with ``Accept-Language:
sv`` (a browser sends the user's own preference list) or with ``?lang=sv``;
the query parameter wins, because a user who typed it chose it.  Without
either the service answers in Finnish.  An ``Accept-Language`` that names no
language of the catalogue falls back to Finnish, as HTTP content negotiation
does; a ``lang`` parameter that is not a language of the catalogue is refused
(422), because the user asked for something that will not happen.

:class:`RequestLanguage` renders every message of the request in that
language with :func:`~xlsrc.core.text.use_language`: a context variable, so
concurrent requests never mix languages, and a job launched by the request
(an asyncio task copies the context) and its worker process (the runner
sends the language with each task) speak it too.  The answer says which
language it is in (``Content-Language``).  A job's report and error are
stored as they were made: asked for later in another language, they keep the
language of the request that started the job.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import Message, Receive, Scope, Send

from xlsrc.core.text import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Joined,
    Language,
    Msg,
    language_of,
    use_language,
)
from xlsrc.server.errors import BadUpload
from xlsrc.server.middleware import HttpMiddleware, header, with_header
from xlsrc.server.responses import error_response

#: The query parameter that chooses the language of the answer.
PARAMETER = "lang"


def negotiated(accept_language: str | None) -> Language | None:
    """The catalogue language ``Accept-Language`` prefers most, None if it names none.

    ``sv-FI, sv;q=0.9, en;q=0.5`` is Swedish; ``de, en;q=0.3`` is English; a
    language weighted ``q=0`` is one the client does not want.
    """
    best: tuple[float, int, Language] | None = None
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        language = language_of(tag)
        if language is None or weight <= 0:
            continue
        candidate = (-weight, position, language)
        if best is None or candidate < best:
            best = candidate
    return None if best is None else best[2]


def chosen(query: str | None, accept_language: str | None) -> Language:
    """The request's language: ``lang`` in ``query``, else ``Accept-Language``, else Finnish.

    Raises :class:`~xlsrc.server.errors.BadUpload` (422) for a ``lang`` that
    names no language of the catalogue.
    """
    asked = [value for name, value in parse_qsl(query or "") if name == PARAMETER]
    if asked:
        language = language_of(asked[-1])
        if language is None:
            raise BadUpload(
                Msg(
                    "kieltä {asked!r} ei ole: anna lang={choices}",
                    asked=asked[-1][:20],
                    choices=Joined.of(LANGUAGES, "|"),
                )
            )
        return language
    return negotiated(accept_language) or DEFAULT_LANGUAGE


def scope_language(scope: Scope) -> Language:
    """:func:`chosen` for an ASGI scope; Finnish when its ``lang`` is not a language."""
    query = scope.get("query_string", b"").decode("latin-1")
    try:
        return chosen(query, header(scope, b"accept-language"))
    except BadUpload:
        return negotiated(header(scope, b"accept-language")) or DEFAULT_LANGUAGE


class RequestLanguage(HttpMiddleware):
    """ASGI middleware: the request runs in its language and the answer names it."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"").decode("latin-1")
        accept = header(scope, b"accept-language")
        try:
            language = chosen(query, accept)
        except BadUpload as error:
            with use_language(negotiated(accept) or DEFAULT_LANGUAGE):
                response = error_response(422, str(error), "BadUpload")
            await response(scope, receive, send)
            return

        async def labelled(message: Message) -> None:
            await send(with_header(message, b"content-language", language.encode("ascii")))

        with use_language(language):
            await self.app(scope, receive, labelled)
