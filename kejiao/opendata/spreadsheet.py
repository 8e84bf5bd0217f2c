"""Spreadsheets both ways. `import` turns rows with Chinese headers (an office's 申报表, .xlsx,
.xls or .csv; see sheetfiles.py) into YAML records, each row checked exactly like a record file;
`export` writes the reverse. No row is lost, overwritten or duplicated silently: a rejected row
writes nothing; a row updates an existing record (by its 编号, or, without one, by the same name and
owner) only with `--update`; two rows for one record are refused; and an update edits only what
changed in the file (yamledit.py), so export → import --update leaves every file as it was."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..catalogue import references
from ..cells import neutralise, restore
from ..content import Entry
from ..diagnostics import DiagnosticSink
from ..errors import UsageError
from ..ids import slug_for
from ..kinds import KINDS
from ..models.common import FROM_TEXT, ID_PATTERN
from ..pipeline import check
from ..validate import check_record
from ..yamlsafe import YamlError, decode, needs_quotes, parse
from . import yamledit
from .columns import SheetColumn, columns, for_sheet
from .sheetfiles import DELIMITERS, read_table, save_workbook, split_csv, write_csv

TRUE_WORDS = {"是", "true", "yes", "1", "y", "√"}
FALSE_WORDS = {"否", "false", "no", "0", "n", "×"}


# --- reading and writing sheets -------------------------------------------------------------

TITLE_ROWS = 10  # how far down a header row is looked for


def _header_text(cell: Any) -> str:
    """A header as typed: spaces, a required marker * or （必填） do not matter."""
    text = unicodedata.normalize("NFKC", str(cell)) if cell is not None else ""
    text = re.sub(r"\s+", "", text)
    return re.sub(r"(\*|\(必填\))+$", "", text).lstrip("*")


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as Excel shows it, cells)
    notes: list[str] = field(default_factory=list)
    merged: dict[int, str] = field(default_factory=dict)  # row number → problem with merged cells
    formulas: dict[int, list[str]] = field(default_factory=dict)  # row → formulas without a value


def _find_header(rows: list[list[Any]], known: set[str]) -> tuple[int | None, int]:
    """(index of the header row or None, index of the row with the most known headers)."""
    best, best_hits = 0, -1
    for index, row in enumerate(rows[:TITLE_ROWS]):
        texts = [_header_text(c) for c in row if c not in (None, "")]
        hits = sum(t in known for t in texts)
        if hits > best_hits:
            best, best_hits = index, hits
        if texts and (hits >= 2 or hits == len(texts)):
            return index, index
    return None, best


def read_sheet(path: Path, kind: str) -> Sheet:
    """The first sheet's header and data rows, wherever the header row is (title rows above it are
    skipped and reported); merged cells in the data area are filled down or reported per row."""
    known = {c.header for c in columns(kind)} | {c.path for c in columns(kind)}
    table = read_table(path)
    if table.text is not None:  # CSV: the delimiter that gives the most known headers
        candidates = [split_csv(table.text, d) for d in DELIMITERS]

        def score(rows: list[list[Any]]) -> tuple[bool, int]:
            found, best = _find_header(rows, known)
            hits = sum(_header_text(c) in known for c in rows[best]) if rows else 0
            return found is not None, hits

        table.rows = max(candidates, key=score)  # ties: the comma, listed first
        found, best = _find_header(table.rows, known)
    else:
        found, best = _find_header(table.rows, known)
    rows = table.rows
    if not any(any(c not in (None, "") for c in row) for row in rows):
        raise UsageError(f"{path.name} 是空表")
    if found is None:
        headers = [_header_text(c) for c in rows[best] if c not in (None, "")]
        unknown = [h for h in headers if h not in known]
        encoding = next((n for n in table.notes if "编码读取" in n), "")
        hint = f"（{encoding}；如果列名是乱码，请另存为 CSV UTF-8 后再导入）" if encoding else ""
        raise UsageError(
            f"{path.name} 的前 {TITLE_ROWS} 行里没有找到列名行：第 {best + 1} 行有无法识别的列："
            f"{'、'.join(unknown) or '（空）'}{hint}。列名见 spreadsheets/{kind}.xlsx；"
            "请把列名放在表格第一行（标题行可以保留在列名上方）"
        )
    raw_headers = rows[found]
    headers = [_header_text(c) for c in raw_headers]
    unknown = [h for h in headers if h and h not in known]
    if unknown:
        raise UsageError(
            f"{path.name} 第 {found + 1} 行（列名行）有无法识别的列：{'、'.join(unknown)}"
            f"（列名见 spreadsheets/{kind}.xlsx）；请改成模板中的列名，或删除这些列"
        )
    seen: dict[str, int] = {}
    for number, header in enumerate(headers, start=1):
        canonical = _canonical(kind, header)
        if canonical and canonical in seen:
            raise UsageError(
                f"{path.name} 的列“{header}”出现了两次（第 {seen[canonical]} 列和第 {number} 列）；"
                "请删除或合并其中一列"
            )
        if canonical:
            seen[canonical] = number
    notes = list(table.notes)
    above = [i for i in range(found) if any(c not in (None, "") for c in rows[i])]
    for index in above:
        if sum(c not in (None, "") for c in rows[index]) > 2:
            raise UsageError(
                f"{path.name} 第 {index + 1} 行在列名行（第 {found + 1} 行）上方，但不像标题；"
                "请删去列名行上方除标题以外的内容"
            )
    if above:
        notes.append(
            f"{path.name}：列名在第 {found + 1} 行，上方的第 {'、'.join(str(i + 1) for i in above)} 行"
            "（标题）没有导入"
        )
    merged_problems: dict[int, str] = {}
    for r1, c1, r2, c2 in table.merged:
        if r1 <= found + 1:  # title or header area: nothing to fill
            continue
        if c1 == c2:
            top = rows[r1 - 1][c1 - 1] if c1 - 1 < len(rows[r1 - 1]) else None
            for r in range(r1, r2):
                row = rows[r]
                row.extend([None] * (c1 - len(row)))
                row[c1 - 1] = top
        else:
            for r in range(r1, r2 + 1):
                merged_problems[r] = (
                    f"第 {c1}–{c2} 列的单元格合并在了一起；请取消合并，把内容填在对应的一列"
                )
    data = [
        (number, row)
        for number, row in enumerate(rows[found + 1 :], start=found + 2)
        if any(cell not in (None, "") and str(cell).strip() for cell in row)
    ]
    formulas: dict[int, list[str]] = {}
    for r, c in table.uncomputed:
        if r > found + 1 and c <= len(headers):
            formulas.setdefault(r, []).append(
                f"{headers[c - 1] or f'第 {c} 列'}：是公式，但文件里没有它的计算结果；"
                "请在 Excel/WPS 中打开并保存一次，或把公式换成数值"
            )
    return Sheet(headers, data, notes, merged_problems, formulas)


def _canonical(kind: str, header: str) -> str | None:
    for column in columns(kind):
        if header in (column.header, column.path):
            return column.path
    return None


def read_rows(path: Path, kind: str = "course") -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Headers and (spreadsheet row number, cells) of the first sheet; empty rows skipped."""
    sheet = read_sheet(path, kind)
    return sheet.headers, sheet.rows


