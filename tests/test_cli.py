"""The command line as maintainers meet it: exit codes and what it prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, TODAY, run_cli

CASES = ROOT / "tests" / "cases"


@pytest.mark.slow
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
    assert code == 0 and "共 0 个错误，3 个警告" in output
    code, output = run_cli(capsys, root, "validate", "--strict", "--today", TODAY.isoformat())
    assert code == 1 and "校验未通过" in output


# What a maintainer would write over each "请填写…" placeholder of the `new` templates.
FILLED = {
    "类别": "科技场馆类", "类型": "科技馆", "费用类型": "免费", "行政区划代码": '"110108"',
    "官网网址": "https://example.org/", "来源网址": "https://example.org/a",
    "预约网址": "https://example.org/b", "课程类型": "校本课程", "起始年级": "4", "结束年级": "6",
    "总课时": "12", "授课形式": "线下", "级别": "全国", "时长": "45", "形式": "讲座",
    "领域": "天文与航天", "服务形式": "进校报告", "学段": "小学", "同意日期": "2026-01-05",
    "开始日期": "2026-01-05", "结束日期": "2026-06-30",
}  # fmt: skip


def _fill(text: str) -> str:
    return re.sub(r"请填写([^\s\]]*)", lambda m: FILLED.get(m.group(1), "真实内容"), text)


@pytest.mark.parametrize("kind", ["course", "base", "expert", "topic_list", "competition"])
def test_new_template_cannot_be_published_until_filled(kind: str, project, capsys) -> None:
    root = project(ROOT / "tests" / "golden-catalogue" / "content")
    code, output = run_cli(capsys, root, "new", kind, "xin-ji-lu")
    assert code == 0, output
    folder = {"topic_list": "topic-lists"}.get(kind, kind + "s")
    path = root / "content" / folder / "xin-ji-lu.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json")
    # Untouched: every placeholder is an error, in validate and build alike, and nothing else is.
    code, output = run_cli(capsys, root, "validate")
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert code == 1 and errors, output
    assert all("仍是模板占位文字“请填写…”" in line for line in errors), output
    code, output = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 1 and "网站没有更新" in output
    # Filled in: the template is otherwise a valid record.
    path.write_text(_fill(text), encoding="utf-8")
    code, output = run_cli(capsys, root, "validate")
    assert code == 0, output + _fill(text)
    code, output = run_cli(capsys, root, "new", kind, "xin-ji-lu")
    assert code == 2 and "已存在" in output


def test_new_templates_claim_no_facts() -> None:
    """No made-up recognition, coordinates, consent or whitelist entry in what `new` writes."""
    folder = ROOT / "kejiao" / "templates" / "new"
    for path in folder.glob("*.yml"):
        live = [line for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#")]  # fmt: skip
        text = "\n".join(live)
        for fact in ("全国科普教育基地", "lat:", "教监管厅函", "example.org", "scope: 姓名"):
            assert fact not in text, (path.name, fact)


@pytest.mark.parametrize("word", ["topic_list", "topic-lists", "topic-list"])
def test_kinds_are_accepted_by_name_or_folder(word: str, project, capsys) -> None:
    root = project()
    code, output = run_cli(capsys, root, "new", word, "qing-dan")
    assert code == 0, output
    assert (root / "content" / "topic-lists" / "qing-dan.yml").is_file()


def test_usage_and_help_are_chinese(project, capsys) -> None:
    root = project()
    with pytest.raises(SystemExit) as info:
        run_cli(capsys, root, "new", "lesson", "x")
    output = capsys.readouterr().err
    assert info.value.code == 2
    assert "用法：" in output and "未知的记录类型 lesson" in output and "topic-lists" in output
    with pytest.raises(SystemExit):
        run_cli(capsys, root, "new", "cource", "x")
    assert "未知的记录类型 cource；是否为 course？" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run_cli(capsys, root, "frobnicate")
    output = capsys.readouterr().err
    assert "无效的取值“frobnicate”" in output
    with pytest.raises(SystemExit) as info:
        run_cli(capsys, root, "new", "-h")
    output = capsys.readouterr().out
    assert info.value.code == 0 and "显示本帮助并退出" in output and "参数" in output
    for english in ("usage:", "positional arguments", "invalid choice", "show this help", "error:"):
        assert english not in output


def test_messages_are_chinese_unless_debug(project, capsys) -> None:
    root = project(CASES / "wrong-values" / "content")
    code, output = run_cli(capsys, root, "validate")
    assert code == 1 and "取值应为以下之一：线下、线上、双师课堂、混合" in output
    assert "Input should be" not in output and "(dangling reference)" not in output
    from kejiao.cli import main

    code = main(["--debug", "-f", str(root / "mkdocs.yml"), "validate"])
    output = capsys.readouterr().err
    assert code == 1 and "(Input should be '线下', '线上', '双师课堂' or '混合')" in output


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


def test_serve_keeps_mkdocs_progress_lines_quiet(project, capsys, monkeypatch) -> None:
    import logging

    import kejiao.serve

    seen = {}

    def fake_serve(settings, address) -> None:
        seen["info"] = logging.getLogger("mkdocs.commands.build").isEnabledFor(logging.INFO)
        seen["warning"] = logging.getLogger("mkdocs.commands.build").isEnabledFor(logging.WARNING)

    monkeypatch.setattr(kejiao.serve, "serve", fake_serve)
    code, _ = run_cli(capsys, project(), "serve")
    assert code == 0 and seen == {"info": False, "warning": True}
