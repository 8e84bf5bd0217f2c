"""Write N valid records with realistic Chinese text and valid references, for benchmarks.

    python bench/generate.py OUT_DIR N        # N records in all, spread over the five kinds

The records are examples (`example: true`), deterministic for a given N.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

from kejiao import regions
from kejiao.vocab import BaseCategory, BaseType, CourseType, Domain, Service

TOPICS = ["天文", "机器人", "人工智能", "航天", "显微镜", "植物", "昆虫", "海洋", "气象", "化学实验",
          "电路", "桥梁结构", "编程", "数学建模", "地震", "湿地", "新能源", "材料", "古生物", "中医药"]  # fmt: skip
VERBS = ["探索", "认识", "动手做", "走进", "观察", "设计", "体验", "揭秘"]
FILLER = (
    "课程围绕真实问题展开，学生在教师和科技工作者的指导下分组完成观察、实验、记录和交流，"
    "学习科学概念，体会科学方法，培养科学思维和探究能力。活动结合场馆展品和实验室资源，"
    "注重安全规范，兼顾不同学段学生的认知特点，并提供学习单和延伸阅读材料。"
)


def _text(rng: random.Random, sentences: int) -> str:
    return "".join(FILLER[: rng.randint(40, len(FILLER))] for _ in range(sentences))


def generate(out: Path, n: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    districts = [d.code for d in regions.table().values() if d.level == "district"]
    share = {"base": 0.2, "expert": 0.15, "topic_list": 0.05, "competition": 0.05}
    counts = {k: max(1, int(n * v)) for k, v in share.items()}
    counts["course"] = max(1, n - sum(counts.values()))
    folders = {"course": "courses", "base": "bases", "expert": "experts",
               "topic_list": "topic-lists", "competition": "competitions"}  # fmt: skip
    for folder in folders.values():
        (out / folder).mkdir(parents=True, exist_ok=True)
    common = {"last_verified": "2026-11-01", "source": {"title": "基准测试数据"}, "example": True}

    def write(kind: str, i: int, data: dict) -> None:
        path = out / folders[kind] / f"{kind.replace('_', '-')}-{i:06d}.yml"
        path.write_text(
            yaml.safe_dump({**data, **common}, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )

    def grades() -> dict:
        start = rng.randint(1, 12)
        return {"from": start, "to": rng.randint(start, 12)}

    for i in range(counts["base"]):
        topic = rng.choice(TOPICS)
        write("base", i, {
            "name": f"{rng.choice(['青少年', '市', '区', '科学'])}{topic}教育基地{i}",
            "summary": f"以{topic}为特色的科学教育基地。" + _text(rng, 1),
            "description": _text(rng, 3),
            "category": rng.choice(list(BaseCategory)).value,
            "type": rng.choice(list(BaseType)).value,
            "region": rng.choice(districts),
            "address": f"示例路{i}号",
            "services": sorted({rng.choice(list(Service)).value for _ in range(3)}),
            "grades": grades(),
        })  # fmt: skip
    for i in range(counts["expert"]):
        write("expert", i, {
            "name": f"专家{i}",
            "title": rng.choice(["研究员", "教授", "高级工程师", "副研究员"]),
            "affiliation": f"{rng.choice(TOPICS)}研究所",
            "fields": [rng.choice(list(Domain)).value],
            "bio": _text(rng, 1),
            "formats": ["进校报告"],
            "invite": {"organization": "示例科协"},
            "consent": {"date": "2026-10-01", "scope": "姓名、职称、单位、简介"},
        })  # fmt: skip
    for i in range(counts["course"]):
        topic = rng.choice(TOPICS)
        write("course", i, {
            "title": f"{rng.choice(VERBS)}{topic}：第{i}期",
            "summary": f"关于{topic}的课程。" + _text(rng, 1),
            "description": _text(rng, 4),
            "base": f"base-{rng.randrange(counts['base']):06d}",
            "course_type": rng.choice(list(CourseType)).value,
            "fields": [rng.choice(list(Domain)).value],
            "grades": grades(),
            "hours": rng.randint(2, 16),
            "lessons": [{"title": f"第{k + 1}课 {topic}"} for k in range(rng.randint(1, 5))],
            "mode": "线下",
            "region": rng.choice(districts),
            "cost": {"type": "免费"},
            "booking": {"url": "https://example.org/booking"},
            "experts": [f"expert-{rng.randrange(counts['expert']):06d}"],
        })  # fmt: skip
    for i in range(counts["topic_list"]):
        write("topic_list", i, {
            "title": f"科学报告主题清单{i}",
            "issuer": "示例科协",
            "valid": {"from": "2026-02-01", "to": "2026-07-01"},
            "items": [{
                "title": f"{rng.choice(TOPICS)}的奥秘（{k}）",
                "speaker": f"expert-{rng.randrange(counts['expert']):06d}",
                "field": rng.choice(list(Domain)).value,
                "grades": grades(),
                "duration": 45,
                "format": "讲座",
                "abstract": _text(rng, 1),
            } for k in range(5)],
        })  # fmt: skip
    for i in range(counts["competition"]):
        write("competition", i, {
            "name": f"青少年{rng.choice(TOPICS)}挑战赛{i}",
            "organizers": ["示例学会"],
            "level": rng.choice(["省级", "市级"]),
            "stages": ["初中", "高中"],
            "courses": [f"course-{rng.randrange(counts['course']):06d}"],
            "bases": [f"base-{rng.randrange(counts['base']):06d}"],
        })  # fmt: skip
    return counts


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]), int(sys.argv[2])))