def write_rows(path: Path, headers: list[str], rows: list[list[Any]], kind: str) -> None:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(f"只能导出为 .xlsx 或 .csv 文件：{path.name}")
    if suffix == ".csv":
        write_csv(path, headers, rows)
        return
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "记录"
    sheet.append(headers)
    for number, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
                raise UsageError(
                    f"无法导出 {headers[0]} 为 {row[0]} 的记录（第 {number} 行“{headers[col - 1]}”）："
                    "含有控制字符；请先运行 python build.py validate 并改正"
                )
            cell = sheet.cell(row=number, column=col, value=neutralise(value))
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    wrap = Alignment(wrap_text=True, vertical="top")
    cols = columns(kind)
    last = max(len(rows) + 1, 1000)  # validations cover the rows a maintainer will fill
    for index, column in enumerate(cols, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 18
        for cell in sheet[letter][1:]:
            cell.alignment = wrap
            if column.value_type == "text" or column.shape != "scalar":
                cell.number_format = "@"  # text: codes such as 110108 keep their digits
        options = drop_down(column)
        if options:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(options) + '"',
                allow_blank=True,
                showErrorMessage=column.shape == "scalar",  # a list column holds several values
                errorTitle=column.header,
                error=f"请从下拉列表中选择：{'、'.join(options)}",
                promptTitle=column.header[:32],
                prompt=column.help[:255],  # Excel's limits for the title and the prompt
                showInputMessage=True,
            )
            validation.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"
    guide = workbook.create_sheet("填写说明")
    guide.append(["列名", "必填", "填写说明"])
    for note in notes_for(kind):
        guide.append(note)
    for cell in guide[1]:
        cell.font = bold
    for cell in guide["C"]:
        cell.alignment = wrap
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["C"].width = 90
    save_workbook(workbook, path)


