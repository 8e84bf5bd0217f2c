"""Record pages: one per published record, rendered one at a time (at 100,000 records the pages do
not fit in memory) and, in a build, by several processes each taking a share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from markupsafe import Markup

from ..content import Entry
from .calendars import has_calendar
from .context import Page, RenderContext, url_of
from .jsonld import for_entry, script_tag
from .markup import markdown_to_html
from .qr import qr_svg


def _description(text: str) -> str:
    return " ".join(text.split())[:150]


def record_page(context: RenderContext, entry: Entry) -> Page:
    kind, model, url = entry.kind, entry.model, url_of(entry)
    site_url = context.page.site_url
    description = getattr(model, "description", None)
    qr = None
    if site_url and kind.flyer:  # a QR code of the address, for printed flyers
        qr = qr_svg(site_url + url, f"{model.display_title} 的网址二维码")
    body = context.body(
        kind.template,
        url,
        entry=entry,
        related=kind.related(context.catalogue, entry),
        description=markdown_to_html(description) if description else Markup(""),
        jsonld=script_tag(for_entry(entry, context.catalogue, site_url, url)),
        qr=qr,
        absolute_url=site_url + url,
        calendar=has_calendar(entry, context.updated),
    )
    return Page(
        url=url,
        title=model.display_title,
        description=_description(kind.description(model)),
        body=body,
        lastmod=model.last_verified,
        in_nav=False,
        shell=kind.folder,
    )


def record_pages(context: RenderContext, share: int = 0, shares: int = 1) -> Iterator[Page]:
    """Every record's page, in display order; or every `shares`-th of them from the `share`-th on."""
    for number, entry in enumerate(context.in_order()):
        if number % shares == share:
            yield record_page(context, entry)


def record_addresses(context: RenderContext) -> Iterator[tuple[str, dt.date]]:
    """Each record page's address and date, in the order of `record_pages`."""
    for entry in context.in_order():
        yield url_of(entry), entry.model.last_verified
