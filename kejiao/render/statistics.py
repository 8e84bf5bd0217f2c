"""The 统计 page: indicators against the policy's targets, counts by region, stage and field as SVG
charts, each with its table and a CSV of the same numbers."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import Catalogue
from ..kinds import KINDS
from ..kinds.parts import UNKNOWN_LABEL
from ..vocab import Domain
from .charts import bar_chart, table_csv
from .context import File, Output, Page, RenderContext
from .stats import compute


def statistics(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    stats = compute(catalogue)
    labels = [k.label for k in KINDS.values()]
    course_stages = stats.by_stage["course"]
    tables = {
        "fields": [[f, n] for f, n in stats.courses_by_field.items()],
        "stages": [[s] + [stats.by_stage[k][s] for k in KINDS] for s in course_stages]
        + [[UNKNOWN_LABEL] + [stats.stage_unknown.get(k, 0) for k in KINDS]],
        "topic_items": [list(row) for row in stats.topic_items],
        "categories": [[c, n] for c, n in stats.competitions_by_category.items()],
        "regions": [[name] + [counts[k] for k in KINDS] for _, name, counts in stats.by_province],
    }
    charts = {
        "fields": bar_chart("chart-fields", "各领域的课程数", list(stats.courses_by_field.items())),
        "stages": bar_chart("chart-stages", "各学段的课程数", list(course_stages.items())),
        "categories": bar_chart("chart-categories", "白名单竞赛数（按类别）",
                                list(stats.competitions_by_category.items())),
        "regions": bar_chart("chart-regions", "各省份的基地数",
                             [(name, counts["base"]) for _, name, counts in stats.by_province]),
    }  # fmt: skip
    body = context.body(
        "stats.html", "stats/", stats=stats, charts=charts, tables=tables, kind_labels=labels,
        fields=[d.value for d in Domain],
        examples=sum(1 for e in catalogue.all() if e.model.example),
    )  # fmt: skip
    yield Page("stats/", "统计", "按地区、学段和领域的资源统计与政策指标", body)
    yield File("stats/courses-by-field.csv", table_csv(["领域", "课程数"], tables["fields"]))
    yield File("stats/by-stage.csv", table_csv(["学段", *labels], tables["stages"]))
    yield File(
        "stats/competitions-by-category.csv", table_csv(["类别", "竞赛数"], tables["categories"])
    )
    yield File(
        "stats/topic-items.csv",
        table_csv(["信息", "已注明的报告数", "未注明的报告数"], tables["topic_items"]),
    )
    yield File("stats/by-province.csv", table_csv(["省份", *labels], tables["regions"]))
    indicators = [[i.title, i.display, i.target, i.source] for i in stats.indicators]
    yield File("stats/indicators.csv", table_csv(["指标", "当前", "目标", "依据"], indicators))
