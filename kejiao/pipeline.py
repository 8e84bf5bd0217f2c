"""Load → validate → resolve: the whole content check, independent of any site engine."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue, resolve
from .content import Entry, discover, read
from .diagnostics import Diagnostic, DiagnosticSink
from .duplicates import check_duplicates
from .errors import ContentError
from .rules import check_rules
from .synonyms import check_synonyms
from .validate import check_record


@dataclass
class _Checked:
    stamp: tuple[int, int]  # modification time (ns) and size when the file was read
    entry: Entry
    diagnostics: list[Diagnostic]


@dataclass
class ContentCache:
    """Each file's own check from the last run, so that a preview re-reads only changed files."""

    files: dict[Path, _Checked] = field(default_factory=dict)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


def _check_file(entry: Entry, sink: DiagnosticSink, today: dt.date, stale_days: int) -> None:
    """What can be checked in one file alone."""
    entry.doc = read(entry, sink)
    if entry.doc is not None:
        check_record(entry, sink)
    if entry.model is not None:
        check_rules(entry, sink, today, stale_days)
    if entry.doc is not None:
        entry.doc.release_positions()


def check(
    content_dir: Path,
    *,
    root: Path,
    today: dt.date,
    stale_days: int = 365,
    cache: ContentCache | None = None,
    include_examples: bool = True,
) -> tuple[Catalogue, list[Diagnostic]]:
    """Check all content; return the catalogue and every diagnostic, errors and warnings.
    With a `cache`, files unchanged since the last check keep their entry and diagnostics."""
    sink = DiagnosticSink()
    entries = discover(content_dir, sink, root)
    if cache is None:
        for entry in entries:
            _check_file(entry, sink, today, stale_days)
    else:
        entries = _check_cached(entries, cache, sink, today, stale_days)
    catalogue = resolve(entries, sink, include_examples)
    check_duplicates(catalogue, sink)
    check_synonyms(sink)
    return catalogue, sink.sorted()


def _check_cached(
    entries: list[Entry], cache: ContentCache, sink: DiagnosticSink, today: dt.date, stale_days: int
) -> list[Entry]:
    kept: dict[Path, _Checked] = {}
    out = []
    for entry in entries:
        stamp = _stamp(entry.path)  # before reading: a write during the read is seen next time
        hit = cache.files.get(entry.path)
        if hit is None or hit.stamp != stamp or hit.entry.kind is not entry.kind:
            file_sink = DiagnosticSink()
            _check_file(entry, file_sink, today, stale_days)
            hit = _Checked(stamp, entry, file_sink.items)
        kept[entry.path] = hit
        sink.extend(hit.diagnostics)
        out.append(hit.entry)
    cache.files = kept
    return out


def load_catalogue(
    content_dir: Path,
    *,
    root: Path,
    today: dt.date,
    stale_days: int = 365,
    strict: bool = False,
    cache: ContentCache | None = None,
    include_examples: bool = True,
) -> tuple[Catalogue, list[Diagnostic]]:
    """Like `check`, but raise ContentError when there are errors (or warnings, if strict)."""
    catalogue, diagnostics = check(
        content_dir, root=root, today=today, stale_days=stale_days, cache=cache,
        include_examples=include_examples,
    )  # fmt: skip
    if any(d.severity == "error" or strict for d in diagnostics):
        raise ContentError(diagnostics)
    return catalogue, diagnostics
