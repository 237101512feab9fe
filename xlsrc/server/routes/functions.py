"""``POST /api/functions/call``: one batch of custom-function calls from the add-in.

Excel calls an ``XS_`` function once per cell; the add-in's batcher sends all
calls of one calculation pass here in one request (see
:mod:`xlsrc.officejs.wire` for the format).  Each call runs the registry
function exactly as the headless engine does; an Excel error comes back with
its reason.  The work is a few microseconds per call, so it runs in the
threadpool (a plain ``def``), never in the event loop.  A malformed batch is an
:class:`~xlsrc.core.errors.UnusableInput` (422, with the Finnish reason).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends

from xlsrc.core.text import N_
from xlsrc.officejs.wire import evaluate_calls
from xlsrc.registry import Registry
from xlsrc.server.auth import Principal, require_token

router = APIRouter(tags=[N_("Office.js-apuohjelma")])


@lru_cache(maxsize=1)
def _registry() -> Registry:
    return Registry.default()


@router.post(
    "/api/functions/call", summary=N_("Laske joukko XS_-funktiokutsuja (yksi laskentakierros)")
)
def call_functions(
    body: Annotated[Any, Body(description='{"calls": [{"function": "XS_BAND", "args": [...]}]}')],
    _: Annotated[Principal, Depends(require_token)],
) -> dict[str, list[Any]]:
    return evaluate_calls(_registry(), body)
