"""Field types and small models shared by the record kinds."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .. import regions
from ..vocab import CostType, Datum, Stage

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# What _http_url accepts: http or https (any case), "//", a non-empty host part, no whitespace inside.
URL_PATTERN = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+(?:[/?#]\S*)?\s*$"
# HH:MM. Digits are spelled [0-9]: Python's \d would also take full-width digits, JavaScript's not.
TIME_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
# Marks the region-code type; kejiao/schemas.py replaces it with one shared list of the codes.
REGION_MARK = "x-kejiao-region"
# What _single_line and _not_blank accept, for the editor: some non-space text, on one line.
ONE_LINE = {"pattern": r"^\s*\S[^\n]*\s*$", "patternErrorMessage": "应为一行文字，不能为空白或换行"}
NOT_BLANK = {"pattern": r"\S", "patternErrorMessage": "不能为空白"}
COST_AMOUNT = "收费时需填写金额 amount"
BOOKING_EMPTY = "预约方式至少填写 url、phone、email、note 之一"
# The box _in_china accepts (the editor checks the same bounds on each number).
CHINA_LAT = (3.0, 54.0)
CHINA_LON = (73.0, 136.0)


def _single_line(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("kj_blank", "不能为空白")
    if "\n" in value.strip():
        raise PydanticCustomError("kj_newline", "应为一行文字，不能换行")
    return value.strip()


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("kj_blank", "不能为空白")
    return value.strip()


def _http_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
        raise PydanticCustomError(
            "kj_url", "网址必须是以 http:// 或 https:// 开头的完整地址 (http(s) URL required)"
        )
    return value


def _region(value: str) -> str:
    if not re.fullmatch(r"[0-9]{6}", value):
        raise PydanticCustomError(
            "kj_region_format",
            '行政区划代码应为 6 位数字并加引号，例如 "110108" (GB/T 2260 code)',
        )
    if regions.lookup(value) is None:
        raise PydanticCustomError(
            "kj_region_unknown",
            "{code} 不是现行的行政区划代码（GB/T 2260）；请查民政部公布的代码 (unknown division code)",
            {"code": value},
        )
    return value


def _hhmm(value: str) -> str:
    if not re.fullmatch(TIME_PATTERN, value):
        raise PydanticCustomError("kj_time", '时间应写成 "HH:MM"，例如 "09:00" (time as HH:MM)')
    return value


# Validation context for values that are text by nature (spreadsheet cells): there "12" in an
# integer column is the number 12. YAML has real numbers, so record files never use it.
FROM_TEXT = {"from_text": True}


def _from_text(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("from_text"))


def _strict_int(value: Any, info: ValidationInfo) -> Any:
    """Integers are never guessed from text or true/false (`hours: "12"`, `hours: true`); a float
    such as 4.0 stays allowed because JSON, and so the editor, cannot tell it from 4."""
    if isinstance(value, str) and _from_text(info):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("kj_int_bool", "应为整数，不能写 true 或 false")
    if isinstance(value, str):
        if re.fullmatch(r"\s*[-+]?[0-9]+\s*", value):
            raise PydanticCustomError(
                "kj_int_text", "应为整数，不要加引号：写成 {number}", {"number": value.strip()}
            )
        # Not a number at all: pydantic's own error, worded by kejiao/messages.py as before.
        raise PydanticCustomError(
            "int_parsing", "Input should be a valid integer, unable to parse string as an integer"
        )
    return value


def _strict_number(value: Any, info: ValidationInfo) -> Any:
    """Numbers (coordinates, amounts) accept integers, never text or true/false."""
    if isinstance(value, str) and _from_text(info):
        return value
    if isinstance(value, bool):
        raise PydanticCustomError("kj_number_bool", "应为数字，不能写 true 或 false")
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            raise PydanticCustomError(
                "float_parsing",
                "Input should be a valid number, unable to parse string as a number",
            ) from None
        raise PydanticCustomError(
            "kj_number_text", "应为数字，不要加引号：写成 {number}", {"number": value.strip()}
        )
    return value


def _strict_bool(value: Any) -> Any:
    """Only true and false: 1, 0 and "true" are refused rather than guessed."""
    if not isinstance(value, bool):
        raise PydanticCustomError("kj_bool", "应为 true 或 false（不加引号，也不能写 1 或 0）")
    return value


def integer(*, ge: int, le: int | None = None) -> Any:
    """A strict integer type with its bounds (the bounds live in the type, never beside it)."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_strict_int)]


