"""The site behind `serve`: one full build, then updates that rebuild only what an edit changed.

An edit to one record re-reads that file alone, re-checks references across the catalogue, and
re-renders the record's page and the pages of the records it is linked with; they are refilled into
the frames kept from the full build and written at once. Lists, indexes, statistics and data files
follow in a second step, written only where they differ. Anything the frames cannot cover (a new
list page, a changed hand-written page or setting) falls back to a full build."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import engine
from .catalogue import Catalogue, references
from .content import Entry
from .diagnostics import Diagnostic
from .gcpause import paused
from .pipeline import ContentCache, load_catalogue
from .render.pages import Output, Page, PageRenderer
from .settings import Settings
from .site import build_site, content_epoch, page_context

# Pages that read the app's data files in the browser: reload them when those files change.
_DATA_PAGES = ("finder/", "recommend/", "upcoming/", "shortlist/")

Notify = Callable[[list[str]], None]


@dataclass
class Update:
    """What one update did: the page addresses rewritten, and whether it had to build everything."""

    diagnostics: list[Diagnostic]
    urls: list[str] = field(default_factory=list)
    full: bool = False


class Preview:
    def __init__(self, settings: Settings, site_dir: Path) -> None:
        self.settings, self.site_dir = settings, site_dir
        self.context = page_context(settings)
        self.cache = ContentCache()
        self.catalogue: Catalogue | None = None
        self.output: Output | None = None  # everything but the record pages
        self.records: dict[str, bytes] = {}  # record page source → fingerprint of its content
        self.frames: engine.Frames | None = None

    def _check(self, today: dt.date) -> tuple[Catalogue, list[Diagnostic]]:
        return load_catalogue(
            self.settings.content_dir,
            root=self.settings.root,
            today=today,
            stale_days=self.settings.catalogue.stale_after_days,
            cache=self.cache,
        )

    def build(self, today: dt.date) -> Update:
        """Build everything (raises ContentError and keeps the previous site on errors)."""
        records: dict[str, bytes] = {}

        def fingerprint(page: Page) -> None:
            records[page.source] = _fingerprint(page)

        with paused():
            catalogue, diagnostics = self._check(today)
            renderer = PageRenderer(catalogue, self.context)
            output = renderer.site_outputs()
            self.frames = build_site(
                self.settings, renderer, output, self.site_dir, on_record=fingerprint
            )
        self.catalogue, self.output, self.records = catalogue, output, records
        return Update(diagnostics, ["*"], full=True)

    def update(self, today: dt.date, notify: Notify = lambda urls: None) -> Update:
        """Rebuild what changed in the content; `notify` hears each step's rewritten addresses
        (the edited record's page first). Raises ContentError and keeps the site on errors."""
        if self.catalogue is None or self.output is None or self.frames is None:
            return self.build(today)
        with paused():
            catalogue, diagnostics = self._check(today)
            if content_epoch(catalogue) != content_epoch(self.catalogue) and self.settings.site_url:
                return self.build(today)  # the engine's sitemap dates come from the content date
            renderer = PageRenderer(catalogue, self.context)
            result = Update(diagnostics)
            result.urls += self._records(catalogue, renderer)
            notify(result.urls)
            rest = self._site_outputs(renderer)
            if rest is None:
                return self.build(today)
            notify(rest)
            result.urls += rest
        self.catalogue = catalogue
        return result

    def _records(self, catalogue: Catalogue, renderer: PageRenderer) -> list[str]:
        """Rewrite the pages of changed records and of the records linked with them."""
        assert self.catalogue is not None and self.output is not None and self.frames is not None
        old = self.catalogue
        changed = {
            (kind, id_)
            for kind in catalogue.records
            for id_ in catalogue.records[kind].keys() | old.records[kind].keys()
            if catalogue.records[kind].get(id_) is not old.records[kind].get(id_)
        }
        affected = set(changed)
        for cat in (old, catalogue):
            for kind, id_ in changed:
                entry = cat.get(kind, id_)
                if entry is not None:
                    affected |= _neighbours(cat, entry)
        pages, urls = [], []
        for kind, id_ in [*sorted(changed), *sorted(affected - changed)]:  # edited first
            entry = catalogue.get(kind, id_)
            previous = old.get(kind, id_)
            if entry is not None:
                page = renderer.record_page(entry)
                fingerprint = _fingerprint(page)
                if self.records.get(page.source) != fingerprint:
                    pages.append(page)
                    self.records[page.source] = fingerprint
                    urls.append(page.url)
            elif previous is not None:
                gone = renderer.record_page(previous)  # only for its addresses
                self.records.pop(gone.source, None)
                shutil.rmtree(self.site_dir / gone.url, ignore_errors=True)
                urls.append(gone.url)
        engine.fill(self.site_dir, self.frames, pages)
        if urls:
            engine.write_sitemap(
                self.settings, self.site_dir, self.frames, renderer.record_addresses()
            )
        return urls

    def _site_outputs(self, renderer: PageRenderer) -> list[str] | None:
        """Rewrite the lists, indexes and data files that differ; None when a full build is needed."""
        assert self.output is not None and self.frames is not None
        fresh = renderer.site_outputs()
        old_pages = self.output.pages
        if fresh.pages.keys() != old_pages.keys() or not all(
            self.frames.covers(p) for p in fresh.pages.values()
        ):
            return None
        changed_files = [
            rel for rel, text in fresh.files.items() if self.output.files.get(rel) != text
        ]
        removed_files = self.output.files.keys() - fresh.files.keys()
        if any(rel.endswith(".md") for rel in [*changed_files, *removed_files]):
            return None  # a page the engine renders itself
        for rel in changed_files:
            target = self.site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            engine.write_text(target, fresh.files[rel])
        for rel in removed_files:
            (self.site_dir / rel).unlink(missing_ok=True)
        pages = [p for s, p in fresh.pages.items() if old_pages[s] != p]
        engine.fill(self.site_dir, self.frames, pages)
        self.output = fresh
        urls = [p.url for p in pages]
        if changed_files or removed_files:
            urls += [u for u in _DATA_PAGES if u not in urls]
        return urls


def _fingerprint(page: Page) -> bytes:
    text = "\0".join((page.title, page.description, str(page.lastmod), page.body))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _neighbours(catalogue: Catalogue, entry: Entry) -> set[tuple[str, str]]:
    """Records whose page shows this one, and records this one's page shows."""
    out = {(ref.kind, ref.id) for ref in references(entry)}
    for ref in catalogue.incoming.get((entry.kind.name, entry.id), []):
        out.add((ref.source.kind.name, ref.source.id))
    return out
