"""schema.org JSON-LD for every record page, so search engines and other platforms can read it.
Each kind builds its own node (kinds/<name>.py `jsonld`); this module holds what they share.
A person is described by name, title, affiliation and fields only: never a contact point."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import regions
from ..models.common import GradeRange
from .urls import relative

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry


def level(grades: GradeRange | None) -> str | None:
    return "、".join(s.value for s in grades.derived_stages()) if grades else None


def address(code: str | None, street: str | None = None) -> dict[str, Any] | None:
    if not code:
        return None
    chain = regions.chain(code)
    return clean(
        {
            "@type": "PostalAddress",
            "addressCountry": "CN",
            "addressRegion": chain[0].name if chain else None,
            "addressLocality": chain[-1].name if len(chain) > 1 else None,
            "streetAddress": street,
        }
    )


def clean(value: Any) -> Any:
    """Drop empty values so the graph holds only what the record says."""
    if isinstance(value, dict):
        cleaned = {k: clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [clean(v) for v in value if v not in (None, "", [], {})]
    return value


@dataclass(frozen=True)
class Linker:
    """What a kind's JSON-LD may look up: other records, and their addresses as seen from the page
    being rendered (absolute when the site's address is configured). One per page: re-entrant."""

    catalogue: Catalogue
    site_url: str
    page_url: str

    def url(self, entry: Entry) -> str:
        target = entry.kind.record_url(entry.id)
        return f"{self.site_url}{target}" if self.site_url else relative(self.page_url, target)

    def person(self, entry: Entry) -> dict[str, Any]:
        x = entry.model
        return {
            "@type": "Person",
            "name": x.name,
            "jobTitle": x.title,
            "url": self.url(entry),
            "affiliation": {"@type": "Organization", "name": x.affiliation},
        }


def for_entry(entry: Entry, catalogue: Catalogue, site_url: str, page_url: str) -> dict[str, Any]:
    node = entry.kind.jsonld(entry, Linker(catalogue, site_url, page_url))
    return clean({"@context": "https://schema.org", **node})


def script_tag(data: dict[str, Any]) -> Markup:
    """The JSON-LD block; `<`, `>` and `&` escaped so no text can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')
