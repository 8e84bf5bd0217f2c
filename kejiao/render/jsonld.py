"""schema.org JSON-LD for every record page, so search engines and other platforms can read it.
Each kind builds its own node (kinds/<name>.py `jsonld`, from the fragments in kinds/parts.py).
A person is described by name, title, affiliation and fields only: never a contact point."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..kinds.parts import Linker, clean

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry


def for_entry(entry: Entry, catalogue: Catalogue, site_url: str, page_url: str) -> dict[str, Any]:
    node = entry.kind.jsonld(entry, Linker(catalogue, site_url, page_url))
    return clean({"@context": "https://schema.org", **node})


def script_tag(data: dict[str, Any]) -> Markup:
    """The JSON-LD block; `<`, `>` and `&` escaped so no text can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')
