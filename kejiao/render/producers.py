"""Every output of the site as a list of producers (as pelican's generators): each is
`produce(catalogue, context)` → pages and files. The record pages are produced separately
(records.record_pages), one at a time and in parallel, because they are most of the site."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..catalogue import Catalogue
from ..editor import site_files
from .appdata import VOCAB_PATH, app_divisions, app_records, app_vocab
from .calendars import calendars as calendar_files
from .context import File, Output, RenderContext
from .download import open_data, open_data_page
from .feeds import atom_feed, robots_txt
from .fieldref import field_reference
from .listings import listings
from .search_index import search_files
from .site_pages import home, tools
from .statistics import statistics

Producer = Callable[[Catalogue, RenderContext], Iterable[Output]]


def guide(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    """The field reference of the maintainers' guide: Markdown the engine renders with the guide."""
    yield File("guide/fields.md", field_reference(), engine_source=True)


def findability(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    site_url = context.page.site_url
    title = context.page.site_name
    yield File(
        "feed.xml", atom_feed(catalogue, title=title, site_url=site_url, updated=context.updated)
    )
    yield File("robots.txt", robots_txt(site_url))


def search(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    for path, text in search_files(catalogue, context.sorted).items():
        yield File(path, text)


def app_data(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    for path, text in {**app_records(catalogue, context.sorted), **app_divisions()}.items():
        yield File(path, text)
    yield File(VOCAB_PATH, app_vocab())


def calendars(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    files = calendar_files(catalogue, site_url=context.page.site_url, updated=context.updated)
    for path, text in files.items():
        yield File(path, text)


def editor(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    """The in-browser editor (/admin/) and the public 申报 page, configured from the models."""
    for path, text in site_files(context.page).items():
        yield File(path, text)


PRODUCERS: list[Producer] = [
    home,
    guide,
    open_data_page,
    open_data,
    findability,
    search,
    app_data,
    calendars,
    tools,
    statistics,
    listings,
    editor,
]


# Producers that make only files the site engine never sees (no page, no source of the engine's,
# nothing the theme reads): a build runs them while the engine draws the frames of the others'
# pages (in its worker processes, once they have rendered the record pages).
WHILE_DRAWING: list[Producer] = [open_data, findability, app_data, calendars, editor]
# Files only too, but the theme reads one of them (search_index.theme_values: the shard count), so
# they are made before the engine starts: in a build, by a worker first of all, while the build
# makes the pages.
FOR_THE_THEME: list[Producer] = [search]
# The rest are pages and engine sources, made before the engine starts.


def produce_all(catalogue: Catalogue, context: RenderContext) -> list[Output]:
    """Everything but the record pages, in producer order; two outputs may not share a path."""
    return produce(catalogue, context, PRODUCERS)


def produce(
    catalogue: Catalogue, context: RenderContext, producers: list[Producer]
) -> list[Output]:
    """The outputs of `producers`, in their order. A producer of WHILE_DRAWING or FOR_THE_THEME
    that makes a page or an engine source is a mistake in these lists, raised here (the engine
    would miss it)."""
    outputs: list[Output] = []
    for producer in producers:
        made = list(producer(catalogue, context))
        if (producer in WHILE_DRAWING or producer in FOR_THE_THEME) and any(
            not isinstance(o, File) or o.engine_source for o in made
        ):
            raise TypeError(f"{producer.__name__} makes what the engine needs: files only")
        outputs.extend(made)
    return outputs
