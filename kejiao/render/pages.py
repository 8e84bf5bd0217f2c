"""Render the catalogue's pages as source files for the site engine.

Each page is a Markdown file whose front matter and body hold only HTML that jinja2 has escaped: record
text never passes through Markdown syntax (where `[x](javascript:...)` would become a link), and the
Markdown fields of records are rendered and sanitised in `markup`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup, escape
from pypinyin import Style, lazy_pinyin

from .. import regions
from ..calendars import calendars
from ..catalogue import Catalogue
from ..content import Entry
from ..editor import EditorSettings, site_files
from ..feeds import atom_feed, robots_txt
from ..jsonld import JsonLd, script_tag
from ..kinds import KINDS, Kind
from ..models import Base, Competition, Course, Expert, TopicList
from ..opendata.package import data_files
from ..opendata.tables import TABLES
from ..settings import Licence
from ..stats import compute
from ..vocab import Domain
from .appdata import DIVISIONS_PATH, RECORDS_PATH, app_divisions, app_records
from .charts import bar_chart, table_csv
from .facets import facet_config, row_attributes
from .fieldref import field_reference
from .markup import markdown_to_html
from .qr import qr_svg
from .search_index import INDEX_PATH, search_index
from .urls import list_source, list_url, record_source, record_url, relative

INTROS = {
    "course": "科普教育基地、学会和学校开设的科学课程，可按学段、领域和地区选择。",
    "base": "可组织研学、开放日或送课进校的科普教育基地、场馆、实验室和企业。",
    "expert": "愿意走进中小学作科学报告、指导科技实践的专家和科技工作者（经组织方邀请）。",
    "topic_list": "各地发布的科学报告、科普活动主题清单，学校可据此预约报告。",
    "competition": "面向中小学生的竞赛，标明是否列入教育部白名单及名单周期。",
}


@dataclass(frozen=True)
class PageContext:
    """What the templates may know about the site beyond the catalogue."""

    site_name: str
    organization: str = ""
    feedback_url: str | None = None
    site_url: str = ""  # absolute, ending in "/", or "" when unknown
    stale_days: int = 365
    licence: Licence = field(default_factory=Licence)
    editor: EditorSettings = field(default_factory=EditorSettings)


@dataclass(frozen=True)
class Page:
    """One generated HTML page: a body that goes into a frame the site engine draws around it."""

    source: str  # e.g. courses/<id>.md
    url: str  # e.g. courses/<id>/
    title: str
    description: str
    body: str  # escaped HTML
    lastmod: dt.date | None = None
    # Record pages share one frame per kind, named by their folder (they are most of the site and
    # not in the navigation); every other page has a frame of its own.
    shell: str | None = None

    def front_matter(self) -> str:
        return _front_matter(self.title, self.description, lastmod=self.lastmod)

    def markdown(self) -> str:
        return self.front_matter() + self.body


@dataclass
class Output:
    """Everything the renderer makes: pages (framed by the engine) and files written as they are."""

    files: dict[str, str] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)  # by source

    def add(self, page: Page) -> None:
        self.pages[page.source] = page

    def sources(self) -> dict[str, str]:
        """Every file as the engine's source folder holds it (pages as Markdown)."""
        return self.files | {p.source: p.markdown() for p in self.pages.values()}


@dataclass
class Related:
    """A record's relations, both directions, ready for a template."""

    base: Entry | None = None
    experts: list[Entry] = field(default_factory=list)
    courses: list[Entry] = field(default_factory=list)
    bases: list[Entry] = field(default_factory=list)
    competitions: list[Entry] = field(default_factory=list)
    topics: list[tuple[Entry, Any]] = field(default_factory=list)
    speakers: dict[str, Entry] = field(default_factory=dict)


# Rows per list page: at 10,000 records the first page must stay well under 300 KB compressed.
PAGE_SIZE = 500
COLUMN_TYPES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否",
    "date": "日期",
    "list": "列表（; 分隔）",
}


def content_date(catalogue: Catalogue) -> dt.date:
    """The newest verification date: the content's own date, for reproducible output."""
    return max((e.model.last_verified for e in catalogue.all()), default=dt.date(2025, 1, 1))


def url_of(entry: Entry) -> str:
    return record_url(entry.kind.name, entry.id)


