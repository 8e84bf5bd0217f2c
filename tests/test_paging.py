"""Long lists are split into pages of 500 rows (readable without JavaScript); opening the filters
loads every row, so filters and counts cover the whole list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bench.generate import generate

from .browser import serve
from .conftest import ROOT, TODAY

pytestmark = [pytest.mark.slow]  # a catalogue of more than one list page


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    from kejiao.cli import main

    root = tmp_path_factory.mktemp("paging")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("docs", "site_overrides"):
        shutil.copytree(ROOT / name, root / name)
    generate(root / "content", 1200)
    assert main(["-f", str(root / "mkdocs.yml"), "build", "--today", TODAY.isoformat()]) == 0
    return root


def rows_shown(page) -> int:
    return page.eval_on_selector_all("[data-kj-list] tbody tr:not([hidden])", "r => r.length")


def test_pages_without_javascript(project: Path) -> None:
    site = project / "site"
    courses = sorted((project / "content/courses").glob("*.yml"))
    first = (site / "courses/index.html").read_text(encoding="utf-8")
    second = (site / "courses/page/2/index.html").read_text(encoding="utf-8")
    assert first.count("<tr data-") == 500
    assert second.count("<tr data-") == len(courses) - 500
    assert 'href="page/2/"' in first and 'href="../../"' in second
    assert "第 2 / 2 页" in second
    assert (site / "courses/rows.json").is_file()


def test_filters_cover_every_row(project: Path, browser) -> None:
    site = project / "site"
    records = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (project / "content/courses").glob("*.yml")
    ]
    field = "天文与航天"
    expected = sum(1 for r in records if field in r["fields"])
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "courses/")
        assert rows_shown(page) == 500
        page.click(".kj-facets-wrap > summary")
        page.wait_for_selector(f"[data-facet=field] input[value='{field}']")
        assert rows_shown(page) == len(records)
        assert not page.is_visible("[data-kj-pages]")
        assert (
            int(page.inner_text(f"[data-facet=field] input[value='{field}'] ~ .kj-facet__count"))
            == expected
        )
        page.check(f"[data-facet=field] input[value='{field}']")
        assert rows_shown(page) == expected
        # A shared link with filters opens with every row loaded and the filter applied.
        shared = browser.new_page(viewport={"width": 360, "height": 740})
        shared.goto(page.url)
        shared.wait_for_function(
            f"() => document.querySelectorAll('[data-kj-list] tbody tr:not([hidden])').length === {expected}"
        )
        assert shared.is_visible("tbody tr:not([hidden]) [data-kj-keep]")
        page.close()
        shared.close()
