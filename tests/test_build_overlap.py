"""A build makes the files the engine does not read (producers.WHILE_DRAWING) while the engine draws
the frames, in a child process. Same site; and a failure on either side leaves the previous site
as it was, with nothing half-written next to it."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from kejiao import site
from kejiao.errors import BuildError
from kejiao.opendata.package import data_files, table_counts
from kejiao.pipeline import load_catalogue
from kejiao.render import producers
from kejiao.render.context import File, Page, RenderContext
from kejiao.settings import load_settings

from .conftest import ROOT, TODAY

GOLDEN_CONTENT = ROOT / "tests" / "golden-catalogue" / "content"


def _previous_site(root: Path) -> None:
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<p>previous</p>", encoding="utf-8")


def _unchanged(root: Path) -> None:
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "<p>previous</p>"
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]
    assert not list(root.glob(".site.*"))


@pytest.mark.parametrize("workers", [2, 1])
def test_the_files_are_made_while_the_engine_draws(project, monkeypatch, tmp_path, workers) -> None:
    """The engine's child process is started (its sources written, the process running) before
    the files the engine does not read are collected, and waited for after. With workers, those
    files are made by them (once their record pages are rendered); without, by this process."""
    events: list[str] = []
    made_by = tmp_path / "made-by"  # the forked workers write here what they did
    engine_named, produce, write_site = site.engine_named, site.produce, site.write_site

    class Watched:
        def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
            self.engine = engine

        def start(self, job):  # type: ignore[no-untyped-def]
            drawing = self.engine.start(job)
            events.append("engine started")
            finish = drawing.finish

            def watched_finish():  # type: ignore[no-untyped-def]
                events.append("engine waited for")
                return finish()

            drawing.finish = watched_finish
            return drawing

    def watched_produce(catalogue, context, chosen):  # type: ignore[no-untyped-def]
        if all(p in producers.WHILE_DRAWING for p in chosen):
            with open(made_by, "a", encoding="utf-8") as log:
                log.write(f"{os.getpid()}\n")
        return produce(catalogue, context, chosen)

    def watched_write_site(*args, while_drawing, **kwargs):  # type: ignore[no-untyped-def]
        def collected():  # type: ignore[no-untyped-def]
            made = while_drawing()
            events.append("files collected")
            return made

        return write_site(*args, while_drawing=collected, **kwargs)

    monkeypatch.setattr(site, "engine_named", lambda name: Watched(engine_named(name)))
    monkeypatch.setattr(site, "produce", watched_produce)
    monkeypatch.setattr(site, "write_site", watched_write_site)
    monkeypatch.setattr(site, "cores", lambda: workers)
    root = project(GOLDEN_CONTENT)
    result = site.build(load_settings(root / "mkdocs.yml"), TODAY)
    assert events == ["engine started", "files collected", "engine waited for"]
    makers = made_by.read_text(encoding="utf-8").split()
    if workers > 1:
        assert len(makers) == len(producers.WHILE_DRAWING)  # one task per producer
        assert str(os.getpid()) not in makers
    else:
        assert makers == [str(os.getpid())]
    assert (root / "site" / "data" / "datapackage.json").is_file()
    assert "专家（3 行）" in (root / "site" / "data" / "index.html").read_text(encoding="utf-8")
    assert result.pages == len(producers.produce_all(result.catalogue, _context(root))) + sum(
        result.catalogue.counts().values()
    )


def _context(root: Path) -> RenderContext:
    settings = load_settings(root / "mkdocs.yml")
    catalogue, _ = load_catalogue(settings.content_dir, root=settings.root, today=TODAY)
    return RenderContext(catalogue, site.page_context(settings))


def test_a_failure_while_the_engine_draws_keeps_the_previous_site(project, monkeypatch) -> None:
    """The engine's child is stopped, not left writing into the folder being removed."""
    started = []
    engine_named = site.engine_named

    class Watched:
        def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
            self.engine = engine

        def start(self, job):  # type: ignore[no-untyped-def]
            started.append(self.engine.start(job))
            return started[-1]

    def broken(catalogue, context):  # type: ignore[no-untyped-def]
        raise BuildError("坏了")

    monkeypatch.setattr(
        producers, "WHILE_DRAWING", [*producers.WHILE_DRAWING[:-1], broken]
    )  # what site.build runs while drawing is looked up there
    monkeypatch.setattr(site, "WHILE_DRAWING", producers.WHILE_DRAWING)
    monkeypatch.setattr(site, "engine_named", lambda name: Watched(engine_named(name)))
    root = project(GOLDEN_CONTENT)
    _previous_site(root)
    with pytest.raises(BuildError, match="坏了"):
        site.build(load_settings(root / "mkdocs.yml"), TODAY)
    assert started[0].process.returncode is not None  # waited for (killed if still drawing)
    _unchanged(root)


