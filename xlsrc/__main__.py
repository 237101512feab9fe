"""``python -m xlsrc``: the same command as the ``xlsrc`` console script.

An entry point, like the script ``pyproject.toml`` installs: it sits above the
command line, so it is the one module outside :mod:`xlsrc.cli` that imports it.
"""

from xlsrc.cli.main import cli

if __name__ == "__main__":
    cli(prog_name="xlsrc")
