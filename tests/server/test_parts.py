"""The service's parts on their own: tokens, upload names, the zip-bomb guard, scrubbing, limits."""

from __future__ import annotations

import asyncio
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from xlsrc.core.errors import EnvironmentProblem, InternalError, UnreadableWorkbook, XlsrcError
from xlsrc.limits import LimitExceeded
from xlsrc.server.config import Limits
from xlsrc.server.errors import FileFailed, TooManyJobs, http_status
from xlsrc.server.jobs import JobStore, now_text
from xlsrc.server.package_guard import PackageTooLarge, check_package
from xlsrc.server.pool import WorkerPool
from xlsrc.server.runner import JobRunner, scrub
from xlsrc.server.tokens import Principal, TokenFileProblem, TokenStore
from xlsrc.server.uploads import FALLBACK_NAME, safe_name
from xlsrc.status_sheet.headless import LockedQuarter


def test_a_token_is_kept_only_as_its_hash_in_a_private_file(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    secret = store.add("alice", "Kanta-Häme")
    text = (tmp_path / "tokens.json").read_text(encoding="utf-8")
    assert secret.startswith("xs_") and len(secret) > 40
    assert secret not in text
    assert stat.S_IMODE((tmp_path / "tokens.json").stat().st_mode) == 0o600
    principal = store.authenticate(secret)
    assert principal is not None and principal.name == "alice"
    assert principal.organisation == "Kanta-Häme"
    assert store.authenticate(secret + "x") is None


def test_a_removed_token_is_refused_by_a_store_that_read_the_file_before(tmp_path: Path) -> None:
    running = TokenStore(tmp_path / "tokens.json")
    secret = TokenStore(tmp_path / "tokens.json").add("alice", "Kanta-Häme")
    assert running.authenticate(secret) is not None
    TokenStore(tmp_path / "tokens.json").remove("alice")
    assert running.authenticate(secret) is None


def test_token_names_are_unique_and_removing_a_missing_one_is_refused(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "tokens.json")
    store.add("alice", "Kanta-Häme")
    with pytest.raises(TokenFileProblem, match="on jo olemassa"):
        store.add("alice", "Pirkanmaa")
    with pytest.raises(TokenFileProblem, match="ei ole tiedostossa"):
        store.remove("bob")


def test_a_damaged_token_file_is_a_located_refusal(tmp_path: Path) -> None:
    (tmp_path / "tokens.json").write_text("{ei jsonia", encoding="utf-8")
    with pytest.raises(TokenFileProblem, match="tokens.json: tunnustiedostoa ei voi lukea"):
        TokenStore(tmp_path / "tokens.json").authenticate("xs_x")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("budjetti.xlsx", "budjetti.xlsx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\Talous 2024.xlsx", "Talous 2024.xlsx"),
        ("a\x00b<c>.xlsx", "a_b_c_.xlsx"),
        ("..", FALLBACK_NAME),
        (None, FALLBACK_NAME),
        ("x" * 300 + ".xlsx", "x" * 145 + ".xlsx"),
    ],
)
def test_upload_names_lose_folders_and_unsafe_characters(raw: str | None, expected: str) -> None:
    assert safe_name(raw) == expected


def _zip(tmp_path: Path, parts: dict[str, bytes]) -> Path:
    path = tmp_path / "paketti.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_the_guard_counts_parts_unpacked_size_and_ratio(tmp_path: Path) -> None:
    small = Limits(max_parts=3, max_unpacked_bytes=10_000, max_compression_ratio=200)
    with pytest.raises(PackageTooLarge, match="liian monta osaa: 4 \\(raja 3\\)"):
        check_package(_zip(tmp_path, {f"p{i}": b"x" for i in range(3)}), small)
    halves = {"a": os.urandom(6_000_000), "b": os.urandom(6_000_000)}  # incompressible
    with pytest.raises(LimitExceeded, match="paketti on liian suuri: 11,4\u00a0MiB purettuna"):
        check_package(_zip(tmp_path, halves), Limits(max_unpacked_bytes=10**7))
    with pytest.raises(LimitExceeded, match="zip-pommilta"):
        check_package(_zip(tmp_path, {"a": bytes(3 * 1024 * 1024)}), Limits())
    check_package(_zip(tmp_path, {"a": b"<x/>" * 100}), small)  # within every limit


