"""Likely duplicate records: names that are the same once written the same way (full/half width,
spaces, bracketed qualifiers, Traditional/Simplified Chinese, common suffixes), the same website, or coordinates
within 100 m. Reported as warnings naming both files; a maintainer decides. A record that is an exact
copy of another (every field equal) is an error: the site would list it twice.

The message lands on the NEWER file, the one a pull request adds, so the annotation appears on the
change under review. Newer is decided by git when it can tell: a file absent from the base of the
change (the merge base with the upstream branch, or HEAD for uncommitted work) is newer than one
present there. Between two files git cannot order (both new, or no git), the later modification time
(to the second, so that files written by one checkout count as equal), then the later path; between
two files both in the base, the later path."""

from __future__ import annotations

import contextlib
import math
import os
import re
import subprocess
import unicodedata
from functools import cache
from itertools import combinations
from pathlib import Path

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
    newer = _Newness()
    for kind, by_id in catalogue.records.items():
        entries = sorted(by_id.values(), key=lambda e: e.shown)
        groups: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries:
            groups.setdefault(("名称", normalise(entry.model.display_title)), []).append(entry)
            website = _site(getattr(entry.model, "website", None))
            if website:
                groups.setdefault(("官网", website), []).append(entry)
        copies: set[int] = set()
        for (what, _), members in groups.items():
            if len(members) < 2:
                continue
            members = sorted(members, key=newer.key)
            first = members[0]
            for other in members[1:]:
                if what == "名称" and _same_content(first, other):
                    copies.add(id(other))
                    line, column, *_ = other.locate((other.model.title_field,))
                    sink.error(
                        other.shown,
                        line,
                        column,
                        other.model.title_field,
                        f"与 {first.shown} 的内容完全相同：同一条记录重复保存了两份，网站会列出两次；"
                        "请删除这个文件",
                        "exact duplicate",
                    )
                elif id(other) not in copies:
                    _warn(
                        sink,
                        other,
                        first,
                        f"与 {first.shown} 的{what}相同或几乎相同，可能是重复记录",
                    )
        if kind == "base":
            placed = [e for e in entries if isinstance(e.model, Base) and e.model.coordinates]
            if len(placed) > 2000:  # pairwise distance is quadratic; a grid index can come later
                continue
            for a, b in combinations(placed, 2):
                metres = _metres(a.model, b.model)  # type: ignore[arg-type]
                if metres <= NEAR_METRES and id(a) not in copies and id(b) not in copies:
                    old, new = sorted((a, b), key=newer.key)
                    _warn(
                        sink,
                        new,
                        old,
                        f"与 {old.shown} 的坐标相距 {metres:.0f} 米，可能是同一地点的重复记录",
                    )


def _same_content(a: Entry, b: Entry) -> bool:
    assert a.model is not None and b.model is not None
    return a.model == b.model


def _warn(sink: DiagnosticSink, entry: Entry, other: Entry, message: str) -> None:
    line, column, *_ = entry.locate((entry.model.title_field,))
    sink.warning(entry.shown, line, column, entry.model.title_field, message, "possible duplicate")


class _Newness:
    """Orders entries oldest first (see the module docstring); asks git once, only when needed."""

    def __init__(self) -> None:
        self._base: dict[Path, frozenset[Path] | None] = {}

    def key(self, entry: Entry) -> tuple[int, int, str]:
        path = entry.path.resolve()
        known = self._files_in_base(path.parent)
        added = 0 if known is None or path in known else 1
        seconds = 0  # a file in the base: its time is only when it was checked out
        if known is None or added:
            with contextlib.suppress(OSError):
                seconds = os.stat(path).st_mtime_ns // 1_000_000_000
        return (added, seconds, entry.shown)

    def _files_in_base(self, folder: Path) -> frozenset[Path] | None:
        top = _git(folder, "rev-parse", "--show-toplevel")
        if top is None:
            return None
        root = Path(top.strip()).resolve()
        if root not in self._base:
            self._base[root] = _tracked(root)
        return self._base[root]


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _tracked(root: Path) -> frozenset[Path] | None:
    """Every file in the base of the change under review, as absolute paths (None: no commit)."""
    head = _git(root, "rev-parse", "--verify", "-q", "HEAD")
    if head is None:
        return None
    base = head.strip()
    upstreams: list[str] = []
    if os.environ.get("GITHUB_BASE_REF"):  # a pull request on GitHub Actions
        upstreams.append(f"origin/{os.environ['GITHUB_BASE_REF']}")
    upstreams += ["@{upstream}", "origin/HEAD", "origin/main", "origin/master", "main", "master"]
    if _git(root, "rev-parse", "--verify", "-q", "HEAD^2") is not None:  # a merge commit: its
        upstreams.insert(0, "HEAD^1")  # first parent is the branch merged into
    for ref in upstreams:
        found = _git(root, "merge-base", "HEAD", ref)
        if found is not None and found.strip() != base:
            base = found.strip()
            break
    listed = _git(root, "ls-tree", "-r", "-z", "--name-only", base)
    if listed is None:
        return None
    return frozenset(root / name for name in listed.split("\0") if name)
