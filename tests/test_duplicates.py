"""A record saved twice is reported on the file that is new in the change (decided by git, else by
modification time), and an exact copy is an error."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kejiao.pipeline import check

from .conftest import ROOT, TODAY

RECORD = (ROOT / "tests/cases/duplicates/content/bases/a.yml").read_text(encoding="utf-8")
NEAR = RECORD.replace("一个用于测试的基地。", "一个用于测试的基地，内容略有不同。")


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root, check=True, capture_output=True, env={**os.environ, "GITHUB_BASE_REF": ""},
    )  # fmt: skip


def write(root: Path, name: str, text: str) -> Path:
    path = root / "content" / "bases" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def reported(root: Path) -> list[tuple[str, str]]:
    _, diagnostics = check(root / "content", root=root, today=TODAY)
    found = {(d.path, d.severity.value) for d in diagnostics if "重复" in d.message}
    return sorted(found)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    # The old record sorts AFTER the new one by name, so path order alone would blame the old file.
    root = tmp_path / "repo"
    write(root, "zhong-guo-old.yml", RECORD)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "old")
    return root


@pytest.mark.parametrize("text", [NEAR, RECORD], ids=["near", "exact"])
def test_copy_on_a_branch_is_reported_on_the_branch_file(repo: Path, text: str) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, "a-copy.yml", text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "copy")
    os.utime(repo / "content/bases/a-copy.yml", (1, 1))  # older on disk: git must win
    severity = "error" if text == RECORD else "warning"
    assert reported(repo) == [("content/bases/a-copy.yml", severity)]


def test_uncommitted_copy_is_reported_on_the_new_file(repo: Path) -> None:
    write(repo, "a-copy.yml", NEAR)
    assert reported(repo) == [("content/bases/a-copy.yml", "warning")]


def test_without_git_the_later_file_is_newer(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    old = write(root, "zhong-guo-old.yml", RECORD)
    new = write(root, "a-copy.yml", NEAR)
    os.utime(old, (1_000_000, 1_000_000))
    os.utime(new, (2_000_000, 2_000_000))
    assert reported(root) == [("content/bases/a-copy.yml", "warning")]
    os.utime(new, (500_000, 500_000))
    assert reported(root) == [("content/bases/zhong-guo-old.yml", "warning")]
