"""The record models: valid records pass, and each invalid field is refused with its field path."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from kejiao.models import Base, Competition, Course, Expert, TopicList
from kejiao.vocab import Stage

COURSE: dict[str, Any] = {
    "title": "天文观测入门",
    "summary": "一门天文课。",
    "provider": "某某科协",
    "course_type": "科学素养系列课程",
    "fields": ["天文与航天"],
    "grades": {"from": 4, "to": 6},
    "hours": 12,
    "mode": "线下",
    "region": "110108",
    "cost": {"type": "免费"},
    "booking": {"url": "https://example.org/book"},
    "last_verified": "2026-11-01",
    "source": {"title": "官网"},
}
BASE: dict[str, Any] = {
    "name": "某某科技馆",
    "summary": "一个科技馆。",
    "category": "科技场馆类",
    "type": "科技馆",
    "region": "440113",
    "address": "广州市番禺区某路1号",
    "opening_hours": [{"days": ["周二"], "opens": "09:00", "closes": "17:00"}],
    "coordinates": {"lat": 23.04, "lon": 113.37, "datum": "GCJ-02"},
    "last_verified": "2026-11-01",
    "source": {"title": "官网", "url": "https://example.org/"},
}
EXPERT: dict[str, Any] = {
    "name": "张三",
    "affiliation": "某某大学",
    "fields": ["生物与医药"],
    "bio": "研究细胞。",
    "formats": ["进校报告"],
    "invite": {"organization": "某某科协"},
    "last_verified": "2026-11-01",
    "source": {"title": "单位主页"},
}
# A real published list often gives only titles and speakers: that is a whole record.
TOPICS: dict[str, Any] = {
    "title": "2026年春季科学报告主题清单",
    "issuer": "某某科协",
    "items": [{"title": "黑洞", "speaker_name": "某某"}],
    "last_verified": "2026-11-01",
    "source": {"title": "通知"},
}
COMPETITION: dict[str, Any] = {
    "name": "全国青少年无人机大赛",
    "organizers": ["中国航空学会"],
    "whitelist": {
        "cycle": "2025-2028",
        "category": "自然科学素养类",
        "notice": "教监管厅函〔2025〕7号",
    },
    "level": "全国",
    "stages": ["小学", "初中"],
    "last_verified": "2026-11-01",
    "source": {"title": "通知"},
}
MODELS = {"course": (Course, COURSE), "base": (Base, BASE), "expert": (Expert, EXPERT),
          "topic_list": (TopicList, TOPICS), "competition": (Competition, COMPETITION)}  # fmt: skip


def with_change(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    *parents, last = path.split(".")
    target: Any = out
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return out


@pytest.mark.parametrize("kind", MODELS)
def test_valid_minimal_records(kind: str) -> None:
    model, data = MODELS[kind]
    record = model.model_validate(data)
    assert record.display_title in (data.get("title"), data.get("name"))


INVALID = [
    ("course", "title", "", "title"),
    ("course", "title", "两行\n标题", "title"),
    ("course", "summary", ..., "summary"),
    ("course", "course_type", "夏令营", "course_type"),
    ("course", "fields", [], "fields"),
    ("course", "fields", ["天文"], "fields.0"),
    ("course", "grades.from", 0, "grades.from"),
    ("course", "grades.to", 13, "grades.to"),
    ("course", "grades.from", 9, "grades"),
    ("course", "hours", 0, "hours"),
    ("course", "mode", "面授", "mode"),
    ("course", "region", "110199", "region"),
    ("course", "region", "11010", "region"),
    ("course", "region", 110108, "region"),
    ("course", "cost", {"type": "收费"}, "cost"),
    ("course", "cost", {"type": "免费", "amount": -1}, "cost.amount"),
    ("course", "booking", {}, "booking"),
    ("course", "booking", {"url": "ftp://example.org/"}, "booking.url"),
    ("course", "booking", {"url": "javascript:alert(1)"}, "booking.url"),
    ("course", "experts", ["Bad Id"], "experts.0"),
    ("course", "last_verified", "2026-13-01", "last_verified"),
    ("course", "source", {"url": "https://example.org/"}, "source.title"),
    ("course", "extra_field", 1, "extra_field"),
    ("course", "provider", ..., ""),
    ("base", "category", "科技馆类", "category"),
    ("base", "opening_hours.0.opens", "9:00", "opening_hours.0.opens"),
    ("base", "opening_hours.0.closes", "08:00", "opening_hours.0"),
    ("base", "opening_hours.0.days", ["星期二"], "opening_hours.0.days.0"),
    ("base", "coordinates", {"lat": 116.3, "lon": 39.9}, "coordinates"),
    ("base", "coordinates", {"lat": 23.0, "lon": 113.0, "datum": "北京54"}, "coordinates.datum"),
    ("base", "website", "www.example.org", "website"),
    (
        "base",
        "recognitions",
        [{"title": "全国科普教育基地", "level": "国家", "start_year": 2021}],
        "recognitions.0.level",
    ),
    ("base", "services", ["参观"], "services.0"),
    ("base", "group_capacity", 0, "group_capacity"),
    ("expert", "invite", ..., "invite"),
    ("expert", "formats", [], "formats"),
    ("expert", "regions", ["999999"], "regions.0"),
    ("expert", "phone", "010-12345678", "phone"),
    ("expert", "consent", {"scope": "全部"}, "consent.date"),
    ("topic_list", "items", [], "items"),
    ("topic_list", "valid", {"from": "2026-07-01", "to": "2026-02-01"}, "valid"),
    ("topic_list", "items.0.duration", 5, "items.0.duration"),
    ("topic_list", "items.0.format", "报告会", "items.0.format"),
    ("topic_list", "items.0.speaker", "张三", "items.0.speaker"),
    ("competition", "organizers", [], "organizers"),
    ("competition", "whitelist.category", "科技类", "whitelist.category"),
    ("competition", "whitelist.cycle", "2025—2028", "whitelist.cycle"),
    ("competition", "level", "国家级", "level"),
    ("competition", "stages", ["大学"], "stages.0"),
    # Strict types: nothing is converted between text, numbers and true/false.
    ("course", "hours", "12", "hours"),
    ("course", "hours", True, "hours"),
    ("course", "hours", 12.5, "hours"),
    ("course", "grades.vocational", 1, "grades.vocational"),
    ("course", "grades.vocational", "true", "grades.vocational"),
    ("course", "grades.from", "4", "grades.from"),
    ("course", "cost", {"type": "收费", "amount": "30"}, "cost.amount"),
    ("course", "cost", {"type": "收费", "amount": True}, "cost.amount"),
    ("course", "example", 1, "example"),
    ("base", "coordinates", {"lat": "23.04", "lon": 113.37}, "coordinates.lat"),
    ("base", "group_capacity", True, "group_capacity"),
    ("base", "summary", "字" * 301, "summary"),
    ("competition", "summary", "字" * 301, "summary"),
    ("expert", "bio", "字" * 801, "bio"),
]


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        ("hours", "12", "不要加引号：写成 12"),
        ("hours", True, "不能写 true 或 false"),
        ("grades.vocational", 1, "应为 true 或 false"),
        ("cost", {"type": "收费", "amount": "30"}, "不要加引号：写成 30"),
    ],
)
def test_strict_types_say_how_to_fix_in_chinese(path: str, value: Any, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        Course.model_validate(with_change(COURSE, path, value))
    assert any(words in e["msg"] for e in info.value.errors()), info.value.errors()


def test_whole_numbers_written_as_decimals_stay_integers() -> None:
    # JSON (and so the editor) cannot tell 16.0 from 16: both sides accept it, unchanged in value.
    course = Course.model_validate(with_change(COURSE, "hours", 16.0))
    assert course.hours == 16 and isinstance(course.hours, int)


@pytest.mark.parametrize(("kind", "path", "value", "loc"), INVALID)
def test_invalid_field_is_refused_at_its_path(kind: str, path: str, value: Any, loc: str) -> None:
    model, data = MODELS[kind]
    with pytest.raises(ValidationError) as info:
        model.model_validate(with_change(data, path, value))
    locs = {".".join(map(str, e["loc"])) for e in info.value.errors()}
    assert loc in locs


def test_stages_are_derived_from_grades_unless_overridden() -> None:
    course = Course.model_validate(with_change(COURSE, "grades", {"from": 5, "to": 8}))
    assert course.grades.derived_stages() == [Stage.PRIMARY, Stage.JUNIOR]
    assert course.grades.label() == "小学、初中（5–8年级）"
    # 五四制: grade 6 belongs to 初中 in Shanghai
    course = Course.model_validate(
        with_change(COURSE, "grades", {"from": 6, "to": 6, "stages": ["初中"]})
    )
    assert course.grades.derived_stages() == [Stage.JUNIOR]
    vocational = Course.model_validate(
        with_change(COURSE, "grades", {"from": 10, "to": 12, "vocational": True})
    )
    assert vocational.grades.derived_stages() == [Stage.SENIOR, Stage.VOCATIONAL]


def test_text_is_stripped_and_cost_label() -> None:
    course = Course.model_validate(
        with_change(COURSE, "cost", {"type": "收费", "amount": 30, "unit": "元/人"})
    )
    assert course.cost.label() == "收费（30 元/人）"
    assert Course.model_validate(with_change(COURSE, "title", "  天文  ")).title == "天文"


def test_topic_item_states_only_what_the_list_says() -> None:
    """Title and a speaker are all an item needs; what the list omits stays None (未注明)."""
    item = TopicList.model_validate(TOPICS).items[0]
    assert (item.field, item.grades, item.duration, item.format, item.abstract) == (None,) * 5
    assert item.missing_facts() == ["适合年级", "时长", "形式", "领域"]
    full = {"title": "星空", "speaker_name": "某某", "field": "天文与航天", "grades": {"from": 4, "to": 6},
            "duration": 45, "format": "讲座"}  # fmt: skip
    assert TopicList.model_validate({**TOPICS, "items": [full]}).items[0].missing_facts() == []


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"title": "黑洞"}, "需填写 speaker（专家编号）、speaker_name"),
        ({"title": "黑洞", "speaker": "wang", "speaker_name": "王某"}, "就不要再填 speaker_name"),
    ],
)
def test_topic_item_needs_exactly_one_way_to_name_the_speaker(item: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        TopicList.model_validate({**TOPICS, "items": [item]})
