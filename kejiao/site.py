"""Building the site: check all content, render all pages, let the engine build them in a scratch
folder, and only then replace the previous site, so a failed build never leaves a half-written one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import engine
from .catalogue import Catalogue
from .diagnostics import Diagnostic
from .errors import BuildError
from .gcpause import paused
from .kinds import KINDS
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
        editor=settings.catalogue.editor,
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
        build_site(settings, renderer, output, settings.site_dir, workers=_cores())
    records = sum(catalogue.counts().values())
    return BuildResult(catalogue, diagnostics, len(output.files) + len(output.pages) + records)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def build_site(
    settings: Settings,
    renderer: PageRenderer,
    output: Output,
    site_dir: Path,
    *,
    workers: int = 1,
    on_record: Callable[[Page], None] | None = None,
) -> engine.Frames:
    """Build the rendered output and every record page into `site_dir`, replacing it only when the
    whole site is built. Record pages are written as they are rendered, by `workers` processes;
    `on_record` sees each one (only with one worker)."""
    pages = list(output.pages.values())
    shells = [kind.folder for kind in KINDS.values()]
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kejiao-docs-") as scratch:
        docs = Path(scratch) / "docs"
        write_tree(settings, output.files | engine.placeholders(pages, shells), docs)
        fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
        try:
            with _source_date_epoch(content_epoch(renderer.catalogue)):
                frames = engine.build(settings, docs, fresh, pages, shells)
            if on_record is not None:
                workers = 1
            _write_records(fresh, frames, renderer, workers, on_record)
            engine.write_sitemap(settings, fresh, frames, renderer.record_addresses())
            _swap(fresh, site_dir)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
    return frames


def _write_records(
    site_dir: Path,
    frames: engine.Frames,
    renderer: PageRenderer,
    workers: int,
    on_record: Callable[[Page], None] | None,
) -> None:
    """Render and write the record pages; with several workers, forked children take a share each
    (they inherit the catalogue and frames, so nothing is copied between processes)."""
    if workers <= 1 or not hasattr(os, "fork"):
        pages = renderer.record_pages()
        if on_record is not None:
            pages = _seen(pages, on_record)
        engine.fill(site_dir, frames, pages, atomic=False)
        return
    sys.stdout.flush()
    sys.stderr.flush()
    children = []
    for share in range(1, workers):
        pid = os.fork()
        if pid == 0:  # the child: write its share, then leave without running the parent's cleanup
            code = 0
            try:
                engine.fill(site_dir, frames, renderer.record_pages(share, workers), atomic=False)
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    try:
        engine.fill(site_dir, frames, renderer.record_pages(0, workers), atomic=False)
    finally:
        failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])]
    if failed:
        raise BuildError("生成记录页面的子进程出错（见上面的信息）")


def _seen(pages: Iterator[Page], on_record: Callable[[Page], None]) -> Iterator[Page]:
    for page in pages:
        on_record(page)
        yield page


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
