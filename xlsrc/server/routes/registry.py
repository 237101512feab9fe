"""``GET /api/functions``: the XS_ functions as JSON (the Office.js add-in is built from it)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from xlsrc.core.text import N_
from xlsrc.server.auth import Owner
from xlsrc.server.registry_json import registry_json

router = APIRouter(tags=[N_("funktiot")])


@router.get("/api/functions", summary=N_("Työkirjafunktiot (XS_) ja niiden argumentit"))
async def functions(_: Owner) -> dict[str, Any]:
    return registry_json()
