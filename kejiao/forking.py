"""Forked worker processes, the one way the build uses both cores: how many to start, and a pool
whose workers are forked from this process (after gc.freeze, so the parent's heap is shared, not
scanned or copied) and inherit what the initializer is given without pickling it. Results come back
pickled. Fork is only safe on Linux; elsewhere `cores()` is 1 and callers work in one process."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .gcpolicy import freeze_for_fork, unfreeze


def cores() -> int:
    """How many processes may work at once (1 where fork is not safe)."""
    if sys.platform != "linux":
        return 1
    return len(os.sched_getaffinity(0))


def fork_workers(
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    tasks: list[tuple[Callable[..., Any], tuple[Any, ...]]],
) -> tuple[ProcessPoolExecutor, list[Future[Any]]]:
    """A pool of `workers` processes forked from this one now, and the futures of `tasks` (each a
    function and its arguments, pickled) submitted to it. The caller shuts the pool down."""
    sys.stdout.flush()  # a forked child would write what is still buffered a second time
    sys.stderr.flush()
    freeze_for_fork()
    try:  # with fork, the pool starts every worker in its first submit
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=initializer,
            initargs=initargs,
        )
        futures = [pool.submit(function, *args) for function, args in tasks]
    finally:
        unfreeze()
    return pool, futures
