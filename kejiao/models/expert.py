"""专家 (expert): a scientist or science volunteer who gives talks, invited only through an organisation.

An expert record carries no personal contact at all; without a consent entry it is not published.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from ..vocab import Domain, ExpertFormat
from .common import GradeRange, Line, Record, RegionCode, Strict, Url, paragraph


class Invitation(Strict):
    """邀请方式：经组织方（科协、学会、基地等）联系。"""

    organization: Line = Field(description="受理邀请的组织")
    url: Url | None = Field(None, description="组织方的预约或邀请页面")
    note: paragraph() | None = None


class Consent(Strict):
    """本人同意公开的记录（同意书原件保存在仓库以外）。"""

    date: dt.date = Field(description="签署同意的日期")
    scope: Line = Field(description="同意公开的范围，例如 姓名、职称、单位、简介、报告主题")
    reference: Line | None = Field(None, description="同意书存档编号（不含个人信息）")


class Expert(Record):
    """专家/科技工作者/科技志愿者。"""

    title_field: ClassVar[str] = "name"

    name: Line = Field(description="姓名")
    title: Line | None = Field(None, description="职称或职务")
    affiliation: Line = Field(description="工作单位")
    fields: list[Domain] = Field(min_length=1)
    bio: paragraph(800) = Field(description="简介（以单位官网公开信息为准，最多 800 字）")
    grades: GradeRange | None = None
    regions: list[RegionCode] = Field(default_factory=list, description="可服务的地区")
    formats: list[ExpertFormat] = Field(min_length=1, description="服务形式")
    profile_url: Url | None = Field(None, description="单位官网上的个人介绍页")
    invite: Invitation
    consent: Consent | None = Field(None, description="本人同意公开的记录；缺少时不发布")
