"""The service answers in the request's language: ``lang``, else ``Accept-Language``, else Finnish.

The language holds for the whole request and for nothing else: concurrent
requests in different languages each get their own, the worker process of a
job speaks the language of the request that sent it, and the OpenAPI
description is translated too.  The messages of the modules the service runs
on (the token file, LibreOffice, Dask) are catalogue texts with Swedish.
"""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest

from tests.server import pool_tasks
from tests.server.conftest import Demo, Served
from xlsrc.core.text import translate, use_language
from xlsrc.libreoffice import LibreOfficeError, find_soffice
from xlsrc.server.errors import BadUpload, JobTimedOut
from xlsrc.server.language import chosen, negotiated
from xlsrc.server.pool import WorkerPool
from xlsrc.server.tokens import TokenFileProblem, TokenStore
from xlsrc.validation.report import SHEET_NAME

MISSING_JOB = "/api/jobs/0123456789abcdef01234567"
NOT_FOUND = {
    "fi": "työtä '0123456789abcdef01234567' ei löydy",
    "sv": "jobbet '0123456789abcdef01234567' hittas inte",
}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("sv-FI, sv;q=0.9, en;q=0.5", "sv"),
        ("de-DE, en;q=0.3", "en"),
        ("en;q=0.5, sv;q=0.8", "sv"),
        ("sv;q=0, fi;q=0.2", "fi"),
        ("fi-FI", "fi"),
        ("*", None),
        ("de", None),
        ("", None),
        (None, None),
    ],
)
def test_accept_language_picks_the_most_wanted_catalogue_language(
    header: str | None, expected: str | None
) -> None:
    assert negotiated(header) == expected


def test_the_lang_parameter_wins_and_finnish_is_the_default() -> None:
    assert chosen("lang=en&wait=false", "sv") == "en"
    assert chosen("lang=svenska", None) == "sv"
    assert chosen("wait=false", "sv-FI") == "sv"
    assert chosen("", None) == "fi"
    assert chosen(None, "de") == "fi"
    with pytest.raises(BadUpload) as refused:
        chosen("lang=de", "sv")
    assert str(refused.value) == "kieltä 'de' ei ole: anna lang=fi|sv|en"


def test_a_request_is_answered_in_its_language(served: Served) -> None:
    with served.server.client(served.alice) as client:
        swedish = client.get(MISSING_JOB, headers={"Accept-Language": "sv-FI, fi;q=0.5"})
        chosen_by_parameter = client.get(
            MISSING_JOB + "?lang=fi", headers={"Accept-Language": "sv"}
        )
        default = client.get(MISSING_JOB)
    assert swedish.status_code == 404 and swedish.json()["message"] == NOT_FOUND["sv"]
    assert swedish.headers["content-language"] == "sv"
    assert chosen_by_parameter.json()["message"] == NOT_FOUND["fi"]
    assert chosen_by_parameter.headers["content-language"] == "fi"
    assert default.json()["message"] == NOT_FOUND["fi"]
    assert default.headers["content-language"] == "fi"


def test_an_unknown_lang_is_refused_in_the_negotiated_language(served: Served) -> None:
    with served.server.client(served.alice) as client:
        answer = client.get("/api/jobs?lang=de", headers={"Accept-Language": "sv"})
    assert answer.status_code == 422
    assert answer.json()["message"] == "språket 'de' finns inte: ange lang=fi|sv|en"


def test_a_missing_token_is_refused_in_swedish(served: Served) -> None:
    with served.server.client(None) as client:
        answer = client.get("/api/jobs", headers={"Accept-Language": "sv"})
    assert answer.status_code == 401
    assert answer.json()["message"] == (
        "token saknas: skicka huvudet 'Authorization: Bearer <token>'"
    )


def test_concurrent_requests_in_different_languages_do_not_mix(served: Served) -> None:
    def ask(index: int) -> tuple[str, str]:
        language = ("sv", "fi")[index % 2]
        with served.server.client(served.alice) as client:
            answer = client.get(MISSING_JOB, headers={"Accept-Language": language})
        return language, answer.json()["message"]

    with ThreadPoolExecutor(8) as threads:
        answers = list(threads.map(ask, range(40)))
    assert [message for _, message in answers] == [NOT_FOUND[lang] for lang, _ in answers]


