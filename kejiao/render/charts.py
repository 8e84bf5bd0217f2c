"""Bar charts as SVG, drawn at build time (no script, no CDN). Each chart names itself for screen
readers and is always shown next to its data table and a CSV of the same numbers."""

from __future__ import annotations

import csv
import io

from markupsafe import Markup, escape

ROW = 24
LABEL = 150
WIDTH = 360


def bar_chart(
    chart_id: str, title: str, rows: list[tuple[str, float]], *, unit: str = ""
) -> Markup:
    top = max((v for _, v in rows), default=0) or 1
    height = ROW * len(rows) + 10
    span = WIDTH - LABEL - 40
    parts = [
        f'<svg class="kj-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for i, (label, value) in enumerate(rows):
        y = 5 + i * ROW
        width = round(span * value / top, 1)
        shown = f"{value:g}{unit}"
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + 17}" text-anchor="end" class="kj-chart__label">{escape(label)}</text>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{width}" height="{ROW - 8}" class="kj-chart__bar"/>'
            f'<text x="{LABEL + width + 6}" y="{y + 17}" class="kj-chart__value">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def table_csv(headers: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # with a BOM, so Excel opens the Chinese text correctly
