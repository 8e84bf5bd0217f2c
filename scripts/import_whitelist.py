"""Write content/competitions/*.yml from the Ministry of Education whitelist TSV (2025–2028).

    python scripts/import_whitelist.py ../shared/data/moe-whitelist-2025-2028.tsv

Run once to seed the catalogue; afterwards the YAML files are the source and are edited by hand.
Existing files are never overwritten.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from kejiao.ids import slug_for

NOTICE = "教监管厅函〔2025〕7号"
NOTICE_TITLE = (
    f"教育部办公厅关于公布2025—2028学年面向中小学生的全国性竞赛活动名单的通知（{NOTICE}）"
)
STAGES = {"小学": "小学", "初中": "初中", "普通高中": "高中", "中职": "中职"}
# Keyword → field of the shared vocabulary; first matches win, the category decides otherwise.
FIELDS = [
    ("人工智能", "数学与人工智能"), ("机器人", "机械与电子"), ("无人机", "工程与技术"),
    ("发明", "工程与技术"), ("天文", "天文与航天"), ("航天", "天文与航天"), ("航空", "天文与航天"),
    ("地理", "地球与环境"), ("地球", "地球与环境"), ("水", "地球与环境"), ("数学", "数学与人工智能"),
    ("物理", "物理与化学"), ("化学", "物理与化学"), ("生物", "生物与医药"), ("信息", "信息科技"),
    ("科技创新", "工程与技术"), ("实验", "物理与化学"), ("建模", "数学与人工智能"),
    ("心理", "安全与健康"), ("安全", "安全与健康"), ("禁毒", "安全与健康"), ("版图", "地球与环境"),
    ("环境", "地球与环境"), ("海洋", "地球与环境"), ("模型", "工程与技术"), ("智能设计", "工程与技术"),
    ("丘成桐", "数学与人工智能"),
]  # fmt: skip
CATEGORY_FIELD = {"人文综合素养类": "人文与社会", "艺术体育类": "艺术与体育"}


def fields(name: str, category: str) -> list[str]:
    out = [f for key, f in FIELDS if key in name]
    if category in CATEGORY_FIELD:
        out.append(CATEGORY_FIELD[category])
    return list(dict.fromkeys(out)) or ["工程与技术"]


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(tsv: str, out_dir: str = "content/competitions") -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    with open(tsv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            seq = int(row["seq"])
            name = row["name"].strip()
            id_ = slug_for(name, taken)
            taken.add(id_)
            path = out / f"{id_}.yml"
            if path.exists():
                continue
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
                f"  seq: {seq}",
                "level: 全国",
                f"stages: [{', '.join(stages)}]",
                f"fields: [{', '.join(fields(name, row['category']))}]",
            ]
            if seq > 12:  # rows not yet checked against the final attachment (see shared/data)
                lines.append(
                    "description: 本条据名单公示稿整理，尚未与正式通知附件逐项核对；以教育部正式通知为准。"
                )
            lines += [
                "last_verified: 2026-11-22",
                "source:",
                f"  title: {NOTICE_TITLE}",
                "  date: 2025-10-22",
            ]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
