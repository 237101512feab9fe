"""Where results go: every output resolved and checked before any work starts.

A batch that overwrites one of its own inputs loses a unit's workbook, so
every output path - recalculated workbooks, the JSON summary, a status
sheet, a findings workbook - is resolved here first, and the run is refused,
naming the file and saying what to do, if an output

* is one of the inputs (``recalc b/x.xlsx a/x.xlsx --out a`` would overwrite
  ``a/x.xlsx``), unless replacing the input is what was asked for;
* is a symbolic link (writing through it would replace a file elsewhere);
* is to go into a folder that does not exist, or is a file: a command whose
  output is a file never creates folders for it (a mistyped path would leave
  a stray folder); only an output folder (``recalc --out``) is created;
* resolves outside the output folder it was meant for;
* is claimed by two inputs of the same name.

Paths that are not valid UTF-8 are shown with ``\\xNN`` escapes, so a
message or a JSON summary can always be written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from xlsrc.core.errors import UnusableInput
from xlsrc.core.text import N_, Msg, Text


class UnsafeOutput(UnusableInput):
    """An output that would overwrite an input, follow a link or leave its folder."""


def display(path: str | os.PathLike[str]) -> str:
    """``path`` as text that can always be printed and written as UTF-8."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def resolved(path: Path) -> Path:
    """The absolute path with every symbolic link resolved (the path need not exist)."""
    return Path(os.path.realpath(path))


def make_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if missing; a located refusal if that fails."""
    if folder.is_symlink() and not folder.is_dir():
        raise UnsafeOutput(
            Msg("{folder}: kansio on rikkinäinen symbolinen linkki", folder=display(folder))
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UnsafeOutput(
            Msg(
                "{folder}: tulosten kansiota ei voi luoda, koska samanniminen tiedosto on jo "
                "olemassa; anna toinen --out-kansio",
                folder=display(folder),
            )
        ) from None
    except OSError as error:
        raise UnsafeOutput(
            Msg(
                "{folder}: tulosten kansiota ei voi luoda ({strerror}); anna kansio, johon "
                "sinulla on kirjoitusoikeus",
                folder=display(folder),
                strerror=error.strerror,
            )
        ) from None
    if not folder.is_dir():
        raise UnsafeOutput(
            Msg("{folder}: ei ole kansio; anna --out-kansio", folder=display(folder))
        )
    return folder


_NOT_A_FOLDER = N_("{output}: {what}: {folder} ei ole kansio vaan tiedosto; anna toinen kohde")
_NO_FOLDER = N_(
    "{output}: {what}: kansiota {folder} ei ole; luo kansio ensin tai anna toinen kohde"
)


def check_output(
    output: Path,
    inputs: Iterable[Path],
    *,
    what: Text,
    folder: Path | None = None,
    replaces: Path | None = None,
) -> Path:
    """Refuse ``output`` (named ``what`` in messages) if it is unsafe; returns it unchanged.

    Unsafe includes a folder that is missing or is a file (see the module docstring).
    ``replaces`` is the one input this output may be (an update in place);
    ``folder`` is where the output must stay.
    """
    if output.is_symlink():
        raise UnsafeOutput(
            Msg(
                "{output}: {what} on symbolinen linkki; xlsrc ei kirjoita linkin läpi toiseen "
                "tiedostoon. Poista linkki tai anna toinen kohde",
                output=display(output),
                what=what,
            )
        )
    parent = output.parent
    # refused before any work; never created for a file output (an output folder, given as
    # ``folder``, is the command's to create: make_folder)
    if folder is None and not parent.is_dir():
        problem = _NOT_A_FOLDER if parent.exists() else _NO_FOLDER
        raise UnsafeOutput(Msg(problem, output=display(output), what=what, folder=display(parent)))
    target = resolved(output)
    if folder is not None and resolved(folder) not in target.parents:
        raise UnsafeOutput(
            Msg(
                "{output}: {what} päätyisi kansion {folder} ulkopuolelle ({target}); anna toinen "
                "kohde",
                output=display(output),
                what=what,
                folder=display(folder),
                target=display(target),
            )
        )
    for source in inputs:
        if resolved(source) == target and (replaces is None or resolved(replaces) != target):
            raise UnsafeOutput(
                Msg(
                    "{output}: {what} ei voi olla syötetiedosto {source} (se korvautuisi); anna "
                    "toinen kohde",
                    output=display(output),
                    what=what,
                    source=display(source),
                )
            )
    return output


def batch_outputs(
    inputs: Sequence[Path], out_dir: Path | None, in_place: bool
) -> list[tuple[Path, Path]]:
    """(input, output) for each input of a batch, every output checked (see module docstring)."""
    pairs: list[tuple[Path, Path]] = []
    claimed: dict[Path, Path] = {}
    for source in inputs:
        if in_place:
            if source.is_symlink():
                raise UnsafeOutput(
                    Msg(
                        "{source}: on symbolinen linkki; --in-place korvaisi linkin tiedostolla. "
                        "Anna linkin kohde itse",
                        source=display(source),
                    )
                )
            pairs.append((source, source))
            continue
        assert out_dir is not None
        output = out_dir / source.name
        check_output(output, inputs, what=Msg("tulostiedosto"), folder=out_dir)
        other = claimed.get(resolved(output))
        if other is not None:
            raise UnsafeOutput(
                Msg(
                    "{source} ja {other}: molempien tulos olisi {output}; käsittele samannimiset "
                    "tiedostot eri ajoissa tai nimeä toinen uudelleen",
                    source=display(source),
                    other=display(other),
                    output=display(output),
                )
            )
        claimed[resolved(output)] = source
        pairs.append((source, output))
    return pairs
