"""LibreOffice, headless: the independent second spreadsheet engine xlsrc checks itself against.

Three uses share this module: converting files (PDF renders of the status
sheet and templates, xlsx -> xlsx recalculation), reading what LibreOffice
computes for every cell of a workbook (the oracle test of the headless
engine), and timing a warm LibreOffice process (the benchmark).

* :func:`find_soffice` locates the executable (``XLSRC_SOFFICE`` overrides).
* Every process gets a private, throw-away profile (``-env:UserInstallation``)
  so runs never share state with a user's LibreOffice or with each other, and
  that profile sets ``OOXMLRecalcMode``/``ODFRecalcMode`` to 0 ("always
  recalculate"): by default LibreOffice shows the *cached* values of an xlsx
  file it opens, which would make a stale file look correct.
* :func:`convert` runs one cold ``soffice --convert-to``.
* :class:`Session` keeps one soffice process and talks to it over UNO; its
  :meth:`Session.recalculated_values` loads a workbook, runs ``calculateAll()``,
  saves it as xlsx and returns every non-empty cell as ``{sheet: {"A1": value}}``
  with values typed like the engine's (float, str, bool, :class:`XlError`),
  read back with openpyxl (LibreOffice's export keeps 15 significant digits).

UNO needs LibreOffice's ``uno`` module, which Debian installs for the system
Python (``python3-uno``).  If the running interpreter can import it (directly
or from the system's dist-packages when the Python version matches), it is
used in-process; otherwise the session runs :mod:`xlsrc._lo_uno` as a small
JSON-lines worker under the system Python.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

from xlsrc.core.errors import EnvironmentProblem, XlError
from xlsrc.core.text import Msg, Num

Values = dict[str, dict[str, Any]]

_CANDIDATES = (
    "soffice",
    "libreoffice",
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_SYSTEM_UNO_PATHS = ("/usr/lib/python3/dist-packages", "/usr/lib/libreoffice/program")
_SYSTEM_PYTHONS = ("/usr/bin/python3",)
_ALWAYS_RECALCULATE = (
    ("/org.openoffice.Office.Calc/Formula/Load", "OOXMLRecalcMode", "0"),
    ("/org.openoffice.Office.Calc/Formula/Load", "ODFRecalcMode", "0"),
    ("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
)
_PROFILE_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    + "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>\n"
        for path, name, value in _ALWAYS_RECALCULATE
    )
    + "</oor:items>\n"
)


class LibreOfficeError(EnvironmentProblem):
    """LibreOffice is missing, failed, or produced no output; the message says which."""


def find_soffice() -> Path:
    """The soffice executable: ``$XLSRC_SOFFICE``, else the first usual location found."""
    override = os.environ.get("XLSRC_SOFFICE")
    if override:
        if Path(override).is_file():
            return Path(override)
        raise LibreOfficeError(
            Msg(
                "XLSRC_SOFFICE={path}: tiedostoa ei ole; anna LibreOfficen soffice-ohjelman polku",
                path=override,
            )
        )
    for candidate in _CANDIDATES:
        found = shutil.which(candidate) if "/" not in candidate else candidate
        if found and Path(found).is_file():
            return Path(found)
    raise LibreOfficeError(
        Msg(
            "LibreOfficea (soffice) ei löydy: asenna se (Debian: apt-get install "
            "libreoffice-calc-nogui python3-uno) tai anna sen polku muuttujassa XLSRC_SOFFICE"
        )
    )


@contextlib.contextmanager
def private_profile() -> Any:
    """A fresh LibreOffice user profile that always recalculates files on load."""
    folder = Path(tempfile.mkdtemp(prefix="xlsrc-lo-profile-"))
    try:
        user = folder / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def soffice_env() -> dict[str, str]:
    """The environment soffice runs in: ours, minus this Python's own paths.

    soffice embeds the system Python (for Python macros and UNO scripts); if
    PATH leads first to another interpreter (a pyenv or virtualenv python3),
    that embedded interpreter picks up the wrong standard library and fails to
    start.  LibreOffice gets the system's view of Python instead.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYENV", "PYTHONHOME", "PYTHONPATH", "VIRTUAL_ENV"))
    }
    ours = {
        str(Path(p).resolve())
        for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)
        if p != "/usr"
    }
    kept = [
        d
        for d in env.get("PATH", "").split(os.pathsep)
        if d
        and "/.pyenv/" not in d + "/"
        and not any(str(Path(d).resolve()).startswith(o) for o in ours)
    ]
    env["PATH"] = os.pathsep.join(kept)
    return env


def _profile_arg(profile: Path) -> str:
    return f"-env:UserInstallation={profile.resolve().as_uri()}"


#: The locale a document for Finnish readers is rendered in: LibreOffice formats
#: "#,##0" as "-2 579 631" under it, and as "-2,579,631" under the default en-US.
FINNISH = "fi_FI.UTF-8"


