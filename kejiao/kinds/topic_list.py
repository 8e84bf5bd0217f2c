"""The 主题清单 kind (topic_list): a published list of science-lecture topics schools can book."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..models.topic_list import TopicList
from ..vocab import Domain, Stage, TalkFormat
from .parts import (
    COMMON_COLUMNS,
    EXAMPLE,
    FIELD,
    GRADE_COLUMNS,
    LIST_STATUS,
    REGION,
    REGION_COLUMNS,
    STAGE,
    Column,
    Table,
    common_row,
    entries,
    grades_row,
    level,
    region_chain,
    region_row,
)
from .spec import FacetValues, Kind, Related

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry
    from .parts import Linker


def _zhdate(value: Any) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _lists(catalogue: Catalogue, site_url: str) -> Iterator[dict[str, Any]]:
    for e in entries(catalogue, "topic_list"):
        t: TopicList = e.model  # type: ignore[assignment]
        yield {
            "id": e.id,
            "title": t.title,
            "issuer": t.issuer,
            "valid_from": t.valid.start,
            "valid_to": t.valid.end,
            **region_row(t.region),
            "summary": t.summary,
            "items": len(t.items),
            **common_row(e, site_url),
        }


def _topics(catalogue: Catalogue, site_url: str) -> Iterator[dict[str, Any]]:
    for e in entries(catalogue, "topic_list"):
        t: TopicList = e.model  # type: ignore[assignment]
        for position, item in enumerate(t.items, start=1):
            speaker = item.speaker if item.speaker in catalogue.records["expert"] else None
            yield {
                "topic_list_id": e.id,
                "position": position,
                "title": item.title,
                "speaker_id": speaker,
                "organization": item.organization,
                "field": item.field.value,
                **grades_row(item.grades),
                "duration": item.duration,
                "format": item.format.value,
                "abstract": item.abstract,
                "example": t.example,
            }


class TopicListKind(Kind):
    name, folder, label, model = "topic_list", "topic-lists", "主题清单", TopicList
    intro = "各地发布的科学报告、科普活动主题清单，学校可据此预约报告。"
    list_headers = ("清单", "发布单位", "有效期", "主题数")
    facets = (LIST_STATUS, FIELD, STAGE, REGION)
    date_sort = "有效期截止"
    teacher_facts = (("适用地区", lambda t, _: t.region is not None),)
    references = ((("items", "*", "speaker"), "expert"),)
    flyer = True
    tables = (
        Table(
            "topic_lists",
            "主题清单",
            "科学报告、科普活动主题清单",
            [
                Column("id", "string", "清单编号", required=True),
                Column("title", "string", "清单名称", required=True),
                Column("issuer", "string", "发布单位", required=True),
                Column("valid_from", "date", "有效期起", required=True),
                Column("valid_to", "date", "有效期止", required=True),
                *REGION_COLUMNS,
                Column("summary", "string", "说明"),
                Column("items", "integer", "主题数", required=True),
                *COMMON_COLUMNS,
            ],
            _lists,
            ["id"],
        ),
        Table(
            "topics",
            "报告主题",
            "主题清单中的每个报告主题",
            [
                Column("topic_list_id", "string", "所属清单编号（topic_lists.id）", required=True),
                Column("position", "integer", "在清单中的序号", required=True),
                Column("title", "string", "报告题目", required=True),
                Column("speaker_id", "string", "主讲专家编号（experts.id）"),
                Column("organization", "string", "提供报告的单位"),
                Column("field", "string", "领域", Domain, required=True),
                *GRADE_COLUMNS,
                Column("duration", "integer", "时长（分钟）", required=True),
                Column("format", "string", "形式", TalkFormat, required=True),
                Column("abstract", "string", "内容简介", required=True),
                EXAMPLE,
            ],
            _topics,
            ["topic_list_id", "position"],
            [
                (["topic_list_id"], "topic_lists", ["id"]),
                (["speaker_id"], "experts", ["id"]),
            ],
        ),
    )

    def publishable(self, model: TopicList) -> bool:
        return True

    def rules(self, model: TopicList) -> Iterator[tuple[tuple, str]]:
        return iter(())

    def description(self, model: TopicList) -> str:
        return model.summary or model.title

    def stages(self, model: TopicList) -> list[Stage]:
        found = {s for i in model.items for s in i.grades.derived_stages()}
        return [s for s in Stage if s in found]

    def regions(self, model: TopicList) -> list[str]:
        return [model.region] if model.region else []

    def related(self, catalogue: Catalogue, entry: Entry) -> Related:
        out = Related()
        for item in entry.model.items:
            if item.speaker and (speaker := catalogue.get("expert", item.speaker)):
                out.speakers[item.speaker] = speaker
        return out

    def list_cells(self, model: TopicList) -> list[str]:
        span = f"{_zhdate(model.valid.start)} 至 {_zhdate(model.valid.end)}"
        return [model.issuer, span, str(len(model.items))]

    def facet_values(self, entry: Entry) -> FacetValues:
        m: TopicList = entry.model  # type: ignore[assignment]
        low = min(i.grades.start for i in m.items)
        high = max(i.grades.end for i in m.items)
        return FacetValues(
            {"field": list(dict.fromkeys(i.field for i in m.items)),
             "region": region_chain(self.regions(m)), "stage": self.stages(m),
             "grade": [f"{low}-{high}"]},
            m.valid.end,
            windows=[(m.valid.start, m.valid.end)],
        )  # fmt: skip

    def jsonld(self, entry: Entry, link: Linker) -> dict[str, Any]:
        t: TopicList = entry.model  # type: ignore[assignment]
        elements = []
        for position, item in enumerate(t.items, start=1):
            speaker = link.catalogue.get("expert", item.speaker) if item.speaker else None
            organisation = (
                {"@type": "Organization", "name": item.organization} if item.organization else None
            )
            event = {
                "@type": "EducationEvent",
                "name": item.title,
                "description": item.abstract,
                "educationalLevel": level(item.grades),
                "about": item.field.value,
                "duration": f"PT{item.duration}M",
                "performer": link.person(speaker) if speaker else organisation,
            }
            elements.append({"@type": "ListItem", "position": position, "item": event})
        return {
            "@type": "ItemList",
            "name": t.title,
            "description": t.summary,
            "url": link.url(entry),
            "numberOfItems": len(t.items),
            "itemListElement": elements,
        }

    def search_keywords(self, entry: Entry, catalogue: Catalogue) -> list[Any]:
        m: TopicList = entry.model  # type: ignore[assignment]
        return [m.issuer, *(item.title for item in m.items), *(item.field for item in m.items)]

    def search_summary(self, model: TopicList) -> str:
        return model.summary or ""

    def app_record(self, entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
        m: TopicList = entry.model  # type: ignore[assignment]
        items = [[i.title, i.speaker, i.field.value, [i.grades.start, i.grades.end], i.duration]
                 for i in m.items]  # fmt: skip
        return {
            "r": m.region, "v": [m.valid.start.isoformat(), m.valid.end.isoformat()],
            "iss": m.issuer, "it": items,
            "st": sorted({s.value for i in m.items for s in i.grades.derived_stages()}),
        }  # fmt: skip


KIND = TopicListKind()
