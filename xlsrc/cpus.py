"""How many worker processes a batch runs by default: the cores this process may use.

A module of its own, with nothing but the standard library, so the command
line can print the default in ``--help`` without importing the engine.
"""

from __future__ import annotations

import os


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity where the platform has one)."""
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
