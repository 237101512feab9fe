"""The add-in's routes: files generated from the registry, and the batch-call endpoint.

Run in the stand-in app of :mod:`tests.officejs.app_support` while the service's
``create_app`` is not on this branch; ``test_serve.py`` runs them in a real
``xlsrc serve`` when it is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.officejs.app_support import TOKEN, stand_in_app
from xlsrc.cli.main import cli
from xlsrc.officejs.bundle import addin_files
from xlsrc.registry import Registry, invoke

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(stand_in_app(), base_url="http://127.0.0.1:8750")


def test_served_files_are_the_generated_ones(client: TestClient) -> None:
    expected = addin_files("http://127.0.0.1:8750")
    for name, data in expected.items():
        response = client.get(f"/addin/{name}")
        assert response.status_code == 200, name
        assert response.content == data, name
    assert client.get("/addin/manifest.xml").headers["content-type"].startswith("application/xml")
    assert client.get("/addin/nope.js").status_code == 404


def test_the_manifest_names_the_address_it_was_fetched_from() -> None:
    proxied = TestClient(stand_in_app(), base_url="https://xlsrc.alue.fi")
    text = proxied.get("/addin/manifest.xml").text
    assert 'DefaultValue="https://xlsrc.alue.fi/addin/taskpane.html"' in text
    assert "127.0.0.1" not in text


def test_static_host_files_equal_the_served_ones(client: TestClient, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["officejs", "--out", str(tmp_path), "--base-url", "http://127.0.0.1:8750"]
    )
    assert result.exit_code == 0, result.output
    written = {
        str(p.relative_to(tmp_path / "addin")): p.read_bytes()
        for p in (tmp_path / "addin").rglob("*")
        if p.is_file()
    }
    assert written.keys() == addin_files("http://127.0.0.1:8750").keys()
    for name, data in written.items():
        assert client.get(f"/addin/{name}").content == data, name


def test_static_host_refuses_plain_http_outside_localhost(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["officejs", "--out", str(tmp_path), "--base-url", "http://x.fi"]
    )
    assert result.exit_code == 2 and "HTTPS" in result.output


def test_batch_call_needs_a_token(client: TestClient) -> None:
    response = client.post("/api/functions/call", json={"calls": []})
    assert response.status_code == 401


def test_batch_call_answers_every_call_in_order(client: TestClient) -> None:
    calls = [
        {"function": "XS_PROGRAMME_KEY", "args": ["3. Palvelutuotanto"]},
        {"function": "XS_RATIO_PCT", "args": [45, 60]},
        {"function": "XS_CHANGE_PCT", "args": [0, 1, "Tulot"]},
    ]
    response = client.post("/api/functions/call", json={"calls": calls}, headers=AUTH)
    assert response.status_code == 200
    key, ratio, div = response.json()["results"]
    registry = Registry.default()
    assert key == invoke(registry.get("XS_PROGRAMME_KEY"), "3. Palvelutuotanto")
    assert ratio == invoke(registry.get("XS_RATIO_PCT"), 45.0, 60.0)
    assert div["error"] == "#DIV/0!" and div["message"]


def test_a_malformed_batch_is_refused_with_the_finnish_reason(client: TestClient) -> None:
    response = client.post("/api/functions/call", json={"kutsut": []}, headers=AUTH)
    assert response.status_code == 422
    assert "calls" in json.dumps(response.json(), ensure_ascii=False)
