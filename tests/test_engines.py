"""The engine adapters: each theme repair still matches what its engine writes (so an engine update
cannot silently undo it), and the Zensical adapter builds the same site as MkDocs — the same page
bodies, titles, descriptions and sharing metadata; only the theme around them differs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kejiao.engine.mkdocs import FIXES as MKDOCS_FIXES
from kejiao.engine.zensical import FIXES as ZENSICAL_FIXES
from kejiao.engine.zensical import executable as zensical

from .test_golden import PAGES, build_golden_site, shipped_files

_ARTICLE = re.compile(
    r'<article class="md-content__inner md-typeset">(.*?)</article>\s*</div>', re.S
)
_METADATA = re.compile(
    r'<meta (?:name|property)="(?:description|og:\w+)"[^>]*>|<title>[^<]*</title>'
    r'|<link rel="canonical"[^>]*>'
)
# Zensical's theme puts its skip link's target at the top of the article; MkDocs' has none.
_SKIP_TARGET = re.compile(r'^\s*<a id="__skip" tabindex="-1"></a>\s*')


@pytest.mark.slow
def test_every_mkdocs_repair_matches_the_theme(tmp_path: Path, monkeypatch) -> None:
    """Build with repairs that only count their matches, so the test sees the engine's own markup."""
    import kejiao.engine.mkdocs as adapter

    seen: dict[str, int] = {}

    class Counting:
        def __init__(self, fix) -> None:
            self.fix = fix

        def apply(self, html: str) -> str:
            seen[self.fix.name] = seen.get(self.fix.name, 0) + len(self.fix.pattern.findall(html))
            return self.fix.apply(html)

    monkeypatch.setattr(adapter.MkDocsEngine, "fixes", [Counting(f) for f in MKDOCS_FIXES])
    dropped = _counting_drops(adapter, monkeypatch)
    site = build_golden_site(tmp_path)
    # The engine's own search index is written and removed; no page requests it.
    assert dropped == list(adapter.MkDocsEngine.unused)
    assert not any((site / rel).exists() for rel in adapter.MkDocsEngine.unused)
    assert {f.name: seen.get(f.name, 0) > 0 for f in MKDOCS_FIXES} == {
        f.name: True for f in MKDOCS_FIXES
    }


def _counting_drops(adapter, monkeypatch) -> list[str]:
    dropped: list[str] = []
    original = adapter.drop_unused

    def counting(site_dir: Path, unused: tuple[str, ...]) -> list[str]:
        found = original(site_dir, unused)
        dropped.extend(found)
        return found

    monkeypatch.setattr(adapter, "drop_unused", counting)
    return dropped


def _article(html: str) -> str:
    match = _ARTICLE.search(html)
    assert match, "no article"
    return _SKIP_TARGET.sub("", match.group(1)).strip()


@pytest.mark.tool
@pytest.mark.skipif(zensical() is None, reason="Zensical 未安装（pip install -e '.[zensical]'）")
def test_zensical_builds_the_same_pages_as_mkdocs(tmp_path: Path, monkeypatch) -> None:
    import kejiao.engine.zensical as adapter

    seen: dict[str, int] = {}
    original = adapter.apply_fixes

    def counting(site_dir: Path, fixes) -> None:
        text = "\n".join(p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html"))
        for fix in fixes:
            seen[fix.name] = len(fix.pattern.findall(text))
        original(site_dir, fixes)

    monkeypatch.setattr(adapter, "apply_fixes", counting)
    dropped = _counting_drops(adapter, monkeypatch)
    mkdocs = shipped_files(build_golden_site(tmp_path / "mkdocs", "mkdocs"))
    zensical_site = build_golden_site(tmp_path / "zensical", "zensical")
    other = shipped_files(zensical_site)
    assert dropped == list(adapter.ZensicalEngine.unused)
    assert not any((zensical_site / rel).exists() for rel in adapter.ZensicalEngine.unused)
    assert all(seen.get(f.name) for f in ZENSICAL_FIXES), seen
    assert mkdocs.keys() == other.keys()
    for rel in mkdocs:
        if rel in PAGES:  # the theme differs; what the catalogue puts in it does not
            assert _article(other[rel]) == _article(mkdocs[rel]), rel
            ours, theirs = _METADATA.findall(mkdocs[rel]), _METADATA.findall(other[rel])
            if rel == "index.html":  # listed difference: Zensical ignores the htmltitle block
                ours = [m for m in ours if not m.startswith("<title>")]
                theirs = [m for m in theirs if not m.startswith("<title>")]
            assert theirs == ours, rel
            assert "KJ0FRAME0" not in other[rel]
        else:  # files the catalogue writes itself
            assert other[rel] == mkdocs[rel], rel
