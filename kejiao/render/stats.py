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
from ..models.topic_list import TopicItem
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
    # Records of each kind that state no stage at all (未注明, not "none"): kind → count.
    stage_unknown: dict[str, int] = field(default_factory=dict)
    # The topic lists' items: (fact, items stating it, items leaving it 未注明).
    topic_items: list[tuple[str, int, int]] = field(default_factory=list)


def _stages(entry) -> list[Stage]:
    return entry.kind.stages(entry.model)


def _regions_of(entry) -> list[str]:
    return entry.kind.regions(entry.model)


UNKNOWN = "未注明"


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
    stage_unknown = dict.fromkeys(KINDS, 0)
    for entry in catalogue.all():
        stages = _stages(entry)
        for stage in stages:
            by_stage[entry.kind.name][stage.value] += 1
        if not stages:
            stage_unknown[entry.kind.name] += 1
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
    stage_field = {s.value: dict.fromkeys((d.value for d in Domain), 0) for s in Stage}
    for c in courses:  # one pass: a course counts once in each (stage, field) cell it falls in
        fields = set(c.fields)
        for s in set(c.grades.derived_stages()):
            row = stage_field[s.value]
            for d in Domain:
                if d in fields:
                    row[d.value] += 1
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
        stage_unknown=stage_unknown,
        topic_items=_topic_items(catalogue),
        experts_without_topic=sorted(
            (e.id, e.model.display_title)
            for e in records["expert"].values()
            if not catalogue.referrers(e, "topic_list")
        ),
    )


def _topic_items(catalogue: Catalogue) -> list[tuple[str, int, int]]:
    """How many of the topic lists' items state each fact a published list may omit, and how many
    leave it 未注明: an item without grades is counted as unknown, never as none."""
    items = [i for e in catalogue.records["topic_list"].values() for i in e.model.items]
    out = []
    for name, label in TopicItem.STATED:
        known = sum(1 for i in items if getattr(i, name) is not None)
        out.append((label, known, len(items) - known))
    return out


NINGBO = "宁波《关于“双进”助力“双减”……的意见》（甬科协〔2021〕86号）"


def _lectures(catalogue: Catalogue) -> list[Indicator]:
    """Ningbo's ≥ 100 scientist lectures a year, ≥ 20 % in rural schools, from the lectures the
    topic lists record as given (`delivered`). Without such records the value is 未注明, not 0."""
    given = [d for e in catalogue.records["topic_list"].values() for d in e.model.delivered]
    if not given:
        missing = ("主题清单中还没有记录已开展的报告（日期、报告题目、学校所在区县、是否乡村学校），"
                   "无法计算；这不表示没有开展报告")  # fmt: skip
        return [
            Indicator("lectures", "每年开展的科学家报告", None, UNKNOWN, "≥ 100 场/年", None, NINGBO, missing),
            Indicator("lectures-rural", "科学家报告中进乡村学校的比例", None, UNKNOWN, "≥ 20%", None,
                      NINGBO, missing),
        ]  # fmt: skip
    year = max(d.date.year for d in given)
    this_year = [d for d in given if d.date.year == year]
    known = [d for d in this_year if d.rural is not None]
    rural = sum(1 for d in known if d.rural)
    unknown = len(this_year) - len(known)
    value, text = _share(rural, len(known))
    if unknown:
        text += f"；另有 {unknown} 场未注明是否乡村学校"
    met = None if value is None else value >= 0.2
    if met is False and unknown and (rural + unknown) / len(this_year) >= 0.2:
        met = None  # the unknown ones could still reach the target: not known to be missed
    return [
        Indicator("lectures", f"{year} 年开展的科学家报告", len(this_year), f"{len(this_year)} 场",
                  "≥ 100 场/年", len(this_year) >= 100, NINGBO,
                  "按主题清单中记录的已开展报告计；未记录的报告不在其中"),
        Indicator("lectures-rural", f"{year} 年科学家报告中进乡村学校的比例", value, text, "≥ 20%", met,
                  NINGBO, "比例只在注明了是否乡村学校的报告中计算"),
    ]  # fmt: skip


def _indicators(
    catalogue: Catalogue, courses: list[Course], competitions: list[Competition]
) -> list[Indicator]:
    bases = list(catalogue.records["base"].values())
    # Unknown is not "no": a base whose services are not recorded is left out of the share.
    recorded = [b for b in bases if b.model.services]
    rural = sum(1 for b in recorded if Service.RURAL in b.model.services)
    rural_value, rural_text = _share(rural, len(recorded))
    if len(recorded) < len(bases):
        rural_text += f"；另有 {len(bases) - len(recorded)} 个基地未注明服务项目"
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
    ningbo = NINGBO
    return [
        *_lectures(catalogue),
        Indicator("rural-bases", "提供乡村服务的基地占比", rural_value, rural_text, "≥ 20%",
                  None if rural_value is None else rural_value >= 0.2, ningbo,
                  "以注明了“服务项目”的基地中含“乡村服务”的计；参考指标，文件的 20% 指科学家报告进乡村学校的比例"),
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
