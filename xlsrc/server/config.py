"""The service's settings and limits, in one frozen object the whole app reads.

Every limit has a default that suits a county's quarterly workload on a small
server and a ``xlsrc serve`` option to change it; :class:`ServerConfig` is
built once by the CLI (or a test) and handed to :func:`xlsrc.server.app.create_app`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024

#: Where jobs and the token file live when neither ``--data`` nor the variable is given.
DATA_VARIABLE = "XLSRC_DATA"
DEFAULT_DATA = Path("xlsrc-data")


def default_data_dir() -> Path:
    """``$XLSRC_DATA`` if set (containers, systemd), else ``./xlsrc-data``."""
    return Path(os.environ.get(DATA_VARIABLE) or DEFAULT_DATA)


@dataclass(frozen=True)
class Limits:
    """What one request and one token may ask of the service."""

    #: request body (all uploaded files together); more answers 413
    max_upload_bytes: int = 50 * MB
    #: workbooks in one request; more answers 413
    max_files: int = 200
    #: uncompressed size of all parts of one workbook package (zip-bomb guard)
    max_unpacked_bytes: int = 512 * MB
    #: entries in one workbook package
    max_parts: int = 10_000
    #: uncompressed / compressed size of one part, checked for parts over 1 MB
    max_compression_ratio: int = 200
    #: jobs of one token queued or running at once; more answers 429
    max_jobs_per_token: int = 4
    #: wall-clock seconds one file's work may take before its worker is stopped
    job_timeout: float = 600.0
    #: a request with at most this many files waits for its result (unless ?wait=false);
    #: a larger batch answers 202 with a job id at once
    max_waiting_files: int = 10


@dataclass(frozen=True)
class ServerConfig:
    """Everything :func:`~xlsrc.server.app.create_app` needs."""

    data_dir: Path
    workers: int = 2
    limits: Limits = Limits()
    #: the hashed token file; default ``<data_dir>/tokens.json``
    token_file: Path | None = None
    #: seconds a graceful shutdown waits for running jobs before marking them failed
    shutdown_grace: float = 30.0
    #: finished jobs older than this many days are deleted (0: keep for ever)
    keep_days: float = 7.0
    #: worker processes are replaced after this many tasks (bounds memory growth)
    tasks_per_worker: int = 200
    #: address space one worker may use (RLIMIT_AS); None: unlimited
    worker_memory_bytes: int | None = 4096 * MB
    #: browser origins allowed to call the API (CORS), e.g. a static host of the add-in's
    #: pages; empty: same origin only (the add-in served by this service needs nothing)
    allowed_origins: tuple[str, ...] = ()

    @property
    def tokens_path(self) -> Path:
        return self.token_file or self.data_dir / "tokens.json"

    @property
    def jobs_dir(self) -> Path:
        return self.data_dir / "jobs"