def number(*, ge: float | None = None, le: float | None = None) -> Any:
    return Annotated[float, Field(ge=ge, le=le), BeforeValidator(_strict_number)]


Flag = Annotated[bool, BeforeValidator(_strict_bool)]


def line(max_length: int = 200, *, pattern: str | None = None, hint: str = "") -> Any:
    """One line of text. Its limits are given here, not on the field: pydantic lets a type's own
    Field(max_length) override the field's, which once let a 300-character summary grow to 2,000."""
    extra: dict[str, Any] = {"allOf": [ONE_LINE]}
    if hint:
        extra["patternErrorMessage"] = hint
    return Annotated[
        str,
        Field(min_length=1, max_length=max_length, pattern=pattern, json_schema_extra=extra),
        AfterValidator(_single_line),
    ]


def paragraph(max_length: int = 2000) -> Any:
    """Prose of one or more lines."""
    return Annotated[
        str,
        Field(min_length=1, max_length=max_length, json_schema_extra={"allOf": [NOT_BLANK]}),
        AfterValidator(_not_blank),
    ]


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=80,
        description="记录编号：小写字母、数字和连字符",
        json_schema_extra={"patternErrorMessage": "编号只能用小写字母、数字和连字符"},
    ),
]
Line = line()
Paragraph = paragraph()
Summary = paragraph(300)
MarkdownText = paragraph(20000)
Url = Annotated[
    str,
    Field(
        max_length=500,
        description="网址，仅限 http:// 或 https://",
        json_schema_extra={
            "pattern": URL_PATTERN,
            "patternErrorMessage": "网址必须是以 http:// 或 https:// 开头的完整地址",
        },
    ),
    AfterValidator(_http_url),
]
RegionCode = Annotated[
    str,
    Field(
        description='GB/T 2260 行政区划代码（6 位，加引号），例如 "110108"',
        examples=["110108"],
        json_schema_extra={REGION_MARK: True},
    ),
    AfterValidator(_region),
]
Phone = Annotated[
    str,
    Field(
        pattern=r"^[0-9+()\- ]{5,20}$",
        description="机构电话（座机或 400/800 服务电话），不得填写个人手机号",
        json_schema_extra={"patternErrorMessage": "电话只能含数字、空格、+、-、括号，并加引号"},
    ),
]
Email = Annotated[
    str,
    Field(
        pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$",
        description="机构邮箱，不得填写个人邮箱",
        json_schema_extra={"patternErrorMessage": "邮箱格式不正确"},
    ),
]
Time = Annotated[
    str,
    AfterValidator(_hhmm),
    Field(
        description='时间，"HH:MM"，需加引号',
        json_schema_extra={
            "pattern": TIME_PATTERN,
            "patternErrorMessage": '时间应写成 "HH:MM" 并加引号，例如 "09:00"',
        },
    ),
]
Year = integer(ge=1949, le=2100)
Grade = integer(ge=1, le=12)
Number = number()
Amount = number(ge=0)


