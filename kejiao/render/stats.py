"""The policy's indicators computed from the catalogue (统计): counts by region, stage and field, the
targets of the policy documents with their current value, and the gaps. Pure functions of the
catalogue, so they can be checked by hand on a small fixture."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import regions
from ..catalogue import Catalogue
from ..kinds import KINDS
from ..models import Competition, Course
from ..vocab import CourseType, Domain, Service, Stage, WhitelistCategory


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    value: float | None  # None: the catalogue has no data to compute it
    display: str
    target: str
    met: bool | None
    source: str  # where the target comes from
    note: str = ""


@dataclass
class Statistics:
    by_kind: dict[str, int]
    by_province: list[tuple[str, str, dict[str, int]]]  # (code, name, kind → count)
    by_stage: dict[str, dict[str, int]]  # kind → stage → count
    courses_by_field: dict[str, int]
    competitions_by_category: dict[str, int]
    indicators: list[Indicator]
    districts_without_base: list[tuple[str, int, int, list[str]]]  # province, without, total, names
    empty_cells: list[tuple[str, str]]  # (stage, field) with no course
    stage_field: dict[str, dict[str, int]]
    experts_without_topic: list[tuple[str, str]] = field(default_factory=list)  # (id, name)


def _stages(entry) -> list[Stage]:
    return entry.kind.stages(entry.model)


def _regions_of(entry) -> list[str]:
    return entry.kind.regions(entry.model)


def _share(part: int, whole: int) -> tuple[float | None, str]:
    if not whole:
        return None, "无数据"
    value = part / whole
    return value, f"{value:.0%}（{part}/{whole}）"


def compute(catalogue: Catalogue) -> Statistics:
    records = catalogue.records
    by_kind = catalogue.counts()
    provinces: dict[str, dict[str, int]] = {}
    by_stage = {kind: dict.fromkeys((s.value for s in Stage), 0) for kind in KINDS}
    for entry in catalogue.all():
        for stage in _stages(entry):
            by_stage[entry.kind.name][stage.value] += 1
        for code in dict.fromkeys(c[:2] + "0000" for c in _regions_of(entry)):
            provinces.setdefault(code, dict.fromkeys(KINDS, 0))[entry.kind.name] += 1
    by_province = [
        (code, regions.lookup(code).name if regions.lookup(code) else code, counts)
        for code, counts in sorted(provinces.items())
    ]
    courses: list[Course] = [e.model for e in records["course"].values()]  # type: ignore[misc]
    courses_by_field = {d.value: sum(1 for c in courses if d in c.fields) for d in Domain}
    competitions = [e.model for e in records["competition"].values()]
    by_category = {
        c.value: sum(1 for m in competitions if m.whitelist and m.whitelist.category is c)
        for c in WhitelistCategory
    }
    stage_field = {
        s.value: {
            d.value: sum(1 for c in courses if d in c.fields and s in c.grades.derived_stages())
            for d in Domain
        }
        for s in Stage
    }
    empty = [(s, d) for s, row in stage_field.items() for d, n in row.items() if n == 0]
    return Statistics(
        by_kind=by_kind,
        by_province=by_province,
        by_stage=by_stage,
        courses_by_field=courses_by_field,
        competitions_by_category=by_category,
        indicators=_indicators(catalogue, courses, competitions),
        districts_without_base=_districts_without_base(catalogue),
        empty_cells=empty,
        stage_field=stage_field,
        experts_without_topic=sorted(
            (e.id, e.model.display_title)
            for e in records["expert"].values()
            if not catalogue.referrers(e, "topic_list")
        ),
    )


def _indicators(
    catalogue: Catalogue, courses: list[Course], competitions: list[Competition]
) -> list[Indicator]:
    bases = list(catalogue.records["base"].values())
    rural = sum(1 for b in bases if Service.RURAL in b.model.services)
    rural_value, rural_text = _share(rural, len(bases))
    experts = [e.model for e in catalogue.records["expert"].values()]
    county = sum(
        1
        for x in experts
        if any(regions.lookup(r) and regions.lookup(r).name.endswith("县") for r in x.regions)
    )
    county_value, county_text = _share(county, len(experts))
    complete = 0
    for base in bases:
        offered = Counter(c.model.course_type for c in catalogue.referrers(base, "course"))
        if offered[CourseType.STUDY_TOUR] >= 1 and offered[CourseType.EXTRACURRICULAR] >= 10:
            complete += 1
    complete_value, complete_text = _share(complete, len(bases))
    series = sum(
        1 for c in courses if c.course_type is CourseType.LITERACY_SERIES and 12 <= c.hours <= 16
    )
    listed = [c for c in competitions if c.whitelist and c.whitelist.cycle]
    ningbo = "宁波《关于“双进”助力“双减”……的意见》（甬科协〔2021〕86号）"
    return [
        Indicator("rural-bases", "提供乡村服务的基地占比", rural_value, rural_text, "≥ 20%",
                  None if rural_value is None else rural_value >= 0.2, ningbo,
                  "以基地“服务项目”中的“乡村服务”计；文件的 20% 指科学家报告进乡村学校的比例，此处为可得数据的近似。"),
        Indicator("county-experts", "可服务县域学校的专家占比", county_value, county_text, "≥ 20%",
                  None if county_value is None else county_value >= 0.2, ningbo,
                  "以专家“可服务地区”中含有县的记录计（近似）。"),
        Indicator("complete-bases", "开设 ≥1 门精品研学课程且 ≥10 门课外拓展课程的基地", complete_value,
                  complete_text, "每个基地", None if complete_value is None else complete_value >= 1.0, ningbo),
        Indicator("literacy-series", "12–16 课时的科学素养系列课程", series, f"{series} 门", "≥ 50 门",
                  series >= 50, ningbo),
        Indicator("whitelist", "列入教育部白名单的竞赛", len(listed), f"{len(listed)} 项", "2025—2028 学年共 47 项",
                  None, "教监管厅函〔2025〕7号", "名单只说明经过备案，不代表官方推荐。"),
        Indicator("pairing", "每所学校至少结对一个科普机构", None, "无数据", "每校 ≥ 1 个",
                  None, "北京市《关于加强新时代中小学科学教育工作的二十条措施》第 11 条",
                  "本目录不收录学校名单，暂不能计算结对情况。"),
    ]  # fmt: skip


def _districts_without_base(catalogue: Catalogue) -> list[tuple[str, int, int, list[str]]]:
    """Per province with any record: districts that have no base, of all its districts."""
    covered = {e.model.region for e in catalogue.records["base"].values()}
    active = {c[:2] for e in catalogue.all() for c in _regions_of(e)}
    out = []
    for code, division in regions.table().items():
        if division.level != "province" or code[:2] not in active:
            continue
        districts = [
            d for d in regions.table().values() if d.level == "district" and d.code[:2] == code[:2]
        ]
        missing = [d.name for d in districts if d.code not in covered]
        out.append((division.name, len(missing), len(districts), missing))
    return out
