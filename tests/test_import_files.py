"""Spreadsheets as maintainers really send them: duplicates and re-imports, the encodings and formats
Excel and WPS write, title rows, merged cells, typed-as-text values, and export → import --update
leaving every file byte for byte as it was."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from kejiao.kinds import KINDS

from .conftest import ROOT, TODAY, run_cli

GOLDEN_CONTENT = ROOT / "tests" / "golden-catalogue" / "content"
DATA = ROOT / "tests" / "data"
ORDER = ["base", "expert", "course", "topic_list", "competition"]  # referenced kinds first

HEADERS = ["编号", "课程名称", "简介", "开设单位", "课程类型", "领域", "起始年级", "结束年级",
           "总课时", "授课形式", "行政区划代码", "费用类型", "预约网址", "最后核实日期", "信息来源"]  # fmt: skip


def row(title: str = "天文观测入门", **changes: object) -> list[object]:
    values = dict(zip(HEADERS, [None, title, "认识星空。", "某某区科协", "科学素养系列课程",
                                "天文与航天；信息科技", 4, 6, 12, "线下", "110108", "免费",
                                "https://example.org/", "2026-11-01", "申报表"], strict=True))  # fmt: skip
    values.update(changes)
    return list(values.values())


def xlsx(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path


def csv_bytes(rows: list[list[object]], headers: list[str] = HEADERS, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(["" if c is None else c for c in r] for r in rows)
    return out.getvalue()


def imp(capsys, root: Path, sheet: Path, *extra: str) -> tuple[int, str]:
    return run_cli(
        capsys, root, "import", "course", str(sheet), "--today", TODAY.isoformat(), *extra
    )


def courses(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "content/courses").glob("*.yml"))


# --- nothing lost, overwritten or duplicated ----------------------------------------------------


def test_duplicate_id_in_one_sheet_rejects_the_later_row(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    sheet = xlsx(
        tmp_path / "s.xlsx",
        [row("天文（上学期）", 编号="tian-wen"), row("天文（下学期）", 编号="tian-wen")],
    )
    code, output = imp(capsys, root, sheet)
    assert code == 1
    assert "s.xlsx: 第 3 行: 编号 tian-wen 与第 2 行重复" in output
    text = (root / "content/courses/tian-wen.yml").read_text(encoding="utf-8")
    assert "上学期" in text
    assert "导入 1 条" in output


def test_two_terms_of_one_course_are_two_records(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    sheet = xlsx(tmp_path / "s.xlsx", [row("天文（上学期）"), row("天文（下学期）")])
    code, output = imp(capsys, root, sheet)
    assert code == 0, output
    assert "tian-wen-shang-xue-qi.yml" in courses(root) and "tian-wen-xia-xue-qi.yml" in courses(
        root
    )
    # the same name typed with full-width letters and spaces is the same record
    code, output = imp(capsys, root, xlsx(tmp_path / "t.xlsx", [row("天文 （上学期）")]))
    assert code == 1 and "tian-wen-shang-xue-qi 已存在" in output


def test_identical_rows_are_rejected(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    before = courses(root)
    code, output = imp(capsys, root, xlsx(tmp_path / "s.xlsx", [row(), row()]))
    assert code == 1 and "第 3 行: 与第 2 行完全相同" in output
    assert len(courses(root)) == len(before) + 1


def test_same_name_and_provider_without_id_is_one_record(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    code, output = imp(capsys, root, xlsx(tmp_path / "a.xlsx", [row(), row(总课时=14)]))
    assert code == 1 and "第 3 行: 与第 2 行是同一条记录（名称和开设单位相同）" in output
    before = courses(root)
    # the corrected sheet imported again: refused without --update, updates the file with it
    sheet = xlsx(tmp_path / "b.xlsx", [row(总课时=16)])
    code, output = imp(capsys, root, sheet)
    assert code == 1
    assert "第 2 行: tian-wen-guan-ce-ru-men 已存在（content/courses/tian-wen-guan-ce-ru-men.yml）" in output  # fmt: skip
    code, output = imp(capsys, root, sheet, "--update")
    assert code == 0, output
    assert courses(root) == before  # no -2 copy
    record = yaml.safe_load((root / "content/courses/tian-wen-guan-ce-ru-men.yml").read_text("utf-8"))  # fmt: skip
    assert record["hours"] == 16


def test_same_name_other_provider_is_never_merged_silently(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    imp(capsys, root, xlsx(tmp_path / "a.xlsx", [row()]))
    code, output = imp(
        capsys, root, xlsx(tmp_path / "b.xlsx", [row(开设单位="另一个科协")]), "--update"
    )
    assert code == 1
    assert "与已有记录 tian-wen-guan-ce-ru-men（content/courses/tian-wen-guan-ce-ru-men.yml）同名，但开设单位不同" in output  # fmt: skip
    text = (root / "content/courses/tian-wen-guan-ce-ru-men.yml").read_text(encoding="utf-8")
    assert "某某区科协" in text


# --- files Excel and WPS write ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "note"),
    [("utf-8", None), ("utf-8-sig", None), ("gb18030", "按 GBK/GB18030"), ("utf-16", "按 UTF-16")],
)
def test_csv_encodings(project, capsys, tmp_path: Path, encoding: str, note: str | None) -> None:
    root = project(GOLDEN_CONTENT)
    sheet = tmp_path / "课程.csv"
    delimiter = "\t" if encoding == "utf-16" else ","  # Excel's "Unicode 文本" is tab-separated
    sheet.write_bytes(csv_bytes([row()], delimiter=delimiter).encode(encoding))
    code, output = imp(capsys, root, sheet)
    assert code == 0, output
    assert "天文观测入门" in (root / "content/courses/tian-wen-guan-ce-ru-men.yml").read_text(
        "utf-8"
    )
    assert (note in output) if note else ("编码读取" not in output)


def test_undecidable_encoding_is_explained(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    sheet = tmp_path / "x.csv"
    sheet.write_bytes(b"\xfe\xfe\xfe\xfe,\x81\x30\n")
    code, output = imp(capsys, root, sheet)
    assert code == 2 and "无法确定 x.csv 的文字编码" in output and "Traceback" not in output


def test_lock_files_renamed_and_html_files(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    lock = tmp_path / "~$申报表.xlsx"
    lock.write_bytes(b"\x0cZhang San" + b"\x00" * 40)
    code, output = imp(capsys, root, lock)
    assert code == 2 and "临时锁定文件" in output and "请导入 申报表.xlsx 本身" in output
    renamed = tmp_path / "renamed.xlsx"
    renamed.write_text(csv_bytes([row()]), encoding="utf-8")
    code, output = imp(capsys, root, renamed)
    assert code == 0 and "renamed.xlsx 实际上是文本（CSV）文件，已按 CSV 读取" in output
    html = tmp_path / "导出.xls"
    html.write_text("<html><body><table><tr><td>课程名称</td></tr></table>", encoding="utf-8")
    code, output = imp(capsys, root, html)
    assert code == 2 and "是网页（HTML/XML）格式" in output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    code, output = imp(capsys, root, broken)
    assert code == 2 and "不是可以读取的 Excel 工作簿" in output


def test_xls_with_title_row_merged_cells_and_dates(project, capsys) -> None:
    root = project(GOLDEN_CONTENT)
    code, output = imp(capsys, root, DATA / "kecheng.xls")
    assert code == 0, output
    assert "列名在第 2 行，上方的第 1 行（标题）没有导入" in output
    second = yaml.safe_load(
        (root / "content/courses/xian-wei-jing-xia-de-shi-jie.yml").read_text(encoding="utf-8")
    )
    assert second["provider"] == "某某区科协"  # merged down from the row above
    assert second["last_verified"] == dt.date(2026, 11, 2)
    first = yaml.safe_load((root / "content/courses/xing-kong-guan-ce.yml").read_text("utf-8"))
    assert first["fields"] == ["天文与航天", "信息科技"]


def test_xlsx_title_rows_blank_rows_and_merged_cells(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年秋季海淀区科学教育课程汇总表"])
    sheet.merge_cells("A1:H1")
    sheet.append([])
    sheet.append(HEADERS)
    sheet.append(row("甲课程"))
    sheet.append([])
    sheet.append(row("乙课程", 开设单位=None))
    sheet.merge_cells("D4:D6")  # 开设单位 written once for three rows
    sheet.append(row("丙课程", 简介=None))
    sheet["B7"] = "丙课程"
    sheet.merge_cells("B7:C7")  # across two columns: ambiguous
    path = tmp_path / "t.xlsx"
    book.save(path)
    code, output = imp(capsys, root, path)
    assert "列名在第 3 行，上方的第 1 行（标题）没有导入" in output
    assert "第 7 行: 第 2–3 列的单元格合并在了一起" in output
    assert code == 1
    yi = yaml.safe_load((root / "content/courses/yi-ke-cheng.yml").read_text(encoding="utf-8"))
    assert yi["provider"] == "某某区科协"


def test_no_header_row_says_what_to_do(project, capsys, tmp_path: Path) -> None:
    root = project()
    path = tmp_path / "x.csv"
    path.write_text("课程名称,备注\n天文,无\n", encoding="utf-8")
    code, output = imp(capsys, root, path)
    assert code == 2 and "无法识别的列：备注" in output and "请把列名放在表格第一行" in output


def test_numbers_and_dates_typed_as_text(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    rows = [
        row("甲", 起始年级="４", 结束年级="6", 总课时="12.0", 最后核实日期="2026年11月1日"),
        row("乙", 总课时="12课时"),
        row("丙", 最后核实日期="2026-11-31"),
        row("丁", 最后核实日期=46327),
    ]
    code, output = imp(capsys, root, xlsx(tmp_path / "t.xlsx", rows))
    record = yaml.safe_load((root / "content/courses/jia.yml").read_text(encoding="utf-8"))
    assert record["grades"] == {"from": 4, "to": 6} and record["hours"] == 12
    assert record["last_verified"] == dt.date(2026, 11, 1)
    assert "第 3 行: 总课时：“12课时”不是整数" in output
    assert "第 4 行: 最后核实日期：2026-11-31 不是有效的日期（2026 年 11 月没有 31 日）" in output
    assert "第 5 行: 最后核实日期：46327 是数字，不是日期；如果它是 Excel 的日期序号，对应 2026-11-01" in output  # fmt: skip
    assert code == 1


def test_field_separators_and_messages_for_spreadsheet_users(
    project, capsys, tmp_path: Path
) -> None:
    root = project(GOLDEN_CONTENT)
    rows = [
        row("甲", 领域="天文与航天、信息科技"),
        row("乙", 领域="天文与航天，信息科技"),
        row("丙", 领域="天文与航天, 信息科技"),
        row("丁", 领域="天文与航天；化学"),
        row("戊", 行政区划代码="11010"),
        row("己", 预约网址=None),
    ]
    code, output = imp(capsys, root, xlsx(tmp_path / "t.xlsx", rows))
    for name in ("jia", "yi", "bing"):
        record = yaml.safe_load((root / f"content/courses/{name}.yml").read_text("utf-8"))
        assert record["fields"] == ["天文与航天", "信息科技"], name
    lines = [line for line in output.splitlines() if "第 5 行" in line]
    assert len(lines) == 1, output  # explained once
    assert "“化学”不是可选的值" in lines[0] and "用分号“；”或顿号“、”分隔" in lines[0]
    assert "Input should be" not in output
    region = next(line for line in output.splitlines() if "第 6 行" in line)
    assert "6 位数字" in region and "引号" not in region
    booking = next(line for line in output.splitlines() if "第 7 行" in line)
    assert "预约网址" in booking and not re.search(r"[a-z]{3}", booking.split("）：", 1)[1])
    assert code == 1


def test_phone_typed_as_a_number_is_refused(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    sheet = xlsx(tmp_path / "t.xlsx", [[*row(), 1062345678]], [*HEADERS, "预约电话"])
    code, output = imp(capsys, root, sheet)
    assert code == 1 and "预约电话：1062345678 是数字格式，开头的 0" in output


def test_export_into_a_missing_folder(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    target = tmp_path / "新文件夹" / "二级" / "课程.xlsx"
    code, output = run_cli(capsys, root, "export", "course", str(target))
    assert code == 0, output
    assert target.is_file()
    code, output = run_cli(capsys, root, "export", "course", str(tmp_path / "x.ods"))
    assert code == 2 and "只能导出为 .xlsx 或 .csv 文件" in output


# --- export → import --update keeps every byte --------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_shipped_content_round_trips_byte_for_byte(
    project, capsys, tmp_path: Path, suffix: str
) -> None:
    root = project(ROOT / "content")
    before = {p: p.read_bytes() for p in (root / "content").rglob("*.yml")}
    for kind in ORDER:
        sheet = tmp_path / f"{kind}.{suffix}"
        code, output = run_cli(capsys, root, "export", kind, str(sheet))
        assert code == 0, output
        code, output = run_cli(
            capsys, root, "import", kind, str(sheet), "--update", "--today", TODAY.isoformat()
        )
        assert code == 0, output
        assert "导入 0 条" in output, output
    after = {p: p.read_bytes() for p in (root / "content").rglob("*.yml")}
    assert after == before


def _edit_cell(path: Path, record_id: str, header: str, value: object) -> None:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value == record_id:
            cells[headers.index(header)].value = value
    book.save(path)


def test_update_edits_only_the_changed_value(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    path = root / "content/courses/shi-li-ke-hou-chuang-ke.yml"
    original = path.read_text(encoding="utf-8")
    commented = original.replace("capacity: 30", "capacity: 30  # 每班\n# 手写的注释") + "\n"
    path.write_text(commented, encoding="utf-8")
    sheet = tmp_path / "c.xlsx"
    run_cli(capsys, root, "export", "course", str(sheet))
    _edit_cell(sheet, "shi-li-ke-hou-chuang-ke", "人数上限", 35)
    code, output = imp(capsys, root, sheet, "--update")
    assert code == 0, output
    assert path.read_text(encoding="utf-8") == commented.replace("capacity: 30", "capacity: 35")
    # fields added and removed: only their lines change, the comments stay
    _edit_cell(sheet, "shi-li-ke-hou-chuang-ke", "人数上限", 35)
    _edit_cell(sheet, "shi-li-ke-hou-chuang-ke", "每课时分钟", None)
    _edit_cell(sheet, "shi-li-ke-hou-chuang-ke", "专家编号", "shi-li-wang-tian-wen")
    code, output = imp(capsys, root, sheet, "--update")
    assert code == 0, output
    expected = (
        commented.replace("capacity: 30", "capacity: 35")
        .replace("lesson_minutes: 45\n", "")
        .replace("010-00000000\n", "010-00000000\nexperts:\n- shi-li-wang-tian-wen\n")
    )
    assert path.read_text(encoding="utf-8") == expected
    text = path.read_text(encoding="utf-8")
    assert "# 每班" in text and "# 手写的注释" in text and "lesson_minutes" not in text
    # a field whose own lines hold a comment cannot be written anew without losing it: refused
    path.write_text(
        text.replace(
            "fields: [工程与技术, 机械与电子]", "fields:  # 两个领域\n- 工程与技术\n- 机械与电子"
        ),
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    _edit_cell(sheet, "shi-li-ke-hou-chuang-ke", "领域", "工程与技术；机械与电子；信息科技")
    code, output = imp(capsys, root, sheet, "--update")
    assert code == 1 and "有注释" in output and "请直接编辑这个 YAML 文件" in output
    assert path.read_text(encoding="utf-8") == before


# --- formulas ----------------------------------------------------------------------------------

PAYLOAD = '=HYPERLINK("http://evil.example/x","点此核实")'


def test_exported_cells_cannot_become_formulas(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    path = root / "content/courses/shi-li-ke-hou-chuang-ke.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    original = path.read_text(encoding="utf-8")
    path.write_text(
        original.replace(f"title: {data['source']['title']}", f"title: '{PAYLOAD}'"),
        encoding="utf-8",
    )
    assert PAYLOAD in path.read_text(encoding="utf-8")
    for suffix in ("csv", "xlsx"):
        sheet = tmp_path / f"c.{suffix}"
        code, output = run_cli(capsys, root, "export", "course", str(sheet))
        assert code == 0, output
        if suffix == "csv":
            cells = [c for r in csv.reader(io.StringIO(sheet.read_text("utf-8-sig"))) for c in r]
        else:
            book = load_workbook(sheet)
            found = [c for r in book.worksheets[0].iter_rows() for c in r if c.value]
            assert all(c.data_type != "f" for c in found)
            cells = [c.value for c in found]
        assert "'" + PAYLOAD in cells and PAYLOAD not in cells
        before = path.read_bytes()
        code, output = imp(capsys, root, sheet, "--update")
        assert code == 0, output
        assert path.read_bytes() == before  # the quote is taken off again on import


# --- templates -------------------------------------------------------------------------------


def _entries(path: Path) -> dict[str, bytes]:
    """A workbook's files, uncompressed: the same whatever zlib compressed them."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_templates_are_generated_from_the_models(tmp_path: Path, capsys) -> None:
    """Like `cog --check`: regenerating spreadsheets/ gives the committed files (compared entry by
    entry, uncompressed; the bytes themselves are deterministic too, see below)."""
    for kind in KINDS:
        target = tmp_path / f"{kind}.xlsx"
        code, output = run_cli(capsys, ROOT, "export", kind, str(target), "--template")
        assert code == 0, output
        assert _entries(target) == _entries(ROOT / "spreadsheets" / f"{kind}.xlsx"), (
            f"spreadsheets/{kind}.xlsx 与模型不一致；运行 "
            f"python build.py export {kind} spreadsheets/{kind}.xlsx --template"
        )


