"""Batches beyond one machine: the same per-file function on a Dask cluster.

``xlsrc recalc --dask ADDRESS`` and ``xlsrc collect --dask ADDRESS`` send each
file to a ``dask.distributed`` scheduler (``--dask local`` starts a
LocalCluster on this machine) with ``Client.map`` and take the results as
they finish (``distributed.as_completed``), each released as soon as it is
taken, so the caller holds one result at a time.  Nothing here knows what
the work is: the per-file function is the one the local process pool runs.

Workers must have xlsrc installed (the same version) and see the files at the
same paths (a shared drive): only paths travel to a worker, and only the
per-file result travels back.  ``pip install "xlsrc[dask]"`` brings
``dask.distributed``; without it, ``--dask`` says so (exit status 2).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from xlsrc.core.errors import EnvironmentProblem, UnusableInput
from xlsrc.core.text import Msg

R = TypeVar("R")

#: ``--dask local``: a LocalCluster on this machine instead of a scheduler address.
LOCAL = "local"


def map_as_completed(
    function: Callable[..., R],
    arguments: Sequence[Sequence[Any]],
    address: str,
    *,
    workers: int | None = None,
    on_error: Callable[[int, BaseException], R],
) -> Iterator[tuple[int, R]]:
    """``function(*arguments[i])`` on the cluster at ``address``; (i, result) as each finishes.

    A task that fails on the worker (the worker process died, say) yields
    ``on_error(i, error)`` instead, so one file never stops the batch.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise EnvironmentProblem(
            Msg('Dask ei ole asennettu: asenna se (pip install "xlsrc[dask]", dask.distributed)')
        ) from error
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with contextlib.ExitStack() as stack:
        if address == LOCAL:
            cluster = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers or 2, threads_per_worker=1, processes=True,
                    dashboard_address=None,
                )
            )  # fmt: skip
            client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
        else:
            try:
                client = stack.enter_context(
                    Client(address, timeout="30s")  # type: ignore[no-untyped-call]
                )
            except OSError as error:
                raise UnusableInput(
                    Msg(
                        "--dask {address}: Daskin ajoittajaan ei saada yhteyttä ({error})",
                        address=address,
                        error=str(error),
                    )
                ) from error
        columns = [list(column) for column in zip(*arguments, strict=True)]
        futures = client.map(function, *columns, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        completed = as_completed(  # type: ignore[no-untyped-call]
            futures, with_results=True, raise_errors=False
        )
        del futures  # as_completed holds each future until it is taken
        for future, result in completed:
            at = index[future.key]
            future.release()
            if isinstance(result, BaseException):
                yield at, on_error(at, result)
            else:
                yield at, result
