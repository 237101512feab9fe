"""A minimal FastAPI app around the add-in's two routers, until ``xlsrc serve`` is on main.

``xlsrc.server.app.create_app`` and ``xlsrc.server.auth.require_token`` are written
by the service engineer at the same time.  Where they are missing, these tests
run the routers in this stand-in: :func:`install_stand_in_auth` puts a
``require_token`` that accepts one fixed token into ``sys.modules`` (tests only;
the product has one token store, the service's), and :func:`stand_in_app`
adds the file endpoints the add-in calls (validate, status sheet), calling the
same library functions as the CLI.
"""

# No "from __future__ import annotations": FastAPI must see the route annotations as
# objects, and require_token is only importable once the stand-in is installed.
import importlib.util
import json
import sys
import tempfile
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Header, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

TOKEN = "testitunnus-123"


def real_service_available() -> bool:
    return importlib.util.find_spec("xlsrc.server.app") is not None


@dataclass(frozen=True)
class Principal:
    name: str
    organisation: str


def test_principal(authorization: Annotated[str | None, Header()] = None) -> Principal:
    """Accepts :data:`TOKEN` only: the stand-in for the service's token store."""
    if authorization != f"Bearer {TOKEN}":
        raise HTTPException(status_code=401, detail="tunnus puuttuu tai on tuntematon")
    return Principal("testi", "Testialue")


def install_stand_in_auth() -> None:
    """``xlsrc.server.auth`` with :func:`test_principal` as ``require_token``, if missing."""
    if "xlsrc.server.auth" in sys.modules or importlib.util.find_spec("xlsrc.server.auth"):
        return
    module = types.ModuleType("xlsrc.server.auth")
    module.require_token = test_principal  # type: ignore[attr-defined]
    module.Principal = Principal  # type: ignore[attr-defined]
    sys.modules["xlsrc.server.auth"] = module


def stand_in_app() -> Any:
    """The add-in routers plus stand-ins of the service's file endpoints."""
    install_stand_in_auth()
    from xlsrc.core.errors import XlsrcError
    from xlsrc.server.auth import require_token
    from xlsrc.server.routes import addin, functions

    app = FastAPI()
    app.include_router(addin.router)
    app.include_router(functions.router)
    # With the service's real require_token (it reads the app's token store), the test
    # token is checked by the stand-in instead.
    app.dependency_overrides[require_token] = test_principal

    @app.exception_handler(XlsrcError)
    async def refused(_: Request, error: XlsrcError) -> JSONResponse:
        status = {1: 422, 2: 422, 3: 500}.get(error.exit_code, 422)
        if type(error).__name__ == "LockedQuarter":
            status = 409
        return JSONResponse({"detail": str(error)}, status_code=status)

    @app.post("/api/validate")
    async def validate(
        file: Annotated[UploadFile, File()],
        _: Annotated[Any, Depends(require_token)],
        format: Annotated[str, Query()] = "json",
    ) -> Response:
        from xlsrc.validation import validate_workbook

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "tyokirja.xlsx"
            path.write_bytes(await file.read())
            findings = validate_workbook(path)
        body = json.dumps([f.as_json() for f in findings], ensure_ascii=False)
        return Response(body, media_type="application/json")

    @app.post("/api/status-sheet")
    async def status_sheet(
        file: Annotated[UploadFile, File()],
        _: Annotated[Any, Depends(require_token)],
        quarter: Annotated[str, Query()],
        format: Annotated[str, Query()] = "xlsx",
    ) -> Response:
        from xlsrc.status_sheet.headless import generate_file, parse_quarter

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "tyokirja.xlsx"
            path.write_bytes(await file.read())
            generate_file(path, parse_quarter(quarter))
            data = path.read_bytes()
        return Response(
            data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    return app
