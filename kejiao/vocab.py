"""Controlled vocabularies shared by every record kind (values are what maintainers write in YAML)."""

from __future__ import annotations

from enum import StrEnum


class Domain(StrEnum):
    """领域: one list for all kinds, so a teacher's filter means the same thing everywhere."""

    MATH_AI = "数学与人工智能"
    PHYSICS_CHEMISTRY = "物理与化学"
    ASTRONOMY_SPACE = "天文与航天"
    ENERGY_MATERIALS = "能源与材料"
    MECHANICS_ELECTRONICS = "机械与电子"
    BIOLOGY_MEDICINE = "生物与医药"
    EARTH_ENVIRONMENT = "地球与环境"
    AGRICULTURE_FOOD = "农业与食品"
    INFORMATION_TECHNOLOGY = "信息科技"
    ENGINEERING = "工程与技术"
    SAFETY_HEALTH = "安全与健康"
    HISTORY_SPIRIT = "科学史与科学家精神"
    HUMANITIES = "人文与社会"
    ARTS_SPORTS = "艺术与体育"


class Stage(StrEnum):
    """学段. 高中 stands for 普通高中; 中职 is the vocational track."""

    PRIMARY = "小学"
    JUNIOR = "初中"
    SENIOR = "高中"
    VOCATIONAL = "中职"


class CourseType(StrEnum):
    LITERACY_SERIES = "科学素养系列课程"
    STUDY_TOUR = "精品研学课程"
    EXTRACURRICULAR = "课外拓展课程"
    AFTER_SCHOOL = "课后服务课程"
    SCHOOL_BASED = "校本课程"
    ONLINE = "线上课程"
    CAMP = "科学营"
    OTHER = "其他"


class Mode(StrEnum):
    ONSITE = "线下"
    ONLINE = "线上"
    DUAL_TEACHER = "双师课堂"
    BLENDED = "混合"


class CostType(StrEnum):
    FREE = "免费"
    PAID = "收费"
    COST_SHARING = "合理成本分担"


class BaseCategory(StrEnum):
    """The six categories of the national 全国科普教育基地 scheme."""

    VENUE = "科技场馆类"
    RESEARCH = "教育科研与重大工程类"
    AGRICULTURE = "“三农”类"
    ENTERPRISE = "企业类"
    NATURE = "自然资源类"
    OTHER = "其他类"


class BaseType(StrEnum):
    SCIENCE_MUSEUM = "科技馆"
    MUSEUM = "博物馆"
    NATURAL_HISTORY = "自然博物馆"
    PLANETARIUM = "天文馆"
    BOTANICAL_GARDEN = "植物园"
    ZOO_AQUARIUM = "动物园与水族馆"
    UNIVERSITY_LAB = "高校实验室"
    RESEARCH_INSTITUTE = "科研院所"
    ENTERPRISE = "科技型企业"
    ENGINEERING_SITE = "重大工程设施"
    FARM = "农业园区"
    NATURE_RESERVE = "自然保护地"
    YOUTH_CENTRE = "青少年活动中心"
    OTHER = "其他"


class Service(StrEnum):
    STUDY_TOUR = "研学"
    OUTREACH = "送课进校"
    OPEN_DAY = "开放日"
    CAMP = "科学营"
    DUAL_TEACHER = "双师课堂"
    RURAL = "乡村服务"
    TEACHER_TRAINING = "教师培训"


class RecognitionLevel(StrEnum):
    NATIONAL = "国家级"
    PROVINCIAL = "省级"
    CITY = "市级"
    DISTRICT = "区县级"


class Datum(StrEnum):
    WGS84 = "WGS-84"
    GCJ02 = "GCJ-02"
    BD09 = "BD-09"


class Weekday(StrEnum):
    MON = "周一"
    TUE = "周二"
    WED = "周三"
    THU = "周四"
    FRI = "周五"
    SAT = "周六"
    SUN = "周日"


class ExpertFormat(StrEnum):
    SCHOOL_TALK = "进校报告"
    ONLINE_TALK = "线上报告"
    PRACTICE_GUIDANCE = "指导科技实践"
    TEACHER_TRAINING = "教师培训"
    STUDY_TOUR = "研学带队"
    JUDGING = "竞赛评审"


class TalkFormat(StrEnum):
    LECTURE = "讲座"
    INTERACTIVE = "互动讲座"
    EXPERIMENT = "实验演示"
    ONLINE = "线上直播"
    WORKSHOP = "工作坊"


class WhitelistCategory(StrEnum):
    SCIENCE = "自然科学素养类"
    HUMANITIES = "人文综合素养类"
    ARTS_SPORTS = "艺术体育类"


class Level(StrEnum):
    NATIONAL = "全国"
    PROVINCIAL = "省级"
    CITY = "市级"
    DISTRICT = "区县级"
