"""The service's routers: each module named in :data:`ROUTERS` exposes ``router``.

:func:`xlsrc.server.app.create_app` includes them in this order; a new group
of endpoints is one new module plus its name here.
"""

from __future__ import annotations

#: Modules of this package whose ``router`` the app includes.
ROUTERS: tuple[str, ...] = (
    "health",
    "registry",
    "recalc",
    "validate",
    "status_sheet",
    "publish",
    "jobs",
    "addin",
    "functions",
)
