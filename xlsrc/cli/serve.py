"""``xlsrc serve``: run the HTTP service; ``xlsrc serve token ...``: manage its tokens.

``xlsrc serve [--host 127.0.0.1] [--port 8750] [--workers N] [--data DIR]``
starts the service under uvicorn (see :mod:`xlsrc.server`); it listens on the
loopback address by default because it is meant to sit behind the county's
reverse proxy, which terminates TLS and single sign-on (README).  SIGTERM or
Ctrl+C stops it gracefully: no new requests, running jobs get ``--grace``
seconds, the rest are marked failed.

``xlsrc serve token add NAME --organisation ORG`` prints a new token once;
``token list`` and ``token remove NAME`` manage the hashed token file
(``<data>/tokens.json`` unless ``--tokens FILE``).
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from xlsrc.cli.jobs_option import JobsOption
from xlsrc.cli.language import Group, language_option
from xlsrc.core.errors import EnvironmentProblem, UnusableInput
from xlsrc.core.text import N_, tr
from xlsrc.cpus import default_jobs
from xlsrc.server.config import MB, Limits, ServerConfig, default_data_dir

DEFAULT_PORT = 8750
#: xlsrc depends on these; without one (a broken install) the service cannot start.
SERVICE_PACKAGES = ("uvicorn", "fastapi", "starlette", "multipart", "python_multipart")
Command = TypeVar("Command", bound=Callable[..., Any])

_data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    metavar=N_("KANSIO"),
    help=N_("Töiden ja tunnusten kansio (oletus: $XLSRC_DATA tai ./xlsrc-data)."),
)  # fmt: skip
_tokens_option = click.option(
    "--tokens", "token_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
    metavar=N_("TIEDOSTO"),
    help=N_("Tunnustiedosto (oletus: KANSIO/tokens.json)."),
)  # fmt: skip


FLOAT = click.FloatRange(min=0.001)
COUNT = click.IntRange(min=1)
SECONDS = click.FloatRange(min=0)


def _limit(
    flag: str, kind: click.ParamType[Any], default: float, help: str
) -> Callable[[Command], Command]:
    """One numeric limit option of ``xlsrc serve``, its default from the config classes."""
    return click.option(flag, type=kind, default=default, show_default=True, help=help)


def _config(data_dir: Path | None, token_file: Path | None) -> ServerConfig:
    """The folders as given (resolved: messages are scrubbed of the job folders' real paths)."""
    data = (data_dir or default_data_dir()).resolve()
    return ServerConfig(data_dir=data, token_file=token_file)


@click.group(
    "serve",
    cls=Group,
    invoke_without_command=True,
    help=N_(
        "Käynnistää uudelleenlaskennan, tarkistuksen ja tilannekatsauksen palvelun (HTTP, "
        "OpenAPI osoitteessa /docs)."
    ),
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, metavar=N_("OSOITE"),
    help=N_("Osoite, jota kuunnellaan."),
)  # fmt: skip
@click.option(
    "--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
    metavar=N_("PORTTI"), help=N_("Portti, jota kuunnellaan."),
)  # fmt: skip
@click.option(
    "--workers", cls=JobsOption, type=click.IntRange(min=1), default=None, metavar=N_("MÄÄRÄ"),
    help=N_("Työprosesseja (oletus: suoritinytimien määrä, tässä {cores})."),
)  # fmt: skip
@_data_option
@_tokens_option
@_limit(
    "--max-upload-mb", FLOAT, Limits.max_upload_bytes / MB,
    N_("Pyynnön koko (kaikki tiedostot, Mt)."),
)  # fmt: skip
@_limit("--max-files", COUNT, Limits.max_files, N_("Työkirjoja yhdessä pyynnössä."))
@_limit("--max-jobs", COUNT, Limits.max_jobs_per_token, N_("Yhden tunnuksen töitä yhtä aikaa."))
@_limit(
    "--job-timeout",
    FLOAT,
    Limits.job_timeout,
    N_("Sekunteja, jotka yhden tiedoston työ saa kestää."),
)
@_limit(
    "--max-unpacked-mb", FLOAT, Limits.max_unpacked_bytes / MB,
    N_("Yhden työkirjapaketin purettu koko (Mt; zip-pommien torjunta)."),
)  # fmt: skip
@_limit(
    "--worker-memory-mb", click.IntRange(min=0), (ServerConfig.worker_memory_bytes or 0) // MB,
    N_(
        "Osoiteavaruus, jonka yksi työprosessi saa käyttää (Mt); enemmän tarvitseva työkirja "
        "saa vastauksen 413 (0: ei rajaa)."
    ),
)  # fmt: skip
@_limit(
    "--grace", SECONDS, ServerConfig.shutdown_grace,
    N_("Sekunteja, jotka pysäytys odottaa käynnissä olevia töitä."),
)  # fmt: skip
@_limit(
    "--keep-days", SECONDS, ServerConfig.keep_days,
    N_("Päiviä, jotka valmiit työt säilytetään (0: aina)."),
)  # fmt: skip
@click.option(
    "--allow-origin", "allowed_origins", multiple=True, metavar="URL",
    help=N_(
        "Selaimen alkuperä, joka saa kutsua rajapintaa (CORS; voi toistaa), esim. "
        "apuohjelman staattinen palvelin."
    ),
)  # fmt: skip
@language_option
@click.pass_context
def command(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int | None,
    data_dir: Path | None,
    token_file: Path | None,
    max_upload_mb: float,
    max_files: int,
    max_jobs: int,
    job_timeout: float,
    max_unpacked_mb: float,
    grace: float,
    keep_days: float,
    worker_memory_mb: int,
    allowed_origins: tuple[str, ...],
) -> None:
    """Run the service (the help text is the Finnish ``help`` above)."""
    if ctx.invoked_subcommand is not None:
        return
    limits = Limits(
        max_upload_bytes=int(max_upload_mb * MB),
        max_files=max_files,
        max_jobs_per_token=max_jobs,
        job_timeout=job_timeout,
        max_unpacked_bytes=int(max_unpacked_mb * MB),
    )
    config = dataclasses.replace(
        _config(data_dir, token_file),
        workers=workers or default_jobs(),
        limits=limits,
        shutdown_grace=grace,
        keep_days=keep_days,
        allowed_origins=allowed_origins,
        worker_memory_bytes=worker_memory_mb * MB or None,
    )
    _run(config, host, port)


def _run(config: ServerConfig, host: str, port: int) -> None:
    try:
        config.jobs_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UnusableInput(
            tr("{path}: datakansiota ei voi käyttää ({reason}); anna --data",
               path=config.data_dir, reason=error.strerror)
        ) from error  # fmt: skip
    try:
        import uvicorn

        from xlsrc.server.app import create_app
    except ModuleNotFoundError as missing:
        if missing.name not in SERVICE_PACKAGES:
            raise
        raise EnvironmentProblem(
            tr("palvelun kirjasto {name} puuttuu: asenna xlsrc uudelleen (pip install xlsrc)",
               name=missing.name)
        ) from missing  # fmt: skip
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    if not config.tokens_path.exists():
        click.echo(
            tr("varoitus: tunnustiedostoa {path} ei ole; lisää tunnus: "
               "xlsrc serve token add NIMI --organisation ORG", path=config.tokens_path),
            err=True,
        )  # fmt: skip
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config),
            host=host,
            port=port,
            log_config=None,
            access_log=False,
            # open requests get the grace period too (None would wait for ever)
            timeout_graceful_shutdown=max(1, round(config.shutdown_grace)),
            proxy_headers=True,
            server_header=False,
        )
    )
    server.run()


