"""Running the recalculation where a long chain of dependent formulas fits.

A cell that depends on the cell below, a million rows down, is a million
nested Python calls.  They run in one thread with a large stack and a raised
recursion limit; when even that is not enough the chain is refused by name
(see :meth:`xlsrc.engine.evaluator.Book.evaluate_all`).
"""

from __future__ import annotations

import contextvars
import sys
import threading
from collections.abc import Callable

#: Python frames allowed while following one chain of dependent formulas, with the
#: largest stack; a smaller stack gets proportionally fewer
DEPTH = 1_000_000
#: thread stacks tried in turn, largest first (Python-to-Python calls use little of them)
STACKS = (512 * 1024 * 1024, 128 * 1024 * 1024, 32 * 1024 * 1024)


def run_deep(run: Callable[[], None]) -> bool:
    """Run ``run`` in a thread whose stack holds :data:`DEPTH` nested Python frames.

    Under an address-space cap (a batch worker, a container) a 512 MiB stack
    may not be mappable; a smaller stack is tried, with the recursion limit
    lowered in proportion so a deep chain is refused by name instead of
    crashing the process.  False when not even the smallest stack could be had.
    """
    limit = sys.getrecursionlimit()
    previous = threading.stack_size()
    try:
        for stack in STACKS:
            depth = max(limit, DEPTH * stack // STACKS[0])
            try:
                threading.stack_size(stack)
            except (ValueError, RuntimeError):  # a platform that refuses a large stack
                pass
            sys.setrecursionlimit(depth)
            # the caller's context (its language above all): a new thread starts without it,
            # so the reasons of refused cells were rendered in Finnish under --lang sv
            context = contextvars.copy_context()
            worker = threading.Thread(target=context.run, args=(run,), name="xlsrc-recalc")
            try:
                worker.start()
            except RuntimeError:  # "can't start new thread": no room for this stack
                continue
            worker.join()
            return True
        return False
    finally:
        threading.stack_size(previous)
        sys.setrecursionlimit(limit)