class Strict(BaseModel):
    """Unknown keys are errors: a typo must not pass silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, use_enum_values=False)


class GradeRange(Strict):
    """年级范围：1–12（1–6 小学，7–9 初中，10–12 高中）。"""

    start: Grade = Field(alias="from", description="起始年级（1–12）")
    end: Grade = Field(alias="to", description="结束年级（1–12）")
    vocational: Flag = Field(False, description="是否面向中职学生")
    stages: list[Stage] | None = Field(
        None, description="学段（可选）。五四制等地区可直接指定，覆盖按年级推算的结果"
    )

    @model_validator(mode="after")
    def _ordered(self) -> GradeRange:
        if self.start > self.end:
            raise PydanticCustomError(
                "kj_grade_order", "起始年级 from 不能大于结束年级 to (from > to)"
            )
        return self

    def derived_stages(self) -> list[Stage]:
        if self.stages:
            return list(dict.fromkeys(self.stages))
        out = []
        for stage, low, high in (
            (Stage.PRIMARY, 1, 6),
            (Stage.JUNIOR, 7, 9),
            (Stage.SENIOR, 10, 12),
        ):
            if self.start <= high and self.end >= low:
                out.append(stage)
        if self.vocational:
            out.append(Stage.VOCATIONAL)
        return out

    def label(self) -> str:
        stages = "、".join(s.value for s in self.derived_stages())
        span = f"{self.start}年级" if self.start == self.end else f"{self.start}–{self.end}年级"
        return f"{stages}（{span}）"


def one_of_required(names: tuple[str, ...], message: str) -> dict[str, Any]:
    """JSON Schema for "at least one of these fields, not empty" (the editor's copy of a check)."""
    return {
        "anyOf": [
            {
                "required": [name],
                "properties": {name: {"type": "string"}},
                "errorMessage": message,
            }
            for name in names
        ]
    }


class Cost(Strict):
    """费用。"""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"type": {"const": CostType.PAID.value}}, "required": ["type"]},
            "then": {
                "required": ["amount"],
                "properties": {"amount": {"type": "number", "errorMessage": COST_AMOUNT}},
                "errorMessage": COST_AMOUNT,
            },
        }
    )

    type: CostType = Field(description="免费 / 收费 / 合理成本分担")
    amount: Amount | None = Field(None, description="金额（元），收费时必填")
    unit: Line | None = Field(None, description="计价单位，例如 元/人、元/班")
    note: Paragraph | None = Field(None, description="补充说明")

    @model_validator(mode="after")
    def _amount(self) -> Cost:
        if self.type is CostType.PAID and self.amount is None:
            raise PydanticCustomError("kj_cost_amount", COST_AMOUNT + " (amount required)")
        return self

    def label(self) -> str:
        if self.amount is not None:
            amount = f"{self.amount:g} {self.unit or '元'}"
            return f"{self.type.value}（{amount}）"
        return self.type.value


class Booking(Strict):
    """预约方式：只能经机构或组织方联系，不得填写个人联系方式。"""

    model_config = ConfigDict(
        json_schema_extra=one_of_required(("url", "phone", "email", "note"), BOOKING_EMPTY)
    )

    organization: Line | None = Field(None, description="受理预约的机构")
    url: Url | None = Field(None, description="在线预约或报名网址")
    phone: Phone | None = None
    email: Email | None = None
    note: Paragraph | None = Field(None, description="预约须知，例如 提前 7 天预约")

    @model_validator(mode="after")
    def _something(self) -> Booking:
        if not (self.url or self.phone or self.email or self.note):
            raise PydanticCustomError("kj_booking_empty", BOOKING_EMPTY)
        return self


class Contact(Strict):
    """机构联系方式（座机、机构邮箱），不得填写个人信息。"""

    phone: Phone | None = None
    email: Email | None = None
    note: Paragraph | None = None


class Source(Strict):
    """信息来源：核实这条记录所依据的文件或网页。真实记录（非示例）须填写网址 url。"""

    title: Line = Field(description="来源名称，例如 官网、通知文号")
    url: Url | None = Field(
        None, description="来源网址，仅限 http:// 或 https://；真实记录必须填写，读者据此核对"
    )
    date: dt.date | None = Field(None, description="来源发布日期")