@command.group(
    "token",
    help=N_("Hallitsee käyttötunnuksia (tallennetaan tiivisteinä; uusi näytetään kerran)."),
)
@language_option
def token() -> None:
    """Manage the bearer tokens (the help text is the Finnish ``help`` above)."""


@token.command(
    "add",
    help=N_(
        "Lisää tunnuksen NIMI organisaatiolle ja tulostaa sen (tallenna se heti: sitä ei "
        "näytetä uudelleen)."
    ),
)
@click.argument("name", metavar=N_("NIMI"))
@click.option(
    "--organisation", "--organization", required=True, metavar=N_("ORGANISAATIO"),
    help=N_("Organisaatio tai yksikkö."),
)  # fmt: skip
@_data_option
@_tokens_option
@language_option
def token_add(name: str, organisation: str, data_dir: Path | None, token_file: Path | None) -> None:
    """Add a token and print it (the help text is the Finnish ``help`` above)."""
    from xlsrc.server.tokens import TokenStore

    store = TokenStore(_config(data_dir, token_file).tokens_path)
    secret = store.add(name, organisation)
    click.echo(secret)
    click.echo(
        tr("tunnus {name!r} ({organisation}) lisätty tiedostoon {path}", name=name,
           organisation=organisation, path=store.path),
        err=True,
    )  # fmt: skip


@token.command(
    "list",
    help=N_("Luettelee tunnukset: nimi, organisaatio, tunniste, luotu (ei koskaan salaisuutta)."),
)
@_data_option
@_tokens_option
@language_option
def token_list(data_dir: Path | None, token_file: Path | None) -> None:
    """List the tokens (the help text is the Finnish ``help`` above)."""
    from xlsrc.server.tokens import TokenStore

    for record in TokenStore(_config(data_dir, token_file).tokens_path).records():
        click.echo(f"{record.name}\t{record.organisation}\t{record.id}\t{record.created}")


@token.command(
    "remove",
    help=N_(
        "Poistaa tunnuksen NIMI; sillä tehdyt pyynnöt torjutaan tästä lähtien (ei "
        "uudelleenkäynnistystä)."
    ),
)
@click.argument("name", metavar=N_("NIMI"))
@_data_option
@_tokens_option
@language_option
def token_remove(name: str, data_dir: Path | None, token_file: Path | None) -> None:
    """Remove a token (the help text is the Finnish ``help`` above)."""
    from xlsrc.server.tokens import TokenStore

    record = TokenStore(_config(data_dir, token_file).tokens_path).remove(name)
    click.echo(
        tr("tunnus {name!r} ({organisation}) poistettu", name=record.name,
           organisation=record.organisation)
    )  # fmt: skip
