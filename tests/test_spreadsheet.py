"""Spreadsheets both ways: a 申报表 with good and bad rows, export → import round trips, templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from kejiao.kinds import KINDS
from kejiao.opendata.columns import columns

from .conftest import ROOT, TODAY, run_cli

GOLDEN_CONTENT = ROOT / "tests" / "golden-catalogue" / "content"
ORDER = ["base", "expert", "course", "topic_list", "competition"]  # referenced kinds first


def workbook(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADERS = ["编号", "课程名称", "简介", "基地编号", "开设单位", "课程类型", "领域", "起始年级", "结束年级",
           "总课时", "授课形式", "行政区划代码", "费用类型", "费用金额", "预约网址", "最后核实日期", "信息来源", "来源网址"]  # fmt: skip
GOOD = [None, "天文观测入门", "认识星空。", None, "某某区科协", "科学素养系列课程", "天文与航天；信息科技",
        4, 6, 12, "线下", 110108, "免费", None, "https://example.org/", dt.datetime(2026, 11, 1), "申报表", "https://example.org/source"]  # fmt: skip


def test_the_report_says_per_record_what_happened(project, capsys, tmp_path: Path) -> None:
    """Each imported row is reported as 已新建, 已更新 or 未变 with its file, and counted."""
    root = project(GOLDEN_CONTENT)
    other = list(GOOD)
    other[1] = "航模工作坊"
    sheet = workbook(tmp_path / "a.xlsx", HEADERS, [GOOD, other])
    code, output = run_cli(
        capsys, root, "import", "course", str(sheet), "--today", TODAY.isoformat()
    )
    assert code == 0, output
    assert "第 2 行：已新建 content/courses/tian-wen-guan-ce-ru-men.yml\n" in output
    assert "第 3 行：已新建 content/courses/hang-mo-gong-zuo-fang.yml\n" in output
    assert (
        "导入 2 条（新建 2 条，更新 0 条），0 条与已有记录相同（文件未改动），拒绝 0 行" in output
    )

    changed = list(other)
    changed[2] = "动手做航模。"
    sheet = workbook(tmp_path / "b.xlsx", HEADERS, [GOOD, changed])
    before = (root / "content/courses/tian-wen-guan-ce-ru-men.yml").read_bytes()
    code, output = run_cli(
        capsys, root, "import", "course", str(sheet), "--update", "--today", TODAY.isoformat()
    )
    assert code == 0, output
    assert (
        "第 2 行：未变 content/courses/tian-wen-guan-ce-ru-men.yml（与表格内容相同，文件未改动）\n"
        in output
    )
    assert "第 3 行：已更新 content/courses/hang-mo-gong-zuo-fang.yml\n" in output
    assert "已新建" not in output
    assert (
        "导入 1 条（新建 0 条，更新 1 条），1 条与已有记录相同（文件未改动），拒绝 0 行" in output
    )
    assert (root / "content/courses/tian-wen-guan-ce-ru-men.yml").read_bytes() == before
    assert "动手做航模。" in (root / "content/courses/hang-mo-gong-zuo-fang.yml").read_text("utf-8")


def test_a_workbook_with_good_and_bad_rows(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    bad_type = list(GOOD)
    bad_type[1], bad_type[10] = "机器人编程", "面授"
    bad_phone = list(GOOD)
    bad_phone[1], bad_phone[2] = "显微镜下的世界", "报名请联系 13912345678"
    dangling = list(GOOD)
    dangling[1], dangling[3] = "航天模型", "no-such-base"
    exists = list(GOOD)
    exists[0], exists[1] = "shi-li-ke-hou-chuang-ke", "课后创客"
    paid = list(GOOD)
    paid[1], paid[12], paid[13] = "航模工作坊", "收费", 150
    sheet = workbook(
        tmp_path / "申报表.xlsx", HEADERS, [GOOD, bad_type, bad_phone, dangling, exists, [], paid]
    )
    before = (root / "content/courses/shi-li-ke-hou-chuang-ke.yml").read_text(encoding="utf-8")
    code, output = run_cli(
        capsys, root, "import", "course", str(sheet), "--today", TODAY.isoformat()
    )
    print(output)
    assert code == 1
    assert (
        "申报表.xlsx: 第 3 行: 授课形式（mode）：取值应为以下之一：线下、线上、双师课堂、混合"
        in output
    )
    assert "申报表.xlsx: 第 4 行: 简介（summary）：含有手机号码" in output
    assert "申报表.xlsx: 第 5 行: 基地编号（base）：引用的基地 no-such-base 不存在" in output
    assert "申报表.xlsx: 第 6 行: shi-li-ke-hou-chuang-ke 已存在" in output
    assert (
        "导入 2 条（新建 2 条，更新 0 条），0 条与已有记录相同（文件未改动），拒绝 4 行" in output
    )
    written = sorted(p.name for p in (root / "content/courses").glob("*.yml"))
    assert "tian-wen-guan-ce-ru-men.yml" in written and "hang-mo-gong-zuo-fang.yml" in written
    assert not any(name.startswith(("ji-qi-ren", "xian-wei-jing", "hang-tian")) for name in written)
    assert (root / "content/courses/shi-li-ke-hou-chuang-ke.yml").read_text(
        encoding="utf-8"
    ) == before
    record = yaml.safe_load(
        (root / "content/courses/tian-wen-guan-ce-ru-men.yml").read_text(encoding="utf-8")
    )
    assert record["region"] == "110108" and record["hours"] == 12
    assert record["fields"] == ["天文与航天", "信息科技"]
    assert record["last_verified"] == dt.date(2026, 11, 1)
    code, output = run_cli(capsys, root, "validate", "--today", TODAY.isoformat())
    assert code == 0, output


def test_update_replaces_an_existing_record(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    row = list(GOOD)
    row[0], row[1] = "shi-li-ke-hou-chuang-ke", "课后创客（新版）"
    sheet = workbook(tmp_path / "update.xlsx", HEADERS, [row])
    code, output = run_cli(capsys, root, "import", "course", str(sheet), "--update")
    assert code == 0, output
    text = (root / "content/courses/shi-li-ke-hou-chuang-ke.yml").read_text(encoding="utf-8")
    assert "课后创客（新版）" in text and text.startswith("# yaml-language-server: $schema=")


def test_csv_with_unknown_columns_is_refused(project, capsys, tmp_path: Path) -> None:
    root = project()
    sheet = tmp_path / "x.csv"
    sheet.write_text("课程名称,备注\n天文,无\n", encoding="utf-8-sig")
    code, output = run_cli(capsys, root, "import", "course", str(sheet))
    assert code == 2 and "无法识别的列：备注" in output
    assert not list((root / "content").rglob("*.yml"))


def _records(content: Path, kind: str) -> dict[str, dict]:
    folder = content / KINDS[kind].folder
    return {
        p.stem: KINDS[kind]
        .model.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
        .model_dump()
        for p in folder.glob("*.yml")
    }


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_then_import_round_trips_every_kind(
    project, capsys, tmp_path: Path, suffix: str
) -> None:
    source = project(GOLDEN_CONTENT, name="source")
    target = project(name="target")
    for kind in ORDER:
        sheet = tmp_path / f"{kind}.{suffix}"
        code, output = run_cli(capsys, source, "export", kind, str(sheet))
        assert code == 0, output
        code, output = run_cli(
            capsys, target, "import", kind, str(sheet), "--today", TODAY.isoformat()
        )
        assert code == 0, output
    for kind in ORDER:
        assert _records(target / "content", kind) == _records(source / "content", kind), kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_shipped_blank_templates_match_the_models(kind: str) -> None:
    book = load_workbook(ROOT / "spreadsheets" / f"{kind}.xlsx", read_only=True)
    headers = [c.value for c in next(book.worksheets[0].iter_rows(max_row=1))]
    assert headers == [c.header for c in columns(kind)], (
        "运行 python build.py export KIND spreadsheets/KIND.xlsx --template"
    )
    assert len(set(headers)) == len(headers)
    assert book.sheetnames == ["记录", "填写说明"]
