"""The open data: the Frictionless data package (CSV tables, full JSON per kind, datapackage.json)
and the 数据下载 page that describes it, with each table's row count taken from its rows (two
producers: see open_data_page)."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import Catalogue
from ..kinds import KINDS, all_tables
from ..opendata.package import data_files, table_counts
from .context import File, Output, Page, RenderContext

COLUMN_TYPES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否",
    "date": "日期",
    "list": "列表（; 分隔）",
}


def open_data(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    """The data package's files (made while the engine draws: see producers.WHILE_DRAWING)."""
    files, counts = data_files(
        catalogue,
        title=context.page.site_name,
        licence=context.page.licence,
        site_url=context.page.site_url,
        created=context.updated,
    )
    for path, text in files.items():
        yield File(path, text, rows=counts.get(path.removeprefix("data/").removesuffix(".csv")))


def open_data_page(catalogue: Catalogue, context: RenderContext) -> Iterator[Output]:
    """The 数据下载 page. It counts the tables' rows itself (about a sixth of the work of making
    the files) so that it can be framed by the engine before the files are made."""
    counts = table_counts(catalogue, context.page.site_url)
    body = context.body(
        "download.html", "data/", tables=all_tables(), counts=counts, kinds=list(KINDS.values()),
        licence=context.page.licence, types=COLUMN_TYPES,
    )  # fmt: skip
    yield Page("data/", "数据下载", "本目录全部公开记录的开放数据：CSV、JSON 和数据包说明", body)
