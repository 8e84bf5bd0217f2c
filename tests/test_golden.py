"""Golden output of the final site: the small catalogue in tests/golden-catalogue built exactly as
`build.py build` builds it (engine, frames, workers and all), then compared file by file with
tests/golden/ after masking what the engine may vary between its versions (CSP hashes of the
theme's inline scripts, asset fingerprints, the generator's version).

Refresh after an intended change with:  python -m pytest tests/test_golden.py --regen-golden
and read the diff (git diff tests/golden) before committing it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kejiao.cli import main

from .conftest import ROOT, TODAY, make_project

SOURCE = ROOT / "tests" / "golden-catalogue"
GOLDEN = ROOT / "tests" / "golden"
SITE_URL = "https://example.org/kejiao/"

# One record page of each kind, every list, home, statistics, downloads and a tool page; and every
# file the catalogue writes itself (data, indexes, feeds, calendars, sitemap).
PAGES = [
    "courses/shi-li-tian-wen-guan-ce-ru-men/index.html",
    "bases/bei-jing-tian-wen-guan/index.html",
    "experts/shi-li-wang-tian-wen/index.html",
    "topic-lists/shi-li-2026-chun-ji-ke-xue-bao-gao/index.html",
    "topic-lists/shi-li-yan-jiang-tuan-jian-bao-ti-mu/index.html",  # items that state only a speaker
    "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/index.html",
    "competitions/quan-guo-zhong-xue-sheng-tian-wen-zhi-shi-jing-sai/index.html",
    "courses/index.html",
    "bases/index.html",
    "experts/index.html",
    "topic-lists/index.html",
    "competitions/index.html",
    "index.html",
    "stats/index.html",
    "data/index.html",
    "finder/index.html",
]
FILE_PATTERNS = ["data/*", "app/*", "app/*/*", "search/meta.json", "search/d/*", "calendar/*", "competitions/*/*.ics",
                 "stats/*.csv", "feed.xml", "robots.txt", "sitemap.xml"]  # fmt: skip

_MASKS = [
    (re.compile(r"'sha256-[A-Za-z0-9+/=]+'"), "'sha256-…'"),
    (re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)"), r".…\.min.\1"),
    (re.compile(r'(<meta name="generator" content=")[^"]*"'), r'\1…"'),
]


def normalise(text: str) -> str:
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


def build_golden_site(tmp_path: Path, engine: str = "mkdocs") -> Path:
    root = make_project(tmp_path / "project", SOURCE / "content")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace('site_url: ""', f'site_url: "{SITE_URL}"')
    text = text.replace('organization: ""', "organization: 示例市科协").replace(
        "feedback_url: null", "feedback_url: https://example.org/fix"
    )
    config.write_text(text, encoding="utf-8")
    args = ["-f", str(config), "build", "--strict", "--today", TODAY.isoformat()]
    assert main([*args, "--engine", engine]) == 0
    return root / "site"


def shipped_files(site: Path) -> dict[str, str]:
    chosen = {rel: site / rel for rel in PAGES}
    for pattern in FILE_PATTERNS:
        chosen |= {p.relative_to(site).as_posix(): p for p in site.glob(pattern) if p.is_file()}
    return {
        rel: normalise(path.read_bytes().decode("utf-8")) for rel, path in sorted(chosen.items())
    }


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_golden_site(tmp_path_factory.mktemp("golden"))


def test_final_site_matches_golden(golden_site: Path, regen: bool) -> None:
    files = shipped_files(golden_site)
    if regen:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in files.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(text.encode("utf-8"))  # bytes: .ics files keep their CRLF
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(files)
    for rel, text in files.items():
        assert (GOLDEN / rel).read_bytes().decode("utf-8") == text, rel


def test_no_engine_marker_survives(golden_site: Path) -> None:
    """Every placeholder the engine drew was filled: no marker reaches any page of the site."""
    leftovers = [
        p.relative_to(golden_site).as_posix()
        for p in golden_site.rglob("*.html")
        if re.search(r"KJ0FRAME0|KJ:BODY|__shell__", p.read_text(encoding="utf-8"))
    ]
    assert leftovers == []
