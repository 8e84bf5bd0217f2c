"""How tests/data/kecheng.xls was made (run once with xlwt 1.3.0, which the project does not need)."""

import datetime

import xlwt

book = xlwt.Workbook(encoding="utf-8")
s = book.add_sheet("课程")
s.write_merge(0, 0, 0, 6, "2026年秋季海淀区科学教育课程申报汇总表")
headers = [
    "编号",
    "课程名称",
    "简介",
    "开设单位",
    "课程类型",
    "领域",
    "起始年级",
    "结束年级",
    "总课时",
    "授课形式",
    "费用类型",
    "最后核实日期",
    "信息来源",
    "预约网址",
]
for c, h in enumerate(headers):
    s.write(1, c, h)
date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
rows = [
    [
        None,
        "星空观测",
        "认识星空。",
        None,
        "科学素养系列课程",
        "天文与航天、信息科技",
        4,
        6,
        12,
        "线下",
        "免费",
        datetime.date(2026, 11, 1),
        "申报表",
        "https://example.org/yuyue",
    ],
    [
        None,
        "显微镜下的世界",
        "观察细胞。",
        None,
        "课外拓展课程",
        "生物与医药",
        5,
        9,
        8,
        "线下",
        "免费",
        datetime.date(2026, 11, 2),
        "申报表",
        "https://example.org/yuyue",
    ],
]
for r, row in enumerate(rows, start=2):
    for c, v in enumerate(row):
        if v is None:
            continue
        if isinstance(v, datetime.date):
            s.write(r, c, v, date)
        else:
            s.write(r, c, v)
s.write_merge(2, 3, 3, 3, "某某区科协")
book.save("/work/wt/import/tests/data/kecheng.xls")
