"""``GET /healthz``: the one endpoint without a token, for load balancers and systemd."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from xlsrc import __version__
from xlsrc.core.text import N_

router = APIRouter(tags=[N_("palvelu")])


@router.get("/healthz", summary=N_("Palvelu on käynnissä"))
async def healthz(request: Request) -> dict[str, Any]:
    """Answers while the service accepts work; says nothing about any unit's jobs."""
    return {"status": "ok", "version": __version__, "workers": request.app.state.pool.size}
