"""Building the site, as one straight line:

1. check the content (pipeline.check) — nothing is written when there is an error;
2. produce the pages and the engine's sources (render/producers.PRODUCERS), while forked workers
   make the search index, render the record pages and then make the files the engine does not
   read (`early_records`);
3. start the engine drawing the frames of the generated pages (engine/, one adapter per engine, in
   a child process), and collect those files while it draws (producers.WHILE_DRAWING);
4. fill the pages into their frames, write the files, and the record pages in parallel;
5. write the sitemap and the security policy of the engine's own pages;
6. swap the new site in for the old one — a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from markupsafe import escape

from . import projectfs, sitedir
from .catalogue import Catalogue
from .diagnostics import Diagnostic
from .engine import EngineJob, FramedPage, Frames, engine_named
from .engine.frames import SHELL_ID, Frame
from .errors import BuildError
from .forking import cores, fork_workers
from .harden import harden, harden_html
from .kinds import KINDS
from .pipeline import load_catalogue
from .render.context import File, Output, Page, PageContext, RenderContext
from .render.producers import FOR_THE_THEME, PRODUCERS, WHILE_DRAWING, Producer, produce
from .render.records import record_addresses, record_page
from .render.search_index import theme_values
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


def build(
    settings: Settings, today: dt.date, strict: bool = False, *, engine: str | None = None
) -> BuildResult:
    """Check the content and build the site into settings.site_dir (the only `build`)."""
    catalogue, diagnostics = load_catalogue(
        settings.content_dir,
        root=settings.root,
        today=today,
        stale_days=settings.catalogue.stale_after_days,
        strict=strict,
        include_examples=settings.catalogue.include_examples,
    )
    context = RenderContext(catalogue, page_context(settings))
    # their pages and sources go to the engine
    framed = [p for p in PRODUCERS if p not in WHILE_DRAWING and p not in FOR_THE_THEME]
    later: list[Output] = []
    with early_records(settings, context, cores()) as records:  # rendered while we produce

        def files(group: str, producers: list[Producer]) -> list[Output]:
            # With workers, made by them (the theme's first of all, while this process makes
            # the pages; the others once their pages are rendered); without, made here.
            if records is not None:
                return records.files(group)
            return produce(catalogue, context, producers)

        outputs = produce(catalogue, context, framed) + files("theme", FOR_THE_THEME)

        def while_drawing() -> list[Output]:
            later.extend(files("drawing", WHILE_DRAWING))
            return later

        write_site(
            settings, context, outputs, settings.site_dir, engine=engine, records=records,
            while_drawing=while_drawing,
        )  # fmt: skip
    record_pages = sum(catalogue.counts().values())
    return BuildResult(catalogue, diagnostics, len(outputs) + len(later) + record_pages)


def content_epoch(catalogue: Catalogue) -> int:
    """A build date taken from the content, for byte-identical rebuilds of the same content."""
    from .render.context import content_date

    newest = content_date(catalogue)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def engine_sources(settings: Settings, outputs: Iterable[Output]) -> dict[str, bytes]:
    """The engine's source tree: the hand-written docs and the generated Markdown pages."""
    sources: dict[str, bytes] = {}
    for path in projectfs.source_files(settings):  # refuses symbolic links (docs/, theme)
        sources[path.relative_to(settings.docs_dir).as_posix()] = projectfs.read_bytes(path)
    for out in outputs:
        if isinstance(out, File) and out.engine_source:
            if out.path in sources:
                raise BuildError(f"docs/{out.path} 与自动生成的页面重名，请改名")
            sources[out.path] = out.text.encode("utf-8")
    return sources


def _distinct_paths(files: list[File], sources: dict[str, bytes]) -> list[File]:
    """`files` when no two share a path and none has the path of an engine source."""
    paths: set[str] = set()
    for f in files:
        if f.path in sources:
            raise BuildError(f"docs/{f.path} 与自动生成的文件重名，请改名")
        if f.path in paths:
            raise BuildError(f"自动生成的文件 {f.path} 重复")
        paths.add(f.path)
    return files


def _files_only(outputs: list[Output]) -> list[File]:
    files = [o for o in outputs if isinstance(o, File) and not o.engine_source]
    if len(files) != len(outputs):
        raise TypeError("made while the engine draws: only files the engine does not read")
    return files


