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

from .catalogue import Catalogue, references
from .content import Entry
from .diagnostics import Diagnostic
from .engine import Frames
from .gcpolicy import bulk_work
from .pipeline import ContentCache, load_catalogue
from .render.context import File, Page, RenderContext
from .render.producers import produce_all
from .render.records import record_page
from .settings import Settings
from .site import content_epoch, fill, page_context, write_site, write_sitemap, write_text

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
        self.pages: dict[str, Page] | None = None  # every page but the records', by address
        self.files: dict[str, File] = {}
        self.records: dict[str, bytes] = {}  # record page address → fingerprint of its content
        self.frames: Frames | None = None

    def _check(self, today: dt.date) -> tuple[Catalogue, list[Diagnostic]]:
        return load_catalogue(
            self.settings.content_dir,
            root=self.settings.root,
            today=today,
            stale_days=self.settings.catalogue.stale_after_days,
            cache=self.cache,
            include_examples=self.settings.catalogue.include_examples,
        )

    def rebuild(self, today: dt.date) -> Update:
        """Build everything (raises ContentError and keeps the previous site on errors)."""
        records: dict[str, bytes] = {}

        def fingerprint(page: Page) -> None:
            records[page.url] = _fingerprint(page)

        with bulk_work():
            catalogue, diagnostics = self._check(today)
            context = RenderContext(catalogue, self.context)
            outputs = produce_all(catalogue, context)
            self.frames = write_site(
                self.settings, context, outputs, self.site_dir, on_record=fingerprint
            )
        self.catalogue, self.records = catalogue, records
        self.pages, self.files = _split(outputs)
        return Update(diagnostics, ["*"], full=True)

    def update(self, today: dt.date, notify: Notify = lambda urls: None) -> Update:
        """Rebuild what changed in the content; `notify` hears each step's rewritten addresses
        (the edited record's page first). Raises ContentError and keeps the site on errors."""
        if self.catalogue is None or self.pages is None or self.frames is None:
            return self.rebuild(today)
        with bulk_work():
            catalogue, diagnostics = self._check(today)
            if content_epoch(catalogue) != content_epoch(self.catalogue):
                return self.rebuild(today)  # the engine's pages carry the content date
            context = RenderContext(catalogue, self.context)
            result = Update(diagnostics)
            result.urls += self._records(catalogue, context)
            notify(result.urls)
            rest = self._site_outputs(catalogue, context)
            if rest is None:
                return self.rebuild(today)
            notify(rest)
            result.urls += rest
        self.catalogue = catalogue
        return result

    def _records(self, catalogue: Catalogue, context: RenderContext) -> list[str]:
        """Rewrite the pages of changed records and of the records linked with them."""
        assert self.catalogue is not None and self.frames is not None
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
                page = record_page(context, entry)
                fingerprint = _fingerprint(page)
                if self.records.get(page.url) != fingerprint:
                    pages.append(page)
                    self.records[page.url] = fingerprint
                    urls.append(page.url)
            elif previous is not None:
                gone = previous.kind.record_url(previous.id)
                self.records.pop(gone, None)
                shutil.rmtree(self.site_dir / gone, ignore_errors=True)
                urls.append(gone)
        fill(self.site_dir, self.frames, pages)
        if urls:
            write_sitemap(self.settings, self.site_dir, self.frames, context)
        return urls

    def _site_outputs(self, catalogue: Catalogue, context: RenderContext) -> list[str] | None:
        """Rewrite the lists, indexes and data files that differ; None when a full build is needed."""
        assert self.pages is not None and self.frames is not None
        pages, files = _split(produce_all(catalogue, context))
        if pages.keys() != self.pages.keys() or not pages.keys() <= self.frames.pages.keys():
            return None
        changed = [path for path, f in files.items() if self.files.get(path) != f]
        removed = self.files.keys() - files.keys()
        if any(
            f.engine_source
            for f in [*(files[p] for p in changed), *(self.files[p] for p in removed)]
        ):
            return None  # a page the engine renders itself
        for path in changed:
            write_text(self.site_dir / path, files[path].text)
        for path in removed:
            (self.site_dir / path).unlink(missing_ok=True)
        rewritten = [p for url, p in pages.items() if self.pages[url] != p]
        fill(self.site_dir, self.frames, rewritten)
        self.pages, self.files = pages, files
        urls = [p.url for p in rewritten]
        if changed or removed:
            urls += [u for u in _DATA_PAGES if u not in urls]
        return urls


def _split(outputs: list) -> tuple[dict[str, Page], dict[str, File]]:
    pages = {o.url: o for o in outputs if isinstance(o, Page)}
    files = {o.path: o for o in outputs if isinstance(o, File)}
    return pages, files


def _fingerprint(page: Page) -> bytes:
    text = "\0".join((page.title, page.description, str(page.lastmod), page.body))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _neighbours(catalogue: Catalogue, entry: Entry) -> set[tuple[str, str]]:
    """Records whose page shows this one, and records this one's page shows."""
    out = {(ref.kind, ref.id) for ref in references(entry)}
    for ref in catalogue.incoming.get((entry.kind.name, entry.id), []):
        out.add((ref.source.kind.name, ref.source.id))
    return out