def test_the_guard_refuses_what_the_engine_refuses_with_the_engines_reason(
    tmp_path: Path,
) -> None:
    text = tmp_path / "teksti.xlsx"
    text.write_text("hei\n", encoding="utf-8")
    with pytest.raises(UnreadableWorkbook, match="tekstitiedosto"):
        check_package(text, Limits())
    assert isinstance(PackageTooLarge("x"), UnreadableWorkbook)


def test_scrub_removes_the_job_folders_from_messages(tmp_path: Path) -> None:
    folder = tmp_path / "jobs" / "0123456789abcdef01234567"
    message = f"{folder}/in/3/budjetti.xlsx: ei työkirja; {folder}/out/x.xlsx"
    assert scrub({"a": [message]}, folder) == {"a": ["budjetti.xlsx: ei työkirja; x.xlsx"]}
    assert str(tmp_path) not in json.dumps(scrub([message, 3, None], folder))


def test_errors_map_to_statuses_by_type() -> None:
    assert http_status(LockedQuarter("x")) == 409
    assert http_status(EnvironmentProblem("x")) == 503
    assert http_status(UnreadableWorkbook("x")) == 422
    assert http_status(InternalError("x")) == 500
    assert http_status(FileFailed("x", internal=True)) == 500
    assert http_status(FileFailed("x")) == 422
    assert http_status(XlsrcError("x")) == 422
    assert http_status(ValueError("x")) == 500


def test_a_token_may_have_only_so_many_jobs_at_once(tmp_path: Path) -> None:
    async def body() -> None:
        store = JobStore(tmp_path / "jobs")
        runner = JobRunner(store, WorkerPool(1), Limits(max_jobs_per_token=2))
        alice, bob = Principal("alice", "A", "a1"), Principal("bob", "B", "b1")
        first = runner.create(alice, "recalc", {})
        runner.create(alice, "recalc", {})
        with pytest.raises(TooManyJobs, match="raja 2"):
            runner.create(alice, "recalc", {})
        runner.create(bob, "recalc", {})  # another token has its own limit
        runner.abandon(first, UnreadableWorkbook("ei työkirja"))
        runner.create(alice, "recalc", {})  # a finished job frees its place

    asyncio.run(body())


def test_finished_jobs_expire_and_unfinished_ones_do_not(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs")
    owner = Principal("alice", "A", "a1")
    old, recent, running = (store.create(owner, "recalc", {}) for _ in range(3))
    old.state, old.finished = "done", "2000-01-01T00:00:00.000+00:00"
    recent.state, recent.finished = "failed", now_text()
    running.state, running.created = "running", "2000-01-01T00:00:00.000+00:00"
    for job in (old, recent, running):
        store.save(job)
    assert store.expire(7) == 1
    assert store.load(old.id) is None and not store.folder(old).exists()
    assert store.load(recent.id) is not None and store.load(running.id) is not None
    assert store.expire(0) == 0  # 0 keeps for ever


def test_a_damaged_job_file_is_skipped_not_fatal(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs")
    owner = Principal("alice", "A", "a1")
    good, damaged = store.create(owner, "recalc", {}), store.create(owner, "recalc", {})
    (store.folder(damaged) / "job.json").write_text("{rikki", encoding="utf-8")
    assert [job.id for job in store.recover()] == [good.id]  # queued: marked failed
    assert store.load(damaged.id) is None
    assert [job.id for job in store.owned_by(owner)] == [good.id]