def page_source(url: str) -> str:
    """The engine's source file of a generated page at `url`."""
    return f"{url}index.md"


def write_site(
    settings: Settings,
    context: RenderContext,
    outputs: list[Output],
    site_dir: Path,
    *,
    engine: str | None = None,
    on_record: Callable[[Page], None] | None = None,
    records: EarlyRecords | None = None,
    while_drawing: Callable[[], list[Output]] | None = None,
) -> Frames:
    """Build `outputs` and every record page into `site_dir`, replacing it only when the whole
    site is built; returns the frames (kept by `serve` to refill pages). `on_record` sees each
    record page. `records`: the record pages already being rendered by `early_records` (without
    it, this process renders and writes them). `while_drawing` makes more files (files only: see
    producers.WHILE_DRAWING) while the engine draws the frames, in a child process."""
    pages = [o for o in outputs if isinstance(o, Page)]
    files = [o for o in outputs if isinstance(o, File) and not o.engine_source]
    sources = engine_sources(settings, outputs)
    _distinct_paths(files, sources)
    real = sitedir.prepare(site_dir)  # refuses a folder that is not a site; removes stale scratch
    with sitedir.disk_errors(real):
        fresh = sitedir.fresh_folder(real)
        try:
            theme = theme_values(files)
            with drawing_frames(settings, context, pages, sources, fresh, engine, theme) as drawn:
                if while_drawing is not None:
                    files = _distinct_paths([*files, *_files_only(while_drawing())], sources)
                frames = drawn()
            harden(fresh, skip={fresh / p.url / "index.html" for p in pages})  # the engine's own
            if records is not None:
                records.start_writing(fresh, frames)  # while this process writes its own
            for f in files:
                write_text(fresh / f.path, f.text, atomic=False)
            fill(fresh, frames, pages, atomic=False)
            if records is not None:
                records.written()
            else:
                _write_records(fresh, frames, context, on_record)
            write_sitemap(settings, fresh, frames, context)
            sitedir.swap(fresh, site_dir)
        except BaseException:
            if records is not None:
                records.settle()  # no worker may still write into the folder removed here
            shutil.rmtree(fresh, ignore_errors=True)
            raise
    return frames


@contextlib.contextmanager
def drawing_frames(
    settings: Settings,
    context: RenderContext,
    pages: list[Page],
    sources: dict[str, bytes],
    site_dir: Path,
    engine: str | None,
    theme: dict[str, object] | None = None,
) -> Iterator[Callable[[], Frames]]:
    """Start the engine building its pages into `site_dir` and drawing the frames of ours, in a
    child process; yield a function that waits for it and returns the frames (each gets its
    security policy before it is compiled). Leaving the block early stops the engine."""
    with sitedir.build_scratch(settings.root, "engine") as scratch:
        job = EngineJob(
            config_file=settings.config_file,
            sources=sources,
            pages=[
                FramedPage(page_source(p.url), p.url, p.title, p.description, p.in_nav)
                for p in pages
            ],
            shells=[kind.folder for kind in KINDS.values()],
            site_dir=site_dir,
            scratch=scratch,
            epoch=content_epoch(context.catalogue),
            theme_values=theme or {},
        )
        drawing = engine_named(engine or settings.catalogue.engine).start(job)

        def finish() -> Frames:
            drawn_pages, drawn_shells = drawing.finish()
            return Frames(
                pages={url: Frame.compile(harden_html(html)) for url, html in drawn_pages.items()},
                shells={
                    folder: Frame.compile(harden_html(html), shell_url=f"{folder}/{SHELL_ID}/")
                    for folder, html in drawn_shells.items()
                },
                engine_urls=engine_pages(site_dir),
            )

        try:
            yield finish
        finally:
            drawing.stop()  # after `finish`, the child has ended: this only waits for nothing


def render_page(frames: Frames, page: Page) -> str:
    """One page's HTML: its body in its frame."""
    if page.shell is None:
        return frames.pages[page.url].fill(body=page.body)
    return frames.shells[page.shell].fill(
        title=str(escape(page.title)),
        description=str(escape(page.description)),
        body=page.body,
        url=page.url,
    )


