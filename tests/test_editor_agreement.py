"""The editor and `validate` give the same verdict on one file.

Each variant below is one record file with one typical mistake (or none). It goes through both sides:

- the editor's stack: a YAML 1.2 parser (ruamel.yaml in 1.2 mode, as yaml-language-server reads
  YAML 1.2 by default; dates stay text, as in YAML 1.2's core schema) and an independent JSON Schema
  validator (jsonschema's Draft7Validator) on the shipped schemas/*.schema.json;
- the project's own check (`kejiao.pipeline.check`), in process, as `python build.py validate` runs it.

Both must call the file valid or both invalid. The only exceptions are in EDITOR_CANNOT: a rule that
JSON Schema cannot express, keyed by the same names as kejiao.schemas.RULES_NOT_IN_SCHEMA and
listed for maintainers in docs/guide/editor.md. For those the test asserts that `validate` refuses
the file and the editor does not, so the list stays true in both directions.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError

from kejiao.diagnostics import Severity
from kejiao.pipeline import check
from kejiao.schemas import RULES_NOT_IN_SCHEMA

from .conftest import ROOT, TODAY

BASE_ID = "shi-yan-ke-ji-guan"

BASE = textwrap.dedent(
    """\
    name: 试验区青少年科技馆
    summary: 区级青少年科技教育场馆，提供研学课程和开放日。
    category: 科技场馆类
    type: 青少年活动中心
    recognitions:
      - title: 全国科普教育基地
        level: 国家级
        start_year: 2021
        end_year: 2025
    region: "110108"
    address: 北京市海淀区试验路1号
    coordinates:
      lat: 39.9593
      lon: 116.2981
      datum: WGS-84
    opening_hours:
      - days: [周二, 周三]
        opens: "09:00"
        closes: "17:00"
    hours_note: 周一闭馆。
    open_days:
      - title: 天文开放日
        date: 2026-12-05
    grades:
      from: 1
      to: 12
      vocational: true
    group_capacity: 120
    booking:
      organization: 试验科技馆教育部
      phone: 010-62345678
      note: 团体请提前预约。
    cost:
      type: 免费
      note: 材料按成本分担。
    accessibility: 有无障碍通道。
    website: https://example.org/
    contact:
      email: info@example.org
    last_verified: 2026-11-01
    source:
      title: 试验数据
      url: https://example.org/source
    """
)

COURSE = textwrap.dedent(
    """\
    title: 课后服务创客工坊
    summary: 小学课后服务时段的创客课程，用简单材料完成电路和结构作品。
    provider: 试验区少年宫
    course_type: 课后服务课程
    fields: [工程与技术, 机械与电子]
    grades:
      from: 3
      to: 6
    hours: 16
    lesson_minutes: 45
    mode: 线下
    region: "110108"
    venue: 进校授课
    cost:
      type: 收费
      amount: 200
      unit: 元/学期
    booking:
      organization: 试验区少年宫
      url: https://example.org/booking
    last_verified: 2026-11-01
    source:
      title: 试验数据
      url: https://example.org/source
    """
)

EXPERT = textwrap.dedent(
    """\
    name: 张试验
    title: 研究员
    affiliation: 试验研究所
    fields: [生物与医药]
    bio: 从事细胞生物学研究。
    regions: ["110108"]
    formats: [进校报告]
    invite:
      organization: 试验区科协
      url: https://example.org/invite
    consent:
      date: 2026-10-01
      scope: 姓名、职称、单位、简介
    last_verified: 2026-11-01
    source:
      title: 单位主页
      url: https://example.org/source
    """
)

TOPICS = textwrap.dedent(
    """\
    title: 2026年春季科学报告主题清单
    issuer: 试验区科协
    valid:
      from: 2026-02-01
      to: 2026-07-01
    items:
      - title: 黑洞
        organization: 试验天文馆
        field: 天文与航天
        grades: {from: 7, to: 9}
        duration: 45
        format: 讲座
        abstract: 讲黑洞。
      - title: 细胞
        organization: 试验研究所
        field: 生物与医药
        grades: {from: 7, to: 9}
        duration: 45
        format: 讲座
        abstract: 讲细胞。
    last_verified: 2026-11-01
    source:
      title: 通知
      url: https://example.org/source
    """
)

TEXT = {"base": BASE, "course": COURSE, "expert": EXPERT, "topic_list": TOPICS}
FOLDER = {"base": "bases", "course": "courses", "expert": "experts", "topic_list": "topic-lists"}


@dataclass(frozen=True)
class Variant:
    name: str
    kind: str
    old: str  # replaced once in the kind's valid record (empty: the record itself)
    new: str
    valid: bool  # the intended verdict of `validate`

    def text(self) -> str:
        source = TEXT[self.kind]
        if not self.old:
            return source
        assert source.count(self.old) == 1, f"{self.name}: {self.old!r} must occur once"
        return source.replace(self.old, self.new)


def v(name: str, kind: str, old: str = "", new: str = "", *, valid: bool) -> Variant:
    return Variant(name, kind, old, new, valid)


BASE_SUMMARY = "summary: 区级青少年科技教育场馆，提供研学课程和开放日。"
VARIANTS = [
    # --- a base ---
    v("base-valid", "base", valid=True),
    v("base-closes-unquoted-16:30", "base", 'closes: "17:00"', "closes: 16:30", valid=False),
    v("base-opens-9:00-one-digit", "base", 'opens: "09:00"', 'opens: "9:00"', valid=False),
    v("base-opens-full-width-digits", "base", 'opens: "09:00"', 'opens: "０９:００"', valid=False),
    v("base-closes-25:00", "base", 'closes: "17:00"', 'closes: "25:00"', valid=False),
    v("base-opens-after-closes", "base", 'opens: "09:00"', 'opens: "18:00"', valid=False),
    v("base-region-unknown", "base", 'region: "110108"', 'region: "110199"', valid=False),
    v("base-region-unquoted", "base", 'region: "110108"', "region: 110108", valid=False),
    v("base-region-five-digits", "base", 'region: "110108"', 'region: "11010"', valid=False),
    v("base-coordinates-outside-china", "base", "lat: 39.9593", "lat: 59.9593", valid=False),
    v("base-coordinates-swapped", "base", "lat: 39.9593\n  lon: 116.2981",
      "lat: 116.2981\n  lon: 39.9593", valid=False),
    v("base-coordinates-integer", "base", "lat: 39.9593", "lat: 40", valid=True),
    v("base-coordinates-quoted", "base", "lat: 39.9593", 'lat: "39.9593"', valid=False),
    v("base-summary-blank", "base", BASE_SUMMARY,
      'summary: "   "', valid=False),
    v("base-summary-301-characters", "base", BASE_SUMMARY, f"summary: {'很' * 301}", valid=False),
    v("base-summary-300-characters", "base", BASE_SUMMARY, f"summary: {'很' * 300}", valid=True),
    v("base-name-two-lines", "base", "name: 试验区青少年科技馆",
      "name: |\n  试验区\n  青少年科技馆", valid=False),
    v("base-name-block-one-line", "base", "name: 试验区青少年科技馆",
      "name: |\n  试验区青少年科技馆", valid=True),
    v("base-website-no-host", "base", "website: https://example.org/",
      "website: https:///index.html", valid=False),
    v("base-website-javascript", "base", "website: https://example.org/",
      "website: javascript:alert(1)", valid=False),
    v("base-website-upper-case-scheme", "base", "website: https://example.org/",
      "website: HTTPS://example.org/", valid=True),
    v("base-booking-mobile", "base", "phone: 010-62345678", 'phone: "13912345678"', valid=False),
    v("base-booking-phone-bare-number", "base", "phone: 010-62345678", "phone: 01062345670",
      valid=False),
    v("base-hours-note-mobile", "base", "hours_note: 周一闭馆。",
      "hours_note: 周一闭馆，咨询 139-1234-5678", valid=False),
    v("base-hours-note-mobile-part-full-width", "base", "hours_note: 周一闭馆。",
      "hours_note: 咨询 139１２３４５６７８", valid=False),
    v("base-contact-qq-mail", "base", "email: info@example.org", "email: 12345@qq.com",
      valid=False),
    v("base-booking-note-163-mail", "base", "note: 团体请提前预约。",
      "note: 团体预约请发邮件到 KePu@163.COM", valid=False),
    v("base-contact-mail-on-qq-com-cn", "base", "email: info@example.org",
      "email: info@qq.com.cn", valid=True),
    v("base-accessibility-wechat", "base", "accessibility: 有无障碍通道。",
      "accessibility: 预约加微信号 kepu_2024abc", valid=False),
    v("base-accessibility-id-number", "base", "accessibility: 有无障碍通道。",
      "accessibility: 负责人 11010519491231002X", valid=False),
    v("base-grades-from-greater-than-to", "base", "from: 1\n  to: 12", "from: 12\n  to: 1",
      valid=False),
    v("base-grades-13", "base", "to: 12", "to: 13", valid=False),
    v("base-vocational-1", "base", "vocational: true", "vocational: 1", valid=False),
    v("base-vocational-quoted-true", "base", "vocational: true", 'vocational: "true"',
      valid=False),
    v("base-vocational-yes", "base", "vocational: true", "vocational: yes", valid=False),
    v("base-capacity-quoted", "base", "group_capacity: 120", 'group_capacity: "120"',
      valid=False),
    v("base-capacity-true", "base", "group_capacity: 120", "group_capacity: true", valid=False),
    v("base-capacity-120.0", "base", "group_capacity: 120", "group_capacity: 120.0", valid=True),
    v("base-start-year-quoted", "base", "start_year: 2021", 'start_year: "2021"', valid=False),
    v("base-paid-without-amount", "base", "type: 免费", "type: 收费", valid=False),
    v("base-booking-without-channel", "base",
      "  phone: 010-62345678\n  note: 团体请提前预约。\n", "", valid=False),
    v("base-unknown-field", "base", "address:", "adress:", valid=False),
    v("base-open-day-november-31", "base", "date: 2026-12-05", "date: 2026-11-31", valid=False),
    v("base-open-day-february-29-leap", "base", "date: 2026-12-05", "date: 2028-02-29",
      valid=True),
    v("base-open-day-february-29-common", "base", "date: 2026-12-05", "date: 2027-02-29",
      valid=False),
    v("base-open-day-title-like-a-date", "base", "title: 天文开放日", "title: 2026-12-05",
      valid=False),
    v("base-anchor-and-alias", "base", "  note: 材料按成本分担。\naccessibility: 有无障碍通道。",
      "  note: &a 材料按成本分担。\naccessibility: *a", valid=False),
    v("base-duplicate-key", "base", "hours_note: 周一闭馆。",
      "hours_note: 周一闭馆。\nhours_note: 周二闭馆。", valid=False),
    v("base-example-1", "base", "source:", "example: 1\nsource:", valid=False),
    v("base-example-true", "base", "source:", "example: true\nsource:", valid=True),
    v("base-source-without-url", "base", "  url: https://example.org/source\n", "", valid=False),
    v("base-example-source-without-url", "base", "source:\n  title: 试验数据\n  url: https://example.org/source\n",
      "example: true\nsource:\n  title: 试验数据\n", valid=True),
    v("expert-source-without-url", "expert", "  url: https://example.org/source\n", "", valid=False),
    # --- a course ---
    v("course-valid", "course", valid=True),
    v("course-hours-012", "course", "hours: 16", "hours: 012", valid=False),
    v("course-hours-true", "course", "hours: 16", "hours: true", valid=False),
    v("course-hours-quoted", "course", "hours: 16", 'hours: "16"', valid=False),
    v("course-hours-16.0", "course", "hours: 16", "hours: 16.0", valid=True),
    v("course-hours-16.5", "course", "hours: 16", "hours: 16.5", valid=False),
    v("course-hours-0", "course", "hours: 16", "hours: 0", valid=False),
    v("course-lesson-minutes-false", "course", "lesson_minutes: 45", "lesson_minutes: false",
      valid=False),
    v("course-grade-quoted", "course", "from: 3", 'from: "3"', valid=False),
    v("course-neither-base-nor-provider", "course", "provider: 试验区少年宫\n", "", valid=False),
    v("course-base-instead-of-provider", "course", "provider: 试验区少年宫",
      f"base: {BASE_ID}", valid=True),
    v("course-base-unknown-id", "course", "provider: 试验区少年宫", "base: bu-cun-zai",
      valid=False),
    v("course-base-bad-id", "course", "provider: 试验区少年宫", "base: Shi_Yan", valid=False),
    v("course-paid-without-amount", "course", "  amount: 200\n", "", valid=False),
    v("course-paid-amount-empty", "course", "amount: 200", "amount:", valid=False),
    v("course-amount-quoted", "course", "amount: 200", 'amount: "200"', valid=False),
    v("course-amount-decimal", "course", "amount: 200", "amount: 199.5", valid=True),
    v("course-free-without-amount", "course", "  type: 收费\n  amount: 200\n",
      "  type: 免费\n", valid=True),
    v("course-booking-phone-only", "course", "url: https://example.org/booking",
      "phone: 010-62345678", valid=True),
    v("course-booking-gmail", "course", "url: https://example.org/booking",
      "email: teacher@gmail.com", valid=False),
    v("course-booking-url-no-host", "course", "url: https://example.org/booking",
      "url: http://", valid=False),
    v("course-summary-301-characters", "course", "summary: 小学课后服务时段的创客课程，用简单材料完成电路和结构作品。",
      f"summary: {'课' * 301}", valid=False),
    v("course-title-two-lines", "course", "title: 课后服务创客工坊",
      'title: "课后服务\\n创客工坊"', valid=False),
    v("course-provider-with-mobile", "course", "provider: 试验区少年宫",
      "provider: 试验区少年宫 张老师 13812345678", valid=False),
    v("course-mode-unknown", "course", "mode: 线下", "mode: 面授", valid=False),
    v("course-fields-empty", "course", "fields: [工程与技术, 机械与电子]", "fields: []",
      valid=False),
    v("course-region-unknown", "course", 'region: "110108"', 'region: "999999"', valid=False),
    v("course-region-omitted", "course", 'region: "110108"\n', "", valid=True),
    v("course-venue-yes", "course", "venue: 进校授课", "venue: yes", valid=False),
    v("course-last-verified-month-13", "course", "last_verified: 2026-11-01",
      "last_verified: 2026-13-01", valid=False),
    v("course-last-verified-quoted", "course", "last_verified: 2026-11-01",
      'last_verified: "2026-11-01"', valid=True),
    v("course-experts-bad-id", "course", "last_verified:", "experts: [Wang_Tian]\nlast_verified:",
      valid=False),
    v("course-id-field", "course", "title: 课后", "id: shi-yan\ntitle: 课后", valid=False),
    # --- an expert and a topic list: the person-record rule and the rules across two fields ---
    v("expert-valid", "expert", valid=True),
    v("expert-bio-with-work-mail", "expert", "bio: 从事细胞生物学研究。",
      "bio: 从事细胞生物学研究，邮箱 zhang@example.ac.cn", valid=False),
    v("expert-bio-801-characters", "expert", "bio: 从事细胞生物学研究。", f"bio: {'研' * 801}",
      valid=False),
    v("expert-region-unknown", "expert", 'regions: ["110108"]', 'regions: ["110199"]',
      valid=False),
    v("expert-consent-date-quoted", "expert", "date: 2026-10-01", 'date: "2026-10-01"',
      valid=True),
    v("topics-valid", "topic_list", valid=True),
    v("topics-duplicate-title", "topic_list", "title: 细胞", "title: 黑洞", valid=False),
    v("topics-valid-from-after-to", "topic_list", "from: 2026-02-01", "from: 2026-08-01",
      valid=False),
    v("topics-duration-quoted", "topic_list", "duration: 45\n    format: 讲座\n    abstract: 讲细胞",
      'duration: "45"\n    format: 讲座\n    abstract: 讲细胞', valid=False),
    v("topics-abstract-1001-characters", "topic_list", "abstract: 讲细胞。",
      f"abstract: {'讲' * 1001}", valid=False),
    # As bulletins publish them: a title and a speaker's name; no grades, duration, format, validity.
    v("topics-title-and-speaker-name-only", "topic_list",
      "  - title: 细胞\n    organization: 试验研究所\n    field: 生物与医药\n    grades: {from: 7, to: 9}\n"
      "    duration: 45\n    format: 讲座\n    abstract: 讲细胞。\n", "  - title: 细胞\n    speaker_name: 李老师\n",
      valid=True),
    v("topics-without-validity", "topic_list", "valid:\n  from: 2026-02-01\n  to: 2026-07-01\n",
      "published: 2026-02-01\n", valid=True),
    v("topics-no-speaker", "topic_list", "    organization: 试验研究所\n", "", valid=False),
    v("topics-speaker-id-and-name", "topic_list", "    organization: 试验研究所\n",
      "    speaker: shi-yan-zhuan-jia\n    speaker_name: 试验专家\n", valid=False),
]  # fmt: skip

# Variants `validate` refuses and the editor cannot, each for a rule of RULES_NOT_IN_SCHEMA.
EDITOR_CANNOT = {
    "base-closes-unquoted-16:30": "yaml_1_1",
    "base-open-day-title-like-a-date": "yaml_1_1",
    "course-hours-012": "yaml_1_1",
    "course-venue-yes": "yaml_1_1",
    "base-anchor-and-alias": "yaml_forms",
    "base-opens-after-closes": "hours_order",
    "base-grades-from-greater-than-to": "grades_order",
    "base-accessibility-id-number": "id_number",
    "course-base-unknown-id": "references",
    "topics-duplicate-title": "topic_titles",
    "topics-valid-from-after-to": "date_order",
}

# Variants whose verdict waits for other work (none now: 012 became an error in validate).
PENDING_YAML_BRANCH: set[str] = set()


# --- the editor's side ---


class _Yaml12Constructor(SafeConstructor):
    """YAML 1.2's core schema has no timestamps: a date is text, as the YAML extension reads it."""


