"""Site URLs: every page lives at a directory URL (`courses/<id>/`), links between pages are relative
so the site also works when served from a sub-path."""

from __future__ import annotations

from ..kinds import KINDS


def record_url(kind: str, id_: str) -> str:
    return f"{KINDS[kind].folder}/{id_}/"


def list_url(kind: str) -> str:
    return f"{KINDS[kind].folder}/"


def record_source(kind: str, id_: str) -> str:
    """The docs file that MkDocs (use_directory_urls) turns into `record_url`."""
    return f"{KINDS[kind].folder}/{id_}.md"


def list_source(kind: str) -> str:
    return f"{KINDS[kind].folder}/index.md"


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
