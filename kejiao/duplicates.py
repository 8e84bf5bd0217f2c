"""Likely duplicate records: names that are the same once written the same way (full/half width,
spaces, bracketed qualifiers, Traditional/Simplified Chinese, common suffixes), the same website, or coordinates
within 100 m. Reported as warnings naming both files; a maintainer decides."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache
from itertools import combinations

from .catalogue import Catalogue
from .content import Entry
from .diagnostics import DiagnosticSink
from .models import Base

SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "公司",
    "科普教育基地",
    "教育基地",
    "基地",
    "中心",
)
NEAR_METRES = 100


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalise(name: str) -> str:
    text = unicodedata.normalize(
        "NFKC", name
    )  # full-width letters, digits and brackets → half-width
    text = _t2s().convert(text)
    text = re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", "", text)  # qualifiers such as （北京）
    text = re.sub(r"[\s()（）\[\]【】“”\"'‘’《》<>·・.,，、:：-]+", "", text).lower()
    for suffix in SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    return text


def _site(url: str | None) -> str | None:
    if not url:
        return None
    return re.sub(r"^https?://(www\.)?", "", url.strip().lower()).rstrip("/") or None


def _metres(a: Base, b: Base) -> float:
    rad = math.pi / 180
    ca, cb = a.coordinates, b.coordinates
    assert ca is not None and cb is not None
    d_lat, d_lon = (cb.lat - ca.lat) * rad, (cb.lon - ca.lon) * rad
    h = (
        math.sin(d_lat / 2) ** 2
        + math.cos(ca.lat * rad) * math.cos(cb.lat * rad) * math.sin(d_lon / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def check_duplicates(catalogue: Catalogue, sink: DiagnosticSink) -> None:
    for kind, by_id in catalogue.records.items():
        entries = sorted(by_id.values(), key=lambda e: e.shown)
        groups: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries:
            groups.setdefault(("名称", normalise(entry.model.display_title)), []).append(entry)
            website = _site(getattr(entry.model, "website", None))
            if website:
                groups.setdefault(("官网", website), []).append(entry)
        for (what, _), members in groups.items():
            first = members[0]
            for other in members[1:]:
                _warn(
                    sink, other, first, f"与 {first.shown} 的{what}相同或几乎相同，可能是重复记录"
                )
        if kind == "base":
            placed = [e for e in entries if isinstance(e.model, Base) and e.model.coordinates]
            if len(placed) > 2000:  # pairwise distance is quadratic; a grid index can come later
                continue
            for a, b in combinations(placed, 2):
                metres = _metres(a.model, b.model)  # type: ignore[arg-type]
                if metres <= NEAR_METRES:
                    _warn(
                        sink,
                        b,
                        a,
                        f"与 {a.shown} 的坐标相距 {metres:.0f} 米，可能是同一地点的重复记录",
                    )


def _warn(sink: DiagnosticSink, entry: Entry, other: Entry, message: str) -> None:
    line, column, *_ = entry.locate((entry.model.title_field,))
    sink.warning(
        entry.shown, line, column, entry.model.title_field, message + " (possible duplicate)"
    )