def convert(
    path: str | Path,
    fmt: str,
    outdir: str | Path,
    *,
    timeout: float = 180,
    locale: str | None = None,
) -> Path:
    """Convert ``path`` with a cold ``soffice --convert-to fmt`` into ``outdir``.

    ``fmt`` is what LibreOffice accepts after ``--convert-to`` (``pdf``,
    ``xlsx``, ``"xlsx:Calc Office Open XML"``...).  Workbooks are recalculated
    on load.  ``locale`` (e.g. :data:`FINNISH`) is the one LibreOffice formats
    numbers and dates in, as Excel does with the reader's regional settings; a
    PDF is for people, so its callers give one.  Returns the written file;
    raises :class:`LibreOfficeError`.
    """
    source = Path(path).resolve()
    target_dir = Path(outdir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    extension = fmt.split(":", 1)[0]
    with private_profile() as profile:
        command = [
            str(find_soffice()), _profile_arg(profile), "--headless", "--norestore", "--nologo",
            "--nodefault", "--convert-to", fmt, "--outdir", str(target_dir), str(source),
        ]  # fmt: skip
        try:
            env = soffice_env()
            if locale is not None:
                env.update(LANG=locale, LC_ALL=locale)
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as error:
            raise LibreOfficeError(
                Msg(
                    "LibreOffice ei saanut tiedostoa {name} muunnettua {seconds} sekunnissa",
                    name=source.name,
                    seconds=Num(timeout),
                )
            ) from error
    target = target_dir / f"{source.stem}.{extension}"
    if done.returncode != 0 or not target.exists():
        raise LibreOfficeError(
            Msg(
                "LibreOffice ei pystynyt muuntamaan tiedostoa {name} muotoon {format} "
                "(paluukoodi {code}): {output}",
                name=source.name,
                format=fmt,
                code=str(done.returncode),
                output=(done.stderr or done.stdout).strip()[:500],
            )
        )
    return target


def _import_uno() -> ModuleType | None:
    """LibreOffice's ``uno`` module for this interpreter, or None if it cannot load here."""
    try:
        import uno  # type: ignore[import-not-found]

        return uno  # type: ignore[no-any-return]
    except ImportError:
        pass
    if sys.version_info[:2] != _system_python_version():
        return None
    added = [p for p in _SYSTEM_UNO_PATHS if Path(p, "uno.py").exists() and p not in sys.path]
    sys.path.extend(added)
    try:
        import uno

        return uno  # type: ignore[no-any-return]
    except ImportError:
        for p in added:
            sys.path.remove(p)
        return None


def _system_python_version() -> tuple[int, int] | None:
    for python in _SYSTEM_PYTHONS:
        if Path(python).exists():
            done = subprocess.run(
                [python, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
                capture_output=True,
                text=True,
                timeout=30,
            )
            if done.returncode == 0:
                major, minor = done.stdout.split()
                return int(major), int(minor)
    return None


def read_cached_values(path: str | Path) -> Values:
    """Every non-empty cell's cached value, as an independent reader (openpyxl) sees it."""
    import openpyxl
    from openpyxl.utils.datetime import to_excel

    book = openpyxl.load_workbook(path, data_only=True)
    out: Values = {}
    for sheet in book.worksheets:
        cells: dict[str, Any] = {}
        for row in sheet.iter_rows():
            for cell in row:
                value: Any = cell.value
                if cell.data_type == "e" and isinstance(value, str):
                    value = XlError.from_literal(value) or value
                elif value is None:
                    if cell.data_type not in ("s", "str"):
                        continue
                    value = ""  # an empty text result (a blank cell has no text type)
                elif isinstance(value, bool | str):
                    pass
                elif isinstance(value, int | float):
                    value = float(value)
                else:  # dates and times, shown by their serial number
                    value = float(to_excel(value))  # type: ignore[no-untyped-call]
                cells[cell.coordinate] = value
        out[sheet.title] = cells
    book.close()
    return out


class Session:
    """One warm headless LibreOffice, driven over UNO; use as a context manager.

    >>> with Session() as office:                    # doctest: +SKIP
    ...     values = office.recalculated_values("book.xlsx")
    """

    def __init__(self, *, timeout: float = 120) -> None:
        self.timeout = timeout
        self._profile_cm = private_profile()
        self._profile: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._worker: subprocess.Popen[str] | None = None
        self._desktop: Any = None
        self._ops: ModuleType | None = None
        #: the remote UNO component context (None when a worker process talks UNO)
        self.context: Any = None

    @property
    def profile(self) -> Path:
        """The private profile folder of this LibreOffice process."""
        if self._profile is None:
            raise LibreOfficeError(Msg("LibreOffice-istuntoa ei ole käynnistetty"))
        return self._profile

    def __enter__(self) -> Session:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        self._profile = self._profile_cm.__enter__()
        pipe = f"xlsrc-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        uno = _import_uno()
        if uno is None:
            self._start_worker(pipe)
            return
        from xlsrc import _lo_uno

        self._process = subprocess.Popen(
            [str(find_soffice()), _profile_arg(self._profile), "--headless", "--invisible",
             "--norestore", "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=soffice_env(),
        )  # fmt: skip
        self._ops = _lo_uno
        try:
            self.context = _lo_uno.connect_context(pipe, self.timeout)
            self._desktop = _lo_uno.desktop_of(self.context)
        except Exception as error:
            self.close()
            raise LibreOfficeError(
                Msg(
                    "LibreOfficeen ei saada yhteyttä UNO-rajapinnan kautta: {error}",
                    error=str(error),
                )
            ) from error

    def _start_worker(self, pipe: str) -> None:
        python = next((p for p in _SYSTEM_PYTHONS if Path(p).exists()), None)
        if python is None:
            raise LibreOfficeError(
                Msg("millään Pythonilla ei ole LibreOfficen uno-moduulia: asenna python3-uno")
            )
        script = Path(__file__).with_name("_lo_uno.py")
        assert self._profile is not None
        self._worker = subprocess.Popen(
            [python, str(script), str(find_soffice()), _profile_arg(self._profile), pipe],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        ready = self._ask({"op": "ping"})
        if ready.get("ok") is not True:
            raise LibreOfficeError(
                Msg("LibreOfficen UNO-työprosessi ei käynnistynyt: {answer}", answer=str(ready))
            )

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._worker is not None and self._worker.stdin and self._worker.stdout
        self._worker.stdin.write(json.dumps(request) + "\n")
        self._worker.stdin.flush()
        line = self._worker.stdout.readline()
        if not line:
            raise LibreOfficeError(Msg("LibreOfficen UNO-työprosessi pysähtyi kesken"))
        answer: dict[str, Any] = json.loads(line)
        if "failure" in answer:
            raise LibreOfficeError(answer["failure"])  # i18n: "failure" is the worker's JSON key
        return answer

    def recalculated_values(self, path: str | Path) -> Values:
        """Every non-empty cell of every sheet after LibreOffice recalculates the workbook."""
        with tempfile.TemporaryDirectory(prefix="xlsrc-lo-") as folder:
            exported = self.recalculate_to(path, Path(folder) / "recalculated.xlsx")
            return read_cached_values(exported)

    def recalculate_to(self, path: str | Path, target: str | Path) -> Path:
        """Load, recalculate and store as xlsx (what a LibreOffice-based batch would do)."""
        source, out = str(Path(path).resolve()), str(Path(target).resolve())
        if self._worker is not None:
            self._ask({"op": "store", "path": source, "target": out})
        else:
            assert self._ops is not None
            try:
                self._ops.recalculate_to(self._desktop, source, out)
            except Exception as error:
                raise LibreOfficeError(
                    Msg(
                        "LibreOffice ei pystynyt laskemaan tiedostoa {path} uudelleen: {error}",
                        path=str(path),
                        error=str(error),
                    )
                ) from error
        return Path(out)

    def edit_to(self, path: str | Path, target: str | Path, edits: list[dict[str, Any]]) -> Path:
        """Make ``edits`` in LibreOffice as a user would and store as xlsx (see
        :func:`xlsrc._lo_uno.edit_to` for the edits); the second client's own edits."""
        source, out = str(Path(path).resolve()), str(Path(target).resolve())
        if self._worker is not None:
            self._ask({"op": "edit", "path": source, "target": out, "edits": edits})
        else:
            assert self._ops is not None
            try:
                self._ops.edit_to(self._desktop, source, out, edits)
            except Exception as error:
                raise LibreOfficeError(
                    Msg(
                        "LibreOffice ei pystynyt muokkaamaan tiedostoa {path}: {error}",
                        path=str(path),
                        error=str(error),
                    )
                ) from error
        return Path(out)

    def close(self) -> None:
        if self._worker is not None:
            with contextlib.suppress(Exception):
                self._ask({"op": "quit"})
            with contextlib.suppress(Exception):
                self._worker.wait(timeout=30)
            self._worker = None
        if self._desktop is not None:
            with contextlib.suppress(Exception):
                self._desktop.terminate()
            self._desktop = None
        if self._process is not None:
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=30)
            self._process = None
        if self._profile is not None:
            self._profile_cm.__exit__(None, None, None)
            self._profile = None


def recalculated_values(path: str | Path) -> Values:
    """One-shot :meth:`Session.recalculated_values` (starts and stops LibreOffice)."""
    with Session() as office:
        return office.recalculated_values(path)
