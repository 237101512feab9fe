"""Who may do what on a real server: tokens, other units' jobs, the open health check, the log."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.server.conftest import ADDIN_ORIGIN, Demo, Served
from xlsrc.registry import Registry

PROTECTED = [
    ("GET", "/api/functions"),
    ("GET", "/api/jobs"),
    ("GET", "/api/jobs/0123456789abcdef01234567"),
    ("POST", "/api/recalc"),
    ("POST", "/api/validate"),
    ("POST", "/api/status-sheet?quarter=Q3"),
    ("POST", "/api/publish"),
]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize("token", [None, "xs_not-a-token"], ids=["none", "unknown"])
def test_every_endpoint_but_healthz_needs_a_known_token(
    served: Served, method: str, path: str, token: str | None
) -> None:
    with served.server.client(token) as client:
        answer = client.request(method, path)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.json()["type"] == "Unauthorized"


def test_healthz_is_open(served: Served) -> None:
    with served.server.client(None) as client:
        answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok" and answer.json()["workers"] == 2


def test_another_tokens_job_is_not_found(served: Served, demo: Demo) -> None:
    path = demo.files[0]
    with served.server.client(served.alice) as alice:
        made = alice.post("/api/recalc", files={"files": (path.name, path.read_bytes())})
        job = made.headers["x-xlsrc-job"]
        assert alice.get(f"/api/jobs/{job}").status_code == 200
        assert job in [j["id"] for j in alice.get("/api/jobs").json()["jobs"]]
    with served.server.client(served.bob) as bob:
        for suffix in ("", "/result", "/report"):
            answer = bob.get(f"/api/jobs/{job}{suffix}")
            assert answer.status_code == 404, suffix
            assert answer.json()["type"] == "NotFound"
        assert job not in [j["id"] for j in bob.get("/api/jobs").json()["jobs"]]
        assert bob.delete(f"/api/jobs/{job}").status_code == 404
        assert bob.get("/api/jobs/ffffffffffffffffffffffff").status_code == 404
        assert bob.get("/api/jobs/..%2F..%2Ftokens.json").status_code == 404


def test_functions_lists_the_registry_with_its_arguments(served: Served) -> None:
    with served.server.client(served.bob) as client:
        listed = client.get("/api/functions").json()["functions"]
    registry = Registry.default()
    assert [f["name"] for f in listed] == registry.names
    for entry in listed:
        spec = registry.get(entry["name"])
        assert [a["name"] for a in entry["args"]] == [a.name for a in spec.args]
        assert [a["kind"] for a in entry["args"]] == [a.kind for a in spec.args]
        assert entry["returns"] == spec.returns and entry["help"] == spec.help


def test_the_openapi_description_lists_every_endpoint(served: Served) -> None:
    with served.server.client(None) as client:
        document = client.get("/openapi.json").json()
    assert {
        "/healthz",
        "/api/functions",
        "/api/recalc",
        "/api/validate",
        "/api/status-sheet",
        "/api/publish",
        "/api/jobs",
        "/api/jobs/{job_id}",
        "/api/jobs/{job_id}/result",
        "/api/jobs/{job_id}/report",
    } <= set(document["paths"])
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    recalc = document["paths"]["/api/recalc"]["post"]["responses"]
    assert "application/zip" in recalc["200"]["content"]
    assert {"202", "401", "413", "422", "429"} <= set(recalc)
    status_sheet = document["paths"]["/api/status-sheet"]["post"]["responses"]
    assert "application/pdf" in status_sheet["200"]["content"] and "409" in status_sheet


def test_the_request_log_has_one_json_line_per_request_and_no_secrets(
    served: Served, demo: Demo
) -> None:
    path = demo.files[0]
    with served.server.client(served.alice) as client:
        answer = client.post(
            "/api/recalc",
            files={"files": (path.name, path.read_bytes())},
            headers={"X-Request-ID": "testi-123"},
        )
    assert answer.headers["x-request-id"] == "testi-123"
    line = served.server.request_line("testi-123")
    log = served.server.log_text()
    assert line["token"] == "alice" and line["organisation"] == "Kanta-Hämeen hyvinvointialue"
    assert line["files"] == [path.stat().st_size]
    assert line["job"] == answer.headers["x-xlsrc-job"]
    assert line["status"] == 200 and line["outcome"] == "ok"
    assert line["bytes_in"] > path.stat().st_size and line["bytes_out"] == len(answer.content)
    assert served.alice not in log and served.bob not in log
    assert "Taulukko" not in log  # no sheet names, no cell contents


def test_two_units_sending_files_of_one_name_at_once_each_get_their_own(
    served: Served, demo: Demo
) -> None:
    first, second = demo.files[0], demo.files[1]

    def send(token: str, path: Path) -> bytes:
        with served.server.client(token) as client:
            answer = client.post("/api/recalc", files={"files": ("sama.xlsx", path.read_bytes())})
        assert answer.status_code == 200
        return answer.content

    with ThreadPoolExecutor(2) as pool:
        alice = pool.submit(send, served.alice, first)
        bob = pool.submit(send, served.bob, second)
        assert alice.result() == (demo.cli_out / first.name).read_bytes()
        assert bob.result() == (demo.cli_out / second.name).read_bytes()


def test_only_the_allowed_browser_origin_may_call_the_api(served: Served, demo: Demo) -> None:
    preflight = {"Access-Control-Request-Method": "POST"}
    with served.server.client(None) as client:
        allowed = client.options(
            "/api/recalc",
            headers={**preflight, "Origin": ADDIN_ORIGIN,
                     "Access-Control-Request-Headers": "authorization"},
        )  # fmt: skip
        other = client.options(
            "/api/recalc", headers={**preflight, "Origin": "https://muu.example"}
        )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ADDIN_ORIGIN
    assert "access-control-allow-origin" not in other.headers
    path = demo.files[0]
    with served.server.client(served.alice) as client:
        answer = client.post(
            "/api/recalc",
            files={"files": (path.name, path.read_bytes())},
            headers={"Origin": ADDIN_ORIGIN},
        )
    assert "x-xlsrc-report" in answer.headers["access-control-expose-headers"].lower()


def test_a_finished_job_can_be_deleted_by_its_owner(served: Served, demo: Demo) -> None:
    path = demo.files[0]
    with served.server.client(served.alice) as alice:
        made = alice.post("/api/recalc", files={"files": (path.name, path.read_bytes())})
        job = made.headers["x-xlsrc-job"]
        assert (served.server.data / "jobs" / job / "in").is_dir()
        assert alice.delete(f"/api/jobs/{job}").status_code == 204
        assert alice.get(f"/api/jobs/{job}").status_code == 404
    assert not (served.server.data / "jobs" / job).exists()
