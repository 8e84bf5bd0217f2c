"""Spreadsheets both ways. `import` turns rows with Chinese headers (an office's 申报表, .xlsx or
.csv) into YAML records, each row checked exactly like a record file; `export` writes the reverse.
A rejected row writes nothing, and an existing record is replaced only with `--update`."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..catalogue import references
from ..content import Entry
from ..diagnostics import DiagnosticSink
from ..errors import UsageError
from ..ids import slug_for
from ..kinds import KINDS
from ..models.common import FROM_TEXT, ID_PATTERN
from ..pipeline import check
from ..validate import check_record
from ..yamlsafe import YamlError, decode, needs_quotes, parse
from .columns import SheetColumn, columns

LIST_SEPARATOR = re.compile(r"\s*[；;]\s*")
TRUE_WORDS = {"是", "true", "yes", "1", "y", "√"}
FALSE_WORDS = {"否", "false", "no", "0", "n", "×"}


# --- reading and writing sheets -------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Headers and (spreadsheet row number, cells) of the first sheet; empty rows skipped."""
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
    elif path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        table = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    else:
        raise UsageError(f"只支持 .xlsx 和 .csv 文件：{path.name}")
    if not table:
        raise UsageError(f"{path.name} 是空表")
    headers = [str(h).strip() if h is not None else "" for h in table[0]]
    rows = [
        (number, row)
        for number, row in enumerate(table[1:], start=2)
        if any(cell not in (None, "") for cell in row)
    ]
    return headers, rows


def write_rows(
    path: Path, headers: list[str], rows: list[list[Any]], notes: list[list[str]]
) -> None:
    if path.suffix.lower() == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            writer.writerows(rows)
        return
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"只支持 .xlsx 和 .csv 文件：{path.name}")
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "记录"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column_cells in sheet.columns:
        sheet.column_dimensions[column_cells[0].column_letter].width = 18
        for cell in column_cells[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.number_format = "@"  # text: codes such as 110108 keep their digits
    sheet.freeze_panes = "B2"
    guide = workbook.create_sheet("填写说明")
    guide.append(["列名", "必填", "填写说明"])
    for note in notes:
        guide.append(note)
    for cell in guide[1]:
        cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["C"].width = 90
    workbook.properties.creator = "科教资源目录"
    workbook.save(path)


def notes_for(kind: str) -> list[list[str]]:
    notes = []
    for column in columns(kind):
        text = column.description
        if column.choices:
            text += "。取值：" + "、".join(column.choices)
        if column.shape == "list":
            text += "。可填多项，用分号“；”分隔"
        if column.shape == "records":
            text += "。每项按 YAML 格式填写（可参考导出的表格），不需要可留空"
        notes.append([column.header, "是" if column.required else "", text.strip("。") + "。"])
    return notes


# --- records ↔ rows ----------------------------------------------------------------------


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
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).strip()
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
    """A cell as the text a maintainer meant: Excel numbers lose their ".0", dates their time."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


@dataclass
class RowProblem:
    row: int
    messages: list[str]


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)


def row_to_record(
    cells: dict[str, Any], kind: str
) -> tuple[dict[str, Any], list[str]]:  # (data, problems in the cells themselves)
    data: dict[str, Any] = {}
    problems: list[str] = []
    for column in columns(kind):
        cell = cells.get(column.header)
        if cell is None or (isinstance(cell, str) and not cell.strip()) or column.path == "id":
            continue
        text = _text(cell)
        if column.shape == "list":
            _set(data, column.path, [item for item in LIST_SEPARATOR.split(text) if item])
        elif column.shape == "records":
            try:
                _set(data, column.path, parse(decode(text.encode("utf-8"))).data)
            except YamlError as exc:
                problems.append(f"{column.header}：不是有效的 YAML（{exc.problems[0].message}）")
        elif text.lower() in TRUE_WORDS and column.path in ("example", "grades.vocational"):
            _set(data, column.path, True)
        elif text.lower() in FALSE_WORDS and column.path in ("example", "grades.vocational"):
            _set(data, column.path, False)
        else:
            _set(data, column.path, text)
    return data, problems


class _RecordDumper(yaml.SafeDumper):
    """Multi-line text as a literal block (|), as maintainers write descriptions by hand."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else ("'" if needs_quotes(value) else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


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
    """Cell text → the YAML types the model expects (numbers, dates), via the model itself."""
    model = KINDS[kind].model.model_validate(data, context=FROM_TEXT)
    dumped = model.model_dump(
        mode="python", by_alias=True, exclude_none=True, exclude_defaults=True
    )
    return _plain(dumped)


