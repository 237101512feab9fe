"""``GET /api/functions``: the XS_ functions as JSON (the Office.js add-in is built from it)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from xlsrc.server.auth import Principal, require_token
from xlsrc.server.registry_json import registry_json

router = APIRouter(tags=["funktiot"])


@router.get("/api/functions", summary="Työkirjafunktiot (XS_) ja niiden argumentit")
async def functions(_: Annotated[Principal, Depends(require_token)]) -> dict[str, Any]:
    return registry_json()
