"""`serve`'s incremental updates: after any sequence of edits, the previewed site is byte for byte the
site a full build of the same content gives, and a one-record edit rewrites only the pages it shows on."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest

from kejiao.errors import ContentError
from kejiao.preview import Preview
from kejiao.settings import load_settings

from .conftest import ROOT, TODAY

pytestmark = [pytest.mark.slow]  # full builds after each edit

GOLDEN_CONTENT = ROOT / "tests" / "golden-catalogue" / "content"
COURSE = "content/courses/shi-li-tian-wen-guan-ce-ru-men.yml"


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only, as paths relative to the two folders."""
    out = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(out)


@pytest.fixture(params=["", "https://example.org/kejiao/"], ids=["no-site-url", "site-url"])
def preview(request, project, tmp_path: Path):
    root = project(GOLDEN_CONTENT)
    config = root / "mkdocs.yml"  # with an address, pages carry QR codes and a sitemap
    config.write_text(
        config.read_text("utf-8").replace('site_url: ""', f'site_url: "{request.param}"'), "utf-8"
    )
    settings = load_settings(root / "mkdocs.yml")
    live = Preview(settings, tmp_path / "live")
    live.rebuild(TODAY)

    def same_as_full_build() -> None:
        fresh = tmp_path / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        Preview(settings, fresh).rebuild(TODAY)
        assert differences(live.site_dir, fresh) == []

    return root, live, same_as_full_build


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_title_edit_rewrites_the_record_and_the_pages_that_show_it(preview) -> None:
    root, live, same_as_full_build = preview
    edit(root / COURSE, "天文观测入门：从月相到星座", "天文观测入门（第二版）")
    heard: list[list[str]] = []
    update = live.update(TODAY, heard.append)
    assert not update.full
    # First the record and the records whose pages show its title (its base, expert, competition).
    assert heard[0][0] == "courses/shi-li-tian-wen-guan-ce-ru-men/"
    assert "bases/shi-li-qing-shao-nian-ke-ji-guan/" in heard[0]
    assert "experts/shi-li-wang-tian-wen/" in heard[0]
    assert "courses/shi-li-ke-hou-chuang-ke/" not in heard[0]  # unrelated record untouched
    assert "courses/" in heard[1]  # then the list
    page = (live.site_dir / "courses/shi-li-tian-wen-guan-ce-ru-men/index.html").read_text("utf-8")
    assert "天文观测入门（第二版）" in page
    same_as_full_build()


def test_adding_removing_and_relinking_records_match_a_full_build(preview) -> None:
    root, live, same_as_full_build = preview
    source = root / COURSE
    added = source.with_name("xin-ke-cheng.yml")
    added.write_text(
        source.read_text(encoding="utf-8").replace("天文观测入门：从月相到星座", "新课程"),
        encoding="utf-8",
    )
    live.update(TODAY)
    assert (live.site_dir / "courses/xin-ke-cheng/index.html").is_file()
    same_as_full_build()
    # Point a course at the other base: both bases' pages change.
    edit(source, "base: shi-li-qing-shao-nian-ke-ji-guan", "base: bei-jing-tian-wen-guan")
    update = live.update(TODAY)
    assert {"bases/bei-jing-tian-wen-guan/", "bases/shi-li-qing-shao-nian-ke-ji-guan/"} <= set(
        update.urls
    )
    same_as_full_build()
    added.unlink()
    live.update(TODAY)
    assert not (live.site_dir / "courses/xin-ke-cheng").exists()
    same_as_full_build()
    # A newer verification date changes the content date (data package, feed).
    edit(
        source,
        re.search(r"last_verified: \S+", source.read_text("utf-8")).group(),
        "last_verified: 2026-11-20",
    )  # type: ignore[union-attr]
    live.update(TODAY)
    same_as_full_build()


def test_a_broken_edit_keeps_the_site_and_the_next_good_edit_recovers(preview) -> None:
    root, live, same_as_full_build = preview
    before = (live.site_dir / "courses/shi-li-tian-wen-guan-ce-ru-men/index.html").read_bytes()
    text = (root / COURSE).read_text(encoding="utf-8")
    (root / COURSE).write_text("title: [未闭合\n", encoding="utf-8")
    with pytest.raises(ContentError):
        live.update(TODAY)
    assert (
        live.site_dir / "courses/shi-li-tian-wen-guan-ce-ru-men/index.html"
    ).read_bytes() == before
    (root / COURSE).write_text(text.replace("从月相到星座", "从月相开始"), encoding="utf-8")
    live.update(TODAY)
    same_as_full_build()