def import_rows(
    content_dir: Path, kind: str, source: Path, *, root: Path, today: dt.date, update: bool = False
) -> ImportReport:
    if kind not in KINDS:
        raise UsageError(f"未知的记录类型 {kind}；可用：{', '.join(KINDS)}")
    info = KINDS[kind]
    headers, rows = read_rows(source)
    known = {c.header: c for c in columns(kind)} | {c.path: c for c in columns(kind)}
    unknown = [h for h in headers if h and h not in known]
    if unknown:
        raise UsageError(
            f"{source.name} 有无法识别的列：{'、'.join(unknown)}（列名见 spreadsheets/ 中的模板）"
        )
    catalogue, _ = check(content_dir, root=root, today=today)
    existing = {k: set(by_id) for k, by_id in catalogue.records.items()}
    files = (
        {p.stem: p for p in (content_dir / info.folder).rglob("*.yml")}
        if (content_dir / info.folder).is_dir()
        else {}
    )
    taken = set(files)
    report = ImportReport()
    pending: list[tuple[int, Path, str, Entry]] = []
    for number, row in rows:
        cells = {known[h].header: v for h, v in zip(headers, row, strict=False) if h}
        data, problems = row_to_record(cells, kind)
        id_ = _text(cells.get("编号") or "") or slug_for(
            str(_get(data, info.model.title_field) or ""), taken
        )
        if not re.fullmatch(ID_PATTERN, id_):
            problems.append(f"编号 {id_} 无效：只能用小写字母、数字和连字符")
        elif id_ in files and not update:
            problems.append(
                f"{id_} 已存在（{files[id_].relative_to(root).as_posix()}）；要覆盖请加 --update"
            )
        if problems:
            report.rejected.append(RowProblem(number, problems))
            continue
        sink = DiagnosticSink()
        try:
            text = to_yaml(kind, _typed(kind, data))
        except ValidationError:  # invalid: check the cell text itself to get the messages below
            text = to_yaml(kind, data)
        entry = Entry(info, id_, content_dir / info.folder / f"{id_}.yml", f"第 {number} 行")
        try:
            entry.doc = parse(decode(text.encode("utf-8")))
        except YamlError as exc:  # pragma: no cover - our own dump always parses
            report.rejected.append(RowProblem(number, [p.message for p in exc.problems]))
            continue
        check_record(entry, sink)
        messages = [_message(d.field, d.message, kind) for d in sink.errors]
        if not messages:
            taken.add(id_)
            pending.append((number, entry.path, text, entry))
        else:
            report.rejected.append(RowProblem(number, messages))
    accepted_ids = {e.id for *_, e in pending}
    for number, path, text, entry in pending:
        dangling = [
            _message(
                ".".join(map(str, ref.path)), f"引用的{KINDS[ref.kind].label} {ref.id} 不存在", kind
            )
            for ref in references(entry)
            if ref.id not in existing.get(ref.kind, set())
            and not (ref.kind == kind and ref.id in accepted_ids)
        ]
        if dangling:
            report.rejected.append(RowProblem(number, dangling))
            continue
        path = files.get(entry.id, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        report.written.append(path)
    report.rejected.sort(key=lambda r: r.row)
    return report


def _header(kind: str, field_path: str) -> str:
    plain = re.sub(r"\.\d+", "", field_path)
    for column in columns(kind):
        if plain == column.path or plain.startswith(column.path + "."):
            return column.header
    return field_path


def _message(field_path: str, message: str, kind: str) -> str:
    return f"{_header(kind, field_path)}（{field_path}）：{message}" if field_path else message


def export_rows(content_dir: Path, kind: str, target: Path, *, template: bool = False) -> int:
    """Every record file of the kind as one row, in file-name order (none for a blank template);
    returns the row count."""
    if kind not in KINDS:
        raise UsageError(f"未知的记录类型 {kind}；可用：{', '.join(KINDS)}")
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
    write_rows(target, [c.header for c in columns(kind)], rows, notes_for(kind))
    return len(rows)
