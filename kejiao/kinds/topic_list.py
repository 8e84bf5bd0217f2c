"""The 主题清单 kind (topic_list): a published list of science-lecture topics schools can book."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..models.topic_list import TopicItem, TopicList
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
    UNKNOWN,
    UNKNOWN_LABEL,
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


def validity(model: TopicList) -> str:
    """The validity as a reader sees it; a list that gives none says so (and when it was issued)."""
    if model.valid is not None:
        return f"{_zhdate(model.valid.start)} 至 {_zhdate(model.valid.end)}"
    issued = f"（{_zhdate(model.published)}发布）" if model.published else ""
    return UNKNOWN_LABEL + issued


def with_unknown(known: list[Any], any_unknown: bool) -> list[Any]:
    """A facet's values for a list whose items are partly unrecorded: the known values, and
    UNKNOWN when some item leaves the field empty, so the list stays under every filter value."""
    return [*known, UNKNOWN] if any_unknown else known


def _lists(catalogue: Catalogue, site_url: str) -> Iterator[dict[str, Any]]:
    for e in entries(catalogue, "topic_list"):
        t: TopicList = e.model  # type: ignore[assignment]
        yield {
            "id": e.id,
            "title": t.title,
            "issuer": t.issuer,
            "published": t.published,
            "valid_from": t.valid.start if t.valid else None,
            "valid_to": t.valid.end if t.valid else None,
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
                "speaker_name": item.speaker_name,
                "organization": item.organization,
                "field": item.field.value if item.field else None,
                **grades_row(item.grades),
                "duration": item.duration,
                "format": item.format.value if item.format else None,
                "abstract": item.abstract,
                "example": t.example,
            }


class TopicListKind(Kind):
    name, folder, label, model = "topic_list", "topic-lists", "主题清单", TopicList
    intro = "各地发布的科学报告、科普活动主题清单，学校可据此预约报告。"
    list_headers = ("清单", "发布单位", "有效期", "主题数")
    facets = (LIST_STATUS, FIELD, STAGE, REGION)
    date_sort = "有效期截止"
    teacher_facts = (
        ("有效期", lambda t, _: t.valid is not None),
        *(
            (
                f"各报告的{label}",
                lambda t, _, name=name: all(getattr(i, name) is not None for i in t.items),
            )
            for name, label in TopicItem.STATED
        ),
        ("适用地区", lambda t, _: t.region is not None),
    )
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
                Column("published", "date", "发布日期（空：未注明）"),
                Column("valid_from", "date", "有效期起（空：未注明）"),
                Column("valid_to", "date", "有效期止（空：未注明）"),
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
                Column("speaker_name", "string", "主讲人姓名（按清单原文，不在专家表中）"),
                Column("organization", "string", "提供报告的单位"),
                Column("field", "string", "领域（空：未注明）", Domain),
                *GRADE_COLUMNS,
                Column("duration", "integer", "时长（分钟；空：未注明）"),
                Column("format", "string", "形式（空：未注明）", TalkFormat),
                Column("abstract", "string", "内容简介（空：未注明）"),
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
        if model.valid is None and model.published is None:
            yield (
                ("title",),
                "清单没有有效期，也没有发布日期 published：读者无法判断它是否过时，请至少填写发布日期",
            )

    def description(self, model: TopicList) -> str:
        return model.summary or model.title

    def stages(self, model: TopicList) -> list[Stage]:
        """The stages of the items whose grades are stated (the others are 未注明)."""
        found = {s for i in model.items if i.grades for s in i.grades.derived_stages()}
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
        return [model.issuer, validity(model), str(len(model.items))]

    def facet_values(self, entry: Entry) -> FacetValues:
        m: TopicList = entry.model  # type: ignore[assignment]
        graded = [i.grades for i in m.items if i.grades]
        ungraded = len(graded) < len(m.items)
        fields = list(dict.fromkeys(i.field for i in m.items if i.field))
        values: dict[str, list[Any]] = {
            "field": with_unknown(fields, any(i.field is None for i in m.items)),
            "region": region_chain(self.regions(m)),
            "stage": with_unknown(list(self.stages(m)), ungraded),
        }
        if graded:  # the span of the stated grades (no grade filter on this list)
            values["grade"] = [f"{min(g.start for g in graded)}-{max(g.end for g in graded)}"]
        return FacetValues(
            values,
            m.valid.end if m.valid else None,
            windows=[(m.valid.start, m.valid.end)] if m.valid else [],
        )

    def jsonld(self, entry: Entry, link: Linker) -> dict[str, Any]:
        t: TopicList = entry.model  # type: ignore[assignment]
        elements = []
        for position, item in enumerate(t.items, start=1):
            speaker = link.catalogue.get("expert", item.speaker) if item.speaker else None
            organisation = (
                {"@type": "Organization", "name": item.organization} if item.organization else None
            )
            if speaker:
                performer = link.person(speaker)
            elif item.speaker_name:
                performer = {
                    "@type": "Person",
                    "name": item.speaker_name,
                    "affiliation": organisation,
                }
            else:
                performer = organisation
            event = {
                "@type": "EducationEvent",
                "name": item.title,
                "description": item.abstract,
                "educationalLevel": level(item.grades),
                "about": item.field.value if item.field else None,
                "duration": f"PT{item.duration}M" if item.duration else None,
                "performer": performer,
            }
            elements.append({"@type": "ListItem", "position": position, "item": event})
        return {
            "@type": "ItemList",
            "name": t.title,
            "description": t.summary,
            "url": link.url(entry),
            "datePublished": t.published.isoformat() if t.published else None,
            "numberOfItems": len(t.items),
            "itemListElement": elements,
        }

    def search_keywords(self, entry: Entry, catalogue: Catalogue) -> list[Any]:
        m: TopicList = entry.model  # type: ignore[assignment]
        return [
            m.issuer,
            *(item.title for item in m.items),
            *(item.speaker_name for item in m.items if item.speaker_name),
            *(item.organization for item in m.items if item.organization),
            *dict.fromkeys(item.field for item in m.items if item.field),
        ]

    def search_summary(self, model: TopicList) -> str:
        return model.summary or ""

    def app_record(self, entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
        m: TopicList = entry.model  # type: ignore[assignment]
        # A fact the list does not state is null (未注明), never a guess.
        items = [[i.title, i.speaker, i.field.value if i.field else None,
                  [i.grades.start, i.grades.end] if i.grades else None, i.duration]
                 for i in m.items]  # fmt: skip
        return {
            "r": m.region, "v": [m.valid.start.isoformat(), m.valid.end.isoformat()] if m.valid else None,
            "iss": m.issuer, "it": items, "st": [s.value for s in self.stages(m)],
        }  # fmt: skip


KIND = TopicListKind()