class FieldSource(Strict):
    """分项来源：一条记录的部分字段出自另一个网页时，注明这些字段、网址和核实日期。"""

    fields: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        min_length=1, description="出自这个来源的字段名，例如 opening_hours、booking"
    )
    title: Line = Field(description="来源名称，例如 参观须知页面")
    url: Url = Field(description="来源网址")
    checked: dt.date = Field(description="核实日期 YYYY-MM-DD（按这个网页核对的日期）")
    date: dt.date | None = Field(None, description="来源发布日期（网页或公告落款的日期）")


class Coordinates(Strict):
    """坐标；请注明坐标系（推荐 WGS-84，高德/腾讯为 GCJ-02，百度为 BD-09）。"""

    lat: Number = Field(
        description="纬度（北纬为正）",
        json_schema_extra={"minimum": CHINA_LAT[0], "maximum": CHINA_LAT[1]},
    )
    lon: Number = Field(
        description="经度（东经为正）",
        json_schema_extra={"minimum": CHINA_LON[0], "maximum": CHINA_LON[1]},
    )
    datum: Datum = Field(Datum.WGS84, description="坐标系")

    @model_validator(mode="after")
    def _in_china(self) -> Coordinates:
        lat_ok = CHINA_LAT[0] <= self.lat <= CHINA_LAT[1]
        if not (lat_ok and CHINA_LON[0] <= self.lon <= CHINA_LON[1]):
            raise PydanticCustomError(
                "kj_coordinates",
                "坐标不在中国境内；是否把经纬度写反了？(lat/lon outside China)",
            )
        return self


class DateRange(Strict):
    start: dt.date = Field(alias="from", description="开始日期 YYYY-MM-DD")
    end: dt.date = Field(alias="to", description="结束日期 YYYY-MM-DD")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start > self.end:
            raise PydanticCustomError("kj_date_order", "开始日期不能晚于结束日期 (from > to)")
        return self


# Chinese names of fields that group sub-fields (the spreadsheet headers name only the sub-fields).


class Record(Strict):
    """Fields every record carries."""

    last_verified: dt.date = Field(description="最后核实日期 YYYY-MM-DD")
    source: Source
    sources: list[FieldSource] = Field(
        default_factory=list,
        description="分项来源（可选）：记录中部分字段出自其他网页时，逐项注明字段、网址和核实日期",
    )
    example: Flag = Field(False, description="示例记录（不是真实资源）时写 true，页面显示“示例”")

    # The field that names the record on pages and in links ("title" or "name").
    title_field: ClassVar[str] = "title"
    # Fields that describe the record itself rather than the resource: no source cites them.
    _META_FIELDS: ClassVar[frozenset[str]] = frozenset(
        {"last_verified", "source", "sources", "example"}
    )

    @model_validator(mode="after")
    def _cited_fields_exist(self) -> Record:
        """A per-field source names fields this kind has; a typo would cite nothing."""
        known = [n for n in type(self).model_fields if n not in self._META_FIELDS]
        problems = [
            InitErrorDetails(
                type=PydanticCustomError(
                    "kj_source_field",
                    "“{name}”不是这种记录的字段，分项来源无法对应；请写字段名，例如 {example}",
                    {"name": name, "example": "、".join(known[:5])},
                ),
                loc=("sources", i, "fields", j),
                input=name,
            )
            for i, cited in enumerate(self.sources)
            for j, name in enumerate(cited.fields)
            if name not in known
        ]
        if problems:  # raised with its own location so the message points at the bad name
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self

    def source_for(self, field: str) -> Source | FieldSource:
        """The source a field's value comes from: its own per-field source, else the record's."""
        for cited in self.sources:
            if field in cited.fields:
                return cited
        return self.source

    def missing_source_url(self) -> bool:
        """A real record must say where its facts come from (a URL); demo records need not."""
        return not self.example and self.source.url is None

    @property
    def display_title(self) -> str:
        return str(getattr(self, self.title_field))
