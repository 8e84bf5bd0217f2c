"""Reading the files that Excel and WPS really produce, and writing ours so they open cleanly.

Reading goes by the file's content, not its name: an .xlsx (zip), an .xls (OLE2, read with xlrd),
or text (CSV) in UTF-8 with or without BOM, UTF-16 ("Unicode 文本") or GB18030/GBK (Chinese
Windows Excel's "CSV (逗号分隔)"). Lock files, HTML saved as .xls, and other things that are not a
table get a Chinese message saying what to do, never a traceback. What was decided on the way (an
encoding, a renamed file) is returned as notes, so nothing is guessed silently.

Writing neutralises formula-like text (kejiao.cells), stores every string as a text cell, and makes
the xlsx bytes deterministic (fixed timestamps), so the shipped templates can be checked for drift.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cells import neutralise
from ..errors import UsageError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
DELIMITERS = (",", "\t", ";")
# A fixed moment for the workbook's properties and zip entries: same input, same bytes.
EPOCH = dt.datetime(2026, 1, 1)


@dataclass
class Table:
    """The first sheet as rows of cells, plus merged ranges and notes on how it was read."""

    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 1-based r1, c1, r2, c2
    notes: list[str] = field(default_factory=list)
    text: str | None = None  # for CSV: the decoded text, split by `split_csv`
    uncomputed: list[tuple[int, int]] = field(default_factory=list)  # formulas with no value


def read_table(path: Path) -> Table:
    name = path.name
    if name.startswith("~$"):
        raise UsageError(
            f"{name} 是 Excel/WPS 打开 {name[2:]} 时生成的临时锁定文件，不是表格；"
            f"请导入 {name[2:]} 本身（如果提示文件被占用，先在 Excel/WPS 中关闭它）"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取 {name}：{exc.strerror or exc}") from exc
    if not raw.strip():
        raise UsageError(f"{name} 是空文件")
    suffix = path.suffix.lower()
    if raw.startswith(ZIP):
        table = _xlsx(path, raw)
        if suffix not in (".xlsx", ".xlsm"):
            table.notes.append(f"{name} 实际上是 Excel 工作簿（.xlsx），已按 .xlsx 读取")
        return table
    if raw.startswith(OLE2):
        return _xls(path, raw)
    head = raw[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype", b"<table", b"<?xml")) or b"<html" in head:
        raise UsageError(
            f"{name} 是网页（HTML/XML）格式，只是扩展名像表格；"
            "请在 Excel/WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入"
        )
    text, encoding = decode_text(raw, name)
    table = Table([], text=text)
    if encoding:
        table.notes.append(f"{name} 按 {encoding} 编码读取")
    if suffix not in (".csv", ".txt", ".tsv"):
        table.notes.append(f"{name} 实际上是文本（CSV）文件，已按 CSV 读取")
    return table


def decode_text(raw: bytes, name: str) -> tuple[str, str | None]:
    """The text and, when it is not UTF-8, the encoding used (reported to the user)."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), None
        except UnicodeDecodeError as exc:
            raise _undecidable(name) from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:  # GBK is what Chinese Windows Excel writes; GB18030 extends it to all of Unicode
        return raw.decode("gbk"), "GBK/GB18030（中文 Windows 的默认编码）"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise _undecidable(name) from exc
    # GB18030 decodes almost any bytes; private-use characters betray another encoding.
    if any(0xE000 <= ord(ch) <= 0xF8FF for ch in text):
        raise _undecidable(name)
    return text, "GB18030"


def _undecidable(name: str) -> UsageError:
    return UsageError(
        f"无法确定 {name} 的文字编码（不是 UTF-8，也不是 GBK/GB18030）；"
        "请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”，或在 WPS 中另存为 .xlsx 后再导入"
    )


def split_csv(text: str, delimiter: str) -> list[list[Any]]:
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx(path: Path, raw: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UsageError(
            f"{path.name} 不是可以读取的 Excel 工作簿（文件损坏，或是 WPS .et、.ods 等其他格式）；"
            "请在 Excel/WPS 中“另存为”Excel 工作簿（.xlsx）后再导入"
        ) from exc
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
    notes = []
    if len(workbook.worksheets) > 1 and sheet.title != "记录":
        notes.append(f"{path.name} 有多个工作表，只导入第一个“{sheet.title}”")
    workbook.close()
    # A formula's value is what Excel stored when it last saved; a file written by a program and
    # never opened in Excel has none, and the cell would read as empty.
    uncomputed = []
    if any(cell is None for row in rows for cell in row):
        formulas = load_workbook(io.BytesIO(raw), read_only=True).worksheets[0]
        for r, row in enumerate(formulas.iter_rows(values_only=True), start=1):
            for c, value in enumerate(row, start=1):
                if (
                    isinstance(value, str)
                    and value.startswith("=")
                    and (r > len(rows) or c > len(rows[r - 1]) or rows[r - 1][c - 1] is None)
                ):
                    uncomputed.append((r, c))
    return Table(rows, merged, notes, uncomputed=uncomputed)


def _xls(path: Path, raw: bytes) -> Table:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True)
    except Exception as exc:  # xlrd raises many kinds for a broken file
        raise UsageError(
            f"{path.name} 是旧版 Excel 格式（.xls）但无法读取（可能已加密或损坏）；"
            "请在 Excel/WPS 中“另存为”Excel 工作簿（.xlsx）后再导入"
        ) from exc
    sheet = book.sheet_by_index(0)
    rows: list[list[Any]] = []
    for r in range(sheet.nrows):
        row: list[Any] = []
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                row.append(bool(cell.value))
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                row.append(xlrd.error_text_from_code.get(cell.value, "#错误"))
            else:
                row.append(cell.value)
        rows.append(row)
    # xlrd gives half-open, 0-based (rlo, rhi, clo, chi)
    merged = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sheet.merged_cells]
    return Table(rows, merged)


# --- writing -----------------------------------------------------------------------------


def write_csv(path: Path, headers: list[str], rows: list[list[Any]]) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([[neutralise(cell) for cell in row] for row in rows])
    _save(path, ("\ufeff" + out.getvalue()).encode("utf-8"))


def _save(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except PermissionError as exc:
        raise UsageError(
            f"无法写入 {path}：没有权限，或文件正在 Excel/WPS 中打开（请先关闭它）"
        ) from exc
    except OSError as exc:
        raise UsageError(f"无法写入 {path}：{exc.strerror or exc}") from exc


def deterministic_zip(data: bytes) -> bytes:
    """The same zip with every entry stamped EPOCH, so equal workbooks are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            stamped = zipfile.ZipInfo(info.filename, date_time=EPOCH.timetuple()[:6])
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the clock
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + EPOCH.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    content,
                )
            target.writestr(stamped, content)
    return out.getvalue()


def save_workbook(workbook: Any, path: Path) -> None:
    workbook.properties.creator = "科教资源目录"
    workbook.properties.created = EPOCH
    workbook.properties.modified = EPOCH
    workbook.properties.lastModifiedBy = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    _save(path, deterministic_zip(buffer.getvalue()))
