"""Limits on a real server: upload size (413), files per request, names, quarter."""

from __future__ import annotations

from collections.abc import Iterator

from tests.server.conftest import Served

MB = 1024 * 1024
BOUNDARY = "xlsrc-testi"


def test_an_upload_over_50_mb_answers_413(served: Served) -> None:
    with served.server.client(served.alice) as client:
        answer = client.post("/api/recalc", files={"files": ("iso.xlsx", bytes(51 * MB))})
    assert answer.status_code == 413
    assert answer.json()["message"].startswith("lähetys on liian suuri: raja on 50 Mt")


def _chunked_multipart(megabytes: int) -> Iterator[bytes]:
    """A multipart body without Content-Length (sent chunked), ``megabytes`` long."""
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
        f'filename="iso.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    for _ in range(megabytes):
        yield bytes(MB)
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def test_a_chunked_upload_is_cut_at_50_mb_and_answers_413(served: Served) -> None:
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    with served.server.client(served.alice) as client:
        answer = client.post("/api/recalc", content=_chunked_multipart(60), headers=headers)
    assert answer.status_code == 413
    assert answer.json()["type"] == "TooLarge"


def test_more_files_than_allowed_answers_413(served: Served) -> None:
    files = [("files", (f"t{i}.xlsx", b"x")) for i in range(201)]
    with served.server.client(served.alice) as client:
        answer = client.post("/api/recalc", files=files)
    assert answer.status_code == 413
    assert "liian monta tiedostoa" in answer.json()["message"]


def test_two_files_of_one_name_are_refused(served: Served) -> None:
    files = [("files", ("sama.xlsx", b"x")), ("files", ("kansio/sama.xlsx", b"y"))]
    with served.server.client(served.alice) as client:
        answer = client.post("/api/recalc", files=files)
    assert answer.status_code == 422
    assert "samalla nimellä 'sama.xlsx'" in answer.json()["message"]


def test_a_bad_quarter_is_refused_with_the_cli_message(served: Served) -> None:
    with served.server.client(served.alice) as client:
        answer = client.post("/api/status-sheet?quarter=Q5", files={"file": ("a.xlsx", b"x")})
    assert answer.status_code == 422
    assert answer.json()["message"] == "vuosineljännes 'Q5': anna Q1, Q2, Q3 tai Q4"


def test_a_request_without_a_file_is_refused_in_finnish(served: Served) -> None:
    with served.server.client(served.alice) as client:
        answer = client.post("/api/validate")
    assert answer.status_code == 422
    assert answer.json()["message"].startswith("pyyntö ei kelpaa: body.file")
