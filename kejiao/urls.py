"""Site URLs: every page lives at a directory URL (`courses/<id>/`, made by `Kind.record_url`), and
links between pages are relative, so the site also works when served from a sub-path."""

from __future__ import annotations


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` to `to_url` (both site-relative, '' is the home page)."""
    start = [p for p in from_url.split("/") if p]
    target = [p for p in to_url.split("/") if p]
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    parts = [".."] * (len(start) - common) + target[common:]
    if not parts:
        return "./"
    rel = "/".join(parts)
    return rel + "/" if to_url in ("", "./") or to_url.endswith("/") else rel