_Yaml12Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str
)

# yaml-language-server checks `format: date` by its shape only (it does not know 2026-11-31 does
# not exist); the schema's own pattern checks the calendar.
_FORMATS = jsonschema.FormatChecker(formats=())


@_FORMATS.checks("date")
def _date_shape(value: object) -> bool:
    return not isinstance(value, str) or bool(
        re.fullmatch(r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])", value)
    )


def _validator(kind: str) -> jsonschema.Draft7Validator:
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=_FORMATS)


VALIDATORS = {kind: _validator(kind) for kind in TEXT}


def editor_errors(kind: str, text: str) -> list[str]:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _Yaml12Constructor
    yaml.version = (1, 2)
    try:
        data: Any = yaml.load(text)
    except YAMLError as exc:
        return [f"YAML: {exc}"]
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATORS[kind].iter_errors(data)
    ]


# --- the project's side ---


def validate_errors(kind: str, text: str, tmp_path: Path) -> list[str]:
    content = tmp_path / "content"
    for folder in FOLDER.values():
        (content / folder).mkdir(parents=True)
    (content / "bases" / f"{BASE_ID}.yml").write_text(BASE, encoding="utf-8")
    # A base variant replaces the base the courses refer to: beside it, it would be a copy.
    name = f"{BASE_ID}.yml" if kind == "base" else "variant.yml"
    path = content / FOLDER[kind] / name
    path.write_text(text, encoding="utf-8")
    _, diagnostics = check(content, root=tmp_path, today=TODAY)
    return [
        d.format()
        for d in diagnostics
        if d.severity is Severity.ERROR and d.path.endswith(f"{FOLDER[kind]}/{name}")
    ]


