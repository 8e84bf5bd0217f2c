"""Data for the browser tools (partner-base finder, recommendations, shortlist, upcoming dates):
every published record as a compact JSON object, split into shards so that each tool page
downloads only what it asks about (render/appshards.py; app/manifest.json lists them), the
division table with approximate centres (whole for the editor, per province for the tools), and
the vocabularies, stage rules and record contract the tools read instead of hand copies
(docs/assets/core.js and app.js). Loaded only by the tool pages and the editor."""

from __future__ import annotations

import json
from typing import Any

from .. import regions, vocab
from ..catalogue import Catalogue
from ..content import Entry
from ..kinds import KINDS
from ..models.common import GradeRange
from . import appshards
from .context import content_date

MANIFEST_PATH = "app/manifest.json"
DIVISIONS_PATH = "app/divisions.json"  # the whole table, for the editor's region picker
VOCAB_PATH = "app/vocab.json"


# The contract of a record in the app shards (app/<folder>/<province>.json, app/dates/*.json,
# app/refs/*.json), read by docs/assets/app.js: every key a record may carry.
# Keys are short because the file is downloaded by phones; their meaning is written here once.
APP_KEYS = {
    "k": "种类序号（kinds 中的位置）", "id": "编号", "t": "标题", "g": "年级范围 [起, 止]",
    "st": "学段", "f": "领域", "ex": "示例记录（1）", "r": "行政区划代码", "b": "开设基地编号",
    "mo": "授课形式", "c": "费用类型", "h": "总课时", "ty": "课程类型", "bk": "预约方式（网址或电话）",
    "sv": "服务项目", "ad": "地址", "od": "开放日 [开始, 结束, 名称]", "cs": "开设课程 [编号, 名称]", "cf": "开设课程的领域",
    "ll": "坐标 [纬度, 经度]", "ap": "坐标为区县中心的近似位置（1）", "rs": "可服务地区",
    "af": "工作单位", "ti": "职称", "fm": "服务形式", "v": "有效期 [起, 止]", "iss": "发布单位",
    "it": "报告主题 [题目, 主讲专家编号, 领域, 年级范围, 时长]（清单没写的为 null，即未注明）", "wl": "白名单周期",
    "lv": "级别", "bt": "基地类型", "ed": "届次 [名称, 报名开始, 报名截止, 比赛开始, 比赛结束]",
}  # fmt: skip


def _record(entry: Entry, catalogue: Catalogue, kinds: list[str]) -> dict[str, Any]:
    m = entry.model
    grades = getattr(m, "grades", None)
    out: dict[str, Any] = {
        "k": kinds.index(entry.kind.name), "id": entry.id, "t": m.display_title,
        "g": [grades.start, grades.end] if grades is not None else None,
        "st": [s.value for s in grades.derived_stages()] if grades else [],
        "f": [f.value for f in getattr(m, "fields", [])],
    }  # fmt: skip
    if m.example:
        out["ex"] = 1
    out.update(entry.kind.app_record(entry, catalogue))
    return {k: v for k, v in out.items() if v not in (None, [], "")}


def app_records(catalogue: Catalogue, ordered: dict[str, list[Entry]]) -> dict[str, str]:
    """The record shards and app/manifest.json (path → text)."""
    names = list(KINDS)
    kinds = [[k.folder, k.label, name] for name, k in KINDS.items()]
    records = [_record(e, catalogue, names) for name in names for e in ordered[name]]
    type_domains = {t.value: [d.value for d in ds] for t, ds in BASE_TYPE_DOMAINS.items()}
    since = content_date(catalogue).isoformat()
    domains = [d.value for d in vocab.Domain]
    files, manifest = appshards.split(records, kinds, domains, type_domains, since)
    files[MANIFEST_PATH] = appshards.dumps({"kinds": kinds, **manifest})
    return files


def _division_table() -> dict[str, list[Any]]:
    table = {}
    for code, division in regions.table().items():
        point = regions.centre(code)
        table[code] = [division.name, division.parent, *(point or [])]
    return table


def app_divisions() -> dict[str, str]:
    """The whole division table (the editor's) and its per-province pieces (the tools')."""
    table = _division_table()
    files = {DIVISIONS_PATH: json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n"}
    files.update(appshards.division_files(table, {c: row[1] for c, row in table.items()}))
    return files


# Subjects a base's type speaks for, so 为我推荐 can weigh the chosen subject for bases (which record
# no subjects of their own). Only specialised types are listed; a science centre, a museum in
# general or a lab could be about anything, so for them the subject stays 未注明 (unknown), never no.
BASE_TYPE_DOMAINS: dict[vocab.BaseType, list[vocab.Domain]] = {
    vocab.BaseType.PLANETARIUM: [vocab.Domain.ASTRONOMY_SPACE],
    vocab.BaseType.BOTANICAL_GARDEN: [vocab.Domain.BIOLOGY_MEDICINE, vocab.Domain.EARTH_ENVIRONMENT,
                                      vocab.Domain.AGRICULTURE_FOOD],
    vocab.BaseType.NATURAL_HISTORY: [vocab.Domain.BIOLOGY_MEDICINE, vocab.Domain.EARTH_ENVIRONMENT],
    vocab.BaseType.ZOO_AQUARIUM: [vocab.Domain.BIOLOGY_MEDICINE, vocab.Domain.EARTH_ENVIRONMENT],
    vocab.BaseType.FARM: [vocab.Domain.AGRICULTURE_FOOD],
    vocab.BaseType.NATURE_RESERVE: [vocab.Domain.EARTH_ENVIRONMENT, vocab.Domain.BIOLOGY_MEDICINE],
}  # fmt: skip


def _grade_limits() -> tuple[int, int]:
    """The grades a GradeRange accepts, read from the model's own constraints."""
    low = high = None
    for meta in GradeRange.model_fields["start"].metadata:
        low = getattr(meta, "ge", low)
        high = getattr(meta, "le", high)
    assert low is not None and high is not None
    return int(low), int(high)


def stage_rules() -> dict[str, Any]:
    """学段 by grade, computed by GradeRange itself (so the browser agrees with every page):
    byGrade maps each grade to its stages, order is the vocabulary's order, vocational is the
    stage a range marked `vocational` adds."""
    low, high = _grade_limits()
    by_grade = {
        str(g): [s.value for s in GradeRange.model_validate({"from": g, "to": g}).derived_stages()]
        for g in range(low, high + 1)
    }
    plain = set(GradeRange.model_validate({"from": low, "to": low}).derived_stages())
    vocational = [
        s
        for s in GradeRange.model_validate(
            {"from": low, "to": low, "vocational": True}
        ).derived_stages()
        if s not in plain
    ]
    return {
        "grades": [low, high],
        "byGrade": by_grade,
        "order": [s.value for s in vocab.Stage],
        "vocational": vocational[0].value,
    }


def app_vocab() -> str:
    """app/vocab.json: what the browser tools offer and how they read the app records."""
    payload = {
        "domains": [d.value for d in vocab.Domain],
        "services": [s.value for s in vocab.Service],
        "stages": stage_rules(),
        "baseTypeDomains": {t.value: [d.value for d in ds] for t, ds in BASE_TYPE_DOMAINS.items()},
        "keys": APP_KEYS,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"
