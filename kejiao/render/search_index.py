"""The catalogue's own search index: one compact JSON the header search box loads on first use.

Chinese is matched by substring, so a two-character word inside a long title always hits (no word
segmentation to get wrong); the fields searched are the ones teachers ask by: title, summary, fields,
organisers, affiliation, district. Ranking (title hits first) happens in the browser.
"""

from __future__ import annotations

import json
from typing import Any

from .. import regions
from ..catalogue import Catalogue
from ..content import Entry
from ..kinds import KINDS
from ..models import Base, Competition, Course, Expert, TopicList

INDEX_PATH = "search/catalogue.json"
SUMMARY_CHARS = 80


def _keywords(entry: Entry, catalogue: Catalogue) -> list[str]:
    m = entry.model
    words: list[str] = list(getattr(m, "fields", []) or [])
    region = getattr(m, "region", None)
    if region:
        words.append(regions.full_name(region))
    if isinstance(m, Course):
        base = catalogue.get("base", m.base) if m.base else None
        words += [m.course_type, m.mode, m.provider or "", base.model.display_title if base else ""]
    elif isinstance(m, Base):
        words += [m.category, m.type, m.short_name or "", m.address, *m.services]
    elif isinstance(m, Expert):
        words += [
            m.affiliation,
            m.title or "",
            *m.formats,
            *(regions.full_name(r) for r in m.regions),
        ]
    elif isinstance(m, TopicList):
        words += [m.issuer, *(item.title for item in m.items), *(item.field for item in m.items)]
    elif isinstance(m, Competition):
        words += [*m.organizers, m.level, *m.stages]
        if m.whitelist:
            words += ["白名单", m.whitelist.category, m.whitelist.cycle or ""]
    return [str(w) for w in dict.fromkeys(words) if w]


def _summary(entry: Entry) -> str:
    m = entry.model
    if isinstance(m, Expert):
        text = f"{m.title or ''} {m.affiliation}".strip()
    else:
        text = getattr(m, "summary", None) or ""
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def search_index(catalogue: Catalogue, ordered: dict[str, list[Entry]]) -> str:
    """`ordered` holds each kind's entries in display (pinyin) order, which ties keep."""
    kinds = list(KINDS)
    records: list[list[Any]] = []
    for name in kinds:
        for entry in ordered[name]:
            records.append([
                kinds.index(name), entry.id, entry.model.display_title, _summary(entry),
                " ".join(_keywords(entry, catalogue)), 1 if entry.model.example else 0,
            ])  # fmt: skip
    payload = {
        "kinds": [[k.folder, k.label] for k in KINDS.values()],
        "records": records,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"