def fill(site_dir: Path, frames: Frames, pages: Iterable[Page], *, atomic: bool = True) -> int:
    """Write pages into a built site, one at a time (`pages` may be a generator, so the whole site
    is never held in memory). `atomic`, for a site being served: no reader sees half a page."""
    count = 0
    for page in pages:
        write_text(site_dir / page.url / "index.html", render_page(frames, page), atomic=atomic)
        count += 1
    return count


def write_text(target: Path, text: str, *, atomic: bool = True) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not atomic:
        target.write_text(text, encoding="utf-8")
        return
    fd, temp = tempfile.mkstemp(prefix=".kj-", dir=target.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(temp, 0o644)
    os.replace(temp, target)


# -- record pages in one process (serve, or without fork) -------------------------------------
def _checked_pages(context: RenderContext, share: int, shares: int) -> Iterable[Page]:
    """One share of the record pages; an unexpected failure names the record it happened on."""
    for number, entry in enumerate(context.in_order()):
        if number % shares != share:
            continue
        try:
            page = record_page(context, entry)
        except Exception as exc:
            raise BuildError(f"{entry.shown}: 生成页面时出错：{type(exc).__name__}: {exc}") from exc
        yield page


def _write_records(
    site_dir: Path,
    frames: Frames,
    context: RenderContext,
    on_record: Callable[[Page], None] | None,
) -> None:
    pages = _checked_pages(context, 0, 1)
    if on_record is not None:
        pages = _seen(pages, on_record)
    fill(site_dir, frames, pages, atomic=False)


def _seen(pages: Iterable[Page], on_record: Callable[[Page], None]) -> Iterable[Page]:
    for page in pages:
        on_record(page)
        yield page


# -- record pages rendered early, in parallel ----------------------------------------------------
# A worker process is forked from the build (kejiao/forking.py) and inherits the catalogue and the
# context through the pool's initializer: they are not pickled. A failure comes back as an
# exception naming the record. Rendering the record pages needs only the checked catalogue, but
# writing them needs the frames, which the engine draws from what the producers made. A build
# therefore forks its workers as soon as the catalogue is checked: they render their share of the
# record pages into a scratch file while the parent runs the producers and the engine, and fill the
# frames and write the pages once the engine is done (while the parent writes its own files).
# The scratch files are the build's own (a private
# temporary folder, removed afterwards), so reading them back with pickle trusts nothing foreign.
@dataclass
class EarlyRecords:
    """Workers making the files of producers.FOR_THE_THEME, rendering the record pages and making
    the files of producers.WHILE_DRAWING, in that order (`files` returns what they made);
    `start_writing` puts the pages into a site once frames exist, `written` waits for that."""

    pool: ProcessPoolExecutor
    renders: list[Future[int]]
    made: dict[str, list[Future[list[Output]]]]  # by group (_worker_producers): one a producer
    scratch: Path
    fills: list[Future[int]] = field(default_factory=list)

    def files(self, group: str) -> list[Output]:
        """What the workers made of a group of producers ("theme": FOR_THE_THEME, "drawing":
        WHILE_DRAWING), in producer order; an error in a producer is raised here."""
        return [out for done in self.made[group] for out in done.result()]

    def start_writing(self, site_dir: Path, frames: Frames) -> None:
        """Wait until the pages are rendered, then let the workers write them into `site_dir`
        (a share's pages are written only once the whole share is rendered: any worker may take
        its writing)."""
        for done in self.renders:
            done.result()  # a record that failed to render raises its BuildError here
        shells = Frames(shells=frames.shells)  # all record pages need (pickled to the workers)
        self.fills = [
            self.pool.submit(_fill_share, self.scratch, share, site_dir, shells)
            for share in range(len(self.renders))
        ]

    def written(self) -> None:
        """Wait until every record page is written."""
        for done in self.fills:
            done.result()

    def settle(self) -> None:
        """After a failure elsewhere: wait until no worker writes any more (their own failures
        do not matter then)."""
        wait(self.fills)


@contextlib.contextmanager
def early_records(
    settings: Settings, context: RenderContext, workers: int
) -> Iterator[EarlyRecords | None]:
    """Start rendering the record pages in `workers` forked processes (None: one process, or
    not Linux, where the pages are rendered and written by `write_site` itself)."""
    if workers <= 1:  # one core, or not Linux (see forking)
        yield None
        return
    with sitedir.build_scratch(settings.root, "records") as scratch:
        # More shares than workers, so that they end at about the same time whatever each one
        # had to do first.
        shares = workers * SHARES_PER_WORKER
        # The theme's files first: the engine waits for them. The other files are made while
        # the engine draws, by whichever worker has rendered its pages.
        groups = _worker_producers()
        tasks: list[tuple[Callable[..., Any], tuple[Any, ...]]] = [
            *[(_produce_one, ("theme", n)) for n in range(len(groups["theme"]))],
            *[(_render_share, (scratch, n, shares)) for n in range(shares)],
            *[(_produce_one, ("drawing", n)) for n in range(len(groups["drawing"]))],
        ]
        pool, futures = fork_workers(workers, _start_renderer, (context,), tasks)
        theme, rest = len(groups["theme"]), len(groups["theme"]) + shares
        made = {"theme": futures[:theme], "drawing": futures[rest:]}
        try:
            yield EarlyRecords(pool, futures[theme:rest], made, Path(scratch))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


SHARES_PER_WORKER = 2


_renderer: RenderContext | None = None


def _start_renderer(context: RenderContext) -> None:
    global _renderer
    _renderer = context


def _worker_producers() -> dict[str, list[Producer]]:
    """The producers the workers run, by the group name that reaches them instead of the
    functions (looked up when called: the lists as they were when the workers were forked)."""
    return {"theme": FOR_THE_THEME, "drawing": WHILE_DRAWING}


def _produce_one(group: str, number: int) -> list[Output]:
    """In a worker: the outputs of the `number`-th producer of a group."""
    assert _renderer is not None
    return produce(_renderer.catalogue, _renderer, [_worker_producers()[group][number]])


def _share_file(scratch: Path, share: int) -> Path:
    return scratch / f"share-{share}.pickle"


def _render_share(scratch: Path, share: int, shares: int) -> int:
    assert _renderer is not None
    count = 0
    with open(_share_file(scratch, share), "wb") as out:
        for page in _checked_pages(_renderer, share, shares):
            # one pickle per page: a shared pickler's memo would keep every page alive, and
            # clearing it between pages desynchronises the reader's memo (wrong text read back)
            pickle.dump(page, out, protocol=pickle.HIGHEST_PROTOCOL)
            count += 1
    return count


def _rendered(path: Path) -> Iterator[Page]:
    with open(path, "rb") as stored:
        while True:
            try:
                yield pickle.load(stored)
            except EOFError:
                return


def _fill_share(scratch: Path, share: int, site_dir: Path, frames: Frames) -> int:
    return fill(site_dir, frames, _rendered(_share_file(scratch, share)), atomic=False)


# -- sitemap and swap ---------------------------------------------------------------------------
def engine_pages(site_dir: Path) -> list[str]:
    """The addresses of the pages an engine wrote (the error page excepted)."""
    urls = []
    for directory, subdirs, names in os.walk(site_dir):
        subdirs.sort()
        if "index.html" in names:
            rel = Path(directory).relative_to(site_dir).as_posix()
            urls.append("" if rel == "." else f"{rel}/")
    return sorted(urls)


def write_sitemap(
    settings: Settings, site_dir: Path, frames: Frames, context: RenderContext
) -> None:
    """Every page but the error page, dated by the record's verification or the content's date;
    only with an absolute site address (a sitemap lists absolute addresses)."""
    if not settings.site_url:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)  # the engine's, with relative addresses
        return
    dated = {url: day.isoformat() for url, day in record_addresses(context)}
    default = context.updated.isoformat()
    entries = "".join(
        f"\n  <url><loc>{xml_escape(settings.site_url + url)}</loc>"
        f"<lastmod>{dated.get(url, default)}</lastmod></url>"
        for url in sorted({*frames.engine_urls, *dated})
    )
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}\n</urlset>\n'
    )
    write_text(site_dir / "sitemap.xml", text)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:  # mtime 0: reproducible
        handle.write(text.encode("utf-8"))
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())