def zhdate(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


@cache
def _region_name(code: str) -> str:
    return regions.full_name(code)


def sort_key(entry: Entry) -> tuple[str, str]:
    """Chinese readers expect pinyin order, not code-point order."""
    return (_pinyin(entry.model.display_title), entry.id)


@cache
def _pinyin(title: str) -> str:
    return " ".join(lazy_pinyin(title, style=Style.TONE3))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kejiao", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["zhdate"] = zhdate
    env.filters["region"] = lambda code: _region_name(code) if code else ""
    env.globals.update(url_of=url_of, list_url=list_url)

    @jinja2.pass_context
    def href(context: jinja2.runtime.Context, to_url: str) -> str:
        return relative(context["page_url"], to_url)

    env.globals["href"] = href
    return env


def related(catalogue: Catalogue, entry: Entry) -> Related:
    m, out = entry.model, Related()
    by_title = sort_key
    if isinstance(m, Course):
        out.base = catalogue.get("base", m.base) if m.base else None
        out.experts = [e for i in m.experts if (e := catalogue.get("expert", i))]
        out.competitions = sorted(catalogue.referrers(entry, "competition"), key=by_title)
    elif isinstance(m, Base):
        out.courses = sorted(catalogue.referrers(entry, "course"), key=by_title)
        out.competitions = sorted(catalogue.referrers(entry, "competition"), key=by_title)
    elif isinstance(m, Expert):
        out.courses = sorted(catalogue.referrers(entry, "course"), key=by_title)
        for topic_list in sorted(catalogue.referrers(entry, "topic_list"), key=by_title):
            assert isinstance(topic_list.model, TopicList)
            out.topics.extend(
                (topic_list, item) for item in topic_list.model.items if item.speaker == entry.id
            )
    elif isinstance(m, TopicList):
        for item in m.items:
            if item.speaker and (speaker := catalogue.get("expert", item.speaker)):
                out.speakers[item.speaker] = speaker
    elif isinstance(m, Competition):
        out.courses = [e for i in m.courses if (e := catalogue.get("course", i))]
        out.bases = [e for i in m.bases if (e := catalogue.get("base", i))]
    return out


def _columns(kind: str) -> tuple[list[str], Callable[[Any], list[str]]]:
    def region(code: str | None) -> str:
        return _region_name(code) if code else ""

    table: dict[str, tuple[list[str], Callable[[Any], list[str]]]] = {
        "course": (
            ["课程", "类型", "学段年级", "领域", "地区", "费用"],
            lambda c: [
                c.course_type.value,
                c.grades.label(),
                "、".join(c.fields),
                region(c.region) or c.mode.value,
                c.cost.type.value,
            ],
        ),
        "base": (
            ["基地", "类别", "类型", "地区", "服务项目"],
            lambda b: [b.category.value, b.type.value, region(b.region), "、".join(b.services)],
        ),
        "expert": (
            ["专家", "单位", "职称", "领域"],
            lambda x: [x.affiliation, x.title or "", "、".join(x.fields)],
        ),
        "topic_list": (
            ["清单", "发布单位", "有效期", "主题数"],
            lambda t: [
                t.issuer,
                f"{zhdate(t.valid.start)} 至 {zhdate(t.valid.end)}",
                str(len(t.items)),
            ],
        ),
        "competition": (
            ["竞赛", "白名单", "类别", "面向学段", "主办单位"],
            lambda c: [
                (c.whitelist.cycle or "是") if c.whitelist else "",
                c.whitelist.category.value if c.whitelist else "",
                "、".join(c.stages),
                "、".join(c.organizers),
            ],
        ),
    }
    return table[kind]


def _front_matter(
    title: str, description: str, *, hide_toc: bool = True, lastmod: dt.date | None = None
) -> str:
    # MkDocs prints front-matter values into HTML unescaped, so they are escaped here; JSON strings
    # are valid YAML scalars.
    lines = [
        "---",
        f"title: {json.dumps(str(escape(title)), ensure_ascii=False)}",
        f"description: {json.dumps(str(escape(description)), ensure_ascii=False)}",
    ]
    if hide_toc:
        lines.append("hide: [toc]")
    if lastmod is not None:
        lines.append(f"lastmod: '{lastmod.isoformat()}'")
    # The header search uses the catalogue's own index; keep MkDocs' lunr index empty and cheap.
    lines.append("search: {exclude: true}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _description(model: Any) -> str:
    for name in ("summary", "bio"):
        value = getattr(model, name, None)
        if value:
            return " ".join(value.split())[:150]
    return model.display_title


class PageRenderer:
    def __init__(self, catalogue: Catalogue, context: PageContext) -> None:
        self.catalogue = catalogue
        self.context = context
        self.env = _environment()
        self.jsonld = JsonLd(catalogue, context.site_url)
        self.sorted = {
            name: sorted(by_id.values(), key=sort_key) for name, by_id in catalogue.records.items()
        }

    def _render(self, template: str, page_url: str, **values: Any) -> str:
        html = self.env.get_template(template).render(
            page_url=page_url,
            site_name=self.context.site_name,
            organization=self.context.organization,
            feedback_url=self.context.feedback_url,
            stale_days=self.context.stale_days,
            **values,
        )
        # A blank line would end the raw-HTML block that the page engine passes through.
        return re.sub(r"\n\s*\n", "\n", html)

    def _qr(self, entry: Entry) -> Markup | None:
        """A QR code of the record's address, for printed flyers (only with an absolute address)."""
        if not self.context.site_url or entry.kind.name not in ("course", "base", "topic_list"):
            return None
        return qr_svg(
            self.context.site_url + url_of(entry), f"{entry.model.display_title} 的网址二维码"
        )

    def record_page(self, entry: Entry) -> Page:
        description = getattr(entry.model, "description", None)
        body = self._render(
            f"{entry.kind.name}.html",
            url_of(entry),
            entry=entry,
            related=related(self.catalogue, entry),
            description=markdown_to_html(description) if description else Markup(""),
            jsonld=script_tag(self.jsonld.for_entry(entry, url_of(entry))),
            qr=self._qr(entry),
            absolute_url=self.context.site_url + url_of(entry),
        )
        return Page(
            source=record_source(entry.kind.name, entry.id),
            url=url_of(entry),
            title=entry.model.display_title,
            description=_description(entry.model),
            body=body,
            lastmod=entry.model.last_verified,
            shell=entry.kind.folder,
        )

    def listing(self, kind: Kind, out: Output) -> None:
        """The list page, split into pages of PAGE_SIZE rows so the first stays light; when split,
        rows.json holds every row for the browser's filters."""
        headers, cells = _columns(kind.name)
        entries = self.sorted[kind.name]
        rows = [(e, cells(e.model), row_attributes(e)) for e in entries]
        facets = facet_config(
            kind.name, entries, [attrs for _, _, attrs in rows]
        )  # once, not per page
        chunks = [rows[i : i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)] or [[]]
        folder = kind.folder
        page_urls = [list_url(kind.name)] + [
            f"{folder}/page/{n}/" for n in range(2, len(chunks) + 1)
        ]
        for number, chunk in enumerate(chunks, start=1):
            url = page_urls[number - 1]
            body = self._render(
                "list.html", url, kind=kind, headers=headers, rows=chunk, total=len(rows),
                page=number, page_urls=page_urls, intro=INTROS[kind.name],
                facets=facets,
                rows_json=f"{folder}/rows.json" if len(chunks) > 1 else None,
            )  # fmt: skip
            title = kind.label if number == 1 else f"{kind.label}（第 {number} 页）"
            source = list_source(kind.name) if number == 1 else f"{folder}/page/{number}.md"
            out.add(Page(source, url, title, INTROS[kind.name], body))
        if len(chunks) > 1:
            data = {
                "headers": headers,
                "rows": [
                    [url_of(e), e.model.display_title, 1 if e.model.example else 0, c, a]
                    for e, c, a in rows
                ],
            }
            out.files[f"{folder}/rows.json"] = (
                json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
            )

    def home(self) -> Page:
        counts = self.catalogue.counts()
        sections = [(kind, counts[name], INTROS[name]) for name, kind in KINDS.items()]
        body = self._render("home.html", "", sections=sections)
        return Page("index.md", "", self.context.site_name, "面向中小学的科学教育资源目录", body)

    def download(self, counts: dict[str, int]) -> Page:
        body = self._render(
            "download.html",
            "data/",
            tables=TABLES,
            counts=counts,
            kinds=list(KINDS.values()),
            licence=self.context.licence,
            types=COLUMN_TYPES,
        )
        return Page(
            "data/index.md",
            "data/",
            "数据下载",
            "本目录全部公开记录的开放数据：CSV、JSON 和数据包说明",
            body,
        )

    def statistics(self, out: Output) -> None:
        stats = compute(self.catalogue)
        labels = [k.label for k in KINDS.values()]
        tables = {
            "fields": [[f, n] for f, n in stats.courses_by_field.items()],
            "stages": [
                [s] + [stats.by_stage[k][s] for k in KINDS] for s in stats.by_stage["course"]
            ],
            "categories": [[c, n] for c, n in stats.competitions_by_category.items()],
            "regions": [
                [name] + [counts[k] for k in KINDS] for _, name, counts in stats.by_province
            ],
        }
        charts = {
            "fields": bar_chart("chart-fields", "各领域的课程数", [(f, n) for f, n in stats.courses_by_field.items()]),
            "stages": bar_chart("chart-stages", "各学段的课程数",
                                [(s, stats.by_stage["course"][s]) for s in stats.by_stage["course"]]),
            "categories": bar_chart("chart-categories", "白名单竞赛数（按类别）",
                                    list(stats.competitions_by_category.items())),
            "regions": bar_chart("chart-regions", "各省份的基地数",
                                 [(name, counts["base"]) for _, name, counts in stats.by_province]),
        }  # fmt: skip
        body = self._render(
            "stats.html", "stats/", stats=stats, charts=charts, tables=tables, kind_labels=labels,
            fields=[d.value for d in Domain],
        )  # fmt: skip
        out.add(
            Page("stats/index.md", "stats/", "统计", "按地区、学段和领域的资源统计与政策指标", body)
        )
        files = out.files
        files["stats/courses-by-field.csv"] = table_csv(["领域", "课程数"], tables["fields"])
        files["stats/by-stage.csv"] = table_csv(["学段", *labels], tables["stages"])
        files["stats/competitions-by-category.csv"] = table_csv(
            ["类别", "竞赛数"], tables["categories"]
        )
        files["stats/by-province.csv"] = table_csv(["省份", *labels], tables["regions"])
        files["stats/indicators.csv"] = table_csv(
            ["指标", "当前", "目标", "依据"],
            [[i.title, i.display, i.target, i.source] for i in stats.indicators],
        )

    def tool(self, tool: str, title: str, intro: str, fallback: str, fallback_label: str) -> Page:
        body = self._render(
            "tool.html", f"{tool}/", tool=tool, title=title, intro=intro, fallback=fallback,
            fallback_label=fallback_label,
        )  # fmt: skip
        return Page(f"{tool}/index.md", f"{tool}/", title, intro, body)

    def tools(self) -> list[Page]:
        return [
            self.tool(
                "finder", "找合作基地", "选择学校所在地区或使用当前位置，按直线距离列出附近的科普教育基地，"
                "可按年级和服务筛选。", "bases/", "全部基地"),
            self.tool(
                "recommend", "为我推荐", "填写年级、感兴趣的领域和所在地区，一次看到合适的课程、附近基地、"
                "专家与报告主题，以及可报名的竞赛，并说明推荐理由。", "courses/", "全部课程"),
            self.tool(
                "upcoming", "近期报名与开放日", "未来 30 天或 90 天内的竞赛报名截止日期和基地开放日，"
                "可导入手机日历。", "competitions/", "全部竞赛"),
            self.tool(
                "shortlist", "我的清单", "在任何课程、基地、专家、主题清单或竞赛页面点“加入清单”，"
                "清单保存在本机浏览器中，可打印、导出 CSV 或分享给同事。", "", "首页"),
        ]  # fmt: skip

    def render(self) -> Output:
        """Every page and file of the site."""
        out = self.site_outputs()
        for page in self.record_pages():
            out.add(page)
        return out

    def record_addresses(self) -> Iterator[tuple[str, dt.date]]:
        """Each record page's address and date, in the order of `record_pages`."""
        for name in KINDS:
            for entry in self.sorted[name]:
                yield url_of(entry), entry.model.last_verified

    def record_pages(self, share: int = 0, shares: int = 1) -> Iterator[Page]:
        """Every record's page, one at a time (at 100,000 records they do not fit in memory);
        or every `shares`-th of them from the `share`-th on, for one of several processes."""
        entries = (entry for name in KINDS for entry in self.sorted[name])
        for number, entry in enumerate(entries):
            if number % shares == share:
                yield self.record_page(entry)

    def site_outputs(self) -> Output:
        """Everything except the record pages: lists, home, tools, statistics, data and indexes."""
        out = Output()
        out.add(self.home())
        out.files["guide/fields.md"] = field_reference()
        out.files.update(site_files(self.context))  # /admin/ and /shenbao/ (kejiao/editor)
        updated = content_date(self.catalogue)
        data = data_files(
            self.catalogue,
            title=self.context.site_name,
            licence=self.context.licence,
            site_url=self.context.site_url,
            created=updated,
        )
        out.files.update(data)
        site_url = self.context.site_url
        out.files["feed.xml"] = atom_feed(
            self.catalogue,
            title=self.context.site_name,
            site_url=site_url,
            updated=updated,
        )
        out.files["robots.txt"] = robots_txt(site_url)
        out.files[INDEX_PATH] = search_index(self.catalogue, self.sorted)
        out.files[RECORDS_PATH] = app_records(self.catalogue, self.sorted)
        out.files[DIVISIONS_PATH] = app_divisions()
        out.files.update(calendars(self.catalogue, site_url=site_url, updated=updated))
        for page in self.tools():
            out.add(page)
        self.statistics(out)
        counts = {t.name: data[f"data/{t.name}.csv"].count("\n") - 1 for t in TABLES}
        out.add(self.download(counts))
        for kind in KINDS.values():
            self.listing(kind, out)
        return out


def render(catalogue: Catalogue, context: PageContext) -> Output:
    return PageRenderer(catalogue, context).render()


def render_pages(catalogue: Catalogue, context: PageContext) -> dict[str, str]:
    """Every generated file as the engine's source folder holds it (for tests and comparisons)."""
    return render(catalogue, context).sources()