def drop_down(column: SheetColumn) -> tuple[str, ...]:
    """The choices offered in a column's drop-down list: its vocabulary, or 是/否."""
    options = column.choices or (("是", "否") if column.value_type == "bool" else ())
    # Excel keeps a list typed into the validation to 255 characters, without commas or quotes.
    if len(",".join(options)) > 255 or any("," in o or '"' in o for o in options):
        raise ValueError(f"{column.header}: choices do not fit an Excel drop-down")  # a model bug
    return options


def notes_for(kind: str) -> list[list[str]]:
    """The 填写说明 sheet: one row per column, generated from the models."""
    return [[c.header, "是" if c.required else "", c.help] for c in columns(kind)]


# --- records ↔ rows ----------------------------------------------------------------------

# Lists of fixed choices or ids may be separated any way people do; free-text lists (names of
# organisers, which may hold a comma) only by the semicolon the export writes, or by line breaks.
CHOICE_SEPARATOR = re.compile(r"\s*[；;、，,/／|\n]\s*")
TEXT_SEPARATOR = re.compile(r"\s*[；;\n]\s*")
DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_ERRORS = {
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#DIV/0!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
}


def _get(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _to_cell(value: Any, column: SheetColumn) -> Any:
    if value is None:
        return None
    if column.shape == "records":
        return yaml.dump(
            _plain(value), Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, width=10**9
        ).strip()
    if column.shape == "list":
        return "；".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def record_to_row(id_: str, data: dict[str, Any], kind: str) -> list[Any]:
    return [id_ if c.path == "id" else _to_cell(_get(data, c.path), c) for c in columns(kind)]


def _text(cell: Any) -> str:
    """A cell as the text a maintainer meant: Excel numbers lose their ".0", dates their time,
    and the quote our export puts before formula-like text is taken off again."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, bool):
        return "是" if cell else "否"
    return str(restore(cell)).strip()


def _date(cell: Any, header: str) -> tuple[dt.date | None, str | None]:
    if isinstance(cell, dt.datetime):
        return cell.date(), None
    if isinstance(cell, dt.date):
        return cell, None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        shown = _text(cell)
        hint = ""
        if 20000 <= cell <= 80000:
            day = EXCEL_EPOCH + dt.timedelta(days=int(cell))
            hint = f"；如果它是 Excel 的日期序号，对应 {day.isoformat()}，请写成 {day.isoformat()}"
        return None, f"{header}：{shown} 是数字，不是日期{hint}"
    text = unicodedata.normalize("NFKC", _text(cell))
    for form in DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            year, month, day = map(int, match.groups())
            try:
                return dt.date(year, month, day), None
            except ValueError:
                return None, f"{header}：{text} 不是有效的日期（{year} 年 {month} 月没有 {day} 日）"
    return None, f"{header}：“{text}”不是日期；请写成 2026-11-01 这样的形式"


def _number(cell: Any, column: SheetColumn) -> tuple[int | float | None, str | None]:
    if isinstance(cell, bool):
        return None, f"{column.header}：应为数字"
    if isinstance(cell, int | float):
        value: float = cell
    else:
        text = unicodedata.normalize("NFKC", _text(cell)).replace(",", "")
        try:
            value = float(text)
        except ValueError:
            kind = "整数" if column.value_type == "int" else "数字"
            return None, f"{column.header}：“{_text(cell)}”不是{kind}；只填数字，单位等写在说明里"
    if column.value_type == "int":
        if not float(value).is_integer():
            return None, f"{column.header}：{_text(cell)} 不是整数"
        return int(value), None
    return value, None


def _choice(text: str, choices: tuple[str, ...]) -> str:
    """A choice typed with full-width letters or stray spaces is still that choice."""
    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for choice in choices:
        if plain == re.sub(r"\s+", "", unicodedata.normalize("NFKC", choice)):
            return choice
    return text


@dataclass
class RowProblem:
    row: int
    messages: list[str]


@dataclass
class RowFile:
    row: int
    path: Path


@dataclass
class ImportReport:
    """What an import did, row by row: a new file (created), an existing file edited (updated), an
    existing file that already said the same (unchanged: not touched), or a row refused."""

    created: list[RowFile] = field(default_factory=list)
    updated: list[RowFile] = field(default_factory=list)
    unchanged: list[RowFile] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self, shown: Callable[[Path], str]) -> list[str]:
        """One line per imported row, in row order, saying what happened to its file."""
        done = [("已新建", f) for f in self.created] + [("已更新", f) for f in self.updated]
        done += [("未变", f) for f in self.unchanged]
        return [
            f"第 {f.row} 行：{verb} {shown(f.path)}"
            + ("（与表格内容相同，文件未改动）" if verb == "未变" else "")
            for verb, f in sorted(done, key=lambda d: d[1].row)
        ]

    def summary(self) -> str:
        return (
            f"导入 {len(self.created) + len(self.updated)} 条（新建 {len(self.created)} 条，"
            f"更新 {len(self.updated)} 条），{len(self.unchanged)} 条与已有记录相同（文件未改动），"
            f"拒绝 {len(self.rejected)} 行（被拒绝的行没有写入任何文件）"
        )


def row_to_record(
    cells: dict[str, Any], kind: str
) -> tuple[dict[str, Any], list[str]]:  # (data, problems in the cells themselves)
    """Cell values → YAML values by the column's type; problems name the column in Chinese. A cell
    with a problem keeps its text in the data, so the record's other checks still run."""
    data: dict[str, Any] = {}
    problems: list[str] = []
    for column in columns(kind):
        cell = cells.get(column.header)
        if cell is None or (isinstance(cell, str) and not cell.strip()) or column.path == "id":
            continue
        text = _text(cell)
        value: Any = text
        problem = None
        if text in EXCEL_ERRORS:
            problems.append(
                f"{column.header}：单元格是 Excel 的错误值 {text}（公式出错）；请改成正确的内容"
            )
            continue
        if column.shape == "list":
            separator = TEXT_SEPARATOR if column.free_text_list else CHOICE_SEPARATOR
            items = [_choice(i, column.choices) if column.choices else i for i in separator.split(text) if i]  # fmt: skip
            value = items
            wrong = [i for i in items if column.choices and i not in column.choices]
            if wrong:
                problem = (
                    f"{column.header}：{'、'.join(f'“{w}”' for w in wrong)}不是可选的值。"
                    f"可选：{'、'.join(column.choices)}；多项之间用分号“；”或顿号“、”分隔"
                )
        elif column.shape == "records":
            try:
                value = parse(decode(text.encode("utf-8"))).data
            except YamlError as exc:
                problem = f"{column.header}：不是有效的 YAML（{exc.problems[0].message}）"
        elif column.value_type == "bool":
            word = text.lower()
            if word in TRUE_WORDS:
                value = True
            elif word in FALSE_WORDS:
                value = False
            else:
                problem = f"{column.header}：请填“是”或“否”，而不是“{text}”"
        elif column.value_type == "date":
            value, problem = _date(cell, column.header)
        elif column.value_type in ("int", "float"):
            value, problem = _number(cell, column)
        else:
            if column.path.endswith("phone") and isinstance(cell, int | float):
                problem = (
                    f"{column.header}：{text} 是数字格式，开头的 0 和区号后的“-”会丢失；"
                    "请把这一列设为“文本”格式后重新输入号码"
                )
            if column.choices:
                value = _choice(text, column.choices)
        if problem:
            problems.append(problem)
            value = text
        _set(data, column.path, value)
    return data, problems


_STR_TAG = "tag:yaml.org,2002:str"


class _RecordDumper(yaml.SafeDumper):
    """Multi-line text as a literal block (|), as maintainers write descriptions by hand."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    if style is None and (needs_quotes(value) or _NUMBERISH.fullmatch(value)):
        # text that YAML 1.1 or 1.2 could read as a number, time, date or boolean ("110108",
        # "01062345678", "09:00", "1e5"): quoted, as maintainers write it by hand
        style = '"'
    return dumper.represent_scalar(_STR_TAG, value, style=style)


_NUMBERISH = re.compile(r"[-+.]?[0-9][0-9a-fA-FxXoObB_:.+-]*")


_RecordDumper.add_representer(str, _str)


def to_yaml(kind: str, data: dict[str, Any]) -> str:
    """A record file as a maintainer would write it: the schema modeline, fields in model order."""
    order = [c.path.split(".")[0] for c in columns(kind)]
    ordered = {k: data[k] for k in dict.fromkeys(order) if k in data}
    body = yaml.dump(ordered, Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, width=100)
    return f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n{body}"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _typed(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """Cell values → the record as the model holds it, without fields equal to their defaults."""
    model = KINDS[kind].model.model_validate(data, context=FROM_TEXT)
    return _plain(
        model.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    )


def _complete(kind: str, data: Any) -> dict[str, Any] | None:
    """Every field of the record (defaults included), or None when the data is not a valid record."""
    try:
        model = KINDS[kind].model.model_validate(data)
    except (ValidationError, ValueError, TypeError):
        return None
    return _plain(model.model_dump(mode="python", by_alias=True))


# Fields that tell two records with the same name apart (the first present in the kind's model).
OWNER_FIELDS = ("provider", "base", "affiliation", "issuer", "organizers", "region")


def normalise(text: str) -> str:
    """A name as typed, give or take full-width letters, spaces and case. Lighter than the duplicate
    finder's: "天文（上学期）" and "天文（下学期）" stay two courses."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _identity(kind: str, data: dict[str, Any]) -> tuple[str, str]:
    """(normalised name, normalised owner) of a record: the same course from the same provider."""
    fields = KINDS[kind].model.model_fields
    title = str(data.get(KINDS[kind].model.title_field) or "")
    owners = [f for f in OWNER_FIELDS if f in fields]
    owners = ["provider", "base"] if "provider" in owners else owners[:1]
    values = []
    for name in owners:
        value = data.get(name)
        if isinstance(value, list):
            value = "；".join(sorted(normalise(str(v)) for v in value))
        values.append(normalise(str(value)) if value else "")
    return normalise(title), "|".join(values)


def _row_key(cells: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (header, _text(v))
        for header, v in sorted(cells.items())
        if v not in (None, "") and _text(v)
    )


@dataclass
class _Existing:
    id: str
    path: Path
    identity: tuple[str, str]


def import_rows(
    content_dir: Path, kind: str, source: Path, *, root: Path, today: dt.date, update: bool = False
) -> ImportReport:
    if kind not in KINDS:
        raise UsageError(f"未知的记录类型 {kind}；可用：{', '.join(KINDS)}")
    info = KINDS[kind]
    sheet = read_sheet(source, kind)
    known = {c.header: c for c in columns(kind)} | {c.path: c for c in columns(kind)}
    catalogue, _ = check(content_dir, root=root, today=today)
    existing_ids = {k: set(by_id) for k, by_id in catalogue.records.items()}
    files = (
        {p.stem: p for p in (content_dir / info.folder).rglob("*.yml")}
        if (content_dir / info.folder).is_dir()
        else {}
    )
    on_disk = [
        _Existing(e.id, e.path, _identity(kind, e.doc.data))
        for e in catalogue.records.get(kind, {}).values()
        if e.doc is not None and isinstance(e.doc.data, dict)
    ]
    taken = set(files)
    report = ImportReport(notes=list(sheet.notes))
    pending: list[tuple[int, Entry, dict[str, Any]]] = []
    seen_ids: dict[str, int] = {}  # id → row that claimed it
    seen_rows: dict[tuple[tuple[str, str], ...], int] = {}
    seen_identities: dict[tuple[str, str], int] = {}
    for number, row in sheet.rows:
        cells = {known[h].header: v for h, v in zip(sheet.headers, row, strict=False) if h}
        problems = [sheet.merged[number]] if number in sheet.merged else []
        problems += sheet.formulas.get(number, [])
        stray = [
            index
            for index, cell in enumerate(row, start=1)
            if cell not in (None, "")
            and str(cell).strip()
            and (index > len(sheet.headers) or not sheet.headers[index - 1])
        ]
        if stray:
            problems.append(
                f"第 {'、'.join(map(str, stray))} 列有内容，但这一列没有列名；"
                "请补上模板中的列名，或删去这些内容"
            )
        key = _row_key(cells)
        if key in seen_rows:
            report.rejected.append(
                RowProblem(number, [f"与第 {seen_rows[key]} 行完全相同；同一条记录只需填写一行"])
            )
            continue
        seen_rows[key] = number
        data, cell_problems = row_to_record(cells, kind)
        problems += cell_problems
        identity = _identity(kind, data)
        given = _text(cells.get("编号") or "")
        target: Path | None = None  # the existing file this row updates
        if given:
            id_ = given
            if not re.fullmatch(ID_PATTERN, id_):
                problems.append(f"编号 {id_} 无效：只能用小写字母、数字和连字符")
            elif id_ in seen_ids:
                problems.append(
                    f"编号 {id_} 与第 {seen_ids[id_]} 行重复；一个编号只能用于一行"
                    "（如果是两条不同的记录，例如上、下学期的课程，请给这一行另起编号）"
                )
            elif id_ in files:
                target = files[id_]
        else:
            id_, target, problem = _match(kind, data, identity, on_disk, files, taken, root)
            if problem:
                problems.append(problem)
            elif target is not None and id_ in seen_ids:
                problems.append(
                    f"与第 {seen_ids[id_]} 行对应同一条已有记录 {id_}；一条记录只能由一行更新"
                )
            if identity in seen_identities and identity[0]:
                problems.append(
                    f"与第 {seen_identities[identity]} 行是同一条记录（名称和"
                    f"{_owner_label(kind)}相同）；请合并成一行，或填写不同的编号"
                )
        if target is not None and not update and not problems:
            problems.append(
                f"{id_} 已存在（{_shown(target, root)}）；要用这一行更新它请加 --update"
            )
        seen_ids.setdefault(id_, number)
        if identity[0]:
            seen_identities.setdefault(identity, number)
        sink = DiagnosticSink()
        try:
            text = to_yaml(kind, _typed(kind, data))
        except ValidationError:  # invalid: check the cell text itself to get the messages below
            text = to_yaml(kind, data)
        path = target or content_dir / info.folder / f"{id_}.yml"
        entry = Entry(info, id_, path, f"第 {number} 行")
        try:
            entry.doc = parse(decode(text.encode("utf-8")))
        except YamlError as exc:  # pragma: no cover - our own dump always parses
            report.rejected.append(RowProblem(number, [p.message for p in exc.problems]))
            continue
        check_record(entry, sink)
        flagged = {m.split("：", 1)[0] for m in problems}
        problems += [
            m
            for d in sink.errors
            if (m := _message(d.field, d.message, kind)).split("（", 1)[0] not in flagged
        ]
        if problems:
            report.rejected.append(RowProblem(number, problems))
            continue
        taken.add(id_)
        pending.append((number, entry, data))
    accepted_ids = {e.id for _, e, _ in pending}
    for number, entry, data in pending:
        dangling = [
            _message(
                ".".join(map(str, ref.path)), f"引用的{KINDS[ref.kind].label} {ref.id} 不存在", kind
            )
            for ref in references(entry)
            if ref.id not in existing_ids.get(ref.kind, set())
            and not (ref.kind == kind and ref.id in accepted_ids)
        ]
        if dangling:
            report.rejected.append(RowProblem(number, dangling))
            continue
        problem = _write(kind, entry.path, data, report, root, number)
        if problem:
            report.rejected.append(RowProblem(number, [problem]))
    report.rejected.sort(key=lambda r: r.row)
    return report


def _owner_label(kind: str) -> str:
    fields = KINDS[kind].model.model_fields
    owner = next((f for f in OWNER_FIELDS if f in fields), "region")
    return {c.path: c.header for c in columns(kind)}.get(owner, owner)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _match(
    kind: str,
    data: dict[str, Any],
    identity: tuple[str, str],
    on_disk: list[_Existing],
    files: dict[str, Path],
    taken: set[str],
    root: Path,
) -> tuple[str, Path | None, str | None]:
    """For a row without 编号: (id, existing file it is, problem). The same name and owner is the
    same record; the same name with another owner under the id the row would get is ambiguous."""
    title = str(data.get(KINDS[kind].model.title_field) or "")
    same = [e for e in on_disk if e.identity == identity and identity[0]]
    if len(same) == 1:
        return same[0].id, same[0].path, None
    if len(same) > 1:
        listed = "、".join(f"{e.id}（{_shown(e.path, root)}）" for e in same)
        return (
            same[0].id,
            None,
            f"与多条已有记录同名同{_owner_label(kind)}：{listed}；请在编号列填写要更新的那一条",
        )
    natural = slug_for(title, set())
    namesake = next((e for e in on_disk if e.id == natural and e.identity[0] == identity[0]), None)
    if namesake is not None:
        return (
            natural,
            None,
            (
                f"与已有记录 {natural}（{_shown(namesake.path, root)}）同名，但{_owner_label(kind)}不同；"
                f"如果是同一条记录，请在编号列填写 {natural}；如果是另一条，请填写一个新的编号"
            ),
        )
    return slug_for(title, taken | set(files)), None, None


def _write(
    kind: str, path: Path, data: dict[str, Any], report: ImportReport, root: Path, row: int
) -> str:
    """Write the row's record; an existing file is edited in place (see yamledit). Returns a problem."""
    typed = _typed(kind, data)
    new_text = to_yaml(kind, typed)
    existed = path.is_file()
    if existed:
        old_text = path.read_text(encoding="utf-8")
        try:
            old_data = parse(decode(old_text.encode("utf-8"))).data
        except YamlError:
            old_data = None
        old_complete = _complete(kind, old_data)
        if old_complete is None and yamledit.comment_lines(old_text):
            return (
                f"{_shown(path, root)}：现有文件读不通过校验，且有注释；用表格整个重写会丢失注释，"
                "请先运行 python build.py validate 并直接改正这个文件"
            )
        if old_complete is not None:

            def read_back(text: str) -> dict[str, Any] | None:
                try:
                    return _complete(kind, parse(decode(text.encode("utf-8"))).data)
                except YamlError:
                    return None

            def rewrite() -> str:
                # keep fields the file wrote out although they equal the default
                kept = dict(typed)
                new_complete = _complete(kind, typed) or {}
                for key, value in old_data.items():
                    if key not in kept and old_complete.get(key) == new_complete.get(key):
                        kept[key] = value
                return to_yaml(kind, kept)

            edit = yamledit.update(
                old_text,
                old_complete,
                _complete(kind, typed) or {},
                written=typed,
                order=list(dict.fromkeys(c.path.split(".")[0] for c in columns(kind))),
                read_back=read_back,
                rewrite=rewrite,
                dumper=_RecordDumper,
            )
            if edit.text is None:
                return f"{_shown(path, root)}：{edit.problem}"
            if edit.text == old_text:
                report.unchanged.append(RowFile(row, path))
                return ""
            new_text = edit.text
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new_text, encoding="utf-8")
    except OSError as exc:
        return f"无法写入 {_shown(path, root)}：{exc.strerror or exc}"
    (report.updated if existed else report.created).append(RowFile(row, path))
    return ""