def test_an_engine_failure_while_the_files_are_made_keeps_the_previous_site(
    project, monkeypatch
) -> None:
    """A real failure of the engine's child: an extension MkDocs cannot load."""
    root = project(GOLDEN_CONTENT)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("markdown_extensions:\n", "markdown_extensions:\n  - no_such_extension\n"),
        encoding="utf-8",
    )
    _previous_site(root)
    with pytest.raises(BuildError, match="站点生成失败"):
        site.build(load_settings(root / "mkdocs.yml"), TODAY)
    _unchanged(root)


def test_a_file_made_while_drawing_may_not_shadow_a_hand_written_page(project) -> None:
    root = project(GOLDEN_CONTENT)
    (root / "docs" / "robots.txt").write_text("hand-written", encoding="utf-8")
    _previous_site(root)
    with pytest.raises(BuildError, match=r"docs/robots\.txt 与自动生成的文件重名"):
        site.build(load_settings(root / "mkdocs.yml"), TODAY)
    _unchanged(root)


def test_what_is_made_while_drawing_is_only_files_the_engine_does_not_read(monkeypatch) -> None:
    context = _context(ROOT)
    outputs = producers.produce(context.catalogue, context, producers.WHILE_DRAWING)
    assert outputs and all(isinstance(o, File) and not o.engine_source for o in outputs)

    def page(catalogue, context):  # type: ignore[no-untyped-def]
        yield Page("x/", "x", "x", "")

    def source(catalogue, context):  # type: ignore[no-untyped-def]
        yield File("x.md", "x", engine_source=True)

    monkeypatch.setattr(producers, "WHILE_DRAWING", [page, source])
    for wrong in (page, source):
        with pytest.raises(TypeError, match=f"{wrong.__name__} makes what the engine needs"):
            producers.produce(context.catalogue, context, [wrong])


def test_the_download_page_counts_the_rows_of_the_files() -> None:
    context = _context(ROOT)
    for site_url in ("", "https://example.org/"):
        _, counts = data_files(
            context.catalogue, title="t", licence=context.page.licence, site_url=site_url,
            created=TODAY,
        )  # fmt: skip
        assert table_counts(context.catalogue, site_url) == counts
        assert any(counts.values())


def test_a_failed_write_waits_for_the_workers_before_removing_the_new_site(
    project, monkeypatch
) -> None:
    """The workers write the record pages while this process writes its own files: when one of
    those fails, the half-built site is removed only once no worker writes into it any more."""
    parent = os.getpid()
    render, write = site.render_page, site.write_text

    def slow_render(frames, page):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            time.sleep(0.02)  # the workers are still writing when this process fails
        return render(frames, page)

    def failing_write(target, text, *, atomic=True):  # type: ignore[no-untyped-def]
        if os.getpid() == parent and target.name == "robots.txt":
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        write(target, text, atomic=atomic)

    monkeypatch.setattr(site, "render_page", slow_render)
    monkeypatch.setattr(site, "write_text", failing_write)
    monkeypatch.setattr(site, "cores", lambda: 2)
    root = project(GOLDEN_CONTENT)
    _previous_site(root)
    with pytest.raises(BuildError, match="写入文件失败"):
        site.build(load_settings(root / "mkdocs.yml"), TODAY)
    time.sleep(0.5)  # a worker still writing would recreate folders of the removed site by now
    _unchanged(root)
