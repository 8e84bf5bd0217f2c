"""The one garbage-collection policy: bulk work runs with Python's cyclic collector paused.

Loading and rendering allocate millions of small objects that live until the end; the collector
would walk the whole growing heap again and again (at 10,000 records a third of the check time).
Nothing built here relies on cycles being collected early. Entry points (a command, a build, a
preview update) wrap their work in `bulk_work()`; nothing else touches the collector, and the
previous state is restored on the way out, so a long-running `serve` collects between updates."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_work(*, process_ends: bool = False) -> Iterator[None]:
    """Pause the collector. `process_ends`: the process exits right after; what the work built
    is then frozen rather than walked once more by the first collection after the pause (at
    10,000 records that walk took about 0.7 s, for objects the exit frees anyway)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if process_ends:
            gc.freeze()
        if was_enabled:
            gc.enable()


def freeze_for_fork() -> None:
    """Move everything allocated so far out of the collector's reach before forking workers, so
    the children neither scan nor copy-on-write the parent's heap when they collect."""
    gc.freeze()


def unfreeze() -> None:
    gc.unfreeze()
