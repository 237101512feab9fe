"""``xlsrc addin install/remove`` into a temporary home folder, and build-addin's defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from xlsrc.cli.main import cli
from xlsrc.excel.addin import build_addin, default_macros_dir
from xlsrc.excel.install import MAC_STARTUP, NoExcelHere, current_platform, startup_dir


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_startup_folders_are_the_ones_excel_loads_from(tmp_path: Path) -> None:
    appdata = tmp_path / "AppData" / "Roaming"
    windows = startup_dir("windows", {"APPDATA": str(appdata)}, tmp_path)
    assert windows == appdata / "Microsoft" / "Excel" / "XLSTART"
    assert startup_dir("mac", {}, tmp_path) == tmp_path / MAC_STARTUP
    assert current_platform("win32") == "windows" and current_platform("darwin") == "mac"
    with pytest.raises(NoExcelHere):
        current_platform("linux")


@pytest.mark.parametrize("platform", ["windows", "mac"])
def test_install_then_remove_in_a_temporary_home(tmp_path: Path, platform: str) -> None:
    home = tmp_path / "home"
    code, output = run("addin", "install", "--platform", platform, "--home", str(home))
    assert code == 0, output
    installed = startup_dir(platform, {}, home) / "xlsrc.xlam"  # type: ignore[arg-type]
    assert installed.read_bytes() == build_addin(default_macros_dir())
    code, output = run("addin", "remove", "--platform", platform, "--home", str(home))
    assert code == 0, output
    assert not installed.exists()
    code, output = run("addin", "remove", "--platform", platform, "--home", str(home))
    assert code == 2 and "ei ole asennettu" in output


def test_install_refuses_a_file_that_is_not_an_addin(tmp_path: Path) -> None:
    other = tmp_path / "book.xlsx"
    other.write_bytes(b"x")
    code, output = run(
        "addin", "install", "--file", str(other), "--platform", "mac", "--home", str(tmp_path)
    )
    assert code == 2 and ".xlam" in output


def test_build_addin_defaults_to_this_installation_sources(tmp_path: Path) -> None:
    out = tmp_path / "xlsrc.xlam"
    code, output = run("build-addin", "--out", str(out))
    assert code == 0, output
    assert out.read_bytes() == build_addin(default_macros_dir())
