"""``GET /addin/...``: the Office.js add-in's files, generated from the registry.

``/addin/manifest.xml`` names this service's own public address (the request's
base URL: behind the county's TLS proxy, uvicorn's proxy headers make it the
``https://`` address users reach), so an administrator can hand the URL to the
Microsoft 365 admin center as it is.  Everything else (``functions.json``,
``functions.js``, ``taskpane.html``, ``js/*.js``, icons) is the same for every
request and built once per process.  No token is needed: Office fetches these
files itself, before anyone signs in; they hold no data, only the add-in.
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, HTTPException, Request, Response

from xlsrc.core.text import N_, tr
from xlsrc.officejs.bundle import content_type, static_files
from xlsrc.officejs.manifest import ADDIN_PATH, manifest_xml

router = APIRouter(tags=[N_("Office.js-apuohjelma")])


@lru_cache(maxsize=1)
def _files() -> dict[str, bytes]:
    return static_files()


@router.get(f"/{ADDIN_PATH}/manifest.xml", summary=N_("Apuohjelman manifesti (XML)"))
def manifest(request: Request) -> Response:
    base = str(request.base_url).rstrip("/")
    return Response(manifest_xml(base), media_type=content_type("manifest.xml"))


@router.get(f"/{ADDIN_PATH}/{{name:path}}", summary=N_("Apuohjelman tiedosto"))
def addin_file(name: str) -> Response:
    files = _files()
    if name not in files:
        raise HTTPException(
            status_code=404, detail=tr("{name}: ei apuohjelman tiedosto", name=name)
        )
    return Response(
        files[name], media_type=content_type(name), headers={"Cache-Control": "no-cache"}
    )
