"""The 竞赛 kind (competition): a competition for school students, with its place on the Ministry
of Education's whitelist (on the list is not a recommendation; off the list is not illegitimate)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..models.competition import Competition
from ..vocab import CostType, Domain, Level, Stage, WhitelistCategory
from .parts import (
    COMMON_COLUMNS,
    COMPETITION_STATUS,
    EXAMPLE,
    FIELD,
    STAGE,
    Column,
    Facet,
    Table,
    common_row,
    entries,
    enum_facet,
    link_table,
)
from .spec import FacetValues, Kind, Related

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry
    from .parts import Linker

NOT_LISTED = "不在名单"
# Said on every competition off the whitelist, on its list row and its page: a fact, not a verdict.
NOT_ON_WHITELIST = "未列入教育部白名单"


def _cycles(entries_: list[Entry]) -> list[tuple[str, str]]:
    """The whitelist facet's values: the cycles present, newest first, then 不在名单."""
    cycles = sorted(
        {e.model.whitelist.cycle for e in entries_ if e.model.whitelist and e.model.whitelist.cycle}
    )
    return [(c, f"{c} 名单") for c in reversed(cycles)] + [(NOT_LISTED, NOT_LISTED)]


def school_year_start(today: dt.date) -> dt.date:
    """1 September of the school year `today` falls in (the whitelist counts editions per 学年)."""
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def current_editions(competition: Competition, today: dt.date) -> list[Any]:
    """Editions with a date in this school year or later: last year's dates do not answer when."""
    start = school_year_start(today)
    return [
        e
        for e in competition.editions
        if any(r is not None and r.end >= start for r in (e.registration, e.event))
    ]


def _rows(catalogue: Catalogue, site_url: str) -> Iterator[dict[str, Any]]:
    for e in entries(catalogue, "competition"):
        c: Competition = e.model  # type: ignore[assignment]
        w = c.whitelist
        yield {
            "id": e.id,
            "name": c.name,
            "summary": c.summary,
            "organizers": list(c.organizers),
            "whitelist_cycle": w.cycle if w else None,
            "whitelist_category": w.category.value if w else None,
            "whitelist_notice": w.notice if w else None,
            "whitelist_seq": w.seq if w else None,
            "level": c.level.value,
            "stages": [s.value for s in c.stages],
            "fields": [f.value for f in c.fields],
            "fee_type": c.fee.type.value if c.fee else None,
            "website": c.website,
            **common_row(e, site_url),
        }


def _editions(catalogue: Catalogue, site_url: str) -> Iterator[dict[str, Any]]:
    for e in entries(catalogue, "competition"):
        c: Competition = e.model  # type: ignore[assignment]
        for position, ed in enumerate(c.editions, start=1):
            yield {
                "competition_id": e.id,
                "position": position,
                "name": ed.name,
                "registration_from": ed.registration.start if ed.registration else None,
                "registration_to": ed.registration.end if ed.registration else None,
                "event_from": ed.event.start if ed.event else None,
                "event_to": ed.event.end if ed.event else None,
                "url": ed.url,
                "example": c.example,
            }


