"""The command line as maintainers meet it: exit codes and what it prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, TODAY, run_cli

CASES = ROOT / "tests" / "cases"


def test_validate_passes_on_shipped_content_in_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "build.py", "validate", "--today", TODAY.isoformat()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stderr)
    assert result.returncode == 0
    assert "校验通过" in result.stderr and "竞赛 48" in result.stderr


def test_validate_fails_with_located_errors_in_a_real_process(project) -> None:
    root = project(CASES / "wrong-values" / "content")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "validate"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stderr)
    assert result.returncode == 1
    assert "content/courses/c.yml:8:7: error: mode: 取值应为以下之一" in result.stderr
    assert "共 3 个错误，0 个警告" in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_turns_warnings_into_failure(project, capsys) -> None:
    root = project(CASES / "policy-warnings" / "content")
    code, output = run_cli(capsys, root, "validate", "--today", TODAY.isoformat())
    assert code == 0 and "共 0 个错误，4 个警告" in output
    code, output = run_cli(capsys, root, "validate", "--strict", "--today", TODAY.isoformat())
    assert code == 1 and "校验未通过" in output


@pytest.mark.parametrize("kind", ["course", "base", "expert", "topic_list", "competition"])
def test_new_writes_a_template_that_validates(kind: str, project, capsys) -> None:
    root = project(ROOT / "tests" / "golden-catalogue" / "content")
    code, output = run_cli(capsys, root, "new", kind, "xin-ji-lu")
    assert code == 0, output
    folder = {"topic_list": "topic-lists"}.get(kind, kind + "s")
    path = root / "content" / folder / "xin-ji-lu.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json")
    code, output = run_cli(capsys, root, "validate")
    assert code == 0, output  # valid as written...
    assert "仍是模板占位文字" in output  # ...but every placeholder is pointed out
    code, output = run_cli(capsys, root, "validate", "--strict")
    assert code == 1
    code, output = run_cli(capsys, root, "new", kind, "xin-ji-lu")
    assert code == 2 and "已存在" in output


def test_new_refuses_bad_ids_and_kinds(project, capsys) -> None:
    root = project()
    code, output = run_cli(capsys, root, "new", "course", "天文课")
    assert code == 2 and "编号 天文课 无效" in output
    with pytest.raises(SystemExit) as info:
        run_cli(capsys, root, "new", "lesson", "x")
    assert info.value.code == 2


def test_schemas_check(capsys, tmp_path: Path) -> None:
    code, _ = run_cli(capsys, ROOT, "schemas", "--check")
    assert code == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    code, output = run_cli(capsys, tmp_path, "schemas", "--check")
    assert code == 1 and "schemas/course.schema.json 与模型不一致" in output


def test_broken_configuration_is_a_usage_error(project, capsys) -> None:
    root = project()
    (root / "mkdocs.yml").write_text(
        "extra:\n  catalogue:\n    stale_after_dayz: 3\n", encoding="utf-8"
    )
    code, output = run_cli(capsys, root, "validate")
    assert code == 2 and "extra.catalogue 设置有误" in output


def test_missing_content_folder_is_reported(project, capsys) -> None:
    root = project()
    (root / "content").rmdir()
    code, output = run_cli(capsys, root, "validate")
    assert code == 1 and "content:1:1: error: 找不到内容目录" in output
