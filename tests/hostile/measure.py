"""Peak memory and time of the resource-exhaustion cases, one fresh process each (by hand).

    python -m tests.hostile.measure [CASE ...]

Each case of :mod:`tests.hostile.corpus` is recalculated by ``xlsrc.recalc()``
in its own interpreter under the corpus test's 1 GB address-space cap; the
table gives wall time, peak resident memory (``ru_maxrss`` of that process) and the outcome.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.hostile.corpus import build

DEFAULT = [
    "zip_pommi", "pommi_valehtelee", "suhdepommi", "koko_taulukon_matriisi", "sarakematriisi",
    "harva_valtava_alue", "sum_rivit", "rikki_si_sulkematta", "miljardi_naurua", "termit_2666",
]  # fmt: skip
_RUN = (
    "import resource, sys, xlsrc\n"
    "cap = 1 << 30\n"
    "resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
    "r = xlsrc.recalc(sys.argv[1], sys.argv[2])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    "print('ok' if r.ok else 'refused: ' + r.problems[0][-110:])\n"
)


def main() -> None:
    names = sys.argv[1:] or DEFAULT
    with tempfile.TemporaryDirectory(prefix="xlsrc-measure-") as tmp:
        folder = Path(tmp) / "in"
        build(folder)
        print("| case | seconds | peak MB | outcome |\n|---|---:|---:|---|")
        for name in names:
            source, output = folder / f"{name}.xlsx", Path(tmp) / "o.xlsx"
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", _RUN, str(source), str(output)],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            elapsed = time.perf_counter() - started
            lines = done.stdout.splitlines()
            peak, outcome = (lines[0], lines[1]) if len(lines) == 2 else ("?", done.stderr[-110:])
            print(f"| {name} | {elapsed:.2f} | {peak} | {outcome.replace('|', '/')} |")


if __name__ == "__main__":
    main()