@pytest.mark.parametrize("kind", list(KINDS))
def test_templates_have_drop_downs_and_help(kind: str) -> None:
    from kejiao.opendata.columns import columns

    book = load_workbook(ROOT / "spreadsheets" / f"{kind}.xlsx")
    sheet = book["记录"]
    lists = {}
    for validation in sheet.data_validations.dataValidation:
        letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
        lists[letter] = validation.formula1
    helps = {r[0].value: r[2].value for r in book["填写说明"].iter_rows(min_row=2)}
    for index, column in enumerate(columns(kind)):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        if column.choices:
            assert lists.get(letter) == '"' + ",".join(column.choices) + '"', column.header
        elif column.value_type == "bool":
            assert lists.get(letter) == '"是,否"', column.header
        else:
            assert letter not in lists, column.header
        text = helps[column.header]
        assert len(text) > len(column.header) + 4 and not text.startswith("。"), column.header
        assert "引号" not in text or "“" in text, column.header


def test_xlsx_bytes_are_deterministic(tmp_path: Path, capsys) -> None:
    for name in ("a", "b"):
        run_cli(capsys, ROOT, "export", "base", str(tmp_path / f"{name}.xlsx"), "--template")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_nothing_in_a_sheet_is_dropped_without_a_word(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    book = Workbook()
    sheet = book.active
    sheet.append([*HEADERS, None])
    sheet.append([*row("甲"), "无列名的备注"])
    sheet.append(row("乙", 简介=None))
    sheet["C3"] = '=CONCAT("认识", "星空")'  # written by a program: no stored value
    sheet.append(row("丙", 简介="#N/A"))
    path = tmp_path / "t.xlsx"
    book.save(path)
    code, output = imp(capsys, root, path)
    assert code == 1
    assert "第 2 行: 第 16 列有内容，但这一列没有列名" in output
    assert "第 3 行: 简介：是公式，但文件里没有它的计算结果" in output
    assert "第 4 行: 简介：单元格是 Excel 的错误值 #N/A" in output
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n")
    code, output = imp(capsys, root, empty)
    assert code == 2 and "Traceback" not in output


def test_two_rows_never_update_one_record(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    imp(capsys, root, xlsx(tmp_path / "a.xlsx", [row()]))
    sheet = xlsx(
        tmp_path / "b.xlsx", [row(编号="tian-wen-guan-ce-ru-men", 总课时=14), row(总课时=16)]
    )
    code, output = imp(capsys, root, sheet, "--update")
    assert code == 1 and "第 3 行: 与第 2 行对应同一条已有记录 tian-wen-guan-ce-ru-men" in output
    record = yaml.safe_load((root / "content/courses/tian-wen-guan-ce-ru-men.yml").read_text("utf-8"))  # fmt: skip
    assert record["hours"] == 14


def test_lists_of_names_split_only_on_semicolons() -> None:
    from kejiao.opendata.spreadsheet import row_to_record

    data, problems = row_to_record(
        {
            "主办单位": "中国科协、教育部；某某学会",
            "面向学段": "小学、初中",
            "领域": "信息科技,工程与技术",
        },
        "competition",
    )
    assert data["organizers"] == ["中国科协、教育部", "某某学会"]
    assert data["stages"] == ["小学", "初中"] and data["fields"] == ["信息科技", "工程与技术"]
    assert not problems
    data, _ = row_to_record({"服务地区代码": "110108、110105"}, "expert")
    assert data["regions"] == ["110108", "110105"]


def test_rows_differing_only_in_which_column_is_blank_are_not_identical() -> None:
    from kejiao.opendata.spreadsheet import _row_key

    assert _row_key({"简称": "甲", "地址": None}) != _row_key({"简称": None, "地址": "甲"})


def test_export_with_a_control_character_says_where(project, capsys, tmp_path: Path) -> None:
    root = project(GOLDEN_CONTENT)
    path = root / "content/courses/shi-li-ke-hou-chuang-ke.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("venue: 进校授课", 'venue: "进校\\e授课"'),
        encoding="utf-8",
    )
    code, output = run_cli(capsys, root, "export", "course", str(tmp_path / "c.xlsx"))
    assert code == 2 and "Traceback" not in output
    assert "shi-li-ke-hou-chuang-ke" in output
    # today the parser lets the escape through and export names the cell; a stricter parser
    # (issue 17.5) refuses the file first, which is as good
    assert ("上课地点" in output and "控制字符" in output) or "validate" in output
