"""Nothing from outside the project reaches the site, and `site_dir` cannot replace project data.

Symbolic links in content/, docs/ and site_overrides/ are refused (they could publish any file the
build machine can read); mkdocs.yml cannot point the build's sources outside the project, and
`site_dir` (a folder every build deletes and replaces) cannot be or hold anything the project needs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kejiao.errors import ConfigError
from kejiao.settings import load_settings

from .conftest import ROOT, TODAY, run_cli

COURSE = ROOT / "tests" / "golden-catalogue" / "content" / "courses" / "shi-li-ke-hou-chuang-ke.yml"
SECRET = "KEJIAO-SECRET-FROM-OUTSIDE"


def _outside(tmp_path: Path) -> Path:
    """A folder beside the project, holding a valid record and a secret."""
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(COURSE, outside / "record.yml")
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    return outside


def _published(site: Path) -> bool:
    if not site.is_dir():
        return False
    return any(
        SECRET.encode() in p.read_bytes() or "课后服务创客工坊".encode() in p.read_bytes()
        for p in site.rglob("*")
        if p.is_file()
    )


def test_a_linked_record_file_is_refused_with_its_name(project, tmp_path, capsys) -> None:
    root = project()
    outside = _outside(tmp_path)
    (root / "content" / "courses").mkdir()
    (root / "content" / "courses" / "lian-jie.yml").symlink_to(outside / "record.yml")
    code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 1
    assert "content/courses/lian-jie.yml:1:1: error: 是符号链接" in out
    assert str(outside / "record.yml") in out  # names where it points
    assert not _published(root / "site")


def test_linked_folders_in_content_are_refused(project, tmp_path, capsys) -> None:
    root = project()
    outside = _outside(tmp_path)
    (root / "content" / "courses").mkdir()
    (root / "content" / "courses" / "more").symlink_to(outside)
    (root / "content" / "experts").symlink_to(outside)
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert "content/courses/more:1:1: error: 是符号链接" in out
    assert "content/experts:1:1: error: 是符号链接" in out


def test_a_linked_content_folder_is_refused(project, tmp_path, capsys) -> None:
    root = project()
    outside = _outside(tmp_path)
    (outside / "courses").mkdir()
    shutil.move(outside / "record.yml", outside / "courses" / "record.yml")
    shutil.rmtree(root / "content")
    (root / "content").symlink_to(outside)
    code, out = run_cli(capsys, root, "validate")
    assert code == 2
    assert "不在项目目录" in out
    # A link to a folder inside the project is refused too: content/ holds the files themselves.
    (root / "content").unlink()
    shutil.copytree(outside, root / "real-content")
    (root / "content").symlink_to(root / "real-content")
    code, out = run_cli(capsys, root, "validate")
    assert code == 1
    assert "content:1:1: error: 是符号链接" in out


@pytest.mark.parametrize(
    ("where", "target"),
    [
        ("docs/assets/env.txt", "/proc/self/environ"),
        ("docs/guide/secret.md", "OUTSIDE/secret.txt"),
        ("site_overrides/leak.txt", "OUTSIDE/secret.txt"),
        ("docs/linked", "OUTSIDE"),
    ],
)
def test_links_in_docs_and_theme_overrides_are_refused(
    project, tmp_path, capsys, where: str, target: str
) -> None:
    root = project()
    outside = _outside(tmp_path)
    link = root / where
    link.symlink_to(target.replace("OUTSIDE", str(outside)))
    code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 1
    assert f"{where} 是符号链接" in out
    assert "Traceback" not in out
    assert not (root / "site").exists()  # nothing was built
    assert not list(root.glob(".site.*"))


def test_mkdocs_yml_cannot_point_sources_outside(tmp_path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in [
        ("docs_dir: docs", "docs_dir: ../elsewhere"),
        ("custom_dir: site_overrides", "custom_dir: /etc"),
        ("content_dir: content", "content_dir: /etc"),
    ]:
        (root / "mkdocs.yml").write_text(base.replace(old, new), encoding="utf-8")
        with pytest.raises(ConfigError, match="不在项目目录"):
            load_settings(root / "mkdocs.yml")
    for old, new in [
        ("docs_dir: docs", "docs_dir: ."),
        ("custom_dir: site_overrides", "custom_dir: ./"),
    ]:
        (root / "mkdocs.yml").write_text(base.replace(old, new), encoding="utf-8")
        with pytest.raises(ConfigError, match="不能是项目目录本身"):
            load_settings(root / "mkdocs.yml")


@pytest.mark.parametrize(
    "value",
    [".", "./", "..", "/", "content", "content/site", "docs", "docs/site", ".git",
     ".git/site", "site_overrides", ".build/site", "content/.."],
)  # fmt: skip
def test_site_dir_cannot_replace_project_data(project, capsys, value: str) -> None:
    root = project()
    (root / "content" / "keep.txt").write_text("maintainer data", encoding="utf-8")
    (root / ".git").mkdir()
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_dir: site", f"site_dir: {value}"),
        encoding="utf-8",
    )
    code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 2
    assert "site_dir" in out and "不能是、包含或位于" in out
    assert (root / "content" / "keep.txt").read_text(encoding="utf-8") == "maintainer data"
    assert (root / "mkdocs.yml").is_file() and (root / "docs").is_dir()


@pytest.mark.parametrize("value", ["site", "public/site", "../www/site", "/srv/kejiao-site"])
def test_site_dir_may_be_a_separate_folder(tmp_path, value: str) -> None:
    root = tmp_path / "p"
    root.mkdir()
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("site_dir: site", f"site_dir: {value}"))
    settings = load_settings(root / "mkdocs.yml")
    assert settings.site_dir == Path(os.path.normpath(root / value))


def test_a_site_dir_linked_into_the_project_data_is_refused(tmp_path) -> None:
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "site").symlink_to(root / "content")
    with pytest.raises(ConfigError, match="不能是、包含或位于"):
        load_settings(root / "mkdocs.yml")


def test_an_existing_folder_that_is_not_a_site_is_not_replaced(project, capsys) -> None:
    root = project()
    notes = root / "notes"
    notes.mkdir()
    (notes / "plan.md").write_text("keep me", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: notes"),
        encoding="utf-8",
    )
    code, out = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 1
    assert "不是生成的网站" in out
    assert (notes / "plan.md").read_text(encoding="utf-8") == "keep me"
