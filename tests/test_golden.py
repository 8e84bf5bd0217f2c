"""Golden output: the pages rendered from a small catalogue, compared file by file.

Refresh after an intended change with:  python -m pytest tests/test_golden.py --regen-golden
and read the diff (git diff tests/golden) before committing it.
"""

from __future__ import annotations

import shutil

from kejiao.pipeline import load_catalogue
from kejiao.render.pages import PageContext, render_pages

from .conftest import ROOT, TODAY

SOURCE = ROOT / "tests" / "golden-catalogue"
GOLDEN = ROOT / "tests" / "golden"


def rendered() -> dict[str, str]:
    catalogue, _ = load_catalogue(SOURCE / "content", root=SOURCE, today=TODAY, strict=True)
    context = PageContext(
        site_name="科教资源目录", organization="示例市科协", feedback_url="https://example.org/fix"
    )
    return render_pages(catalogue, context)


def test_rendered_pages_match_golden(regen: bool) -> None:
    pages = rendered()
    if regen:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(text.encode("utf-8"))  # bytes: .ics files keep their CRLF
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(pages)
    for rel, text in pages.items():
        assert (GOLDEN / rel).read_bytes().decode("utf-8") == text, rel
