"""What the xlwings adapter costs on top of the function it wraps, and the add-in build time.

Run: ``python benchmarks/udf_adapter.py``.  Prints ratios against a baseline
measured in the same run (the plain registry function), so the numbers travel
between machines; absolute times are printed only for orientation.  Excel's
own COM round trip per UDF call (not measurable here) is far larger than
either, which is why the templates use the range forms.
"""

from __future__ import annotations

import statistics
import timeit

import xlwings

from xlsrc.excel.addin import build_addin
from xlsrc.excel.vba import macros_dir
from xlsrc.excel.xlwings_udfs import build_udfs
from xlsrc.registry import Registry, invoke

ROWS = 1000


def best(stmt: object, number: int, repeat: int = 5) -> float:
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number  # type: ignore[arg-type]


def main() -> None:
    registry = Registry.default()
    spec = registry.get("XS_NUMBERS")
    udf = build_udfs(registry, xlwings)["XS_NUMBERS"]
    column = [[f"{i * 1.5:.1f}".replace(".", ",") + " %"] for i in range(ROWS)]
    direct = best(lambda: spec.func(column), 20)
    via_invoke = best(lambda: invoke(spec, column), 20)
    via_udf = best(lambda: udf(column), 20)
    print(f"XS_NUMBERS on {ROWS} rows: plain {direct * 1e3:.2f} ms")
    print(f"  registry.invoke / plain = {via_invoke / direct:.2f}")
    print(f"  xlwings adapter / plain = {via_udf / direct:.2f}")
    single = registry.get("XS_NUMBER")
    one = build_udfs(registry, xlwings)["XS_NUMBER"]
    plain_one = best(lambda: single.func("-2 891,2"), 2000)
    udf_one = best(lambda: one("-2 891,2"), 2000)
    print(
        f"XS_NUMBER one cell: plain {plain_one * 1e6:.1f} us, adapter / plain = "
        f"{udf_one / plain_one:.2f}"
    )
    builds = timeit.repeat(lambda: build_addin(macros_dir()), number=1, repeat=5)
    size = len(build_addin(macros_dir()))
    print(f"build_addin: median {statistics.median(builds) * 1e3:.0f} ms, {size} bytes")


if __name__ == "__main__":
    main()
