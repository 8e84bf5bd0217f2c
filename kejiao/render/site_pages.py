"""The home page and the four browser tools' pages."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import Catalogue
from ..kinds import KINDS
from .context import Page, RenderContext

# (address, title, introduction, where to go without JavaScript, its label)
TOOLS = [
    ("finder", "找合作基地", "选择学校所在地区或使用当前位置，按直线距离列出附近的科普教育基地，"
     "可按年级和服务筛选。", "bases/", "全部基地"),
    ("recommend", "为我推荐", "填写年级、感兴趣的领域和所在地区，一次看到合适的课程、附近基地、"
     "专家与报告主题，以及可报名的竞赛，并说明推荐理由。", "courses/", "全部课程"),
    ("upcoming", "近期报名与开放日", "未来 30 天或 90 天内的竞赛报名截止日期和基地开放日，"
     "可导入手机日历。", "competitions/", "全部竞赛"),
    ("shortlist", "我的清单", "在任何课程、基地、专家、主题清单或竞赛页面点“加入清单”，"
     "清单保存在本机浏览器中，可打印、导出 CSV 或分享给同事。", "", "首页"),
]  # fmt: skip


def home(catalogue: Catalogue, context: RenderContext) -> Iterator[Page]:
    counts = catalogue.counts()
    sections = [
        (kind, counts[name], sum(1 for e in catalogue.records[name].values() if e.model.example),
         kind.intro)
        for name, kind in KINDS.items()
    ]  # fmt: skip
    body = context.body("home.html", "", sections=sections)
    yield Page("", context.page.site_name, "面向中小学的科学教育资源目录", body)


def tools(catalogue: Catalogue, context: RenderContext) -> Iterator[Page]:
    for tool, title, intro, fallback, fallback_label in TOOLS:
        body = context.body(
            "tool.html", f"{tool}/", tool=tool, title=title, intro=intro, fallback=fallback,
            fallback_label=fallback_label, site_url=context.page.site_url,
        )  # fmt: skip
        yield Page(f"{tool}/", title, intro, body)