def _params() -> list[Any]:
    out = []
    for variant in VARIANTS:
        marks = []
        if variant.name in PENDING_YAML_BRANCH:
            marks.append(pytest.mark.xfail(strict=True, reason="yamlsafe still reads 012 as 10"))
        out.append(pytest.param(variant, id=variant.name, marks=marks))
    return out


def test_the_corpus_is_large_enough() -> None:
    assert len(VARIANTS) >= 40
    assert len({v.name for v in VARIANTS}) == len(VARIANTS)
    assert {v.kind for v in VARIANTS} == set(TEXT)


def test_every_exception_is_a_listed_rule() -> None:
    assert set(EDITOR_CANNOT.values()) <= set(RULES_NOT_IN_SCHEMA)
    assert set(EDITOR_CANNOT) <= {v.name for v in VARIANTS}
    guide = (ROOT / "docs" / "guide" / "editor.md").read_text(encoding="utf-8")
    for rule in RULES_NOT_IN_SCHEMA.values():
        assert rule in guide, rule


@pytest.mark.parametrize("variant", _params())
def test_editor_and_validate_agree(variant: Variant, tmp_path: Path) -> None:
    text = variant.text()
    ours = validate_errors(variant.kind, text, tmp_path)
    editor = editor_errors(variant.kind, text)
    assert (not ours) == variant.valid, ours
    if variant.name in EDITOR_CANNOT:
        assert editor == [], "the editor now catches this: remove it from EDITOR_CANNOT"
    else:
        assert (not editor) == variant.valid, editor