def _header(kind: str, field_path: str) -> str:
    plain = re.sub(r"\.\d+", "", field_path)
    for column in columns(kind):
        if plain == column.path or plain.startswith(column.path + "."):
            return column.header
    below = [c.header for c in columns(kind) if c.path.startswith(plain + ".")]
    if below:
        return "/".join(below[:4]) + ("等" if len(below) > 4 else "")
    return field_path


_ENGLISH_TAIL = re.compile(r"\s*\((?=[^()]*[A-Za-z])[^()\u4e00-\u9fff]*\)\s*$")


def _message(field_path: str, message: str, kind: str) -> str:
    """A record message for a spreadsheet row: the column's Chinese header, no YAML quoting advice
    and no English detail."""
    text = for_sheet(_ENGLISH_TAIL.sub("", message))
    plain = re.sub(r"\.\d+", "", field_path)
    for column in columns(kind):  # "至少填写 url、phone 之一" → the columns the user sees
        key = column.path.removeprefix(plain + ".")
        if plain and key != column.path and "." not in key:
            text = re.sub(rf"(?<![A-Za-z_.]){re.escape(key)}(?![A-Za-z_])", column.header, text)
    return f"{_header(kind, field_path)}（{field_path}）：{text}" if field_path else text


def export_rows(content_dir: Path, kind: str, target: Path, *, template: bool = False) -> int:
    """Every record file of the kind as one row, in file-name order (none for a blank template);
    returns the row count."""
    if kind not in KINDS:
        raise UsageError(f"未知的记录类型 {kind}；可用：{', '.join(KINDS)}")
    if target.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(f"只能导出为 .xlsx 或 .csv 文件：{target.name}")
    folder = content_dir / KINDS[kind].folder
    paths = (
        sorted(folder.rglob("*.yml"), key=lambda p: p.stem)
        if folder.is_dir() and not template
        else []
    )
    rows = []
    for path in paths:
        try:
            data = parse(decode(path.read_bytes())).data
        except YamlError as exc:
            raise UsageError(
                f"{path}: 无法读取，请先运行 python build.py validate（{exc}）"
            ) from exc
        rows.append(record_to_row(path.stem, data, kind))
    write_rows(target, [c.header for c in columns(kind)], rows, kind)
    return len(rows)
