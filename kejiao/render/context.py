"""What every producer of the site shares: the site's own settings for the templates, the catalogue
in display order, one jinja2 environment, and the two kinds of output (framed pages and files).

Page bodies are HTML that jinja2 has escaped: record text never passes through Markdown syntax (where
`[x](javascript:...)` would become a link), and the Markdown fields of records are rendered and
sanitised in `markup`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import jinja2

from ..catalogue import Catalogue
from ..content import Entry
from ..editor.settings import EditorSettings
from ..kinds import KINDS
from ..opendata.columns import field_labels
from ..ordering import sort_key
from ..settings import Licence
from ..urls import relative


@dataclass(frozen=True)
class PageContext:
    """What the templates may know about the site beyond the catalogue."""

    site_name: str
    organization: str = ""
    feedback_url: str | None = None
    site_url: str = ""  # absolute, ending in "/", or "" when unknown
    stale_days: int = 365
    licence: Licence = field(default_factory=Licence)
    editor: EditorSettings = field(default_factory=EditorSettings)


@dataclass(frozen=True)
class Page:
    """A generated HTML page: a body that goes into a frame the site engine draws around it."""

    url: str  # e.g. courses/ ("" is the home page)
    title: str
    description: str
    body: str  # escaped HTML
    lastmod: dt.date | None = None
    in_nav: bool = True
    # Record pages share one frame per kind, named by their folder (they are most of the site and
    # not in the navigation); every other page has a frame of its own.
    shell: str | None = None


@dataclass(frozen=True)
class File:
    """A generated file, written as it is (`engine_source`: Markdown the engine renders itself)."""

    path: str
    text: str
    rows: int | None = None  # for tables: how many records it holds
    engine_source: bool = False


Output = Page | File


def content_date(catalogue: Catalogue) -> dt.date:
    """The newest verification date: the content's own date, for reproducible output."""
    return max((e.model.last_verified for e in catalogue.all()), default=dt.date(2025, 1, 1))


def zhdate(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def url_of(entry: Entry) -> str:
    return entry.kind.record_url(entry.id)


def _environment() -> jinja2.Environment:
    from .. import regions

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kejiao", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # One environment per build or preview update: the templates cannot change while it is
        # used, so jinja2 need not stat each template file every time a page asks for it.
        auto_reload=False,
    )
    env.filters["zhdate"] = zhdate
    env.filters["region"] = lambda code: regions.full_name(code) if code else ""
    env.globals.update(
        url_of=url_of, list_url=lambda name: KINDS[name].list_url(), field_labels=field_labels
    )

    @jinja2.pass_context
    def href(context: jinja2.runtime.Context, to_url: str) -> str:
        return relative(context["page_url"], to_url)

    env.globals["href"] = href
    return env


class RenderContext:
    """The catalogue prepared once for every producer: records in display order, the content date
    and the template environment. Read-only after construction (but for a cache of the templates),
    so producers may run in any order and in forked workers."""

    def __init__(self, catalogue: Catalogue, page: PageContext) -> None:
        self.catalogue = catalogue
        self.page = page
        self.env = _environment()
        self._templates: dict[str, jinja2.Template] = {}
        self.sorted: dict[str, list[Entry]] = {
            name: sorted(by_id.values(), key=sort_key) for name, by_id in catalogue.records.items()
        }
        self.updated = content_date(catalogue)

    def body(self, template: str, page_url: str, **values: Any) -> str:
        found = self._templates.get(template)
        if found is None:  # looked up once: get_template costs ~5 µs a page even when cached
            found = self._templates[template] = self.env.get_template(template)
        return found.render(
            page_url=page_url,
            site_name=self.page.site_name,
            organization=self.page.organization,
            feedback_url=self.page.feedback_url,
            stale_days=self.page.stale_days,
            **values,
        )

    def in_order(self) -> list[Entry]:
        """Every record, kind by kind, each kind in display order."""
        return [entry for name in KINDS for entry in self.sorted[name]]
