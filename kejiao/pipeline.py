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
from .forking import cores, fork_workers
from .models import Record
from .ordering import learn, pinyin_of
from .rules import check_rules
from .synonyms import check_synonyms
from .validate import check_record
from .yamlsafe import Document


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
    workers: int | None = None,
) -> tuple[Catalogue, list[Diagnostic]]:
    """Check all content; return the catalogue and every diagnostic, errors and warnings.
    With a `cache`, files unchanged since the last check keep their entry and diagnostics.
    Without one, the files are checked by `workers` processes (by default: one per core when
    there are enough files to be worth a process; see `_check_all`)."""
    sink = DiagnosticSink()
    entries = discover(content_dir, sink, root)
    if cache is None:
        if workers is None:
            workers = max(1, min(cores(), len(entries) // FILES_PER_WORKER))
        _check_all(entries, sink, today, stale_days, workers)
    else:
        entries = _check_cached(entries, cache, sink, today, stale_days)
    catalogue = resolve(entries, sink, include_examples)
    check_duplicates(catalogue, sink)
    check_synonyms(sink)
    return catalogue, sink.sorted()


# Below this many files a share, a worker process costs more than it saves (forking, and pickling
# the results back: about 50 µs a record against about 250 µs to check it).
FILES_PER_WORKER = 500
# The workers' files go to them in chunks of this many, so that results arrive (and are unpickled
# here) while the others are still being checked, and the last to arrive is small.
CHUNK = 250


def _check_all(
    entries: list[Entry], sink: DiagnosticSink, today: dt.date, stale_days: int, workers: int
) -> None:
    """Check every file. With several workers, this process checks every `workers`-th file while
    `workers - 1` forked processes check the others, in chunks, and send back what they found.
    Each also converts its records' titles to pinyin for sorting (`ordering`), the other
    per-record cost before the pages are made. The result is the same as checking the files one by
    one here: the entries keep their order, and the diagnostics are sorted in the end."""
    if workers <= 1:
        for entry in entries:
            _check_file(entry, sink, today, stale_days)
        return
    others = [n for n in range(len(entries)) if n % workers]
    chunks = [others[start : start + CHUNK] for start in range(0, len(others), CHUNK)]
    tasks = [(_check_chunk, (chunk, today, stale_days)) for chunk in chunks]
    pool, results = fork_workers(workers - 1, _start_checker, (entries,), tasks)
    with pool:
        learn(_check_files(entries[::workers], sink, today, stale_days))
        for chunk, done in zip(chunks, results, strict=True):
            checked, diagnostics, pinyin = done.result()
            for number, (doc, model) in zip(chunk, checked, strict=True):
                entries[number].doc, entries[number].model = doc, model
            sink.extend(diagnostics)
            learn(pinyin)


def _check_files(
    entries: list[Entry], sink: DiagnosticSink, today: dt.date, stale_days: int
) -> dict[str, str]:
    """Check `entries`; return the pinyin of the valid records' titles."""
    for entry in entries:
        _check_file(entry, sink, today, stale_days)
    return pinyin_of(e.model.display_title for e in entries if e.model is not None)


_checking: list[Entry] = []  # a checker process's entries, inherited from the parent


def _start_checker(entries: list[Entry]) -> None:
    global _checking
    _checking = entries


def _check_chunk(
    numbers: list[int], today: dt.date, stale_days: int
) -> tuple[list[tuple[Document | None, Record | None]], list[Diagnostic], dict[str, str]]:
    """In a checker process: check the files at `numbers`; return each one's document (its
    values, positions released) and model, the diagnostics, and the titles' pinyin."""
    entries = [_checking[n] for n in numbers]
    sink = DiagnosticSink()
    pinyin = _check_files(entries, sink, today, stale_days)
    return [(e.doc, e.model) for e in entries], sink.items, pinyin


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
