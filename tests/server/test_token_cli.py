"""``xlsrc serve token add/list/remove``: the token file a running service reads."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from xlsrc.cli.main import cli
from xlsrc.server.tokens import TokenStore


def test_add_prints_the_token_once_list_shows_no_secret_remove_takes_it_out(
    tmp_path: Path,
) -> None:
    data = ["--data", str(tmp_path)]
    added = CliRunner().invoke(
        cli, ["serve", "token", "add", "talous", "--organisation", "Kanta-Häme", *data]
    )
    assert added.exit_code == 0, added.output
    secret = added.stdout.strip()
    store = TokenStore(tmp_path / "tokens.json")
    principal = store.authenticate(secret)
    assert principal is not None and principal.organisation == "Kanta-Häme"

    listed = CliRunner().invoke(cli, ["serve", "token", "list", *data])
    assert listed.exit_code == 0
    assert listed.stdout.startswith("talous\tKanta-Häme\t") and secret not in listed.stdout

    again = CliRunner().invoke(
        cli, ["serve", "token", "add", "talous", "--organisation", "Muu", *data]
    )
    assert again.exit_code == 2 and "on jo olemassa" in again.stderr

    removed = CliRunner().invoke(cli, ["serve", "token", "remove", "talous", *data])
    assert removed.exit_code == 0 and "poistettu" in removed.stdout
    assert store.authenticate(secret) is None
    missing = CliRunner().invoke(cli, ["serve", "token", "remove", "talous", *data])
    assert missing.exit_code == 2 and "ei ole tiedostossa" in missing.stderr


def test_a_token_needs_an_organisation(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "token", "add", "x", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "--organisation" in result.output


def test_a_data_folder_that_cannot_be_made_is_a_clear_refusal(tmp_path: Path) -> None:
    blocker = tmp_path / "tiedosto"
    blocker.write_text("ei kansio", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--data", str(blocker / "data")])
    assert result.exit_code == 2
    assert "datakansiota ei voi käyttää" in result.stderr
