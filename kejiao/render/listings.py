"""The list page of each kind, split into pages of PAGE_SIZE rows so the first stays light; when split,
rows.json holds every row for the browser's filters."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..catalogue import Catalogue
from ..kinds import KINDS, Kind
from .context import File, Output, Page, RenderContext, url_of
from .facets import facet_config, row_attributes

# Rows per list page: at 10,000 records the first page must stay well under 300 KB compressed.
PAGE_SIZE = 500


def listing(context: RenderContext, kind: Kind) -> Iterator[Output]:
    headers = list(kind.list_headers)
    entries = context.sorted[kind.name]
    rows = [(e, kind.list_cells(e.model), row_attributes(e)) for e in entries]
    facets = facet_config(kind, entries, [attrs for _, _, attrs in rows])  # once, not per page
    chunks = [rows[i : i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)] or [[]]
    page_urls = [kind.list_url()] + [f"{kind.folder}/page/{n}/" for n in range(2, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        url = page_urls[number - 1]
        body = context.body(
            "list.html", url, kind=kind, headers=headers, rows=chunk, total=len(rows),
            page=number, page_urls=page_urls, intro=kind.intro, facets=facets,
            rows_json=f"{kind.folder}/rows.json" if len(chunks) > 1 else None,
        )  # fmt: skip
        title = kind.label if number == 1 else f"{kind.label}（第 {number} 页）"
        yield Page(url, title, kind.intro, body, in_nav=number == 1)
    if len(chunks) > 1:
        data = {
            "headers": headers,
            "rows": [
                [url_of(e), e.model.display_title, 1 if e.model.example else 0, c, a]
                for e, c, a in rows
            ],
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        yield File(f"{kind.folder}/rows.json", text, rows=len(rows))


def listings(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    for kind in KINDS.values():
        yield from listing(context, kind)
