"""Site URLs: every page lives at a directory URL (`courses/<id>/`, made by `Kind.record_url`), and
links between pages are relative, so the site also works when served from a sub-path."""

from __future__ import annotations


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` to `to_url` (both site-relative, '' is the home page)."""
    # Called for every link of every page (about 100,000 times at 10,000 records): the empty
    # parts of a split are dropped only when there are any (a site address has none inside).
    start = from_url.split("/") if from_url else []
    target = to_url.split("/") if to_url else []
    if "" in start:
        start = [p for p in start if p]
    if "" in target:
        target = [p for p in target if p]
    common, shared = 0, min(len(start), len(target))
    while common < shared and start[common] == target[common]:
        common += 1
    parts = [".."] * (len(start) - common) + target[common:]
    if not parts:
        return "./"
    rel = "/".join(parts)
    return rel + "/" if to_url in ("", "./") or to_url.endswith("/") else rel
