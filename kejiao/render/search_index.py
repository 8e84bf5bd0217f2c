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

INDEX_PATH = "search/catalogue.json"
SUMMARY_CHARS = 80


def _keywords(entry: Entry, catalogue: Catalogue) -> list[str]:
    m = entry.model
    words: list[Any] = list(getattr(m, "fields", []) or [])
    region = getattr(m, "region", None)
    if region:
        words.append(regions.full_name(region))
    words += entry.kind.search_keywords(entry, catalogue)
    return [str(w) for w in dict.fromkeys(words) if w]


def _summary(entry: Entry) -> str:
    text = entry.kind.search_summary(entry.model)
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
