"""Two ASGI middlewares: the upload size limit, and one structured log line per request.

:class:`BodyLimit` answers 413 for a request body over the limit - at once
when ``Content-Length`` says so, else as soon as the counted bytes pass it.
It reads (and throws away) the rest of an oversized body, up to a bound,
before it answers: a server that closes while the client is still sending
makes the client see a reset connection instead of the 413.

:class:`RequestLog` writes one JSON line per request to the ``xlsrc.server.access``
logger: request id (the proxy's ``X-Request-ID`` when it sends a sane one),
method, path, status, outcome, duration, bytes in and out, the token's name
and organisation, the uploaded files' sizes and the job id.  Never a query
string, a header value or anything of a workbook's contents.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from xlsrc.core.text import Msg, compact
from xlsrc.server.config import MB
from xlsrc.server.responses import error_response

access_log = logging.getLogger("xlsrc.server.access")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def header(scope: Scope, name: bytes) -> str | None:
    """The value of the request header ``name`` (lower-case), None when it was not sent."""
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def with_header(message: Message, name: bytes, value: bytes) -> Message:
    """``message`` with the answer header ``name: value`` added when it starts the answer."""
    if message["type"] != "http.response.start":
        return message
    return {**message, "headers": [*message.get("headers", []), (name, value)]}


class HttpMiddleware:
    """An ASGI middleware that acts on HTTP requests; lifespan and websockets pass through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer, or pass on to ``self.app``, one HTTP request."""
        raise NotImplementedError


class BodyLimit(HttpMiddleware):
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes
        #: an oversized body is read and dropped up to this many bytes, then the line is cut
        self.drain_bytes = 2 * max_bytes + MB

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            # a client that waits for "100 Continue" has sent nothing yet: answer at once
            waiting = (header(scope, b"expect") or "").lower() == "100-continue"
            await self._refuse(scope, receive, send, 0, more=not waiting)
            return
        state = {"seen": 0, "over": False, "started": False}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > self.max_bytes:
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if state["over"]:
                return  # the app's answer to a cut body is replaced by the 413
            state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await self._refuse(scope, receive, send, int(state["seen"]), more=True)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, seen: int, *, more: bool
    ) -> None:
        while more and seen <= self.drain_bytes:
            message = await receive()
            if message["type"] != "http.request":
                break
            seen += len(message.get("body", b""))
            more = bool(message.get("more_body", False))
        reason = Msg(
            "lähetys on liian suuri: raja on {limit} Mt pyyntöä kohden; "
            "lähetä tiedostot useassa pyynnössä",
            limit=compact(self.max_bytes / MB),
        )
        response = error_response(413, str(reason), "TooLarge")
        await response(scope, receive, send)


class RequestLog(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        given = header(scope, b"x-request-id")
        request_id = given if given and _REQUEST_ID.match(given) else secrets.token_hex(8)
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        counts = {"in": 0, "out": 0, "status": 0}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                counts["in"] += len(message.get("body", b""))
            return message

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                counts["status"] = message["status"]
                message = with_header(message, b"x-request-id", request_id.encode("ascii"))
            elif message["type"] == "http.response.body":
                counts["out"] += len(message.get("body", b""))
            await send(message)

        outcome = None
        try:
            await self.app(scope, counted, tagged)
        except Exception:  # a bug: the outermost error middleware answers 500 for it
            counts["status"], outcome = counts["status"] or 500, "error"
            raise
        except BaseException:  # cancelled: the client went away, or the server is stopping
            outcome = "aborted"
            raise
        finally:
            self._write(scope, state, counts, started, outcome)

    @staticmethod
    def _write(
        scope: Scope,
        state: dict[str, Any],
        counts: dict[str, int],
        started: float,
        outcome: str | None,
    ) -> None:
        status = counts["status"]
        if outcome is None:
            outcome = "ok" if status < 400 else "refused" if status < 500 else "error"
        principal = state.get("principal")
        line = {
            "event": "request",
            "request_id": state["request_id"],
            "method": scope.get("method"),
            "path": scope.get("path"),
            "status": status,
            "outcome": outcome,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "bytes_in": counts["in"],
            "bytes_out": counts["out"],
            "token": getattr(principal, "name", None),
            "organisation": getattr(principal, "organisation", None),
            "files": state.get("files"),
            "job": state.get("job"),
        }
        access_log.info(json.dumps(line, ensure_ascii=False))