def test_a_jobs_worker_speaks_the_language_of_its_request(served: Served, demo: Demo) -> None:
    """Validation runs in the worker process: its findings arrive in the request's language."""
    source = demo.folder / "talousarvio_ennuste.xlsx"
    upload = {"file": (source.name, source.read_bytes())}
    with served.server.client(served.alice) as client:
        swedish = client.post("/api/validate?lang=sv", files=upload).json()
        finnish = client.post("/api/validate", files=upload).json()
    assert len(swedish["findings"]) == len(finnish["findings"]) > 0
    first_sv, first_fi = swedish["findings"][0]["message"], finnish["findings"][0]["message"]
    assert "avrundningsskillnad; angivet 32\xa0701, beräknat 32\xa0700" in first_sv
    assert "pyöristysero; ilmoitettu 32\xa0701, laskettu 32\xa0700" in first_fi

    with served.server.client(served.alice) as client:
        workbook = client.post("/api/validate?format=xlsx&lang=sv", files=upload)
    assert workbook.status_code == 200
    # the Tarkistukset workbook is written in the worker, its file named in the request:
    # both in Swedish (the sheet name's Swedish is not in the catalogue yet)
    (sheet,) = openpyxl.load_workbook(io.BytesIO(workbook.content)).sheetnames
    assert sheet == translate(SHEET_NAME, "sv")
    disposition = workbook.headers["content-disposition"]
    assert disposition.endswith(quote(f"talousarvio_ennuste - {sheet}.xlsx"))


def test_the_openapi_description_is_in_the_requests_language(served: Served) -> None:
    with served.server.client(None) as client:
        swedish = client.get("/openapi.json", headers={"Accept-Language": "sv"}).json()
        finnish = client.get("/openapi.json").json()
    assert swedish["paths"]["/healthz"]["get"]["summary"] == "Tjänsten är i gång"
    assert finnish["paths"]["/healthz"]["get"]["summary"] == "Palvelu on käynnissä"
    assert swedish["paths"]["/api/recalc"]["post"]["tags"] == ["jobb"]
    assert swedish["info"]["description"].startswith("Omräkning och kontroll av arbetsböcker")
    assert swedish["info"]["title"] == finnish["info"]["title"] == "xlsrc serve"
    assert swedish["paths"].keys() == finnish["paths"].keys()


def test_a_worker_task_runs_in_the_language_of_its_caller() -> None:
    async def body() -> tuple[str, str, str]:
        pool = WorkerPool(1)
        await pool.start()
        try:
            with use_language("sv"):
                swedish = await pool.run(pool_tasks.speak, timeout=60)
                with pytest.raises(JobTimedOut) as late:
                    await pool.run(pool_tasks.sleep, 5.0, timeout=0.5)
                timed_out = str(late.value)
            finnish = await pool.run(pool_tasks.speak, timeout=60)
        finally:
            await pool.close()
        return swedish, timed_out, finnish

    swedish, timed_out, finnish = asyncio.run(body())
    assert swedish == "okänd eller borttagen token"
    assert finnish == "tuntematon tai poistettu tunnus"
    assert timed_out == "jobbet överskred tidsgränsen (0,5 s) och avbröts"


def test_the_token_file_and_libreoffice_speak_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    store.add("alice", "Östra Nylands välfärdsområde")
    with pytest.raises(TokenFileProblem) as twice:
        store.add("alice", "Östra Nylands välfärdsområde")
    monkeypatch.setenv("XLSRC_SOFFICE", str(tmp_path / "ingen-soffice"))
    with pytest.raises(LibreOfficeError) as missing:
        find_soffice()
    with use_language("sv"):
        assert str(twice.value) == (
            "token 'alice' finns redan; ta bort den först (xlsrc serve token remove)"
        )
        assert str(missing.value) == (
            f"XLSRC_SOFFICE={tmp_path / 'ingen-soffice'}: filen finns inte; "
            "ange sökvägen till LibreOffices program soffice"
        )