class CompetitionKind(Kind):
    name, folder, label, model = "competition", "competitions", "竞赛", Competition
    intro = "面向中小学生的竞赛，标明是否列入教育部白名单及名单周期。"
    list_headers = ("竞赛", "白名单", "类别", "面向学段", "主办单位")
    facets = (COMPETITION_STATUS, Facet("whitelist", "白名单", "multi", dynamic=_cycles),
              enum_facet("category", "白名单类别", WhitelistCategory), STAGE, FIELD,
              enum_facet("level", "级别", Level))  # fmt: skip
    date_sort = "报名截止"
    teacher_facts = (
        ("官方网站", lambda c, _: c.website is not None),
        ("本届通知", lambda c, today: any(e.url for e in current_editions(c, today))),
        ("本届报名时间", lambda c, today: any(e.registration for e in current_editions(c, today))),
        ("本届比赛时间", lambda c, today: any(e.event for e in current_editions(c, today))),
        ("费用", lambda c, _: c.fee is not None),
    )
    references = ((("courses", "*"), "course"), (("bases", "*"), "base"))
    tables = (
        Table(
            "competitions",
            "竞赛",
            "面向中小学生的竞赛",
            [
                Column("id", "string", "竞赛编号", required=True),
                Column("name", "string", "名称", required=True),
                Column("summary", "string", "简介"),
                Column("organizers", "list", "主办单位"),
                Column("whitelist_cycle", "string", "教育部白名单周期，如 2025-2028"),
                Column("whitelist_category", "string", "白名单类别", WhitelistCategory),
                Column("whitelist_notice", "string", "白名单通知文号"),
                Column("whitelist_seq", "integer", "在白名单中的序号"),
                Column("level", "string", "级别", Level, required=True),
                Column("stages", "list", "面向学段", Stage),
                Column("fields", "list", "领域", Domain),
                Column("fee_type", "string", "费用类型", CostType),
                Column("website", "string", "官方网站"),
                *COMMON_COLUMNS,
            ],
            _rows,
            ["id"],
        ),
        Table(
            "editions",
            "竞赛届次",
            "每届竞赛的报名与比赛时间",
            [
                Column("competition_id", "string", "竞赛编号（competitions.id）", required=True),
                Column("position", "integer", "序号", required=True),
                Column("name", "string", "届次", required=True),
                Column("registration_from", "date", "报名开始"),
                Column("registration_to", "date", "报名截止"),
                Column("event_from", "date", "比赛开始"),
                Column("event_to", "date", "比赛结束"),
                Column("url", "string", "本届通知网址"),
                EXAMPLE,
            ],
            _editions,
            ["competition_id", "position"],
            [(["competition_id"], "competitions", ["id"])],
        ),
        link_table(
            "competition_courses",
            "竞赛—课程",
            "竞赛的相关课程",
            ("competition", "competitions", "竞赛"),
            ("courses", "course", "courses", "课程"),
        ),
        link_table(
            "competition_bases",
            "竞赛—基地",
            "竞赛的相关基地",
            ("competition", "competitions", "竞赛"),
            ("bases", "base", "bases", "基地"),
        ),
    )

    def publishable(self, model: Competition) -> bool:
        return True

    def rules(self, model: Competition) -> Iterator[tuple[tuple, str]]:
        if model.whitelist is None:
            return
        names = {"cycle": "名单周期 cycle", "notice": "通知文号 notice"}
        missing = [label for n, label in names.items() if getattr(model.whitelist, n) is None]
        if missing:
            yield ("whitelist",), f"白名单竞赛应注明{'、'.join(missing)}"

    def description(self, model: Competition) -> str:
        return model.summary or model.name

    def stages(self, model: Competition) -> list[Stage]:
        return list(model.stages)

    def regions(self, model: Competition) -> list[str]:
        return []

    def related(self, catalogue: Catalogue, entry: Entry) -> Related:
        m: Competition = entry.model  # type: ignore[assignment]
        return Related(
            courses=[e for i in m.courses if (e := catalogue.get("course", i))],
            bases=[e for i in m.bases if (e := catalogue.get("base", i))],
        )

    def list_cells(self, model: Competition) -> list[str]:
        w = model.whitelist
        return [(w.cycle or "是") if w else NOT_ON_WHITELIST, w.category.value if w else "",
                "、".join(model.stages), "、".join(model.organizers)]  # fmt: skip

    def facet_values(self, entry: Entry) -> FacetValues:
        m: Competition = entry.model  # type: ignore[assignment]
        windows = [(e.registration.start, e.registration.end) for e in m.editions if e.registration]
        return FacetValues(
            {"field": m.fields, "stage": m.stages, "level": [m.level],
             "whitelist": [m.whitelist.cycle or "白名单"] if m.whitelist else [NOT_LISTED],
             # off the list a category does not apply (not unknown)
             "category": [m.whitelist.category] if m.whitelist else [NOT_LISTED]},
            max((b for _, b in windows), default=None),
            windows=windows,
        )  # fmt: skip

    def jsonld(self, entry: Entry, link: Linker) -> dict[str, Any]:
        c: Competition = entry.model  # type: ignore[assignment]
        organizers = [{"@type": "Organization", "name": o} for o in c.organizers]
        events = []
        for edition in c.editions:
            offer = None
            if edition.registration:
                offer = {
                    "@type": "Offer",
                    "validFrom": edition.registration.start.isoformat(),
                    "validThrough": edition.registration.end.isoformat(),
                    "url": edition.url,
                }
            events.append(
                {
                    "@type": "Event",
                    "name": f"{c.name}（{edition.name}）",
                    "organizer": organizers,
                    "startDate": edition.event.start.isoformat() if edition.event else None,
                    "endDate": edition.event.end.isoformat() if edition.event else None,
                    "url": edition.url,
                    "offers": offer,
                }
            )
        return {
            "@type": "EventSeries",
            "name": c.name,
            "description": c.summary,
            "url": link.url(entry),
            "sameAs": c.website,
            "organizer": organizers,
            "subEvent": events,
            "audience": {
                "@type": "EducationalAudience",
                "educationalRole": "student",
                "audienceType": "、".join(s.value for s in c.stages),
            },
        }

    def search_keywords(self, entry: Entry, catalogue: Catalogue) -> list[Any]:
        m: Competition = entry.model  # type: ignore[assignment]
        words: list[Any] = [*m.organizers, m.level, *m.stages]
        if m.whitelist:
            words += ["白名单", m.whitelist.category, m.whitelist.cycle or ""]
        return words

    def search_summary(self, model: Competition) -> str:
        return model.summary or ""

    def app_record(self, entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
        m: Competition = entry.model  # type: ignore[assignment]

        def day(value: Any) -> str | None:
            return value.isoformat() if value else None

        editions = [
            [e.name, day(e.registration and e.registration.start),
             day(e.registration and e.registration.end), day(e.event and e.event.start),
             day(e.event and e.event.end)]
            for e in m.editions
        ]  # fmt: skip
        return {
            "st": [s.value for s in m.stages],
            "wl": (m.whitelist.cycle or "是") if m.whitelist else None,
            "lv": m.level.value,
            "ed": editions,
        }


KIND = CompetitionKind()
