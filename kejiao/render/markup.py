"""Markdown from records, made safe: rendered with Python-Markdown, then cleaned with an allow-list
(nh3/ammonia), so raw HTML, scripts, styles, event attributes and non-http(s) links never reach a page."""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


_MARKDOWN = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def markdown_to_html(text: str) -> Markup:
    # One converter, reset between texts: building one per record costs more than converting.
    html = _MARKDOWN.reset().convert(text)
    # Headings start at h3: the page title is h1 and sections are h2.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # Blank lines would end the raw-HTML block the page engine passes through untouched.
    return Markup(re.sub(r"\n\s*\n", "\n", clean).strip())
