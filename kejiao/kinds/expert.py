"""The 专家 kind (expert): a scientist or science worker who visits schools, invited through an
organisation. Published only with the person's consent, and never with a personal contact."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..models.expert import Expert
from ..ordering import by_title
from ..vocab import Domain, ExpertFormat
from .parts import (
    COMMON_COLUMNS,
    FIELD,
    GRADE,
    GRADE_COLUMNS,
    REGION,
    STAGE,
    Column,
    Table,
    common_row,
    entries,
    enum_facet,
    grades_row,
    region_chain,
)
from .spec import FacetValues, Kind, Related, grades_stages

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry
    from .parts import Linker


def _rows(catalogue: Catalogue, site_url: str) -> Iterator[dict[str, Any]]:
    for e in entries(catalogue, "expert"):
        x: Expert = e.model  # type: ignore[assignment]
        yield {
            "id": e.id,
            "name": x.name,
            "title": x.title,
            "affiliation": x.affiliation,
            "fields": [f.value for f in x.fields],
            "bio": x.bio,
            **grades_row(x.grades),
            "regions": list(x.regions),
            "formats": [f.value for f in x.formats],
            "profile_url": x.profile_url,
            "invite_organization": x.invite.organization,
            "invite_url": x.invite.url,
            **common_row(e, site_url),
        }


class ExpertKind(Kind):
    name, folder, label, model = "expert", "experts", "专家", Expert
    intro = "愿意走进中小学作科学报告、指导科技实践的专家和科技工作者（经组织方邀请）。"
    list_headers = ("专家", "单位", "职称", "领域")
    facets = (FIELD, STAGE, GRADE, REGION, enum_facet("format", "形式", ExpertFormat))
    date_sort = "最近核实"
    teacher_facts = (
        ("本人同意公开", lambda e, _: e.consent is not None),
        ("单位主页", lambda e, _: e.profile_url is not None),
        ("服务年级", lambda e, _: e.grades is not None),
        ("服务地区", lambda e, _: bool(e.regions)),
    )
    personal = True
    tables = (
        Table(
            "experts",
            "专家",
            "经本人同意公开的专家（不含任何个人联系方式）",
            [
                Column("id", "string", "专家编号", required=True),
                Column("name", "string", "姓名", required=True),
                Column("title", "string", "职称"),
                Column("affiliation", "string", "工作单位", required=True),
                Column("fields", "list", "领域", Domain),
                Column("bio", "string", "简介", required=True),
                *GRADE_COLUMNS,
                Column("regions", "list", "可服务地区（行政区划代码）"),
                Column("formats", "list", "服务形式", ExpertFormat),
                Column("profile_url", "string", "单位官网个人介绍页"),
                Column("invite_organization", "string", "受理邀请的组织", required=True),
                Column("invite_url", "string", "组织方邀请页面"),
                *COMMON_COLUMNS,
            ],
            _rows,
            ["id"],
        ),
    )

    def publishable(self, model: Expert) -> bool:
        return model.consent is not None

    def rules(self, model: Expert) -> Iterator[tuple[tuple, str]]:
        if model.consent is None:
            yield ("name",), "没有 consent（本人同意公开）记录：此专家不会发布到网站、检索和数据中"

    def description(self, model: Expert) -> str:
        return model.bio

    def stages(self, model: Expert) -> list:
        return grades_stages(model)

    def regions(self, model: Expert) -> list[str]:
        return list(model.regions)

    def related(self, catalogue: Catalogue, entry: Entry) -> Related:
        out = Related(courses=by_title(catalogue.referrers(entry, "course")))
        for topic_list in by_title(catalogue.referrers(entry, "topic_list")):
            out.topics.extend(
                (topic_list, item) for item in topic_list.model.items if item.speaker == entry.id
            )
        return out

    def list_cells(self, model: Expert) -> list[str]:
        return [model.affiliation, model.title or "", "、".join(model.fields)]

    def facet_values(self, entry: Entry) -> FacetValues:
        m: Expert = entry.model  # type: ignore[assignment]
        return FacetValues(
            {"field": m.fields, "region": region_chain(list(m.regions)), "format": m.formats},
            m.last_verified,
        )

    def jsonld(self, entry: Entry, link: Linker) -> dict[str, Any]:
        x: Expert = entry.model  # type: ignore[assignment]
        return {
            **link.person(entry),
            "description": x.bio,
            "knowsAbout": [f.value for f in x.fields],
            "sameAs": x.profile_url,
        }

    def search_keywords(self, entry: Entry, catalogue: Catalogue) -> list[Any]:
        m: Expert = entry.model  # type: ignore[assignment]
        return [m.affiliation, m.title or "", *m.formats]  # regions: searched as the region field

    def search_summary(self, model: Expert) -> str:
        return f"{model.title or ''} {model.affiliation}".strip()

    def app_record(self, entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
        m: Expert = entry.model  # type: ignore[assignment]
        return {"rs": list(m.regions), "af": m.affiliation, "ti": m.title,
                "fm": [f.value for f in m.formats]}  # fmt: skip


KIND = ExpertKind()
