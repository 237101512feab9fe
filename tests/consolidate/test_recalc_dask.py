"""xlsrc recalc on a Dask LocalCluster of 2 workers gives what the process pool gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xlsrc.engine.batch import run_batch
from xlsrc.workbooks.build import build_workbook
from xlsrc.workbooks.layouts import PROGRAMMES, RESULT_BUDGET


def _plain(result: Any) -> dict[str, Any]:
    data = dict(result.to_dict())
    data.pop("seconds")
    data.pop("output")
    return data


def test_dask_local_cluster_recalculates_like_the_pool(tmp_path: Path) -> None:
    files = []
    for layout in (PROGRAMMES, RESULT_BUDGET):
        path = tmp_path / layout.file_name
        path.write_bytes(build_workbook(layout, example=True))
        files.append(path)
    broken = tmp_path / "rikki.xlsx"
    broken.write_bytes(b"ei zip")
    files.append(broken)
    pooled = run_batch(files, out_dir=tmp_path / "pool", jobs=2)
    dasked = run_batch(files, out_dir=tmp_path / "dask", jobs=2, dask="local")
    assert [r.ok for r in dasked] == [True, True, False]
    assert [_plain(r) for r in dasked] == [_plain(r) for r in pooled]
    assert (tmp_path / "dask" / PROGRAMMES.file_name).read_bytes() == (
        tmp_path / "pool" / PROGRAMMES.file_name
    ).read_bytes()
