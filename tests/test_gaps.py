"""`build.py gaps`: per real record, the facts a teacher needs that are still missing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .conftest import run_cli

BASE = """\
name: {name}
summary: 测试用场馆。
category: 科技场馆类
type: 科技馆
region: "110108"
address: 北京市海淀区测试路1号
{extra}last_verified: 2026-11-20
source:
  title: 官网
  url: https://example.org/
"""
FULL = """\
opening_hours:
  - days: [周二, 周三]
    opens: "09:00"
    closes: "17:00"
booking:
  url: https://example.org/booking
grades:
  from: 1
  to: 9
cost:
  type: 免费
services: [研学]
website: https://example.org/
"""
COMPETITION = """\
name: 测试竞赛
organizers: [测试学会]
level: 全国
stages: [初中]
website: https://example.org/c
editions:
  - name: 2025—2026学年
    url: https://example.org/c/2025
    registration: {from: 2026-03-01, to: 2026-04-30}
last_verified: 2026-11-20
source:
  title: 通知
  url: https://example.org/c
"""


def _content(root: Path) -> Path:
    (root / "bases").mkdir(parents=True)
    (root / "competitions").mkdir()
    (root / "bases" / "quan.yml").write_text(
        BASE.format(name="齐全馆", extra=FULL), encoding="utf-8"
    )
    (root / "bases" / "kong.yml").write_text(BASE.format(name="=空馆", extra=""), encoding="utf-8")
    (root / "bases" / "shi-li.yml").write_text(
        BASE.format(name="示例馆", extra="example: true\n"), encoding="utf-8"
    )
    (root / "competitions" / "sai.yml").write_text(COMPETITION, encoding="utf-8")
    return root


@pytest.fixture
def gap_project(project, tmp_path: Path) -> Path:
    return project(_content(tmp_path / "content"))


def test_lists_each_missing_fact_and_counts(capsys, gap_project: Path) -> None:
    code, out = run_cli(capsys, gap_project, "gaps", "--today", "2026-01-15")
    assert code == 0, out
    lines = out.splitlines()
    assert (
        "content/bases/kong.yml\t=空馆\t缺少：开放时间、预约方式、服务年级、费用、服务项目、官方网站"
        in lines
    )
    assert "content/competitions/sai.yml\t测试竞赛\t缺少：本届比赛时间、费用" in lines
    # A complete record and a demo record are not listed.
    assert "齐全馆" not in out and "示例馆" not in out
    assert (
        "基地：真实记录 2 条，齐全 1 条；缺少——开放时间 1，预约方式 1，服务年级 1，费用 1，"
        "服务项目 1，官方网站 1" in lines
    )
    assert (
        "竞赛：真实记录 1 条，齐全 0 条；缺少——官方网站 0，本届通知 0，本届报名时间 0，"
        "本届比赛时间 1，费用 1" in lines
    )


def test_last_school_years_edition_does_not_count(capsys, gap_project: Path) -> None:
    # The edition's registration closed 2026-04-30; from 2026-09-01 a new school year needs dates.
    args = ("gaps", "--kind", "competition", "--today")
    code, out = run_cli(capsys, gap_project, *args, "2026-09-01")
    assert code == 0, out
    assert "测试竞赛\t缺少：本届通知、本届报名时间、本届比赛时间、费用" in out
    code, out = run_cli(capsys, gap_project, *args, "2026-08-31")
    assert "测试竞赛\t缺少：本届比赛时间、费用" in out


def test_kind_filter_and_csv(capsys, gap_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "gaps.csv"
    code, out = run_cli(
        capsys, gap_project, "gaps", "--kind", "base", "--csv", str(target), "--today", "2026-01-15"
    )
    assert code == 0, out
    assert "测试竞赛" not in out and "竞赛：" not in out
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "类型",
        "名称",
        "文件",
        "缺少的信息",
        "官方网站",
        "机构电话",
        "信息来源",
        "最后核实",
    ]
    # One row per incomplete real record; a name that looks like a formula stays text.
    assert rows[1:] == [
        [
            "基地", "'=空馆", "content/bases/kong.yml",
            "开放时间、预约方式、服务年级、费用、服务项目、官方网站", "", "",
            "https://example.org/", "2026-11-20",
        ]
    ]  # fmt: skip
    assert list(target.parent.iterdir()) == [target]  # no scratch file left behind


def test_invalid_content_stops_with_the_validation_message(capsys, gap_project: Path) -> None:
    bad = gap_project / "content" / "bases" / "kong.yml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("科技场馆类", "场馆"), encoding="utf-8")
    code, out = run_cli(capsys, gap_project, "gaps")
    assert code == 1
    assert "content/bases/kong.yml:3:11: error: category:" in out


def test_unknown_kind_is_a_usage_error(capsys, gap_project: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_cli(capsys, gap_project, "gaps", "--kind", "venue")
    assert exit_.value.code == 2
