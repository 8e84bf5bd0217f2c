"""Building the site: check all content, render all pages, let the engine build them in a scratch
folder, and only then replace the previous site, so a failed build never leaves a half-written one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import engine
from .catalogue import Catalogue
from .diagnostics import Diagnostic
from .errors import BuildError
from .gcpause import paused
from .models import KINDS
from .pipeline import load_catalogue
from .render.pages import Output, Page, PageContext, PageRenderer, content_date
from .settings import Settings


@dataclass
class BuildResult:
    catalogue: Catalogue
    diagnostics: list[Diagnostic]
    pages: int


def page_context(settings: Settings) -> PageContext:
    return PageContext(
        site_name=settings.site_name,
        organization=settings.catalogue.organization,
        feedback_url=settings.catalogue.feedback_url,
        site_url=settings.site_url,
        licence=settings.catalogue.licence,
        stale_days=settings.catalogue.stale_after_days,
    )


def _checked(settings: Settings, today: dt.date, strict: bool):
    return load_catalogue(
        settings.content_dir,
        root=settings.root,
        today=today,
        stale_days=settings.catalogue.stale_after_days,
        strict=strict,
    )


def write_tree(settings: Settings, files: dict[str, str], dest: Path) -> None:
    """Make `dest` hold the hand-written docs plus the generated files."""
    wanted: dict[Path, bytes] = {}
    if settings.docs_dir.is_dir():
        for path in sorted(settings.docs_dir.rglob("*")):
            if path.is_file():
                wanted[dest / path.relative_to(settings.docs_dir)] = path.read_bytes()
    for rel, text in files.items():
        target = dest / rel
        if target in wanted:
            raise BuildError(f"docs/{rel} 与自动生成的页面重名，请改名")
        wanted[target] = text.encode("utf-8")
    for target, data in wanted.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def content_epoch(catalogue: Catalogue) -> int:
    """A build date taken from the content, for byte-identical rebuilds of the same content."""
    newest = content_date(catalogue)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


@contextmanager
def _source_date_epoch(epoch: int):
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if previous is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def build(settings: Settings, today: dt.date, strict: bool = False) -> BuildResult:
    with paused():
        catalogue, diagnostics = _checked(settings, today, strict)
        renderer = PageRenderer(catalogue, page_context(settings))
        output = renderer.site_outputs()
        build_site(settings, catalogue, output, renderer.record_pages(), settings.site_dir)
    records = sum(catalogue.counts().values())
    return BuildResult(catalogue, diagnostics, len(output.files) + len(output.pages) + records)


def build_site(
    settings: Settings,
    catalogue: Catalogue,
    output: Output,
    records: Iterable[Page],
    site_dir: Path,
) -> engine.Frames:
    """Build the rendered output and the record pages (written as they come) into `site_dir`,
    replacing it only when the whole site is built."""
    pages = list(output.pages.values())
    shells = [kind.folder for kind in KINDS.values()]
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kejiao-docs-") as scratch:
        docs = Path(scratch) / "docs"
        write_tree(settings, output.files | engine.placeholders(pages, shells), docs)
        fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
        try:
            with _source_date_epoch(content_epoch(catalogue)):
                frames = engine.build(settings, docs, fresh, pages, shells)
            in_sitemap: list[tuple[str, object]] = []

            def written(page: Page) -> Page:
                in_sitemap.append((page.url, page.lastmod))
                return page

            engine.fill(fresh, frames, map(written, records), atomic=False)
            engine.write_sitemap(settings, fresh, frames, in_sitemap)
            _swap(fresh, site_dir)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
    return frames


def _swap(fresh: Path, site_dir: Path) -> None:
    """Replace the site folder by the fresh one with two renames."""
    fresh.chmod(0o755)
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
        fresh.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        fresh.rename(site_dir)
