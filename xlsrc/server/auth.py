"""Who is asking: the ``require_token`` dependency every endpoint but ``/healthz`` uses.

``Authorization: Bearer <token>`` is looked up in the app's
:class:`~xlsrc.server.tokens.TokenStore`; an unknown or missing token answers
401 with ``WWW-Authenticate: Bearer``.  The principal is also left on
``request.state`` so the request log can name the token (never the secret).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from xlsrc.core.text import N_, Msg
from xlsrc.server.errors import Unauthorized
from xlsrc.server.tokens import Principal, TokenStore

__all__ = ["Owner", "Principal", "require_token"]

_bearer = HTTPBearer(
    auto_error=False,
    description=N_("tunnuksen antaa xlsrc serve token add NIMI --organisation ORG"),
)


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The principal of the request's bearer token; raises :class:`Unauthorized` (401)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized(Msg("tunnus puuttuu: lähetä otsake 'Authorization: Bearer <tunnus>'"))
    store: TokenStore = request.app.state.tokens
    principal = store.authenticate(credentials.credentials)
    if principal is None:
        raise Unauthorized(Msg("tuntematon tai poistettu tunnus"))
    request.state.principal = principal
    return principal


#: An endpoint parameter: the principal of the request's token (401 without one).
Owner = Annotated[Principal, Depends(require_token)]
