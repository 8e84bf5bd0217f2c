"""Write content/competitions/*.yml from the Ministry of Education whitelist TSV (2025–2028).

    python scripts/import_whitelist.py ../shared/data/moe-whitelist-2025-2028.tsv [--replace]

The script is the one source of the whitelist part of each record (name, organisers, place on the
list, stages, fields, source). New files are written; an existing file is left alone unless
`--replace` is given, and even then only when it holds nothing but what this script writes: a file
a maintainer has added facts to (website, editions…) is reported and kept, never overwritten.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

from kejiao.ids import slug_for

NOTICE = "教监管厅函〔2025〕7号"
NOTICE_TITLE = f"教育部办公厅关于公布2025—2028学年面向中小学生的全国性竞赛活动的通知（{NOTICE}）"
NOTICE_URL = "http://www.moe.gov.cn/srcsite/A29/202510/t20251029_1418393.html"
NOTICE_DATE = "2025-10-22"
# The day every row was compared with the notice's list (name, organisers, stages).
CHECKED = "2026-11-23"
STAGES = {"小学": "小学", "初中": "初中", "普通高中": "高中", "中职": "中职"}
# Subjects of competitions whose name alone says too little, or whose list category
# (艺术体育类) is not their subject.
OVERRIDES = {
    "丘成桐中学科学奖": [  # awards in 数学、物理、化学、生物、计算机、经济金融建模
        "数学与人工智能", "物理与化学", "生物与医药", "信息科技", "人文与社会",
    ],
    "全国青少年国防素养大赛": ["人文与社会", "安全与健康"],
    "全国青少年模拟飞行锦标赛": ["天文与航天", "信息科技"],
}  # fmt: skip
# Keyword → field of the shared vocabulary; first matches win, the category decides otherwise.
FIELDS = [
    ("人工智能", "数学与人工智能"), ("机器人", "机械与电子"), ("无人机", "工程与技术"),
    ("发明", "工程与技术"), ("天文", "天文与航天"), ("航天", "天文与航天"), ("航空", "天文与航天"),
    ("地理", "地球与环境"), ("地球", "地球与环境"), ("水", "地球与环境"), ("数学", "数学与人工智能"),
    ("物理", "物理与化学"), ("化学", "物理与化学"), ("生物学", "生物与医药"), ("信息", "信息科技"),
    ("科技创新", "工程与技术"), ("实验", "物理与化学"), ("建模", "数学与人工智能"),
    ("心理", "安全与健康"), ("安全", "安全与健康"), ("禁毒", "安全与健康"), ("版图", "地球与环境"),
    ("环境", "地球与环境"), ("海洋", "地球与环境"), ("模型", "工程与技术"), ("智能设计", "工程与技术"),
]  # fmt: skip
CATEGORY_FIELD = {"人文综合素养类": "人文与社会", "艺术体育类": "艺术与体育"}
# Keys this script writes; a file with any other key has been completed by hand.
GENERATED = {
    "name", "organizers", "whitelist", "level", "stages", "fields", "last_verified", "source",
}  # fmt: skip
# A note earlier versions wrote on rows 13–47 before they were checked; replacing it loses nothing.
OLD_NOTE = "本条据名单公示稿整理，尚未与正式通知附件逐项核对；以教育部正式通知为准。"


def fields(name: str, category: str) -> list[str]:
    if name in OVERRIDES:
        return OVERRIDES[name]
    out = [f for key, f in FIELDS if key in name]
    if category in CATEGORY_FIELD:
        out.append(CATEGORY_FIELD[category])
    return list(dict.fromkeys(out)) or ["工程与技术"]


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def record(row: dict[str, str]) -> str:
    name = row["name"].strip()
    organizers = [o.strip() for o in row["organizers"].split("、") if o.strip()]
    stages = [STAGES[s.strip()] for s in row["stages"].split("、")]
    lines = [
        "# yaml-language-server: $schema=../../schemas/competition.schema.json",
        f"name: {quote(name)}",
        "organizers:",
        *[f"  - {quote(o)}" for o in organizers],
        "whitelist:",
        '  cycle: "2025-2028"',
        f"  category: {row['category']}",
        f"  notice: {NOTICE}",
        f"  seq: {int(row['seq'])}",
        "level: 全国",
        f"stages: [{', '.join(stages)}]",
        f"fields: [{', '.join(fields(name, row['category']))}]",
        f"last_verified: {CHECKED}",
        "source:",
        f"  title: {NOTICE_TITLE}",
        f"  url: {NOTICE_URL}",
        f"  date: {NOTICE_DATE}",
    ]
    return "\n".join(lines) + "\n"


def hand_edited(path: Path) -> bool:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    extra = set(data) - GENERATED
    return bool(extra - {"description"}) or data.get("description", OLD_NOTE) != OLD_NOTE


def main(argv: list[str]) -> int:
    replace = "--replace" in argv
    args = [a for a in argv if a != "--replace"]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    tsv, out_dir = args[0], (args[1] if len(args) > 1 else "content/competitions")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    with open(tsv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            id_ = slug_for(row["name"].strip(), taken)
            taken.add(id_)
            path = out / f"{id_}.yml"
            if path.exists() and not replace:
                continue
            if path.exists() and hand_edited(path):
                print(
                    f"{path}: 已有手工补充的内容，保留原文件（请手工核对名单字段）", file=sys.stderr
                )
                continue
            path.write_text(record(row), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
