"""Bearer tokens, kept hashed in one file that ``xlsrc serve token ...`` manages.

A token is 32 random bytes (``xs_`` + URL-safe base64), shown once when it is
added; the file keeps only its SHA-256.  A slow password hash is not needed:
the secret is random and long, so its hash cannot be reversed by guessing,
and a fast hash keeps every request cheap.  Each token belongs to one
organisation or unit and has a stable ``id``; jobs are owned by that id, so a
removed and re-added token with the same name never sees the old jobs.

The file is JSON, written with the one atomic writer and created readable by
its owner only.  The running service re-reads it when it changes, so adding
or removing a token needs no restart.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import Msg
from xlsrc.io.atomic import write_atomic

TOKEN_PREFIX = "xs_"


@dataclass(frozen=True)
class Principal:
    """Who a request acts for: the token's name, organisation and id (never the secret)."""

    name: str
    organisation: str
    token_id: str


@dataclass(frozen=True)
class TokenRecord:
    id: str
    name: str
    organisation: str
    sha256: str
    created: str

    def principal(self) -> Principal:
        return Principal(self.name, self.organisation, self.id)


class TokenFileProblem(UnusableInput):
    """The token file cannot be read or a token command cannot be done as asked."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore:
    """The token file, read lazily and re-read whenever its modification time changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._records: list[TokenRecord] = []

    def records(self) -> list[TokenRecord]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._stamp, self._records = None, []
            return []
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            self._records = _read(self.path)
            self._stamp = stamp
        return list(self._records)

    def authenticate(self, token: str) -> Principal | None:
        """The principal of ``token``, or None; compared in constant time."""
        presented = digest(token)
        found = None
        for record in self.records():
            if hmac.compare_digest(record.sha256, presented):
                found = record
        return found.principal() if found is not None else None

    def add(self, name: str, organisation: str) -> str:
        """Add a token and return its secret (the only time it is seen)."""
        name, organisation = name.strip(), organisation.strip()
        if not name or not organisation:
            raise TokenFileProblem(Msg("anna tunnukselle nimi ja organisaatio (--organisation)"))
        records = self.records()
        if any(r.name == name for r in records):
            raise TokenFileProblem(
                Msg(
                    "tunnus {name!r} on jo olemassa; poista se ensin (xlsrc serve token remove)",
                    name=name,
                )
            )
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        created = datetime.now(UTC).isoformat(timespec="seconds")
        record = TokenRecord(secrets.token_hex(8), name, organisation, digest(secret), created)
        self._write([*records, record])
        return secret

    def remove(self, name: str) -> TokenRecord:
        records = self.records()
        kept = [r for r in records if r.name != name]
        if len(kept) == len(records):
            raise TokenFileProblem(
                Msg("tunnusta {name!r} ei ole tiedostossa {path}", name=name, path=str(self.path))
            )
        self._write(kept)
        return next(r for r in records if r.name == name)

    def _write(self, records: list[TokenRecord]) -> None:
        document = {"tokens": [asdict(r) for r in records]}
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        _create_private(self.path)
        write_atomic(self.path, text.encode("utf-8"))
        self._stamp = None


def _create_private(path: Path) -> None:
    """Create the file readable by its owner only; the atomic writer then keeps that mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _read(path: Path) -> list[TokenRecord]:
    try:
        text = path.read_text(encoding="utf-8")
        if not text.strip():  # created, but the first write did not happen
            return []
        document: Any = json.loads(text)
        return [TokenRecord(**entry) for entry in document["tokens"]]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise TokenFileProblem(
            Msg(
                "{path}: tunnustiedostoa ei voi lukea ({error}); korjaa tai poista se",
                path=str(path),
                error=str(error),
            )
        ) from error
