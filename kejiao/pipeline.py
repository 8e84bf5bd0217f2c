"""Load → validate → resolve: the whole content check, independent of any site engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .catalogue import Catalogue, resolve
from .content import discover, read
from .diagnostics import Diagnostic, DiagnosticSink
from .duplicates import check_duplicates
from .errors import ContentError
from .gcpause import paused
from .rules import check_rules
from .validate import check_record


def check(
    content_dir: Path, *, root: Path, today: dt.date, stale_days: int = 365
) -> tuple[Catalogue, list[Diagnostic]]:
    """Check all content; return the catalogue and every diagnostic, errors and warnings."""
    sink = DiagnosticSink()
    with paused():
        entries = discover(content_dir, sink, root)
        for entry in entries:
            entry.doc = read(entry, sink)
            if entry.doc is not None:
                check_record(entry, sink)
            if entry.model is not None:
                check_rules(entry, sink, today, stale_days)
        catalogue = resolve(entries, sink)
        check_duplicates(catalogue, sink)
    return catalogue, sink.sorted()


def load_catalogue(
    content_dir: Path, *, root: Path, today: dt.date, stale_days: int = 365, strict: bool = False
) -> tuple[Catalogue, list[Diagnostic]]:
    """Like `check`, but raise ContentError when there are errors (or warnings, if strict)."""
    catalogue, diagnostics = check(content_dir, root=root, today=today, stale_days=stale_days)
    if any(d.severity == "error" or strict for d in diagnostics):
        raise ContentError(diagnostics)
    return catalogue, diagnostics
